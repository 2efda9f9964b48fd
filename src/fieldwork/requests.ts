// What every fieldwork service does with a request: check it against its
// schema, refuse it in one line (400 / 404 / 409), narrow it to the caller's
// area, and know what day it is in Indonesia.
import { InvalidRequest } from '../access/errors.ts';
import { formatRegionCode, normaliseRegionCode } from '../regions/codes.ts';

export { narrowScope, requirePermissionWithin } from '../access/actor.ts';
export { Conflict, InvalidRequest, NotFound, parseRequest } from '../access/errors.ts';
export { todayInJakarta } from '../indicators/periods.ts';

export interface FieldworkOptions {
  /** Today (YYYY-MM-DD); default: todayInJakarta(). Tests move it. */
  today?: string | undefined;
}

export const dotted = formatRegionCode;

/** A village code in canonical form (the schemas have checked its shape). */
export function villageCode(text: string): string {
  const normal = normaliseRegionCode(text);
  if (normal === null || normal.level !== 'desa') {
    throw new InvalidRequest(`desa ${text}: not a village code`);
  }
  return normal.code;
}

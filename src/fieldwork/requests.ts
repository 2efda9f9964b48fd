// What every fieldwork service does with a request: check it against its
// schema, refuse it in one line (400 / 404 / 409), narrow it to the caller's
// area, and know what day it is in Indonesia.
import type { z } from 'zod';
import { type Actor, requirePermission } from '../access/actor.ts';
import { AccessDenied } from '../access/errors.ts';
import { narrow, type Permission, type Scope } from '../access/roles.policy.ts';
import { formatRegionCode, normaliseRegionCode } from '../regions/codes.ts';

/** A request the caller can correct (400 over HTTP, one line on the CLI). */
export class FieldworkInputError extends Error {
  readonly statusCode = 400;
}

/** The request contradicts what is stored (409). */
export class FieldworkConflict extends Error {
  readonly statusCode = 409;
}

export class FieldworkNotFound extends Error {
  readonly statusCode = 404;
}

/** The input checked against its schema; the first problem as `field: message`. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'input';
    throw new FieldworkInputError(`${field}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

const JAKARTA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Jakarta',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date (YYYY-MM-DD) in Asia/Jakarta, the calendar of terms and visits. */
export function todayInJakarta(now: Date = new Date()): string {
  return JAKARTA_DAY.format(now);
}

export interface FieldworkOptions {
  /** Today (YYYY-MM-DD); default: todayInJakarta(). Tests move it. */
  today?: string | undefined;
}

export const dotted = formatRegionCode;

/** A village code in canonical form (the schemas have checked its shape). */
export function villageCode(text: string): string {
  const normal = normaliseRegionCode(text);
  if (normal === null || normal.level !== 'desa') {
    throw new FieldworkInputError(`desa ${text}: not a village code`);
  }
  return normal.code;
}

/** The scope of a permission, narrowed to `within` when given; outside it: refused. */
export function scopeWithin(scope: Scope, within: string | undefined): Scope {
  if (within === undefined) return scope;
  const code = normaliseRegionCode(within)?.code;
  if (code === undefined) throw new FieldworkInputError(`within ${within}: not a region code`);
  const narrowed = narrow(scope, code);
  if (narrowed === null) throw new AccessDenied(`region ${within}: outside your area`);
  return narrowed;
}

/** Where the actor holds the permission, narrowed to `within` when given. */
export function areaOf(actor: Actor, permission: Permission, within?: string): Scope {
  return scopeWithin(requirePermission(actor, permission), within);
}

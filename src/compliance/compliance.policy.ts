// Who may do what, and where, for employer compliance and the forums. The
// permissions are in src/access/roles.policy.ts (compliance:read|manage,
// forum:read|manage); here, how a request's region meets the caller's scope.
import { type Actor, requirePermission } from '../access/actor.ts';
import { AccessDenied } from '../access/errors.ts';
import { covers, type Permission, type Scope } from '../access/roles.policy.ts';
import { formatRegionCode, normaliseRegionCode } from '../regions/codes.ts';
import { InvalidRequest } from './compliance.errors.ts';

/** A region code as typed (dotted or plain), in its plain form; 400 otherwise. */
export function regionCodeOf(field: string, text: string) {
  const region = normaliseRegionCode(text);
  if (region === null) throw new InvalidRequest(`${field}: ${text} is not a region code`);
  return region;
}

export { requirePermissionWithin } from '../access/actor.ts';

/** Refuses (403) an action on a region the caller's permission does not cover. */
export function requireRegion(actor: Actor, permission: Permission, region: string): void {
  const scope = requirePermission(actor, permission);
  if (!covers(scope, region)) {
    throw new AccessDenied(`region ${formatRegionCode(region)}: outside your area`);
  }
}

/**
 * A forum's region is seen from the scope when it lies inside it or contains
 * it: a district user sees its villages' and kecamatan's forums, and its
 * province's. The SQL twin is forumRegionSeen (forum.repository.ts).
 */
export function forumSeen(scope: Scope, region: string): boolean {
  return (
    covers(scope, region) || (!scope.everywhere && scope.prefixes.some((p) => p.startsWith(region)))
  );
}

// Who may do what, and where, for employer compliance and the forums. The
// permissions are in src/access/roles.policy.ts (compliance:read|manage,
// forum:read|manage); here, how a request's region meets the caller's scope.
import { type Actor, requirePermission } from '../access/actor.ts';
import { AccessDenied } from '../access/errors.ts';
import { covers, narrow, type Permission, type Scope } from '../access/roles.policy.ts';
import { formatRegionCode, normaliseRegionCode } from '../regions/codes.ts';
import { ComplianceInputError } from './compliance.errors.ts';

/** A region code as typed (dotted or plain), in its plain form; 400 otherwise. */
export function regionCodeOf(field: string, text: string) {
  const region = normaliseRegionCode(text);
  if (region === null) throw new ComplianceInputError(`${field}: ${text} is not a region code`);
  return region;
}

/**
 * Where the permission reaches, narrowed to `within` when given (a province
 * asked of a district user: the district). Refuses a region outside it.
 */
export function scopeWithin(actor: Actor, permission: Permission, within?: string): Scope {
  const scope = requirePermission(actor, permission);
  if (within === undefined) return scope;
  const code = regionCodeOf('within', within).code;
  const narrowed = narrow(scope, code);
  if (narrowed === null) throw new AccessDenied(`region ${within}: outside your area`);
  return narrowed;
}

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

// The acting user of a request or a command: who (for the audit log), how they
// got in, from where, and what they hold. Every access to personal data takes
// one of these.
import { normaliseRegionCode } from '../regions/codes.ts';
import { AccessDenied, InvalidRequest } from './errors.ts';
import {
  type Grant,
  isAllowedAnywhere,
  narrow,
  type Permission,
  type Scope,
  scopeOf,
} from './roles.policy.ts';

export interface Actor {
  /** The user's name, or `system:local` for the CLI run without --as. */
  name: string;
  kind: 'user' | 'token' | 'system';
  userId: number | null;
  grants: readonly Grant[];
  via: 'http' | 'cli';
  ip: string | null;
  /** For a token: its id (recorded in the audit log's query). */
  tokenId?: number;
}

/**
 * The local system account: someone at the server's console with the data
 * directory in hand, who could read the files anyway. Recorded as such.
 */
export const LOCAL_SYSTEM: Actor = Object.freeze({
  name: 'system:local',
  kind: 'system',
  userId: null,
  grants: Object.freeze([{ role: 'admin', region: null }]) as readonly Grant[],
  via: 'cli',
  ip: null,
});

/**
 * Where the actor holds the permission; refuses (AccessDenied) when nowhere.
 * Every service checks its permission through this.
 */
export function requirePermission(actor: Actor, permission: Permission): Scope {
  const scope = scopeOf(actor.grants, permission);
  if (!isAllowedAnywhere(scope)) throw new AccessDenied(`not allowed: ${permission}`);
  return scope;
}

/**
 * The scope narrowed to a region the request names (dotted or plain, any
 * level): 400 for a code that is none, 403 for a region outside the scope.
 */
export function narrowScope(scope: Scope, within?: string): Scope {
  if (within === undefined) return scope;
  const code = normaliseRegionCode(within)?.code;
  if (code === undefined) throw new InvalidRequest(`within ${within}: not a region code`);
  const narrowed = narrow(scope, code);
  if (narrowed === null) throw new AccessDenied(`region ${within}: outside your area`);
  return narrowed;
}

/** Where the actor holds the permission, narrowed to the region asked for. */
export function requirePermissionWithin(
  actor: Actor,
  permission: Permission,
  within?: string,
): Scope {
  return narrowScope(requirePermission(actor, permission), within);
}

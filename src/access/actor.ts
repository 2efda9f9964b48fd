// The acting user of a request or a command: who (for the audit log), how they
// got in, from where, and what they hold. Every access to personal data takes
// one of these.
import { AccessDenied } from './errors.ts';
import {
  type Grant,
  isAllowedAnywhere,
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

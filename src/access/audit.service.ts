// Reading the audit log: admins only.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import { findAudit } from './audit.repository.ts';
import { AccessDenied } from './errors.ts';
import { isAllowedAnywhere, scopeOf } from './roles.policy.ts';

export async function listAudit(
  db: Kysely<DB>,
  actor: Actor,
  filter: { actor?: string | undefined; since?: Date | undefined; limit: number },
) {
  if (!isAllowedAnywhere(scopeOf(actor.grants, 'audit:read'))) {
    throw new AccessDenied('not allowed: audit:read');
  }
  return findAudit(db, filter);
}

// Reading the audit log: admins only.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Actor, requirePermission } from './actor.ts';
import { findAudit } from './audit.repository.ts';

export async function listAudit(
  db: Kysely<DB>,
  actor: Actor,
  filter: { actor?: string | undefined; since?: Date | undefined; limit: number },
) {
  requirePermission(actor, 'audit:read');
  return findAudit(db, filter);
}

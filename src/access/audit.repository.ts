// The audit log: append-only (the table refuses UPDATE, DELETE and TRUNCATE).
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Actor } from './actor.ts';
import type { Scope } from './roles.policy.ts';

export interface AuditRow {
  actor: string;
  actor_kind: 'user' | 'token' | 'system';
  via: 'http' | 'cli';
  ip: string | null;
  action: string;
  subject: string;
  purpose: string | null;
  query: Record<string, unknown>;
  scope: string[] | null;
  period: string | null;
  row_count: number | null;
  niks: string[];
}

export async function insertAudit(db: Kysely<DB>, row: AuditRow): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ ...row, query: JSON.stringify(row.query) })
    .execute();
}

export function findAudit(
  db: Kysely<DB>,
  filter: { actor?: string | undefined; since?: Date | undefined; limit: number },
) {
  let q = db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor',
      'actor_kind',
      'via',
      'ip',
      'action',
      'subject',
      'purpose',
      'query',
      'scope',
      'period',
      'row_count',
      sql<number>`cardinality(niks)`.as('people'),
    ])
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.actor) q = q.where('actor', '=', filter.actor);
  if (filter.since) q = q.where('at', '>=', filter.since);
  return q.execute();
}

/** One entry: who (the actor), from where, what, why, which query, how many rows, whom. */
export async function recordAudit(
  db: Kysely<DB>,
  actor: Actor,
  entry: {
    action: string;
    subject: string;
    ctx?: { purpose: string };
    query?: Record<string, unknown>;
    scope?: Scope | null;
    period?: string | null;
    rowCount?: number | null;
    niks?: string[];
  },
): Promise<void> {
  const query = { ...(entry.query ?? {}) };
  for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];
  if (actor.tokenId !== undefined) query.token = actor.tokenId;
  await insertAudit(db, {
    actor: actor.name,
    actor_kind: actor.kind,
    via: actor.via,
    ip: actor.ip,
    action: entry.action,
    subject: entry.subject,
    purpose: entry.ctx?.purpose ?? null,
    query,
    scope: !entry.scope || entry.scope.everywhere ? null : entry.scope.prefixes,
    period: entry.period ?? null,
    row_count: entry.rowCount ?? null,
    niks: entry.niks ?? [],
  });
}

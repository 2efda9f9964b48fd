// Retention: registers and extracts are kept for a set number of months
// (PESIAR_RETENTION_MONTHS, default 24), then their rows are deleted. The
// import history keeps a line for each, marked purged. Population figures
// hold no personal data and are kept.
import { type Actor, requirePermission } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import type { Database } from '../db/database.ts';
import { purgeBefore } from './imports.repository.ts';

/** The first month kept: `months` before the month of `now` (YYYY-MM). */
export function retentionCutoff(months: number, now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  return d.toISOString().slice(0, 7);
}

export interface PurgeResult {
  keepFrom: string | null;
  imports: number;
  rows: number;
}

export async function purgeExpired(
  database: Database,
  actor: Actor,
  months: number,
  now: Date = new Date(),
): Promise<PurgeResult> {
  requirePermission(actor, 'data:purge');
  if (months === 0) return { keepFrom: null, imports: 0, rows: 0 };
  const keepFrom = retentionCutoff(months, now);
  return database.db.transaction().execute(async (trx) => {
    const result = await purgeBefore(trx, ['population', 'membership'], keepFrom, now);
    if (result.imports > 0) {
      await recordAudit(trx, actor, {
        action: 'purge',
        subject: 'imports',
        query: { months, keepFrom, imports: result.imports },
        rowCount: result.rows,
      });
    }
    return { keepFrom, ...result };
  });
}

// Monev of the field: what each agent, village and district did in a month,
// and what it led to. Counts only (agents by name: they are officials).
import type { Actor } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { performanceQuerySchema } from './fieldwork.schema.ts';
import { findPerformance, type PerformanceCounts } from './performance.repository.ts';
import { requirePermissionWithin } from './requests.ts';

export interface PerformanceRow extends PerformanceCounts {
  /** Proposals per household reached; null when none was reached. Never capped. */
  visit_to_proposal: number | null;
  /** People confirmed active this month per person proposed this month (from earlier months too). */
  proposal_to_active: number | null;
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part * 10000) / whole) / 10000;

export async function agentPerformance(
  database: Database,
  actor: Actor,
  query: unknown,
): Promise<{ period: string; rows: PerformanceRow[] }> {
  const q = performanceQuerySchema.parse(query);
  const scope = requirePermissionWithin(actor, 'performance:read', q.within);
  const rows = await findPerformance(database.db, q.period, scope);
  return {
    period: q.period,
    rows: rows.map((r) => ({
      ...r,
      visit_to_proposal: ratio(r.proposals, r.households_reached),
      proposal_to_active: ratio(r.confirmed_active, r.people_proposed),
    })),
  };
}

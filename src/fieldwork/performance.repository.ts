// Agent performance for a month, in one statement: visits, households
// reached, outreach, proposals, and the people the month's reconciliation
// confirmed active (the figure that counts), per agent, per village and per
// district (GROUPING SETS over one stream of events).
import { type Kysely, sql } from 'kysely';
import { likeAny } from '../access/personal-data.repository.ts';
import type { Scope } from '../access/roles.policy.ts';
import type { DB } from '../db/schema.ts';

export interface PerformanceCounts {
  level: 'agen' | 'desa' | 'kabupaten';
  agent_id: number | null;
  agent: string | null;
  region_code: string;
  region: string;
  visits: number;
  households_reached: number;
  outreach_events: number;
  outreach_attendance: number;
  proposals: number;
  people_proposed: number;
  confirmed_active: number;
  reactivations: number;
}

export async function findPerformance(
  db: Kysely<DB>,
  period: string,
  scope: Scope,
): Promise<PerformanceCounts[]> {
  const r = await sql<PerformanceCounts & { g_agent: number; g_desa: number }>`
    WITH b AS (
      SELECT to_date(${period} || '-01', 'YYYY-MM-DD') AS d0,
        (to_date(${period} || '-01', 'YYYY-MM-DD') + interval '1 month')::date AS d1
    ), e AS (
      SELECT 'visit' AS kind, v.agent_id, v.kabupaten_code, v.desa_code,
        CASE WHEN v.outcome <> 'TIDAK_DITEMUI' THEN v.desa_code || '/' || v.household END AS reached,
        0 AS people, false AS reactivation
      FROM visits v, b WHERE v.visited_on >= b.d0 AND v.visited_on < b.d1 AND ${likeAny('v.desa_code', scope)}
      UNION ALL
      SELECT 'outreach', o.agent_id, o.kabupaten_code, o.desa_code, NULL, o.attendance, false
      FROM outreach_events o, b WHERE o.held_on >= b.d0 AND o.held_on < b.d1 AND ${likeAny('o.desa_code', scope)}
      UNION ALL
      SELECT 'proposal', p.agent_id, p.kabupaten_code, p.desa_code, NULL,
        (SELECT count(*)::int FROM proposal_people pp WHERE pp.proposal_id = p.id), false
      FROM proposals p, b WHERE p.proposed_on >= b.d0 AND p.proposed_on < b.d1 AND ${likeAny('p.desa_code', scope)}
      UNION ALL
      SELECT 'confirmed', p.agent_id, p.kabupaten_code, p.desa_code, NULL, 1, t.status = 'NONAKTIF'
      FROM proposal_people pp
      JOIN proposals p ON p.id = pp.proposal_id
      JOIN targets t ON t.id = pp.target_id
      WHERE pp.confirmed_period = ${period} AND ${likeAny('p.desa_code', scope)}
    ), g AS (
      SELECT e.agent_id, e.kabupaten_code, e.desa_code,
        GROUPING(e.agent_id) AS g_agent, GROUPING(e.desa_code) AS g_desa,
        count(*) FILTER (WHERE kind = 'visit')::int AS visits,
        count(DISTINCT reached)::int AS households_reached,
        count(*) FILTER (WHERE kind = 'outreach')::int AS outreach_events,
        coalesce(sum(people) FILTER (WHERE kind = 'outreach'), 0)::int AS outreach_attendance,
        count(*) FILTER (WHERE kind = 'proposal')::int AS proposals,
        coalesce(sum(people) FILTER (WHERE kind = 'proposal'), 0)::int AS people_proposed,
        count(*) FILTER (WHERE kind = 'confirmed')::int AS confirmed_active,
        count(*) FILTER (WHERE kind = 'confirmed' AND reactivation)::int AS reactivations
      FROM e
      GROUP BY GROUPING SETS ((e.agent_id), (e.kabupaten_code, e.desa_code), (e.kabupaten_code))
    )
    SELECT CASE WHEN g.g_agent = 0 THEN 'agen' WHEN g.g_desa = 0 THEN 'desa' ELSE 'kabupaten' END AS level,
      g.agent_id, a.nama AS agent,
      CASE WHEN g.g_agent = 0 THEN coalesce(a.desa_code, '') WHEN g.g_desa = 0 THEN g.desa_code
        ELSE g.kabupaten_code END AS region_code,
      coalesce(r.name, '') AS region,
      g.visits, g.households_reached, g.outreach_events, g.outreach_attendance, g.proposals,
      g.people_proposed, g.confirmed_active, g.reactivations
    FROM g
    LEFT JOIN agents a ON g.g_agent = 0 AND a.id = g.agent_id
    LEFT JOIN regions r ON r.code = CASE WHEN g.g_agent = 0 THEN a.desa_code
      WHEN g.g_desa = 0 THEN g.desa_code ELSE g.kabupaten_code END
    ORDER BY CASE WHEN g.g_agent = 0 THEN 1 WHEN g.g_desa = 0 THEN 2 ELSE 3 END,
      region_code, g.agent_id NULLS LAST`.execute(db);
  return r.rows;
}

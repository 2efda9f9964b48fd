// The district budget for PBI APBD: every district-paid registration proposal
// with what it costs the budget year (people × premium × months from the
// month it is expected active to December), and the confirmed ones. For the
// budget office, as JSON or XLSX.
import { type Actor, requirePermission } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import { covers } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import { normaliseRegionCode } from '../regions/codes.ts';
import { budgetQuerySchema, uhcPrioritasInputSchema } from './fieldwork.schema.ts';
import { PBI_PREMIUMS } from './pathways.ts';
import { findBudgetRows, findUhcPrioritas, insertUhcPrioritas } from './proposals.repository.ts';
import { InvalidRequest, requirePermissionWithin } from './requests.ts';

export const BUDGET_COLUMNS = [
  'id',
  'desa_code',
  'desa',
  'kind',
  'status',
  'people',
  'proposed_on',
  'start_period',
  'months',
  'premium',
  'cost',
  'confirmed',
] as const;

/** The premium in force on a date (the latest entry from on or before it). */
export function premiumOn(date: string): number {
  const entry = [...PBI_PREMIUMS].reverse().find((p) => p.from <= date) ?? PBI_PREMIUMS[0];
  return entry?.rupiah ?? 0;
}

export async function districtBudget(database: Database, actor: Actor, query: unknown) {
  const q = budgetQuerySchema.parse(query);
  const scope = requirePermissionWithin(actor, 'budget:read', q.within);
  const premium = premiumOn(`${q.year}-01-01`);
  const rows = (await findBudgetRows(database.db, scope, q.year)).map((r) => ({
    ...r,
    premium,
    cost: r.people * premium * r.months,
  }));
  const sum = (list: typeof rows, f: (r: (typeof rows)[number]) => number) =>
    list.reduce((a, r) => a + f(r), 0);
  const confirmed = rows.filter((r) => r.confirmed);
  await recordAudit(database.db, actor, {
    action: 'count',
    subject: 'proposals',
    ctx: { purpose: 'anggaran PBI APBD' },
    query: { year: q.year, within: q.within ?? null },
    scope,
    rowCount: rows.length,
  });
  return {
    year: q.year,
    premium,
    totals: {
      proposals: rows.length,
      people: sum(rows, (r) => r.people),
      cost: sum(rows, (r) => r.cost),
      confirmedProposals: confirmed.length,
      confirmedPeople: sum(confirmed, (r) => r.people),
      confirmedCost: sum(confirmed, (r) => r.cost),
    },
    rows,
  };
}

/**
 * Marks a district UHC Prioritas from a date (until a date, or open): its
 * district-paid registrations are then expected active the same month.
 */
export async function setUhcPrioritas(database: Database, actor: Actor, input: unknown) {
  const parsed = uhcPrioritasInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequest(`${issue?.path.join('.') || 'input'}: ${issue?.message}`);
  }
  const p = parsed.data;
  const kabupaten = normaliseRegionCode(p.kabupaten);
  if (kabupaten?.level !== 'kabupaten') {
    throw new InvalidRequest(`kabupaten ${p.kabupaten}: not a kabupaten/kota code`);
  }
  const scope = requirePermission(actor, 'settings:uhc_prioritas');
  if (!covers(scope, kabupaten.code)) {
    throw new AccessDenied(`kabupaten ${p.kabupaten}: outside your area`);
  }
  if (p.validUntil !== undefined && p.validUntil < p.validFrom) {
    throw new InvalidRequest('validUntil: before validFrom');
  }
  await database.transaction(async (tx) => {
    await insertUhcPrioritas(tx.db, {
      kabupaten: kabupaten.code,
      validFrom: p.validFrom,
      validUntil: p.validUntil ?? null,
      note: p.note ?? null,
    });
    await recordAudit(tx.db, actor, {
      action: 'uhc_prioritas.set',
      subject: 'uhc_prioritas',
      query: { ...p, kabupaten: kabupaten.code },
      scope: { everywhere: false, prefixes: [kabupaten.code] },
    });
  });
  return listUhcPrioritas(database, actor, { within: kabupaten.code });
}

export async function listUhcPrioritas(
  database: Database,
  actor: Actor,
  query: { within?: string | undefined },
) {
  const scope = requirePermissionWithin(actor, 'budget:read', query.within);
  return findUhcPrioritas(database.db, scope);
}

// Targets across months on village A's small register: a month writes only
// what changed, a re-run of a month undoes that month's changes first, and a
// person gone from the register closes their target.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsvText } from '../access/access.testing.ts';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { runReconciliation } from '../reconcile/reconcile.service.ts';
import { A, EXTRACT, REGISTER, villageA2 } from '../reconcile/reconcile.testing.ts';
import { getTarget } from './targets.service.ts';

let database: Database;
let dir: string;
let a2: string;

const SITI = 'R2';
const DEWI = 'R6';

async function month(period: string, register: string, extract: string) {
  for (const [kind, csv] of [
    ['population', register],
    ['membership', extract],
  ] as const) {
    const r = await importCsvText(database, { kind, period, csv, rejectsDir: dir });
    expect(r.status).toBe('committed');
  }
  return runReconciliation(database, LOCAL_SYSTEM, { period, within: A });
}

async function targetOf(sourceId: string) {
  const row = await database.db
    .selectFrom('targets')
    .select('id')
    .where('source_id', '=', sourceId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return getTarget(database, LOCAL_SYSTEM, row.id);
}

/** Siti's arrears, in months, in the extract. */
const extractWithArrears = (months: number) =>
  EXTRACT(a2).replace(',PBPU,3,NONAKTIF,TUNGGAKAN,6', `,PBPU,3,NONAKTIF,TUNGGAKAN,${months}`);

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'pesiar-targets-'));
  a2 = await villageA2(database.db);
});

afterAll(async () => {
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('targets across months', () => {
  it('opens a target per uncovered living resident', async () => {
    const run = await month('2026-01', REGISTER(), extractWithArrears(6));
    expect(run.fieldwork.targets).toMatchObject({ changed: 0, closedActive: 0, closedLeft: 0 });
    expect((await targetOf(SITI)).target).toMatchObject({
      status: 'NONAKTIF',
      pathway: 'CICILAN_REHAB',
      bulan_tunggakan: 6,
    });
  });

  it('writes a month only for the people whose facts changed', async () => {
    const run = await month('2026-02', REGISTER(), extractWithArrears(2));
    expect(run.fieldwork.targets).toMatchObject({ opened: 0, changed: 1 });
    const siti = await targetOf(SITI);
    expect(siti.target).toMatchObject({ pathway: 'BAYAR_TUNGGAKAN', bulan_tunggakan: 2 });
    expect(siti.history.map((h) => [h.period, h.pathway])).toEqual([
      ['2026-01', 'CICILAN_REHAB'],
      ['2026-02', 'BAYAR_TUNGGAKAN'],
    ]);
    expect((await targetOf(DEWI)).history.map((h) => h.period)).toEqual(['2026-01']);
  });

  it('undoes a month’s changes when the month is run again on corrected data', async () => {
    // The branch sends February's extract again: Siti still owes six months.
    const run = await month('2026-02', REGISTER(), extractWithArrears(6));
    expect(run.fieldwork.targets.changed).toBe(1);
    const siti = await targetOf(SITI);
    expect(siti.target).toMatchObject({ pathway: 'CICILAN_REHAB', bulan_tunggakan: 6 });
    expect(siti.history.map((h) => [h.period, h.pathway])).toEqual([['2026-01', 'CICILAN_REHAB']]);
  });

  it('closes the target of a person gone from the register', async () => {
    const withoutDewi = REGISTER()
      .split('\n')
      .filter((line) => !line.startsWith(`${DEWI},`))
      .join('\n');
    const run = await month('2026-03', withoutDewi, extractWithArrears(6));
    expect(run.fieldwork.targets).toMatchObject({ opened: 0, changed: 0, closedLeft: 1 });
    const dewi = await targetOf(DEWI);
    expect(dewi.target).toMatchObject({ closed_period: '2026-03', close_reason: 'KELUAR' });
    expect(dewi.history.map((h) => [h.period, h.status])).toEqual([
      ['2026-01', 'BELUM_TERDAFTAR'],
      ['2026-03', 'KELUAR'],
    ]);
  });
});

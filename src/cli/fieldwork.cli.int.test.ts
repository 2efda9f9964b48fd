// `pesiar worklist`, `proposals add` and `budget` as an operator runs them
// (child processes) on village A's reconciled month.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsvText } from '../access/access.testing.ts';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import { runReconciliation } from '../reconcile/reconcile.service.ts';
import { A, EXTRACT, REGISTER, villageA2 } from '../reconcile/reconcile.testing.ts';
import { type CliDatabase, createCliDatabase } from './cli.testing.ts';

let cli: CliDatabase;
const pesiar = (args: string[]) => cli.pesiar(args);

beforeAll(async () => {
  cli = await createCliDatabase('pesiar-fieldwork-', async (database, work) => {
    const a2 = await villageA2(database.db);
    for (const [kind, csv] of [
      ['population', REGISTER()],
      ['membership', EXTRACT(a2)],
    ] as const) {
      await importCsvText(database, { kind, period: '2026-02', csv, rejectsDir: work });
    }
    await runReconciliation(database, LOCAL_SYSTEM, { period: '2026-02', within: A });
  });
}, 60_000);

afterAll(async () => {
  await cli?.dispose();
});

describe('pesiar worklist, proposals, budget', () => {
  it('walks the worklist, proposes a household for PBI APBD and costs it', async () => {
    const list = await pesiar(['worklist', '--within', '15.02.17.2006']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/rumah tangga dengan sasaran terbuka/);
    expect(list.stdout).toMatch(/DEWI LESTARI .*BELUM_TERDAFTAR/);
    expect(list.stdout).toMatch(/Daftar mandiri \(PBPU\) satu KK: .*kelas 3/);

    const add = await pesiar([
      'proposals',
      'add',
      '--desa',
      '15.02.17.2006',
      '--household',
      '1502170101100006',
      '--pathway',
      'PBI_APBD',
      '--doc',
      'KTP',
      'KK',
      '--format',
      'json',
    ]);
    expect(add.code, add.stderr).toBe(0);
    const made = JSON.parse(add.stdout) as { created: boolean; proposal: { status: string } };
    expect(made).toMatchObject({ created: true, proposal: { status: 'DIAJUKAN' } });

    const out = join(cli.work, 'anggaran.xlsx');
    const budget = await pesiar(['budget', '--year', '2099', '--out', out]);
    expect(budget.code, budget.stderr).toBe(0);
    expect(budget.stdout).toMatch(/semua usulan: 1 usulan, 1 orang, Rp 504\.000/);
    expect(existsSync(out)).toBe(true);
  });

  it('says in one line what is wrong', async () => {
    const bad = await pesiar(['proposals', 'verify', 'not-a-proposal']);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

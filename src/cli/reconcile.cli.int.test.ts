// `pesiar reconcile`, `export links|residents|discrepancies` and `review` as
// an operator runs them (node bin/pesiar.js in a child process).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsvText } from '../access/access.testing.ts';
import { EXTRACT, REGISTER, villageA2 } from '../reconcile/reconcile.testing.ts';
import { type CliDatabase, createCliDatabase } from './cli.testing.ts';

let cli: CliDatabase;
const pesiar = (args: string[]) => cli.pesiar(args);

beforeAll(async () => {
  cli = await createCliDatabase('pesiar-reconcile-cli-', async (database, work) => {
    const a2 = await villageA2(database.db);
    const rejectsDir = join(work, 'rejects');
    await importCsvText(database, {
      kind: 'population',
      period: '2024-06',
      csv: REGISTER(),
      rejectsDir,
    });
    await importCsvText(database, {
      kind: 'membership',
      period: '2024-06',
      csv: EXTRACT(a2),
      rejectsDir,
    });
  });
});

afterAll(async () => {
  await cli?.dispose();
});

describe('pesiar reconcile and its exports', () => {
  it('reconciles, prints a summary, and exports the links, outcomes and discrepancies', async () => {
    const run = await pesiar(['reconcile', '--period', '2024-06', '--within', '15.02']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Rekonsiliasi 2024-06 15\.02/);
    expect(run.stdout).toMatch(/AKTIF\s+5/);
    expect(run.stdout).toMatch(/PERLU_VERIFIKASI\s+1/);

    const json = await pesiar(['--format', 'json', 'reconcile', '--period', '2024-06']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      period: '2024-06',
      residents: { AKTIF: 5, NONAKTIF: 1, BELUM_TERDAFTAR: 1, PERLU_VERIFIKASI: 1 },
    });

    const out = join(cli.work, 'links.csv');
    const links = await pesiar(['export', 'links', '--period', '2024-06', '--out', out]);
    expect(links.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split(/\r\n/);
    expect(lines[0]).toBe('id,noka,method,score,decision');
    expect(lines).toHaveLength(8);
    // The local system account is an administrator: noka masked.
    expect(lines.find((l) => l.startsWith('R1,'))).toMatch(/^R1,[^,]{13},nik,16,match$/);
    expect(lines.find((l) => l.startsWith('R5,'))).toMatch(/,nama_tanggal,6,review$/);

    const residents = await pesiar(['export', 'residents', '--period', '2024-06']);
    expect(residents.stdout.split(/\r\n/)[0]).toBe(
      'id,status,noka,reason,bulan_tunggakan,segmen,kode_desa,method,score,decision',
    );
    expect(residents.stdout).toMatch(/\r\nR2,NONAKTIF,[^,]*,TUNGGAKAN,6,PBPU,1502172006,nik,/);

    const discrepancies = await pesiar(['export', 'discrepancies', '--period', '2024-06']);
    expect(discrepancies.stdout).toMatch(
      /^kind,kode_desa,id,noka,register_value,extract_value\r\n/,
    );
    expect(discrepancies.stdout).toMatch(/DESA_BERBEDA,1502172006,R8,/);

    const queue = await pesiar(['review', 'list', '--period', '2024-06']);
    expect(queue.stdout).toMatch(/1 pasangan perlu verifikasi/);
    expect(queue.stdout).toMatch(/Ahmad Fauzi\s+AHMAD FAUZAN\s+MIRIP/);
  });

  it('refuses a bad period in one line', async () => {
    const r = await pesiar(['reconcile', '--period', '2024-13']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('pesiar: --period must be YYYY-MM\n');
  });
});

// `pesiar report coverage` as an operator runs it (node bin/pesiar.js in a
// child process) on a database holding one month of indicators.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildIndicators } from '../indicators/indicators.repository.ts';
import { addFigures, addImport, addMembers } from '../indicators/indicators.testing.ts';
import { type CliDatabase, createCliDatabase } from './cli.testing.ts';

let cli: CliDatabase;
const pesiar = (args: string[]) => cli.pesiar(args);

beforeAll(async () => {
  cli = await createCliDatabase('pesiar-report-', async (database) => {
    const db = database.db;
    const members = await addImport(db, 'membership', '2024-06');
    await addMembers(db, members, '1502172006', 1306);
    await addMembers(db, members, '1503102001', 2417);
    await addMembers(db, members, '1503102001', 5, { status: 'NONAKTIF', alasan: null });
    await addFigures(db, await addImport(db, 'population_figures', '2024-01'), {
      '1502': 1293,
      '1503': 2421,
    });
    await rebuildIndicators(db, { period: '2024-06', scope: '', runId: null });
  });
});

afterAll(async () => {
  await cli?.dispose();
});

describe('pesiar report coverage', () => {
  it('prints the districts as JSON, numbers as numbers', async () => {
    const { code, stdout, stderr } = await pesiar([
      'report',
      'coverage',
      '--period',
      '2024-06',
      '--within',
      '15',
      '--format',
      'json',
    ]);
    expect(code, stderr).toBe(0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      code: '15.02',
      name: 'KABUPATEN MERANGIN',
      level: 'kabupaten',
      population: 1293,
      registered: 1306,
      active: 1306,
      coverage_pct: 101.01,
      activity_pct: 100,
      active_population_pct: 101.01,
      verified_registered: 0,
      uhc: true,
      rank: 1,
      rank_of: 2,
    });
    expect(rows[1]).toMatchObject({
      code: '15.03',
      registered: 2422,
      active: 2417,
      coverage_pct: 100.04,
      activity_pct: 99.79,
      active_population_pct: 99.83,
      rank: 2,
      rank_of: 2,
    });
    for (const row of rows) {
      for (const field of [
        'population',
        'registered',
        'active',
        'coverage_pct',
        'activity_pct',
        'active_population_pct',
        'verified_registered',
        'rank',
        'rank_of',
      ]) {
        expect(typeof row[field], field).toBe('number');
      }
      expect(typeof row.uhc).toBe('boolean');
    }
  });

  it('prints an aligned table, writes CSV, and says so when a month has no indicators', async () => {
    const table = await pesiar(['report', 'coverage', '--period', '2024-06', '--within', '15.03']);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^kode\s+nama\s+penduduk\s+terdaftar\s+aktif\s+cakupan%/);
    expect(lines[2]).toMatch(
      /^15\.03\s+KABUPATEN SAROLANGUN\s+2,421\s+2,422\s+2,417\s+100\.04\s+99\.79\s+99\.83\s/,
    );
    expect(lines[2]).toMatch(/\s2\/2\s/);

    const out = join(cli.work, 'cakupan.csv');
    const csv = await pesiar([
      '--format',
      'csv',
      'report',
      'coverage',
      '--period',
      '2024-06',
      '--level',
      'provinsi',
      '--out',
      out,
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    const text = readFileSync(out, 'utf8').replace(/^\uFEFF/, '');
    const [header, jambi] = text.trimEnd().split('\r\n');
    expect(header?.split(',').slice(0, 5)).toEqual([
      'code',
      'name',
      'level',
      'parent_code',
      'population',
    ]);
    // (1,306 + 2,422) / (1,293 + 2,421), not an average of the percentages
    expect(jambi).toMatch(/^15,JAMBI,provinsi,,3714,children,0,3728,3723,5,100\.38,/);

    const empty = await pesiar(['report', 'coverage', '--period', '2024-05']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe(
      'Belum ada indikator untuk periode 2024-05: jalankan `pesiar reconcile --period 2024-05`\n',
    );
    const xlsx = await pesiar(['report', 'coverage', '--period', '2024-06', '--format', 'xlsx']);
    expect(xlsx.code).toBe(1);
    expect(xlsx.stderr).toBe('pesiar: --format xlsx: give the file with --out FILE\n');
  });
});

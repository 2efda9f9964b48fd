// Generated files go through the real importer without a single rejected row:
// the generator writes the data contract (formats.md), defects and all.
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsvText } from '../access/access.testing.ts';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { importOptionsSchema } from '../imports/imports.schema.ts';
import { importFile } from '../imports/imports.service.ts';
import { FILE_NAMES, type GenerateResult, generateSynthetic } from './generate.service.ts';

const PERIOD = '2024-06';

let database: Database;
let dir: string;
let rejectsDir: string;
let generated: GenerateResult;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'pesiar-synthetic-int-'));
  rejectsDir = join(dir, 'rejects');
  generated = await generateSynthetic({
    within: '1502',
    residents: 2_000,
    period: PERIOD,
    out: join(dir, 'out'),
    seed: 11,
  });
});

afterAll(async () => {
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const rowsOf = (kind: keyof typeof FILE_NAMES) =>
  generated.files.find((f) => f.kind === kind)?.rows ?? -1;

describe('generated files through the importer', () => {
  it('imports the population register with zero rejected rows', async () => {
    const result = await importCsvText(database, {
      kind: 'population',
      period: PERIOD,
      csv: readFileSync(join(dir, 'out', FILE_NAMES.population), 'utf8'),
      rejectsDir,
    });
    expect(result.rejects).toEqual([]);
    expect(result.status).toBe('committed');
    expect(result.rowsRejected).toBe(0);
    expect(result.rowsAccepted).toBe(2_000);
    // The noise shows up as data-quality flags, not as rejections.
    expect(result.rowsFlagged).toBeGreaterThan(100);
  });

  it('imports the membership extract with zero rejected rows', async () => {
    const result = await importCsvText(database, {
      kind: 'membership',
      period: PERIOD,
      csv: readFileSync(join(dir, 'out', FILE_NAMES.membership), 'utf8'),
      rejectsDir,
    });
    expect(result.rejects).toEqual([]);
    expect(result.status).toBe('committed');
    expect(result.rowsRejected).toBe(0);
    expect(result.rowsAccepted).toBe(rowsOf('membership'));
    expect(result.rowsAccepted).toBe(generated.members);
  });

  it('imports the official population figures with zero rejected rows', async () => {
    const result = await importFile(database, {
      options: importOptionsSchema.parse({ kind: 'population_figures', period: PERIOD }),
      fileName: FILE_NAMES.figures,
      input: createReadStream(join(dir, 'out', FILE_NAMES.figures)),
      actor: LOCAL_SYSTEM,
      rejectsDir,
    });
    expect(result.rejects).toEqual([]);
    expect(result.status).toBe('committed');
    expect(result.rowsRejected).toBe(0);
    // 215 villages, 24 kecamatan and the kabupaten.
    expect(result.rowsAccepted).toBe(rowsOf('figures'));
    expect(result.rowsAccepted).toBe(215 + 24 + 1);
  });
});

// Generated district data for the linkage evaluation and the reconciliation
// benchmark: `pesiar generate` once per (region, size, seed), cached under
// bench/out, then imported into a database with the importer itself.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Actor, LOCAL_SYSTEM } from '../src/access/actor.ts';
import type { Database } from '../src/db/database.ts';
import { importOptionsSchema } from '../src/imports/imports.schema.ts';
import { importFile } from '../src/imports/imports.service.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = join(here, '..');

export const FILES = {
  population: 'penduduk.csv',
  membership: 'peserta.csv',
  population_figures: 'jumlah_penduduk.csv',
  truth: 'truth.csv',
} as const;

export function generated(within: string, residents: number, period: string, seed = 1): string {
  const dir = join(here, 'out', `gen-${within}-${residents}-${seed}`);
  if (!existsSync(join(dir, FILES.truth))) {
    // Written aside and renamed when whole: an interrupted run leaves no
    // half a province to be taken for the real thing.
    const partial = `${dir}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const t = Date.now();
    execFileSync(
      'node',
      [
        join(ROOT, 'bin/pesiar.js'),
        'generate',
        '--within',
        within,
        '--residents',
        String(residents),
        '--period',
        period,
        '--seed',
        String(seed),
        '--out',
        partial,
      ],
      { stdio: 'inherit' },
    );
    renameSync(partial, dir);
    console.log(`generated ${residents} residents in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  return dir;
}

/** Imports the three generated files for the period (as the local system account). */
export async function importGenerated(
  database: Database,
  dir: string,
  period: string,
): Promise<void> {
  for (const kind of ['population', 'membership', 'population_figures'] as const) {
    const file = join(dir, FILES[kind]);
    const result = await importFile(database, {
      options: importOptionsSchema.parse({ kind, period }),
      fileName: FILES[kind],
      input: createReadStream(file),
      actor: LOCAL_SYSTEM,
      rejectsDir: join(dir, 'rejects'),
    });
    if (result.status !== 'committed' || result.rowsRejected > 0) {
      throw new Error(
        `${FILES[kind]}: ${result.status}, ${result.rowsRejected} rejected (${result.failure ?? ''})`,
      );
    }
  }
}

/** Ground truth: register id → the noka of the same person ('' when not insured). */
export function readTruth(dir: string): Map<string, { noka: string; noise: string }> {
  const truth = new Map<string, { noka: string; noise: string }>();
  const lines = readFileSync(join(dir, FILES.truth), 'utf8').split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',');
  const iId = header.indexOf('id');
  const iNoka = header.indexOf('noka');
  const iNoise = header.indexOf('noise');
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const cells = line.split(',');
    truth.set(cells[iId] ?? '', { noka: cells[iNoka] ?? '', noise: cells[iNoise] ?? '' });
  }
  return truth;
}

/** Sees identifiers whole everywhere (a BPJS role), for comparing with the truth. */
export const EVALUATOR: Actor = {
  name: 'bench:eval',
  kind: 'system',
  userId: null,
  grants: [{ role: 'bpjs', region: null }],
  via: 'cli',
  ip: null,
};

// bench/import: generates a 1,000,000-row population register (once) and
// imports it on PGlite and on PostgreSQL, printing rows/s and peak RSS.
// Targets (issue 2): ≥ 100,000 rows/s on PostgreSQL, ≥ 30,000 rows/s on
// PGlite, peak RSS ≤ 400 MB on both (the Node process; PostgreSQL's own
// server memory is not in it).
//   npm run bench:import [-- --rows N]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePopulationCsv } from './generate-population.ts';
import { startPostgres } from './pg-server.ts';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1_000_000;
const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, 'out');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `population-${ROWS}.csv`);

// Villages of Kabupaten Merangin (15.02) and Sarolangun (15.03): codes from
// the Kemendagri list, so every row passes the village check.
const villages = execFileSync(
  'node',
  [
    '-e',
    "import('idn-area-data').then(async m => console.log((await m.getVillages()).filter(v => /^15\\.0[23]/.test(v.code)).map(v => v.code).join(',')))",
  ],
  { encoding: 'utf8' },
)
  .trim()
  .split(',');

// The measured imports run the compiled code, as the `pesiar` command does.
execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: join(here, '..') });

if (!existsSync(file)) {
  const t = Date.now();
  await generatePopulationCsv(file, { rows: ROWS, villages });
  console.log(
    `generated ${file} (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
  );
}

const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);

function measure(label: string, dataDir: string, url?: string) {
  execFileSync('node', [join(here, 'import-child.js'), '--prepare', dataDir, url ?? ''], {
    stdio: 'inherit',
  });
  const out = execFileSync(
    'node',
    [...NODE_FLAGS, join(here, 'import-child.js'), file, dataDir, url ?? ''],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
  console.log(
    `${label.padEnd(10)} ${String(r.rows).padStart(9)} rows  ${r.seconds.toFixed(1).padStart(6)} s  ${String(r.rowsPerSecond).padStart(8)} rows/s  peak RSS ${r.peakRssMb} MB  ${r.status}${r.failure ? ` (${r.failure})` : ''}`,
  );
}

const pgliteDir = mkdtempSync(join(tmpdir(), 'pesiar-bench-pglite-'));
try {
  measure('PGlite', pgliteDir);
} finally {
  rmSync(pgliteDir, { recursive: true, force: true });
}

const pg = await startPostgres();
if (!pg) {
  console.log('PostgreSQL  skipped: no /usr/lib/postgresql/15/bin and no BENCH_DATABASE_URL');
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'pesiar-bench-pgdir-'));
  try {
    measure('PostgreSQL', dataDir, pg.url);
  } finally {
    pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

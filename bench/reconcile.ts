// bench/reconcile: the monthly reconciliation of a generated district
// (400,000 residents, about 350,000 members) on PGlite and on PostgreSQL,
// and with --province a generated province (5,500,000 residents) on
// PostgreSQL. Prints seconds, residents/s, peak RSS of the Node process,
// and the time of a bare exact-NIK join of the same tables with the ratio.
// Targets (issue 4): district ≤ 20 s on PostgreSQL, ≤ 60 s on PGlite;
// province ≤ 5 min on PostgreSQL.
// --next-month: the same files again as the following month, reconciled too
// (the recurring cost, with every target already open).
//   npm run bench:reconcile [-- --residents N] [--province] [--no-pglite] [--next-month]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generated } from './linkage-data.ts';
import { startPostgres } from './pg-server.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RESIDENTS = Number(arg('residents') ?? 400_000);
const PROVINCE = process.argv.includes('--province');
const PGLITE = !process.argv.includes('--no-pglite');
const NEXT_MONTH = process.argv.includes('--next-month');

function measure(label: string, dir: string, url?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pesiar-bench-rc-'));
  try {
    const out = execFileSync(
      'node',
      [
        '--import',
        'tsx',
        join(here, 'reconcile-child.ts'),
        dir,
        dataDir,
        url ?? '',
        NEXT_MONTH ? 'next' : '',
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
    console.log(
      `${label.padEnd(22)} ${String(r.residents).padStart(9)} residents ${String(r.members).padStart(9)} members  ` +
        `reconcile ${r.seconds.toFixed(1).padStart(6)} s  ${String(r.rowsPerSecond).padStart(7)} residents/s  ` +
        `peak RSS ${r.peakRssMb} MB  bare NIK join ${r.bareSeconds.toFixed(2)} s (×${r.ratio.toFixed(1)})  ` +
        `\n${''.padEnd(23)}steps (s): ${Object.entries(r.steps as Record<string, number>)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}` +
        (r.nextMonth
          ? `\n${''.padEnd(23)}next month: reconcile ${r.nextMonth.seconds.toFixed(1)} s, steps (s): ${Object.entries(
              r.nextMonth.steps as Record<string, number>,
            )
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}; targets changed ${r.nextMonth.targets.changed}`
          : '') +
        `\n${''.padEnd(23)}[import ${r.importSeconds.toFixed(0)} s, ${r.certainLinks} certain links, ${r.candidatePairs} candidate pairs, ${r.targetsOpened} targets opened]`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const district = generated('1502', RESIDENTS, '2024-06');
if (PGLITE) measure('district PGlite', district);
const pg = await startPostgres();
if (!pg) {
  console.log('PostgreSQL skipped: no /usr/lib/postgresql/15/bin and no BENCH_DATABASE_URL');
} else {
  try {
    measure('district PostgreSQL', district, pg.url);
  } finally {
    pg.stop();
  }
  if (PROVINCE) {
    const province = generated('15', 5_500_000, '2024-06');
    const pg2 = await startPostgres('province');
    if (pg2) {
      try {
        measure('province PostgreSQL', province, pg2.url);
        console.log('  (province server: shared_buffers 2 GB; district server: 256 MB)');
      } finally {
        pg2.stop();
      }
    }
  }
}

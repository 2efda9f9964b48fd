// One measured import, in a process of its own so that its peak RSS is its
// own: opens the database (not timed), imports the file, prints JSON. It runs
// the compiled code in dist/ (bench/import.ts builds it first), as the
// `pesiar` command does.
//   node bench/import-child.js FILE DATA_DIR [DATABASE_URL]
//   node bench/import-child.js --prepare DATA_DIR [DATABASE_URL]  (only creates the database)
import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import v8 from 'node:v8';
import { LOCAL_SYSTEM } from '../dist/access/actor.js';
import { importFile } from '../dist/imports/imports.service.js';
import { startDatabase } from '../dist/start.js';

// The same V8 setting as bin/pesiar.js.
v8.setFlagsFromString('--no-allocation-site-pretenuring');
const [file, dataDir, databaseUrl] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: import-child FILE DATA_DIR [DATABASE_URL]');
const database = await startDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
if (file === '--prepare') {
  // Migrations and the first region load happen once, not on every import.
  await database.close();
  process.exit(0);
}
const started = process.hrtime.bigint();
const result = await importFile(database, {
  options: { kind: 'population', period: '2026-10', map: {}, skipBadRows: false },
  fileName: basename(file),
  input: createReadStream(file),
  actor: LOCAL_SYSTEM,
  rejectsDir: join(dataDir, 'rejects'),
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await database.close();
process.stdout.write(
  `${JSON.stringify({
    status: result.status,
    failure: result.failure,
    rows: result.rowsAccepted,
    seconds,
    rowsPerSecond: Math.round(result.rowsAccepted / seconds),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);

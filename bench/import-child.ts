// One measured import, in a process of its own so that its peak RSS is its
// own: opens the database (setup not timed), imports the file, prints JSON.
import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { importFile } from '../src/imports/imports.service.ts';
import { startDatabase } from '../src/start.ts';

const [file, dataDir, databaseUrl] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: import-child FILE DATA_DIR [DATABASE_URL]');
const database = await startDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
const started = process.hrtime.bigint();
const result = await importFile(database, {
  options: { kind: 'population', period: '2026-10', map: {}, skipBadRows: false },
  fileName: basename(file),
  input: createReadStream(file),
  importedBy: 'bench',
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

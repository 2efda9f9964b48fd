// The `pesiar` command as an operator runs it: `node bin/pesiar.js` in a child
// process, on a data directory of the test's own (PGlite), or on a database of
// its own on the PostgreSQL server of the database suite (DATABASE_URL).
// Synthetic people only: invented names and NIKs, real Kemendagri village codes.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getVillages } from 'idn-area-data';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulationCsv } from '../../bench/generate-population.ts';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import { createTestDatabaseUrl, pgliteTemplate, testDatabaseUrl } from '../db/testing.ts';
import { importOptionsSchema } from '../imports/imports.schema.ts';
import { importFile } from '../imports/imports.service.ts';
import { startDatabase } from '../start.ts';

const BIN = fileURLToPath(new URL('../../bin/pesiar.js', import.meta.url));
const onPostgres = testDatabaseUrl() !== undefined;

let work: string;
/** A PGlite data directory with the schema and the regions in, copied for each test. */
let prepared: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pesiar-cli-'));
  if (!onPostgres) {
    // From the suite's template: a first start would spend 10 s loading the regions.
    prepared = join(work, 'prepared');
    const database = await startDatabase({ dataDir: prepared, template: pgliteTemplate() });
    await database.close();
  }
});

const children = new Set<ChildProcess>();

afterEach(() => {
  // A failed assertion must not leave a server or an import running.
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Setup {
  /** Where the CLI keeps its files (rejects CSVs; the database too on PGlite). */
  dataDir: string;
  /** The PostgreSQL database of this test, when the suite runs on PostgreSQL. */
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

/** A database of the test's own: a copy of the prepared data directory, or a fresh PostgreSQL database. */
async function setUp(name: string): Promise<Setup> {
  const dataDir = join(work, name);
  if (!onPostgres) {
    cpSync(prepared, dataDir, { recursive: true });
    return {
      dataDir,
      databaseUrl: undefined,
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const database = await createTestDatabaseUrl();
  if (!database) throw new Error('PESIAR_TEST_DATABASE_URL is set, yet no database was made');
  mkdirSync(dataDir);
  return {
    dataDir,
    databaseUrl: database.url,
    dispose: async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Running {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once the process has exited and its output is all read. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `pesiar ARGS` (with --data-dir when a setup is given), as a user's shell would. */
function start(setup: Setup | null, args: string[]): Running {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: setup?.databaseUrl ?? '',
    LOG_LEVEL: 'warn',
  };
  delete env.PESIAR_DATA_DIR;
  const child = spawn(
    process.execPath,
    [BIN, ...(setup ? ['--data-dir', setup.dataDir] : []), ...args],
    { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal }));
    },
  );
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    done,
  };
}

async function pesiar(setup: Setup | null, args: string[]) {
  const running = start(setup, args);
  const { code, signal } = await running.done;
  return { code, signal, stdout: running.stdout, stderr: running.stderr };
}

const STACK_FRAME = /^\s+at .+[:(]/m;

/** Resolves when `check` returns something other than undefined; polls every 25 ms. */
async function waitFor<T>(what: string, timeoutMs: number, check: () => T | undefined): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** How far a process has read into a file it has open (Linux /proc), or null if unknown. */
function readPosition(pid: number, path: string): number | null {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target !== path) continue;
      const match = /^pos:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      if (match) return Number(match[1]);
    }
  } catch {
    // The process is gone, or this is no Linux.
  }
  return null;
}

const HEADER = 'id,nik,no_kk,nama,tanggal_lahir,jenis_kelamin,kode_desa';
const GOOD_CSV = [
  HEADER,
  'P1,1502174105900001,1502170101200001,Siti Aminah,1990-05-01,P,15.02.17.2006',
  'P2,1502171203850002,1502170101200001,Budi Santoso,1985-03-12,L,15.02.17.2006',
  'P3,1502175507100003,1502170101200001,Ani Santoso,2010-07-15,P,15.02.17.2006',
].join('\n');
// Row 3 has no name, row 4 an unknown village; rows 2 and 5 are fine.
const BAD_CSV = [
  HEADER,
  'P1,1502174105900001,1502170101200001,Siti Aminah,1990-05-01,P,15.02.17.2006',
  'P2,1502171203850002,1502170101200001,,1985-03-12,L,15.02.17.2006',
  'P3,1502175507100003,1502170101200001,Ani Lestari,2010-07-15,P,15.02.17.9999',
  'P4,1502170202000004,1502170202200002,Joko Santoso,2000-02-02,L,15.02.17.2003',
].join('\n');

describe('pesiar --help', () => {
  it('lists the commands', async () => {
    const { code, stdout, stderr } = await pesiar(null, ['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: pesiar /);
    const commands = stdout.slice(stdout.indexOf('Commands:'));
    expect(commands).toMatch(/^ {2}import \[options\] <kind> <file> /m);
    expect(commands).toMatch(/^ {2}imports /m);
    expect(commands).toMatch(/^ {2}regions /m);
    expect(commands).toMatch(/^ {2}serve \[options\] /m);
  });
});

describe('pesiar regions', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp('regions');
  });
  afterAll(async () => {
    await setup?.dispose();
  });

  it('finds a village by name, with its kecamatan, kabupaten and province', async () => {
    const { code, stdout, stderr } = await pesiar(setup, ['regions', 'find', 'sungai jering']);
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^code\s+name\s+level\s+within$/);
    expect(lines[1]).toMatch(
      /^15\.02\.17\.2006\s+Sungai Jering\s+desa\s+Pangkalan Jambu, KABUPATEN MERANGIN, JAMBI$/,
    );
  });

  it('shows Kabupaten Merangin: 24 kecamatan, 215 villages', async () => {
    const json = await pesiar(setup, ['--format', 'json', 'regions', 'show', '15.02']);
    expect(json.code, json.stderr).toBe(0);
    const region = JSON.parse(json.stdout) as {
      code: string;
      name: string;
      level: string;
      parents: { code: string; name: string }[];
      children: Record<'kabupaten' | 'kecamatan' | 'desa' | 'kelurahan' | 'desa_adat', number>;
    };
    expect(region).toMatchObject({
      code: '15.02',
      name: 'KABUPATEN MERANGIN',
      level: 'kabupaten',
      parents: [{ code: '15', name: 'JAMBI' }],
    });
    const { kecamatan, desa, kelurahan, desa_adat } = region.children;
    expect(kecamatan).toBe(24);
    expect(desa + kelurahan + desa_adat).toBe(215);

    const text = await pesiar(setup, ['regions', 'show', '15.02']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('contains: 24 kecamatan, 215 villages (205 desa, 10 kelurahan)');
  });
});

describe('pesiar import', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp('import');
  });
  afterAll(async () => {
    await setup?.dispose();
  });

  it('refuses a file with bad rows: exit 1, every bad row listed, no stack trace', async () => {
    const file = join(setup.dataDir, 'bad.csv');
    writeFileSync(file, BAD_CSV);
    const { code, stdout, stderr } = await pesiar(setup, [
      'import',
      'population',
      file,
      '--period',
      '2026-10',
    ]);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stdout).not.toMatch(STACK_FRAME);
    const failures = stdout.split('\n').filter((l) => l.startsWith('Nothing imported'));
    expect(failures).toEqual([
      `Nothing imported from ${file}: 2 row(s) rejected; nothing imported (use --skip-bad-rows to import the good rows)`,
    ]);
    expect(stdout).toMatch(/^row\s+column\s+value\s+reason$/m);
    expect(stdout).toMatch(/^ *3 +nama +nama kosong$/m);
    expect(stdout).toMatch(/^ *4\s+kode_desa\s+15\.02\.17\.9999\s+kode desa tidak dikenal/m);
    const rejects = /^All rejected rows: (.+)$/m.exec(stdout)?.[1];
    expect(rejects?.startsWith(join(setup.dataDir, 'rejects'))).toBe(true);
    expect(
      readFileSync(rejects as string, 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(3);
  });

  it('imports the good rows with --skip-bad-rows and says how many it skipped', async () => {
    const file = join(setup.dataDir, 'bad.csv');
    writeFileSync(file, BAD_CSV);
    const { code, stdout, stderr } = await pesiar(setup, [
      'import',
      'population',
      file,
      '--period',
      '2026-10',
      '--skip-bad-rows',
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(
      /^Imported population 2026-10 \(source "register"\) from .*bad\.csv: import #\d+$/m,
    );
    expect(stdout).toMatch(/^ {2}rows read {3}4$/m);
    expect(stdout).toMatch(/^ {2}accepted {4}2\b/m);
    expect(stdout).toMatch(/^ {2}skipped {5}2 bad row\(s\)$/m);
    expect(stdout).toMatch(/^ *3 +nama +nama kosong$/m);

    const list = await pesiar(setup, ['--format', 'json', 'imports', 'list']);
    expect(list.code, list.stderr).toBe(0);
    const history = JSON.parse(list.stdout) as { status: string; rowsAccepted: number }[];
    expect(history.map((r) => [r.status, r.rowsAccepted])).toEqual([
      ['committed', 2],
      ['failed', 0],
    ]);
  });

  it('names an unknown --desa in one line on stderr, and leaves the directory usable', async () => {
    const file = join(setup.dataDir, 'good.csv');
    writeFileSync(file, GOOD_CSV);
    const { code, stdout, stderr } = await pesiar(setup, [
      'import',
      'population',
      file,
      '--period',
      '2026-11',
      '--desa',
      '99.99.99.9999',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `pesiar: ${file}: --desa 99.99.99.9999: not a known village (desa/kelurahan) code\n`,
    );
    if (!onPostgres) expect(existsSync(join(setup.dataDir, 'pesiar.lock'))).toBe(false);
  });
});

describe('an import killed half-way', () => {
  it('leaves the previous import of the period in place, and the database usable', async () => {
    const setup = await setUp('killed');
    try {
      const small = join(setup.dataDir, 'small.csv');
      writeFileSync(small, GOOD_CSV);
      const first = await pesiar(setup, ['import', 'population', small, '--period', '2026-10']);
      expect(first.code, first.stderr).toBe(0);
      const firstId = Number(/import #(\d+)$/m.exec(first.stdout)?.[1]);
      expect(firstId).toBeGreaterThan(0);

      // Same period and source: this import would replace the first one.
      const big = join(setup.dataDir, 'big.csv');
      const villages = (await getVillages())
        .filter((v) => v.code.startsWith('15.02.'))
        .map((v) => v.code);
      await generatePopulationCsv(big, { rows: 300_000, villages });
      const size = statSync(big).size;

      const running = start(setup, ['import', 'population', big, '--period', '2026-10']);
      const pid = running.child.pid as number;
      let position: number | null = null;
      if (existsSync('/proc/self/fdinfo')) {
        // Reading is paced by the COPY (the parser waits for the database), so
        // a quarter of the file read is a quarter of the rows on their way in.
        position = await waitFor('the import to read a quarter of the file', 60_000, () => {
          if (running.child.exitCode !== null) return -1;
          const at = readPosition(pid, big);
          return at !== null && at > size / 4 ? at : undefined;
        });
      } else {
        await new Promise((resolve) => setTimeout(resolve, 4_000));
      }
      expect(running.child.exitCode, running.stdout + running.stderr).toBeNull();
      if (position !== null) expect(position).toBeLessThan(size);
      running.child.kill('SIGKILL');
      const killed = await running.done;
      expect(killed).toEqual({ code: null, signal: 'SIGKILL' });
      expect(running.stdout).not.toMatch(/^Imported /m);

      if (!onPostgres) {
        // The dead process' lock is still there, to be taken over.
        const lock = JSON.parse(readFileSync(join(setup.dataDir, 'pesiar.lock'), 'utf8'));
        expect(lock).toMatchObject({ pid, role: 'import population' });
      }

      const database = await startDatabase({
        databaseUrl: setup.databaseUrl,
        dataDir: setup.dataDir,
      });
      try {
        const { rows: imports } = await sql<{ id: number; status: string; rows_accepted: number }>`
          SELECT id, status, rows_accepted FROM imports ORDER BY id`.execute(database.db);
        expect(imports).toEqual([{ id: firstId, status: 'committed', rows_accepted: 3 }]);
        const { rows: residents } = await sql<{ import_id: number; n: number }>`
          SELECT import_id, count(*)::int AS n FROM residents GROUP BY import_id`.execute(
          database.db,
        );
        expect(residents).toEqual([{ import_id: firstId, n: 3 }]);

        // And it takes the next import.
        const again = await importFile(database, {
          options: importOptionsSchema.parse({ kind: 'population', period: '2026-10' }),
          fileName: 'small.csv',
          input: createReadStream(small),
          actor: LOCAL_SYSTEM,
          rejectsDir: join(setup.dataDir, 'rejects'),
        });
        expect(again).toMatchObject({
          status: 'committed',
          rowsAccepted: 3,
          replacedImportId: firstId,
        });
      } finally {
        await database.close();
      }

      const list = await pesiar(setup, ['--format', 'json', 'imports', 'list']);
      expect(list.code, list.stderr).toBe(0);
      expect(
        (JSON.parse(list.stdout) as { id: number; status: string }[]).map((r) => r.status),
      ).toEqual(['committed', 'replaced']);
    } finally {
      await setup.dispose();
    }
  }, 120_000);
});

describe.skipIf(onPostgres)('the data directory lock', () => {
  it('keeps the CLI out while the server runs, and lets it in once the server stopped', async () => {
    const setup = await setUp('lock');
    try {
      const server = start(setup, ['serve', '--port', '0']);
      const url = await waitFor('the server to listen', 60_000, () => {
        if (server.child.exitCode !== null) throw new Error(`serve exited: ${server.stderr}`);
        return /^Pesiar is serving .* at (http:\/\/\S+) \(/m.exec(server.stderr)?.[1];
      });
      const health = await fetch(`${url}/api/v1/health`);
      expect(health.status).toBe(200);

      const refused = await pesiar(setup, ['imports', 'list']);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      const lines = refused.stderr.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toBe('');
      expect(lines[0]).toMatch(/^pesiar: Data directory .* is in use by the Pesiar server/);
      expect(lines[0]).toContain(`(pid ${server.child.pid}, ${url})`);

      server.child.kill('SIGTERM');
      expect(await server.done).toEqual({ code: 0, signal: null });
      expect(existsSync(join(setup.dataDir, 'pesiar.lock'))).toBe(false);

      const allowed = await pesiar(setup, ['imports', 'list']);
      expect(allowed).toMatchObject({ code: 0, stdout: 'No imports yet.\n' });
    } finally {
      await setup.dispose();
    }
  }, 120_000);
});

describe('acting as a user (--as)', () => {
  it("keeps an agen of village A out of village B's people, and the person report lists the accesses", async () => {
    const setup = await setUp('as-user');
    try {
      const A = '1502172006';
      const B = '3201112008'; // Cibinong, Gunung Sindur, Kabupaten Bogor, Jawa Barat
      const NIK_A = '1502174105900001';
      const NIK_B = '3201114105900002';
      const csv = join(setup.dataDir, 'two-villages.csv');
      writeFileSync(
        csv,
        [
          'nik,nama,tanggal_lahir,jenis_kelamin,kode_desa',
          `${NIK_A},Siti Aminah,1990-05-01,P,${A}`,
          `${NIK_B},Budi Lain,1990-05-01,L,${B}`,
        ].join('\n'),
      );
      const imported = await pesiar(setup, ['import', 'population', csv, '--period', '2026-10']);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);

      const added = await pesiar(setup, [
        'users',
        'add',
        'agen-a',
        '--role',
        'agen',
        '--region',
        '15.02.17.2006',
      ]);
      expect(added.code).toBe(0);
      // No default password: one is generated and shown once.
      expect(added.stdout).toMatch(/shown once[\s\S]*\n {2}\S{20}\n/);

      const as = (args: string[]) => pesiar(setup, ['--as', 'agen-a', ...args]);
      const list = await as(['--format', 'json', 'residents', 'list']);
      expect(list.code).toBe(0);
      const rows = (JSON.parse(list.stdout) as { rows: { nik: string }[] }).rows;
      expect(rows.map((r) => r.nik)).toEqual([NIK_A]);

      const count = await as(['--format', 'json', 'residents', 'count']);
      expect(JSON.parse(count.stdout)).toEqual({ period: '2026-10', count: 1 });

      const out = join(setup.dataDir, 'mine.csv');
      const exported = await as(['residents', 'export', '--out', out]);
      expect(exported.code).toBe(0);
      const text = readFileSync(out, 'utf8');
      expect(text).toContain(NIK_A);
      expect(text).not.toContain(NIK_B);

      for (const args of [
        ['residents', 'list', '--region', B],
        ['residents', 'count', '--region', '32'],
        ['residents', 'export', '--region', B, '--out', join(setup.dataDir, 'theirs.csv')],
      ]) {
        const refused = await as(args);
        expect(refused.code, args.join(' ')).toBe(1);
        expect(refused.stderr).toMatch(/^pesiar: region \d+: outside your area\n$/);
        expect(refused.stdout).not.toContain(NIK_B);
      }
      expect(existsSync(join(setup.dataDir, 'theirs.csv'))).toBe(false);
      // Nor read the audit log.
      expect((await as(['audit'])).stderr).toMatch(/not allowed: audit:read/);

      const report = await pesiar(setup, ['--format', 'json', 'person', 'report', NIK_A]);
      expect(report.code).toBe(0);
      const body = JSON.parse(report.stdout) as {
        residents: { nik: string }[];
        accesses: { actor: string; via: string; action: string; how: string }[];
      };
      expect(body.residents.map((r) => r.nik)).toEqual([NIK_A]);
      const accesses = body.accesses.map((a) => `${a.actor} ${a.via} ${a.action} ${a.how}`);
      expect(accesses).toEqual(
        expect.arrayContaining([
          'agen-a cli list named',
          'agen-a cli count in_query',
          'agen-a cli export in_query',
        ]),
      );
      // B's person was never shown to the agent.
      const other = await pesiar(setup, ['--format', 'json', 'person', 'report', NIK_B]);
      const otherAccesses = (JSON.parse(other.stdout) as { accesses: { actor: string }[] })
        .accesses;
      expect(otherAccesses.filter((a) => a.actor === 'agen-a')).toEqual([]);
    } finally {
      await setup.dispose();
    }
  });
});

// `pesiar compliance …` and `pesiar forum …` as an operator runs them (node
// bin/pesiar.js in a child process), as the local system account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsvText, VILLAGE_A } from '../access/access.testing.ts';
import { type CliDatabase, createCliDatabase } from './cli.testing.ts';

let cli: CliDatabase;
const pesiar = (args: string[]) => cli.pesiar(args);
// Each command is a process of its own (about 3 s with tsx on a busy machine).
const SLOW = 240_000;

beforeAll(async () => {
  cli = await createCliDatabase('pesiar-compliance-cli-', async (database, work) => {
    await importCsvText(database, {
      kind: 'population',
      period: '2024-05',
      csv: `id,nik,nama,tanggal_lahir,jenis_kelamin,kode_desa\nW1,1502174105900001,Siti Rahma,1990-05-01,P,${VILLAGE_A}\n`,
      rejectsDir: work,
    });
    const r = await database.db
      .selectFrom('residents')
      .select(['import_id', 'row_no'])
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('targets')
      .values({
        kabupaten_code: '1502',
        desa_code: VILLAGE_A,
        source_id: 'W1',
        household: 'id:W1',
        opened_period: '2024-05',
        last_period: '2024-05',
        status: 'BELUM_TERDAFTAR',
        resident_import_id: r.import_id,
        resident_row_no: r.row_no,
        pemberi_kerja: 'PT. Maju Jaya',
        pathway: 'PENDAFTARAN_PPU',
        pathway_rule: 'test',
        pathway_reason: 'test',
        priority: 2,
        priority_reasons: [],
      })
      .execute();
  });
});

afterAll(async () => {
  await cli?.dispose();
});

describe('pesiar compliance and forum', () => {
  it(
    'lists employers, opens a case, refuses the ladder out of order, and records a step',
    async () => {
      const employers = await pesiar(['compliance', 'employers', '--within', '15.02']);
      expect(employers.stderr).toBe('');
      expect(employers.stdout).toMatch(/badan usaha/);
      expect(employers.stdout).toMatch(/PT\. Maju Jaya\s+MAJU JAYA\s+1\s+1\s+0/);

      const workers = await pesiar(['compliance', 'workers', '--employer', 'maju jaya']);
      expect(workers.stdout).toMatch(/MAJU JAYA: 1 pekerja/);
      // The local system account is an administrator: NIK masked.
      expect(workers.stdout).toMatch(/Siti Rahma\s+1502\*{8}0001/);

      const opened = await pesiar([
        '--format',
        'json',
        'compliance',
        'case',
        'open',
        '--kabupaten',
        '15.02',
        '--employer',
        'PT Maju Jaya',
        '--opened-on',
        '2024-06-03',
      ]);
      expect(opened.code).toBe(0);
      const id = String(JSON.parse(opened.stdout).id);

      const early = await pesiar(['compliance', 'case', 'step', '--case', id, '--step', 'denda']);
      expect(early.code).toBe(1);
      expect(early.stderr).toBe('pesiar: DENDA: TEGURAN_2 comes first\n');
      const bad = await pesiar(['compliance', 'case', 'step', '--case', id, '--step', 'SURAT']);
      expect(bad.stderr).toMatch(/--step: one of TEGURAN_1, TEGURAN_2/);

      const warned = await pesiar([
        'compliance',
        'case',
        'step',
        '--case',
        id,
        '--step',
        'TEGURAN_1',
        '--started-on',
        '2024-06-07',
      ]);
      expect(warned.stdout).toMatch(/TEGURAN_1\s+2024-06-07\s+2024-06-21\s+ya/);
      const done = await pesiar([
        'compliance',
        'case',
        'done',
        '--case',
        id,
        '--step',
        'TEGURAN_1',
        '--outcome',
        'tidak ada respons',
        '--done-on',
        '2024-06-24',
      ]);
      expect(done.stdout).toMatch(/tahap berikut: TEGURAN_2, SKK_KEJAKSAAN, PEMERIKSAAN_BERSAMA/);
      const list = await pesiar(['compliance', 'case', 'list']);
      expect(list.stdout).toMatch(/PT Maju Jaya\s+2024-06-03\s+TERBUKA\s+TEGURAN_1/);
    },
    SLOW,
  );

  it(
    'records a forum meeting and its action, and lists what is overdue',
    async () => {
      const meeting = await pesiar([
        '--format',
        'json',
        'forum',
        'meeting',
        'add',
        '--held-on',
        '2024-06-10',
        '--region',
        '15.02',
        '--offices',
        'sekda, DINKES,BPJS',
      ]);
      expect(meeting.stderr).toBe('');
      const m = JSON.parse(meeting.stdout);
      expect(m).toMatchObject({ level: 'kabupaten', officesPresent: ['SEKDA', 'DINKES', 'BPJS'] });
      const added = await pesiar([
        'forum',
        'action',
        'add',
        '--meeting',
        String(m.id),
        '--description',
        'Teguran ke badan usaha',
        '--office',
        'disnaker',
        '--due-on',
        '2024-06-30',
      ]);
      expect(added.code).toBe(0);
      const overdue = await pesiar(['forum', 'action', 'list', '--overdue']);
      expect(overdue.stdout).toMatch(/1 tindak lanjut, 1 terlambat/);
      expect(overdue.stdout).toMatch(/Teguran ke badan usaha\s+DISNAKER\s+2024-06-30\s+TERBUKA/);
      const refused = await pesiar([
        'forum',
        'action',
        'update',
        '--action',
        '1',
        '--status',
        'selesai',
      ]);
      expect(refused.stderr).toBe('pesiar: evidence: needed to mark an action SELESAI\n');
      const meetings = await pesiar(['forum', 'meeting', 'list']);
      expect(meetings.stdout).toMatch(/2024-06-10\s+kabupaten\s+15\.02/);
    },
    SLOW,
  );
});

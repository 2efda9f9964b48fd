// Forum follow-ups on a real database: meetings at each level, who sees
// which, action items and the overdue list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VILLAGE_A, villageOutsideA } from '../access/access.testing.ts';
import type { Actor } from '../access/actor.ts';
import { AccessDenied } from '../access/errors.ts';
import type { Role } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { InvalidRequest, NotFound } from './compliance.errors.ts';
import {
  addAction,
  createMeeting,
  listActions,
  listMeetings,
  updateActionItem,
} from './forum.service.ts';

const A = VILLAGE_A;
let B: string;
let database: Database;

const actor = (name: string, role: Role, region?: string): Actor => ({
  name,
  kind: 'user',
  userId: null,
  grants: [{ role, region: region ?? null }],
  via: 'cli',
  ip: null,
});
const admin = actor('admin', 'admin');
const pemda = actor('pemda-merangin', 'pemda', '1502');
const provinsi = actor('prov-jambi', 'provinsi', '15');
const agen = actor('agen-a', 'agen', A);
let pemdaBogor: Actor;

const today = { today: '2024-07-05' };
const ids = { district: 0, province: 0, village: 0, bogor: 0 };

beforeAll(async () => {
  database = await createTestDatabase();
  B = await villageOutsideA(database.db);
  pemdaBogor = actor('pemda-bogor', 'pemda', B.slice(0, 4));
});

afterAll(async () => {
  await database?.close();
});

describe('forum meetings', () => {
  it('records a meeting at the level of its region, with the offices present', async () => {
    const m = await createMeeting(
      database,
      pemda,
      {
        heldOn: '2024-06-10',
        region: '15.02',
        officesPresent: ['SEKDA', 'DINKES', 'BPJS', 'DINKES'],
        notes: 'Rapat forum UHC kabupaten',
      },
      today,
    );
    ids.district = m.id;
    expect(m).toMatchObject({
      level: 'kabupaten',
      region: '1502',
      regionName: expect.stringMatching(/MERANGIN/i),
      officesPresent: ['SEKDA', 'DINKES', 'BPJS'],
      actions: 0,
      createdBy: 'pemda-merangin',
    });
    ids.province = (
      await createMeeting(database, provinsi, { heldOn: '2024-06-12', region: '15' }, today)
    ).id;
    ids.village = (
      await createMeeting(
        database,
        pemda,
        { heldOn: '2024-06-14', region: A, level: 'desa', officesPresent: ['DESA'] },
        today,
      )
    ).id;
    ids.bogor = (
      await createMeeting(database, admin, { heldOn: '2024-06-15', region: B }, today)
    ).id;
  });

  it('refuses a level that is not the region’s, a future date, and regions outside the area', async () => {
    await expect(
      createMeeting(
        database,
        pemda,
        { heldOn: '2024-06-10', region: '1502', level: 'desa' },
        today,
      ),
    ).rejects.toThrow(/level: 1502 is a kabupaten code/);
    await expect(
      createMeeting(database, pemda, { heldOn: '2024-08-01', region: '1502' }, today),
    ).rejects.toThrow(/after today/);
    // A district office does not hold its province's forum; an agent holds none.
    await expect(
      createMeeting(database, pemda, { heldOn: '2024-06-10', region: '15' }, today),
    ).rejects.toThrow(AccessDenied);
    await expect(
      createMeeting(database, agen, { heldOn: '2024-06-10', region: A }, today),
    ).rejects.toThrow(AccessDenied);
    await expect(
      createMeeting(
        database,
        pemda,
        { heldOn: '2024-06-10', region: '1502', officesPresent: ['DPR'] as never },
        today,
      ),
    ).rejects.toThrow(InvalidRequest);
  });

  it('shows the forums inside a user’s area and those above it, not beside it', async () => {
    const seenBy = async (who: Actor, within?: string) =>
      (await listMeetings(database, who, within ? { within } : {}, today)).map((m) => m.id);
    expect(await seenBy(agen)).toEqual([ids.village, ids.province, ids.district]);
    expect(await seenBy(pemda)).toEqual([ids.village, ids.province, ids.district]);
    expect(await seenBy(provinsi)).toEqual([ids.village, ids.province, ids.district]);
    expect(await seenBy(pemdaBogor)).toEqual([ids.bogor]);
    expect(await seenBy(admin)).toEqual([ids.bogor, ids.village, ids.province, ids.district]);
    // Within the district: its forums and the province's, not the other district's.
    expect(await seenBy(admin, '1502')).toEqual([ids.village, ids.province, ids.district]);
    await expect(seenBy(agen, B)).rejects.toThrow(AccessDenied);
  });
});

describe('action items', () => {
  let late = 0;
  let later = 0;

  it('adds what a meeting decided, for one office by a date', async () => {
    const a = await addAction(
      database,
      pemda,
      ids.district,
      {
        description: 'Usulkan 120 warga miskin ke PBI APBD',
        responsibleOffice: 'DINSOS',
        dueOn: '2024-06-30',
      },
      today,
    );
    late = a.id;
    expect(a).toMatchObject({
      meetingId: ids.district,
      region: '1502',
      level: 'kabupaten',
      status: 'TERBUKA',
      evidence: null,
      overdue: true,
      updatedBy: 'pemda-merangin',
    });
    later = (
      await addAction(
        database,
        pemda,
        ids.district,
        {
          description: 'Surat teguran ke 3 badan usaha',
          responsibleOffice: 'DISNAKER',
          dueOn: '2024-07-31',
        },
        today,
      )
    ).id;
    await addAction(
      database,
      provinsi,
      ids.province,
      {
        description: 'Rekap cakupan per kabupaten',
        responsibleOffice: 'BAPPEDA',
        dueOn: '2024-06-20',
        status: 'SELESAI',
        evidence: 'Laporan No. 5/2024',
      },
      today,
    );
    await addAction(
      database,
      admin,
      ids.bogor,
      { description: 'Sosialisasi', responsibleOffice: 'DESA', dueOn: '2024-06-20' },
      today,
    );
  });

  it('refuses a due date before the meeting, SELESAI without evidence, and others’ forums', async () => {
    await expect(
      addAction(
        database,
        pemda,
        ids.district,
        { description: 'x', responsibleOffice: 'DINKES', dueOn: '2024-06-01' },
        today,
      ),
    ).rejects.toThrow(/before the meeting/);
    await expect(
      addAction(
        database,
        pemda,
        ids.district,
        { description: 'x', responsibleOffice: 'DINKES', dueOn: '2024-06-20', status: 'SELESAI' },
        today,
      ),
    ).rejects.toThrow(/evidence: needed/);
    await expect(
      addAction(
        database,
        pemda,
        ids.province,
        { description: 'x', responsibleOffice: 'DINKES', dueOn: '2024-06-20' },
        today,
      ),
    ).rejects.toThrow(AccessDenied);
    await expect(
      addAction(database, pemda, 999_999, {
        description: 'x',
        responsibleOffice: 'DINKES',
        dueOn: '2024-06-20',
      }),
    ).rejects.toThrow(NotFound);
  });

  it('lists the overdue actions: past due and neither SELESAI nor BATAL', async () => {
    const overdue = await listActions(database, agen, { overdue: true }, today);
    expect(overdue.actions.map((a) => a.id)).toEqual([late]);
    expect(overdue.overdue).toBe(1);
    const all = await listActions(database, pemda, {}, today);
    expect(all.actions.map((a) => [a.responsibleOffice, a.status, a.overdue])).toEqual([
      ['BAPPEDA', 'SELESAI', false],
      ['DINSOS', 'TERBUKA', true],
      ['DISNAKER', 'TERBUKA', false],
    ]);
    expect(all.overdue).toBe(1);
    // A month later both district actions are late.
    const august = await listActions(database, pemda, { overdue: 'true' }, { today: '2024-08-01' });
    expect(august.actions.map((a) => a.id)).toEqual([late, later]);
    // Filters: one office, one meeting.
    expect(
      (await listActions(database, pemda, { office: 'DISNAKER' }, today)).actions.map((a) => a.id),
    ).toEqual([later]);
    expect(
      (await listActions(database, admin, { meeting: ids.bogor }, today)).actions,
    ).toHaveLength(1);
    await expect(listActions(database, pemda, { meeting: ids.bogor }, today)).rejects.toThrow(
      AccessDenied,
    );
    expect(
      (await listActions(database, pemdaBogor, { overdue: true }, today)).actions,
    ).toHaveLength(1);
  });

  it('moves an action on: SELESAI needs evidence; done actions leave the overdue list', async () => {
    await expect(
      updateActionItem(database, pemda, late, { status: 'SELESAI' }, today),
    ).rejects.toThrow(/evidence: needed/);
    const progressing = await updateActionItem(database, pemda, late, { status: 'PROSES' }, today);
    expect(progressing).toMatchObject({ status: 'PROSES', overdue: true });
    const done = await updateActionItem(
      database,
      pemda,
      late,
      { status: 'SELESAI', evidence: 'SK Bupati No. 440/2024' },
      today,
    );
    expect(done).toMatchObject({
      status: 'SELESAI',
      evidence: 'SK Bupati No. 440/2024',
      overdue: false,
    });
    expect((await listActions(database, pemda, { overdue: true }, today)).actions).toEqual([]);
    // A new due date agreed by the forum.
    const moved = await updateActionItem(database, pemda, later, { dueOn: '2024-08-15' }, today);
    expect(moved.dueOn).toBe('2024-08-15');
    await expect(updateActionItem(database, pemda, later, {}, today)).rejects.toThrow(
      /give status, evidence or dueOn/,
    );
    await expect(
      updateActionItem(database, pemdaBogor, later, { status: 'BATAL' }, today),
    ).rejects.toThrow(AccessDenied);
    await expect(
      updateActionItem(database, agen, later, { status: 'BATAL' }, today),
    ).rejects.toThrow(AccessDenied);
  });

  it('audits every change', async () => {
    const rows = await database.db
      .selectFrom('audit_log')
      .select(['action', 'subject'])
      .where('action', 'like', 'forum.%')
      .orderBy('id')
      .execute();
    const count = (action: string) => rows.filter((r) => r.action === action).length;
    expect(count('forum.meeting')).toBe(4);
    expect(count('forum.action')).toBe(4);
    expect(count('forum.action_update')).toBe(3);
  });
});

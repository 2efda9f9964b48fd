// Forum follow-ups: the meetings of a village, kecamatan, district or
// province forum (who came), what each decided (an action item per office
// with a due date), and which actions are late. A forum is seen by everyone
// whose area lies inside its region or contains it; it is written by those
// holding forum:manage on its region. Every change is audited.
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import type { Database } from '../db/database.ts';
import type { ForumOffice } from '../db/schema.ts';
import { findRegionByCode } from '../regions/regions.repository.ts';
import { InvalidRequest, NotFound, parseRequest } from './compliance.errors.ts';
import {
  forumSeen,
  regionCodeOf,
  requirePermissionWithin,
  requireRegion,
} from './compliance.policy.ts';
import {
  type ActionsQuery,
  type ActionView,
  actionsQuerySchema,
  type MeetingsQuery,
  type MeetingView,
  meetingsQuerySchema,
  type NewActionInput,
  type NewMeetingInput,
  newActionSchema,
  newMeetingSchema,
  type UpdateActionInput,
  updateActionSchema,
} from './compliance.schema.ts';
import {
  type ActionRow,
  findActionById,
  findActions,
  findMeetingById,
  findMeetings,
  insertAction,
  insertMeeting,
  type MeetingRow,
  updateAction,
} from './forum.repository.ts';
import { type Clock, todayOf } from './working-days.ts';

const isOpen = (status: string) => status === 'TERBUKA' || status === 'PROSES';

function meetingView(m: MeetingRow): MeetingView {
  return {
    id: m.id,
    heldOn: m.held_on,
    level: m.level,
    region: m.region_code,
    regionName: m.region_name,
    officesPresent: m.offices_present,
    notes: m.notes,
    createdBy: m.created_by,
    actions: m.actions,
    openActions: m.open_actions,
    overdueActions: m.overdue_actions,
  };
}

function actionView(a: ActionRow, today: string): ActionView {
  return {
    id: a.id,
    meetingId: a.meeting_id,
    meetingHeldOn: a.meeting_held_on,
    level: a.level,
    region: a.region_code,
    description: a.description,
    responsibleOffice: a.responsible_office,
    dueOn: a.due_on,
    status: a.status,
    evidence: a.evidence,
    updatedAt: new Date(a.updated_at).toISOString(),
    updatedBy: a.updated_by,
    overdue: isOpen(a.status) && a.due_on < today,
  };
}

/** Records a meeting of the forum of a region of the caller's area. */
export async function createMeeting(
  database: Database,
  actor: Actor,
  input: NewMeetingInput,
  clock: Clock = {},
): Promise<MeetingView> {
  const today = todayOf(clock);
  const i = parseRequest(newMeetingSchema, input);
  const region = regionCodeOf('region', i.region);
  if (i.level !== undefined && i.level !== region.level) {
    throw new InvalidRequest(`level: ${i.region} is a ${region.level} code, not ${i.level}`);
  }
  requireRegion(actor, 'forum:manage', region.code);
  if (!(await findRegionByCode(database.db, region.code))) {
    throw new InvalidRequest(`region: ${i.region} is not a known region`);
  }
  if (i.heldOn > today) {
    throw new InvalidRequest(`heldOn: ${i.heldOn} is after today (${today})`);
  }
  return database.transaction(async (tx) => {
    const id = await insertMeeting(tx.db, {
      held_on: i.heldOn,
      level: region.level,
      region_code: region.code,
      offices_present: [...new Set(i.officesPresent)] as ForumOffice[],
      notes: i.notes ?? null,
      created_by: actor.name,
    });
    await recordAudit(tx.db, actor, {
      action: 'forum.meeting',
      subject: 'forum_meetings',
      query: { id, region: region.code, heldOn: i.heldOn },
      rowCount: 1,
    });
    const [meeting] = await findMeetings(tx.db, { scope: { everywhere: true }, today, id });
    if (!meeting) throw new Error(`meeting ${id}: not found after insert`);
    return meetingView(meeting);
  });
}

/** The meetings seen from the caller's area (or from `within` it), newest first. */
export async function listMeetings(
  database: Database,
  actor: Actor,
  query: MeetingsQuery = {},
  clock: Clock = {},
): Promise<MeetingView[]> {
  const today = todayOf(clock);
  const q = parseRequest(meetingsQuerySchema, query);
  const scope = requirePermissionWithin(actor, 'forum:read', q.within);
  const rows = await findMeetings(database.db, { scope, today, from: q.from, to: q.to });
  return rows.map(meetingView);
}

/** Adds what a meeting decided: a task for one office, due by a date. */
export async function addAction(
  database: Database,
  actor: Actor,
  meetingId: number,
  input: NewActionInput,
  clock: Clock = {},
): Promise<ActionView> {
  const today = todayOf(clock);
  const meeting = await findMeetingById(database.db, meetingId);
  if (!meeting) throw new NotFound(`meeting ${meetingId}: not found`);
  requireRegion(actor, 'forum:manage', meeting.region_code);
  const i = parseRequest(newActionSchema, input);
  if (i.dueOn < meeting.held_on) {
    throw new InvalidRequest(`dueOn: ${i.dueOn} is before the meeting (${meeting.held_on})`);
  }
  if (i.status === 'SELESAI' && i.evidence === undefined) {
    throw new InvalidRequest('evidence: needed to mark an action SELESAI');
  }
  return database.transaction(async (tx) => {
    const id = await insertAction(tx.db, {
      meeting_id: meeting.id,
      description: i.description,
      responsible_office: i.responsibleOffice,
      due_on: i.dueOn,
      status: i.status,
      evidence: i.evidence ?? null,
      by: actor.name,
    });
    await recordAudit(tx.db, actor, {
      action: 'forum.action',
      subject: 'action_items',
      query: { id, meeting: meeting.id, office: i.responsibleOffice, dueOn: i.dueOn },
      rowCount: 1,
    });
    const row = await findActionById(tx.db, id);
    if (!row) throw new Error(`action ${id}: not found after insert`);
    return actionView(row, today);
  });
}

/** Moves an action on: its status, its evidence, or a new due date. SELESAI needs evidence. */
export async function updateActionItem(
  database: Database,
  actor: Actor,
  actionId: number,
  input: UpdateActionInput,
  clock: Clock = {},
): Promise<ActionView> {
  const today = todayOf(clock);
  const i = parseRequest(updateActionSchema, input);
  return database.transaction(async (tx) => {
    const action = await findActionById(tx.db, actionId, 'for update');
    if (!action) throw new NotFound(`action ${actionId}: not found`);
    requireRegion(actor, 'forum:manage', action.region_code);
    const status = i.status ?? action.status;
    const evidence = i.evidence ?? action.evidence;
    if (status === 'SELESAI' && evidence === null) {
      throw new InvalidRequest('evidence: needed to mark an action SELESAI');
    }
    if (i.dueOn !== undefined && i.dueOn < action.meeting_held_on) {
      throw new InvalidRequest(
        `dueOn: ${i.dueOn} is before the meeting (${action.meeting_held_on})`,
      );
    }
    await updateAction(tx.db, action.id, {
      ...(i.status !== undefined ? { status: i.status } : {}),
      ...(i.evidence !== undefined ? { evidence: i.evidence } : {}),
      ...(i.dueOn !== undefined ? { due_on: i.dueOn } : {}),
      by: actor.name,
    });
    await recordAudit(tx.db, actor, {
      action: 'forum.action_update',
      subject: 'action_items',
      query: {
        id: action.id,
        from: action.status,
        status: i.status,
        dueOn: i.dueOn,
        evidence: i.evidence !== undefined ? 'updated' : undefined,
      },
      rowCount: 1,
    });
    const row = await findActionById(tx.db, action.id);
    if (!row) throw new Error(`action ${action.id}: vanished`);
    return actionView(row, today);
  });
}

/**
 * The actions of the forums seen from the caller's area, by due date;
 * `overdue`: only those past due and neither SELESAI nor BATAL.
 */
export async function listActions(
  database: Database,
  actor: Actor,
  query: ActionsQuery = {},
  clock: Clock = {},
): Promise<{ actions: ActionView[]; overdue: number }> {
  const today = todayOf(clock);
  const q = parseRequest(actionsQuerySchema, query);
  const scope = requirePermissionWithin(actor, 'forum:read', q.within);
  if (q.meeting !== undefined) {
    const meeting = await findMeetingById(database.db, q.meeting);
    if (!meeting) throw new NotFound(`meeting ${q.meeting}: not found`);
    if (!forumSeen(scope, meeting.region_code)) {
      throw new AccessDenied(`meeting ${q.meeting}: outside your area`);
    }
  }
  const rows = await findActions(database.db, {
    scope,
    today,
    meetingId: q.meeting,
    office: q.office,
    status: q.status,
    overdue: q.overdue,
  });
  const actions = rows.map((r) => actionView(r, today));
  return { actions, overdue: actions.filter((a) => a.overdue).length };
}

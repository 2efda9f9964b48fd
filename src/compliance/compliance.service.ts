// Employer compliance: the employers whose workers were found unregistered or
// stopped, the workers of one (personal data: scoped, masked, audited), and a
// case per employer that climbs the sanctions ladder (ladder.ts) with dates,
// outcomes and deadlines. Every change is audited. `today` is injectable so
// that deadlines can be tested; by default it is today's date in Jakarta.
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import { covers } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import { findRegionByCode } from '../regions/regions.repository.ts';
import {
  type CaseRow,
  findCaseById,
  findCases,
  findOpenCaseOfEmployer,
  findOpenCasesOverlapping,
  findStepsOfCases,
  insertCase,
  insertStep,
  type StepRow,
  updateCaseClosed,
  updateStepDone,
} from './cases.repository.ts';
import { Conflict, InvalidRequest, NotFound, parseRequest } from './compliance.errors.ts';
import { regionCodeOf, requirePermissionWithin, requireRegion } from './compliance.policy.ts';
import {
  type CasesQuery,
  type CaseView,
  type CloseCaseInput,
  casesQuerySchema,
  closeCaseSchema,
  type EmployersQuery,
  type EmployerView,
  employersQuerySchema,
  type FinishStepInput,
  finishStepSchema,
  type OpenCaseInput,
  openCaseSchema,
  type StartStepInput,
  startStepSchema,
  type WorkerView,
  workersQuerySchema,
} from './compliance.schema.ts';
import { employerKey } from './employer-key.ts';
import {
  countWorkersByEmployerName,
  findOrInsertEmployer,
  findWorkersByEmployerNames,
} from './employers.repository.ts';
import { allowedSteps, currentStep, isOverdue, refusalToStart, ruleDueOn } from './ladder.ts';
import { type Clock, todayOf } from './working-days.ts';

/** A date the user gave for something that happened: not after today. */
function pastDate(field: string, date: string | undefined, today: string): string {
  if (date === undefined) return today;
  if (date > today) throw new InvalidRequest(`${field}: ${date} is after today (${today})`);
  return date;
}

// Employers.

/**
 * The employers of the area with workers to register or to reinstate,
 * spellings folded by the name key, and the state of each one's open case.
 * An employer with an open case is listed even when no worker is left open.
 */
export async function listEmployers(
  database: Database,
  actor: Actor,
  query: EmployersQuery = {},
  clock: Clock = {},
): Promise<EmployerView[]> {
  const q = parseRequest(employersQuerySchema, query);
  const today = todayOf(clock);
  const scope = requirePermissionWithin(actor, 'compliance:read', q.within);
  const counts = await countWorkersByEmployerName(database.db, scope);

  const byKey = new Map<string, EmployerView & { spellings: Map<string, number> }>();
  const entryOf = (kabupaten: string, key: string) => {
    const id = `${kabupaten}|${key}`;
    let entry = byKey.get(id);
    if (!entry) {
      entry = {
        kabupaten,
        key,
        nama: key,
        names: [],
        workers: 0,
        unregistered: 0,
        stopped: 0,
        caseId: null,
        currentStep: null,
        currentStepDueOn: null,
        overdue: false,
        spellings: new Map(),
      };
      byKey.set(id, entry);
    }
    return entry;
  };
  for (const c of counts) {
    const key = employerKey(c.pemberi_kerja);
    if (key === null) continue;
    const entry = entryOf(c.kabupaten_code, key);
    entry.workers += c.workers;
    entry.unregistered += c.unregistered;
    entry.stopped += c.stopped;
    const name = c.pemberi_kerja.trim();
    entry.spellings.set(name, (entry.spellings.get(name) ?? 0) + c.workers);
  }
  for (const entry of byKey.values()) {
    // The spelling found most often names the employer (ties: alphabetical).
    const spellings = [...entry.spellings.entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    );
    entry.names = spellings.map(([name]) => name);
    entry.nama = entry.names[0] ?? entry.key;
  }

  const cases = await findOpenCasesOverlapping(database.db, scope);
  const steps = groupSteps(
    await findStepsOfCases(
      database.db,
      cases.map((c) => c.id),
    ),
  );
  for (const c of cases) {
    const known = byKey.has(`${c.kabupaten_code}|${c.employer_key}`);
    // A district's case with no worker left open: listed when the district is asked for.
    if (!known && !covers(scope, c.kabupaten_code)) continue;
    const entry = entryOf(c.kabupaten_code, c.employer_key);
    const caseSteps = steps.get(c.id) ?? [];
    const current = currentStep(caseSteps);
    entry.nama = c.employer;
    entry.caseId = c.id;
    entry.currentStep = current?.step ?? null;
    entry.currentStepDueOn = current?.due_on ?? null;
    entry.overdue = caseSteps.some((s) => isOverdue(s, today));
  }

  return [...byKey.values()]
    .map(({ spellings: _, ...view }) => view)
    .sort(
      (a, b) =>
        b.unregistered + b.stopped - (a.unregistered + a.stopped) ||
        b.workers - a.workers ||
        a.nama.localeCompare(b.nama) ||
        a.kabupaten.localeCompare(b.kabupaten),
    );
}

/**
 * The workers of one employer (by name key, or a name that is folded to it)
 * inside the caller's area: names and, as the role allows, NIK and noka.
 * Personal data: the NIKs shown are recorded in the audit log.
 */
export async function listEmployerWorkers(
  database: Database,
  actor: Actor,
  request: { key: string; within?: string | undefined; purpose?: string | undefined },
): Promise<{ key: string; workers: WorkerView[] }> {
  const q = parseRequest(workersQuerySchema, { within: request.within, purpose: request.purpose });
  const key = employerKey(request.key);
  if (key === null) throw new InvalidRequest(`key: ${request.key} names no employer`);
  const scope = requirePermissionWithin(actor, 'compliance:read', q.within);
  const spellings = (await countWorkersByEmployerName(database.db, scope))
    .map((c) => c.pemberi_kerja)
    .filter((name) => employerKey(name) === key);
  const rows = await findWorkersByEmployerNames(database.db, actor, scope, [...new Set(spellings)]);
  await recordAudit(database.db, actor, {
    action: 'list',
    subject: 'employer_workers',
    ctx: { purpose: q.purpose ?? 'employer compliance: workers of an employer' },
    query: { key, within: q.within },
    scope,
    rowCount: rows.length,
    niks: rows.map((r) => r.nik_whole).filter((n): n is string => n !== null),
  });
  return {
    key,
    workers: rows.map((r) => ({
      kabupaten: r.kabupaten_code,
      desa: r.desa_code,
      nama: r.nama,
      nik: r.nik,
      noka: r.noka,
      status: r.status,
      alasanNonaktif: r.alasan_nonaktif,
      pathway: r.pathway,
      segmen: r.segmen,
      pemberiKerja: r.pemberi_kerja,
    })),
  };
}

// Cases.

function groupSteps(steps: readonly StepRow[]): Map<number, StepRow[]> {
  const byCase = new Map<number, StepRow[]>();
  for (const s of steps) {
    const list = byCase.get(s.case_id) ?? [];
    list.push(s);
    byCase.set(s.case_id, list);
  }
  return byCase;
}

function caseView(c: CaseRow, steps: readonly StepRow[], today: string): CaseView {
  const open = c.status === 'OPEN';
  const views = steps.map((s) => ({
    id: s.id,
    step: s.step,
    startedOn: s.started_on,
    dueOn: s.due_on,
    doneOn: s.done_on,
    outcome: s.outcome,
    note: s.note,
    recordedBy: s.recorded_by,
    doneBy: s.done_by,
    overdue: open && isOverdue(s, today),
  }));
  return {
    id: c.id,
    kabupaten: c.kabupaten_code,
    employerId: c.employer_id,
    employer: c.employer,
    employerKey: c.employer_key,
    alamat: c.alamat,
    openedOn: c.opened_on,
    openedBy: c.opened_by,
    status: c.status,
    closedOn: c.closed_on,
    closedBy: c.closed_by,
    closeOutcome: c.close_outcome,
    note: c.note,
    closeNote: c.close_note,
    currentStep: currentStep(steps)?.step ?? null,
    overdue: views.some((v) => v.overdue),
    overdueSteps: views.filter((v) => v.overdue).map((v) => v.step),
    allowedSteps: open ? allowedSteps(steps, today) : [],
    steps: views,
  };
}

async function loadCase(db: Database['db'], id: number, today: string): Promise<CaseView> {
  const c = await findCaseById(db, id);
  if (!c) throw new NotFound(`case ${id}: not found`);
  return caseView(c, await findStepsOfCases(db, [id]), today);
}

/** The case, locked for the change, inside the caller's area and still open. */
async function openCaseForChange(db: Database['db'], actor: Actor, id: number): Promise<CaseRow> {
  const c = await findCaseById(db, id, 'for update');
  if (!c) throw new NotFound(`case ${id}: not found`);
  requireRegion(actor, 'compliance:manage', c.kabupaten_code);
  if (c.status !== 'OPEN') {
    throw new InvalidRequest(`case ${id}: closed on ${c.closed_on} (${c.close_outcome})`);
  }
  return c;
}

/**
 * Opens a case against an employer of a district: the employer row is found
 * by its name key (or created), and it may have one open case at a time.
 */
export async function openCase(
  database: Database,
  actor: Actor,
  input: OpenCaseInput,
  clock: Clock = {},
): Promise<CaseView> {
  const today = todayOf(clock);
  const i = parseRequest(openCaseSchema, input);
  const kabupaten = regionCodeOf('kabupaten', i.kabupaten).code;
  requireRegion(actor, 'compliance:manage', kabupaten);
  if (!(await findRegionByCode(database.db, kabupaten))) {
    throw new InvalidRequest(`kabupaten: ${i.kabupaten} is not a district`);
  }
  const key = employerKey(i.employer);
  if (key === null) throw new InvalidRequest(`employer: ${i.employer} is not a name`);
  const openedOn = pastDate('openedOn', i.openedOn, today);

  return database.transaction(async (tx) => {
    const employer = await findOrInsertEmployer(
      tx.db,
      { kabupaten_code: kabupaten, nama: i.employer, nama_kunci: key, alamat: i.alamat ?? null },
      actor.name,
    );
    const existing = await findOpenCaseOfEmployer(tx.db, employer.id);
    if (existing) {
      throw new Conflict(
        `employer ${employer.nama}: case ${existing.id} is open since ${existing.opened_on}`,
      );
    }
    const id = await insertCase(tx.db, {
      employer_id: employer.id,
      opened_on: openedOn,
      opened_by: actor.name,
      note: i.note ?? null,
    }).catch((error: unknown) => {
      // Two officers opening the same employer's case at once: one wins.
      if ((error as { code?: string }).code === '23505') {
        throw new Conflict(`employer ${employer.nama}: a case was just opened`);
      }
      throw error;
    });
    await recordAudit(tx.db, actor, {
      action: 'compliance.case_open',
      subject: 'compliance_cases',
      query: { id, employer: employer.id, kabupaten, new_employer: employer.created },
      rowCount: 1,
    });
    return loadCase(tx.db, id, today);
  });
}

/** The cases of the caller's area (or `within` it), open first; `overdue`: only those late. */
export async function listCases(
  database: Database,
  actor: Actor,
  query: CasesQuery = {},
  clock: Clock = {},
): Promise<CaseView[]> {
  const today = todayOf(clock);
  const q = parseRequest(casesQuerySchema, query);
  const scope = requirePermissionWithin(actor, 'compliance:read', q.within);
  const cases = await findCases(database.db, {
    scope,
    status: q.status,
    overdueOn: q.overdue === true ? today : undefined,
  });
  const steps = groupSteps(
    await findStepsOfCases(
      database.db,
      cases.map((c) => c.id),
    ),
  );
  return cases.map((c) => caseView(c, steps.get(c.id) ?? [], today));
}

export async function showCase(
  database: Database,
  actor: Actor,
  id: number,
  clock: Clock = {},
): Promise<CaseView> {
  const today = todayOf(clock);
  const scope = requirePermissionWithin(actor, 'compliance:read');
  const view = await loadCase(database.db, id, today);
  if (!covers(scope, view.kabupaten)) throw new AccessDenied(`case ${id}: outside your area`);
  return view;
}

/**
 * Starts the next step of an open case. A warning is due ten working days
 * after it starts (the rule, not the user, sets it); a fine, withholding of
 * services, SKK or joint inspection may carry a due date the user gives.
 */
export async function startStep(
  database: Database,
  actor: Actor,
  caseId: number,
  input: StartStepInput,
  clock: Clock = {},
): Promise<CaseView> {
  const today = todayOf(clock);
  const i = parseRequest(startStepSchema, input);
  return database.transaction(async (tx) => {
    const c = await openCaseForChange(tx.db, actor, caseId);
    const startedOn = pastDate('startedOn', i.startedOn, today);
    if (startedOn < c.opened_on) {
      throw new InvalidRequest(
        `startedOn: ${startedOn} is before the case was opened (${c.opened_on})`,
      );
    }
    const steps = await findStepsOfCases(tx.db, [c.id]);
    const refusal = refusalToStart(steps, i.step, startedOn);
    if (refusal !== null) throw new InvalidRequest(refusal);
    const byRule = ruleDueOn(i.step, startedOn);
    if (byRule !== null && i.dueOn !== undefined) {
      throw new InvalidRequest(
        `dueOn: a warning is due ten working days after it starts (${byRule})`,
      );
    }
    const dueOn = byRule ?? i.dueOn ?? null;
    if (dueOn !== null && dueOn < startedOn) {
      throw new InvalidRequest(`dueOn: ${dueOn} is before the step starts (${startedOn})`);
    }
    const stepId = await insertStep(tx.db, {
      case_id: c.id,
      step: i.step,
      started_on: startedOn,
      due_on: dueOn,
      note: i.note ?? null,
      recorded_by: actor.name,
    });
    await recordAudit(tx.db, actor, {
      action: 'compliance.step',
      subject: 'compliance_cases',
      query: { id: c.id, step: i.step, stepId, startedOn, dueOn },
      rowCount: 1,
    });
    return loadCase(tx.db, c.id, today);
  });
}

/** Marks a step of an open case done, with what came of it. */
export async function finishStep(
  database: Database,
  actor: Actor,
  caseId: number,
  stepId: number,
  input: FinishStepInput,
  clock: Clock = {},
): Promise<CaseView> {
  const today = todayOf(clock);
  const i = parseRequest(finishStepSchema, input);
  return database.transaction(async (tx) => {
    const c = await openCaseForChange(tx.db, actor, caseId);
    const step = (await findStepsOfCases(tx.db, [c.id])).find((s) => s.id === stepId);
    if (!step) throw new NotFound(`step ${stepId} of case ${caseId}: not found`);
    if (step.done_on !== null) {
      throw new InvalidRequest(`${step.step}: already done on ${step.done_on}`);
    }
    const doneOn = pastDate('doneOn', i.doneOn, today);
    if (doneOn < step.started_on) {
      throw new InvalidRequest(
        `doneOn: ${doneOn} is before ${step.step} started (${step.started_on})`,
      );
    }
    await updateStepDone(tx.db, step.id, {
      done_on: doneOn,
      outcome: i.outcome,
      done_by: actor.name,
    });
    await recordAudit(tx.db, actor, {
      action: 'compliance.step_done',
      subject: 'compliance_cases',
      query: { id: c.id, step: step.step, stepId, doneOn },
      rowCount: 1,
    });
    return loadCase(tx.db, c.id, today);
  });
}

/** Closes a case: PATUH (complied), or DITUTUP_LAINNYA with a note saying why. */
export async function closeCase(
  database: Database,
  actor: Actor,
  caseId: number,
  input: CloseCaseInput,
  clock: Clock = {},
): Promise<CaseView> {
  const today = todayOf(clock);
  const i = parseRequest(closeCaseSchema, input);
  return database.transaction(async (tx) => {
    const c = await openCaseForChange(tx.db, actor, caseId);
    const closedOn = pastDate('closedOn', i.closedOn, today);
    if (closedOn < c.opened_on) {
      throw new InvalidRequest(
        `closedOn: ${closedOn} is before the case was opened (${c.opened_on})`,
      );
    }
    if (i.outcome === 'DITUTUP_LAINNYA' && i.note === undefined) {
      throw new InvalidRequest('note: say why the case closes without compliance');
    }
    await updateCaseClosed(tx.db, c.id, {
      closed_on: closedOn,
      closed_by: actor.name,
      close_outcome: i.outcome,
      close_note: i.note ?? null,
    });
    await recordAudit(tx.db, actor, {
      action: 'compliance.case_close',
      subject: 'compliance_cases',
      query: { id: c.id, outcome: i.outcome, closedOn },
      rowCount: 1,
    });
    return loadCase(tx.db, c.id, today);
  });
}

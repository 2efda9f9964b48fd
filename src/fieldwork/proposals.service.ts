// Registrasi: an agent proposes a person or a household for the pathway
// that fits; the verifying office checks it; the BPJS branch registers it
// with a card number; a later reconciliation confirms it (closeLoop). Every
// transition is kept (proposal_events) and audited.
import { type Actor, requirePermission } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import { covers } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import type { ProposalStatus } from '../db/schema.ts';
import { shiftPeriod } from '../indicators/periods.ts';
import { resolveAgent } from './agents.service.ts';
import {
  type ProposalInput,
  proposalIdSchema,
  proposalInputSchema,
  proposalListQuerySchema,
  type RegisterInput,
  registerInputSchema,
  rejectInputSchema,
  verifyInputSchema,
} from './fieldwork.schema.ts';
import { type Pathway, PROPOSAL_PATHWAYS } from './pathways.ts';
import { decidersOf, mayDecide, type ProposalStep } from './proposals.policy.ts';
import {
  findProposalEvents,
  findProposalPeople,
  findProposalRow,
  findProposals,
  findTargetsInOpenProposals,
  insertEvent,
  insertProposal,
  isUhcPrioritas,
  type ProposalRow,
  setPersonNoka,
  updateProposalStatus,
} from './proposals.repository.ts';
import {
  Conflict,
  InvalidRequest,
  NotFound,
  requirePermissionWithin,
  todayInJakarta,
  villageCode,
} from './requests.ts';
import { findOpenHouseholdTargets, latestRunPeriod } from './targets.repository.ts';

export interface Clock {
  /** Today, YYYY-MM-DD (Asia/Jakarta unless a test says otherwise). */
  today?: string;
  /** Months after the registration month by which a registration must show active (default 1). */
  activeAfterMonths?: number;
}

function checkId(id: string): void {
  if (!proposalIdSchema.safeParse(id).success) {
    throw new InvalidRequest(`proposal ${id}: not a proposal id (a UUID)`);
  }
}

export interface ProposalDetail {
  proposal: NonNullable<ProposalRow>;
  people: Omit<Awaited<ReturnType<typeof findProposalPeople>>[number], '_nik'>[];
  events: Awaited<ReturnType<typeof findProposalEvents>>;
}

async function detailOf(
  database: Database,
  actor: Actor,
  id: string,
  purpose: string,
): Promise<ProposalDetail> {
  const db = database.db;
  checkId(id);
  const proposal = await findProposalRow(db, id);
  if (!proposal) throw new NotFound(`proposal ${id}: not found`);
  const scope = requirePermission(actor, 'proposals:read');
  if (!covers(scope, proposal.desa_code))
    throw new AccessDenied(`proposal ${id}: outside your area`);
  const rows = await findProposalPeople(db, actor, id);
  const niks = rows.flatMap((r) => (typeof r._nik === 'string' ? [r._nik] : []));
  const people = rows.map(({ _nik, ...rest }) => rest);
  await recordAudit(db, actor, {
    action: 'read',
    subject: 'proposals',
    ctx: { purpose },
    query: { id },
    scope: { everywhere: false, prefixes: [proposal.desa_code] },
    rowCount: people.length,
    niks,
  });
  return { proposal, people, events: await findProposalEvents(db, id) };
}

export function getProposal(database: Database, actor: Actor, id: string) {
  return detailOf(database, actor, id, 'lihat usulan');
}

/**
 * Proposes a person or a household. The client's id makes a repeat harmless:
 * the same proposal again answers `created: false`; another one under the
 * same id is a conflict.
 */
export async function proposeRegistration(
  database: Database,
  actor: Actor,
  input: ProposalInput,
  clock: Clock = {},
): Promise<ProposalDetail & { created: boolean }> {
  const parsed = proposalInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidRequest(`${issue?.path.join('.') || 'proposal'}: ${issue?.message}`);
  }
  const p = parsed.data;
  const desa = villageCode(p.desa);
  const scope = requirePermission(actor, 'proposals:create');
  if (!covers(scope, desa)) throw new AccessDenied(`desa ${p.desa}: outside your area`);
  const today = clock.today ?? todayInJakarta();
  const pathway = PROPOSAL_PATHWAYS[p.pathway as Pathway];
  if (!pathway) {
    throw new InvalidRequest(
      `pathway ${p.pathway}: a data fix, not a registration (it goes to Dukcapil/BPJS through the discrepancy list)`,
    );
  }
  if (p.proposedOn !== undefined && p.proposedOn > today) {
    throw new InvalidRequest('proposedOn: in the future');
  }

  const created = await database.transaction(async (tx) => {
    const db = tx.db;
    const existing = await findProposalRow(db, p.id);
    if (existing) {
      if (
        existing.desa_code !== desa ||
        existing.household !== p.household ||
        existing.pathway !== p.pathway ||
        existing.kind !== p.kind
      ) {
        throw new Conflict(`proposal ${p.id}: exists with other content`);
      }
      return false;
    }
    const agentId = await resolveAgent(db, actor, {
      desa,
      agentId: p.agentId,
      on: p.proposedOn ?? today,
      required: false,
      permission: 'proposals:create',
    });

    const household = await findOpenHouseholdTargets(db, desa, p.household);
    if (household.length === 0) {
      throw new InvalidRequest(
        `household ${p.household}: no open target in desa ${p.desa} (nothing to register)`,
      );
    }
    if (p.kind === 'ORANG' && pathway.wholeHousehold) {
      throw new InvalidRequest(
        `pathway ${p.pathway}: self-paid registration covers the whole family card (kind KELUARGA)`,
      );
    }
    const wanted = p.targetIds ?? (p.kind === 'KELUARGA' ? household.map((t) => t.id) : []);
    if (p.kind === 'ORANG' && wanted.length !== 1) {
      throw new InvalidRequest('targetIds: a proposal of kind ORANG names exactly one target');
    }
    const people = wanted.map((id) => {
      const target = household.find((t) => t.id === id);
      if (!target) {
        throw new InvalidRequest(`targetIds: ${id} is not an open target of this household`);
      }
      return target;
    });
    if (people.length === 0) throw new InvalidRequest('targetIds: nobody to propose');
    const busy = await findTargetsInOpenProposals(
      db,
      people.map((t) => t.id),
    );
    if (busy.length > 0) {
      throw new Conflict(`targets ${busy.join(', ')}: already in an open proposal`);
    }
    const segmen = p.segmen ?? pathway.segmen[0];
    if (segmen === undefined || !pathway.segmen.includes(segmen)) {
      throw new InvalidRequest(
        `segmen ${p.segmen}: pathway ${p.pathway} registers as ${pathway.segmen.join(' or ')}`,
      );
    }
    if (!pathway.kelas && p.kelas !== undefined) {
      throw new InvalidRequest(`kelas: pathway ${p.pathway} has no class choice (class 3)`);
    }
    const kelas = pathway.kelas
      ? (p.kelas ?? people[0]?.kelas_saran ?? people[0]?.kelas ?? 3)
      : null;
    const unknownDocs = Object.keys(p.documents).filter((d) => !pathway.documents.includes(d));
    if (unknownDocs.length > 0) {
      throw new InvalidRequest(
        `documents: ${unknownDocs.join(', ')} not on the checklist of ${p.pathway} (${pathway.documents.join(', ')})`,
      );
    }
    const documents = Object.fromEntries(
      pathway.documents.map((d) => [d, p.documents[d] ?? false]),
    );
    // The month of the data it was made from: only a later month confirms it.
    const basePeriod = await latestRunPeriod(db, desa);
    const first = people[0];
    if (!first) throw new InvalidRequest('targetIds: nobody to propose');
    await insertProposal(db, {
      id: p.id,
      kabupatenCode: first.kabupaten_code,
      desaCode: desa,
      household: p.household,
      kind: p.kind,
      pathway: p.pathway,
      segmen,
      kelas,
      documents,
      basePeriod,
      agentId,
      proposedOn: p.proposedOn ?? today,
      proposedBy: actor.name,
      note: p.note ?? null,
      people: people.map((t) => ({ targetId: t.id, sourceId: t.source_id, noka: t.noka })),
    });
    await recordAudit(db, actor, {
      action: 'proposal.create',
      subject: 'proposals',
      query: { id: p.id, pathway: p.pathway, kind: p.kind, people: people.length },
      scope: { everywhere: false, prefixes: [desa] },
      rowCount: people.length,
    });
    return true;
  });
  return { ...(await detailOf(database, actor, p.id, 'usulan baru')), created };
}

const FROM: Record<ProposalStep, readonly ProposalStatus[]> = {
  verify: ['DIAJUKAN'],
  register: ['DIVERIFIKASI'],
  reject: ['DIAJUKAN', 'DIVERIFIKASI'],
};
const TO: Record<ProposalStep, ProposalStatus> = {
  verify: 'DIVERIFIKASI',
  register: 'TERDAFTAR',
  reject: 'DITOLAK',
};

/**
 * One step of the workflow, by the office the pathway names (policy), from
 * the state it must be in (else 409), with its event and audit entry.
 */
export async function decideProposal(
  database: Database,
  actor: Actor,
  id: string,
  step: ProposalStep,
  input: unknown,
  clock: Clock = {},
): Promise<ProposalDetail> {
  requirePermission(actor, 'proposals:decide');
  checkId(id);
  const today = clock.today ?? todayInJakarta();
  await database.transaction(async (tx) => {
    const db = tx.db;
    const row = await findProposalRow(db, id);
    if (!row) throw new NotFound(`proposal ${id}: not found`);
    const pathway = PROPOSAL_PATHWAYS[row.pathway as Pathway];
    if (!pathway) throw new Conflict(`proposal ${id}: pathway ${row.pathway} unknown`);
    if (!mayDecide(actor.grants, step, pathway.verifier, row.desa_code)) {
      throw new AccessDenied(
        `proposal ${id}: ${step} is for ${decidersOf(step, pathway.verifier)} of its region`,
      );
    }
    if (!FROM[step].includes(row.status)) {
      throw new Conflict(`proposal ${id} is ${row.status}: cannot ${step}`);
    }
    let note: string | null = null;
    if (step === 'verify') {
      note = verifyInputSchema.parse(input ?? {}).note ?? null;
      await updateProposalStatus(db, id, row.status, {
        status: 'DIVERIFIKASI',
        verified_by: actor.name,
        verified_at: new Date(),
      });
    } else if (step === 'register') {
      const parsed = registerInputSchema.safeParse(input ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InvalidRequest(`${issue?.path.join('.') || 'register'}: ${issue?.message}`);
      }
      const r = parsed.data as Required<Pick<RegisterInput, 'noka'>> & RegisterInput;
      const registeredOn = r.registeredOn ?? today;
      if (registeredOn > today) throw new InvalidRequest('registeredOn: in the future');
      const people = await findProposalPeople(db, actor, id);
      const missing: number[] = [];
      for (const person of people) {
        const given = r.noka[String(person.target_id)];
        if (given) await setPersonNoka(db, id, person.target_id, given);
        else if (person.noka === null) missing.push(person.target_id);
      }
      if (missing.length > 0) {
        throw new InvalidRequest(`noka: missing for target ${missing.join(', ')}`);
      }
      // UHC Prioritas districts' own registrations are active the same day;
      // every other registration from a month later (domain.md).
      const sameMonth =
        row.segmen === 'PBI_APBD' && (await isUhcPrioritas(db, row.kabupaten_code, registeredOn));
      const lag = sameMonth ? 0 : (clock.activeAfterMonths ?? 1);
      note = r.note ?? null;
      await updateProposalStatus(db, id, row.status, {
        status: 'TERDAFTAR',
        registered_on: registeredOn,
        expected_period: shiftPeriod(registeredOn.slice(0, 7), lag),
      });
    } else {
      const parsed = rejectInputSchema.safeParse(input ?? {});
      if (!parsed.success) throw new InvalidRequest('reason: a reason (3 to 500 characters)');
      note = parsed.data.reason;
      await updateProposalStatus(db, id, row.status, {
        status: 'DITOLAK',
        rejected_reason: parsed.data.reason,
      });
    }
    await insertEvent(db, id, actor.name, row.status, TO[step], note);
    await recordAudit(db, actor, {
      action: `proposal.${step}`,
      subject: 'proposals',
      query: { id, from: row.status, to: TO[step] },
      scope: { everywhere: false, prefixes: [row.desa_code] },
      rowCount: 1,
    });
  });
  return detailOf(database, actor, id, `usulan: ${step}`);
}

/** Proposals inside the caller's area (ids, pathways, statuses, counts: no names). */
export async function listProposals(database: Database, actor: Actor, query: unknown) {
  const q = proposalListQuerySchema.parse(query ?? {});
  const scope = requirePermissionWithin(actor, 'proposals:read', q.within);
  return findProposals(database.db, { scope, status: q.status, limit: q.limit, offset: q.offset });
}

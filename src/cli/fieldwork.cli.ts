// pesiar worklist | target | proposals … | performance | budget | uhc-prioritas:
// Sisir's worklist, Registrasi's proposals and their workflow, and the
// monev figures of the field, as the acting user.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import {
  BUDGET_COLUMNS,
  districtBudget,
  listUhcPrioritas,
  setUhcPrioritas,
} from '../fieldwork/budget.service.ts';
import { PATHWAY_LABELS, type Pathway } from '../fieldwork/pathways.ts';
import { agentPerformance } from '../fieldwork/performance.service.ts';
import {
  decideProposal,
  getProposal,
  listProposals,
  type ProposalDetail,
  proposeRegistration,
} from '../fieldwork/proposals.service.ts';
import { getTarget, getWorklist } from '../fieldwork/targets.service.ts';
import { formatRegionCode } from '../regions/codes.ts';
import { exportStream, inOneBatch } from '../reports/table-export.ts';
import {
  CliError,
  contextOf,
  pageOf,
  periodOf,
  printJson,
  printTable,
  wholeNumberOf,
  withDatabase,
} from './context.ts';

/** "1=0001234567890,2=…" → { "1": "0001234567890", … } */
function nokaMap(text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  return Object.fromEntries(
    text.split(',').map((pair) => {
      const [target, noka] = pair.split('=');
      if (!target || !noka) throw new CliError('--noka: TARGET=NOKA[,TARGET=NOKA…]');
      return [target.trim(), noka.trim()];
    }),
  );
}

function printProposal(d: ProposalDetail): void {
  const p = d.proposal;
  const out = [
    `Usulan ${p.id} (${p.kind}) desa ${formatRegionCode(p.desa_code)}, KK ${p.household}`,
    `  jalur ${PATHWAY_LABELS[p.pathway as Pathway] ?? p.pathway}, segmen ${p.segmen}${p.kelas ? `, kelas ${p.kelas}` : ''}`,
    `  status ${p.status}${p.expected_period ? `, diharapkan aktif ${p.expected_period}` : ''}${p.overdue_period ? `, BELUM AKTIF (periksa ${p.overdue_period})` : ''}${p.rejected_reason ? `, ditolak: ${p.rejected_reason}` : ''}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  printTable(
    d.people.map((x) => ({
      target: x.target_id,
      nama: x.nama,
      nik: x.nik,
      noka: x.noka,
      aktif_sejak: x.confirmed_period,
    })),
  );
  printTable(
    d.events.map((e) => ({
      waktu: e.at instanceof Date ? e.at.toISOString().slice(0, 16) : String(e.at),
      oleh: e.actor,
      dari: e.from_status,
      ke: e.to_status,
      catatan: e.note,
    })),
  );
}

export function registerFieldworkCommands(program: Command): void {
  program
    .command('worklist')
    .description('Sisir: open targets by household, most urgent first, then dusun/RW/RT')
    .option('--within <code>', 'a region of your area')
    .option('--limit <n>', 'households (1–500)', '50')
    .option('--offset <n>', 'skip this many households', '0')
    .action(async (opts: { within?: string; limit: string; offset: string }, command: Command) => {
      const ctx = contextOf(command);
      const list = await withDatabase(ctx, 'worklist', (database, actor) =>
        getWorklist(database, actor, { within: opts.within, ...pageOf(opts) }),
      );
      if (ctx.globals.format === 'json') return printJson(list);
      process.stdout.write(`${list.total} rumah tangga dengan sasaran terbuka.\n`);
      for (const h of list.households) {
        const where = [h.dusun, h.rw && `RW ${h.rw}`, h.rt && `RT ${h.rt}`]
          .filter(Boolean)
          .join(' ');
        const visit = h.lastVisitOn ? `  kunjungan terakhir ${h.lastVisitOn} ${h.lastOutcome}` : '';
        process.stdout.write(
          `\n[P${h.priority}] ${formatRegionCode(h.desaCode)} KK ${h.household} ${where}${visit}\n`,
        );
        for (const p of h.people) {
          process.stdout.write(
            `  #${p.targetId} ${p.nama ?? '?'} (${p.nik ?? 'tanpa NIK'}) ${p.status}${p.priorityReasons.length ? ` [${p.priorityReasons.join(', ')}]` : ''}\n    → ${PATHWAY_LABELS[p.pathway as Pathway] ?? p.pathway}: ${p.pathwayReason}\n`,
          );
        }
      }
    });

  program
    .command('target')
    .description('one target: facts, pathway and reason, priority, month-by-month history')
    .argument('<id>', 'target id (from the worklist)')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const ctx = contextOf(command);
      const found = await withDatabase(ctx, 'target', (database, actor) =>
        getTarget(database, actor, wholeNumberOf('target id', id)),
      );
      if (ctx.globals.format === 'json') return printJson(found);
      const t = found.target;
      process.stdout.write(
        `#${t.id} ${t.nama ?? '?'} desa ${formatRegionCode(t.desa_code)} KK ${t.household}: ${t.status}${t.closed_period ? ` (ditutup ${t.closed_period}: ${t.close_reason})` : ''}\n  → ${t.pathway}: ${t.pathway_reason}\n  prioritas ${t.priority} ${t.priority_reasons.join(', ')}\n`,
      );
      printTable(found.history);
    });

  const proposals = program
    .command('proposals')
    .description('Registrasi: proposals and their workflow (DIAJUKAN → DIVERIFIKASI → TERDAFTAR)');
  proposals
    .command('add')
    .description('propose a person (--target) or a whole household for a pathway')
    .requiredOption('--desa <code>', 'the village')
    .requiredOption('--household <kk>', 'the household (No. KK, or id:… as on the worklist)')
    .requiredOption('--pathway <pathway>', 'PBI_APBD, PBI_APBN, REAKTIVASI_DINSOS, PBPU_MANDIRI, …')
    .option('--target <id...>', 'target id(s); one: a person; none: the whole household')
    .option('--segmen <segmen>', 'PBI_APBN | PBI_APBD | PPU | PBPU | BP (default: the pathway’s)')
    .option('--kelas <1-3>', 'care class, for self-paid and employer pathways')
    .option('--doc <name...>', 'documents at hand (e.g. KTP KK)')
    .option('--agent <id>', 'the agent, for an operator entering a paper form')
    .option('--id <uuid>', 'the proposal id (default: a new one)')
    .option('--note <text>', 'a note')
    .action(
      async (
        opts: {
          desa: string;
          household: string;
          pathway: string;
          target?: string[];
          segmen?: string;
          kelas?: string;
          doc?: string[];
          agent?: string;
          id?: string;
          note?: string;
        },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const targets = opts.target?.map((t) => wholeNumberOf('--target', t));
        const result = await withDatabase(ctx, 'proposals add', (database, actor) =>
          proposeRegistration(database, actor, {
            id: opts.id ?? randomUUID(),
            desa: opts.desa,
            household: opts.household,
            kind: targets?.length === 1 ? 'ORANG' : 'KELUARGA',
            targetIds: targets,
            pathway: opts.pathway as Pathway,
            segmen: opts.segmen as never,
            kelas: opts.kelas === undefined ? undefined : Number(opts.kelas),
            documents: Object.fromEntries((opts.doc ?? []).map((d) => [d, true])),
            agentId: opts.agent === undefined ? undefined : wholeNumberOf('--agent', opts.agent),
            note: opts.note,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(result);
        printProposal(result);
      },
    );
  proposals
    .command('list')
    .description('proposals of your area, newest first')
    .option('--within <code>', 'a region of your area')
    .option(
      '--status <status>',
      'DIAJUKAN | DIVERIFIKASI | TERDAFTAR | DITOLAK | TERKONFIRMASI_AKTIF',
    )
    .option('--limit <n>', '1–500', '50')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      async (
        opts: { within?: string; status?: string; limit: string; offset: string },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const rows = await withDatabase(ctx, 'proposals list', (database, actor) =>
          listProposals(database, actor, {
            within: opts.within,
            status: opts.status,
            ...pageOf(opts),
          }),
        );
        if (ctx.globals.format === 'json') return printJson(rows);
        printTable(
          rows.map((r) => ({
            id: r.id,
            desa: formatRegionCode(r.desa_code),
            jalur: r.pathway,
            orang: r.people,
            status: r.status,
            diajukan: r.proposed_on,
            aktif_diharapkan: r.expected_period,
            terkonfirmasi: r.confirmed_period,
            terlambat: r.overdue_period,
          })),
        );
      },
    );
  proposals
    .command('show')
    .argument('<id>', 'proposal id')
    .description('one proposal: people, documents, transitions')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const ctx = contextOf(command);
      const d = await withDatabase(ctx, 'proposals show', (database, actor) =>
        getProposal(database, actor, id),
      );
      if (ctx.globals.format === 'json') return printJson(d);
      printProposal(d);
    });
  proposals
    .command('verify')
    .argument('<id>', 'proposal id')
    .description('DIAJUKAN → DIVERIFIKASI (the office the pathway names)')
    .option('--note <text>', 'a note')
    .action(async (id: string, opts: { note?: string }, command: Command) => {
      const ctx = contextOf(command);
      const d = await withDatabase(ctx, 'proposals verify', (database, actor) =>
        decideProposal(database, actor, id, 'verify', { note: opts.note }),
      );
      if (ctx.globals.format === 'json') return printJson(d);
      printProposal(d);
    });
  proposals
    .command('register')
    .argument('<id>', 'proposal id')
    .description('DIVERIFIKASI → TERDAFTAR, with card numbers (BPJS branch)')
    .option('--noka <pairs>', 'TARGET=NOKA[,TARGET=NOKA…] (an existing member keeps its noka)')
    .option('--on <YYYY-MM-DD>', 'registration date (default today)')
    .option('--note <text>', 'a note')
    .action(
      async (id: string, opts: { noka?: string; on?: string; note?: string }, command: Command) => {
        const ctx = contextOf(command);
        const d = await withDatabase(ctx, 'proposals register', (database, actor) =>
          decideProposal(database, actor, id, 'register', {
            noka: nokaMap(opts.noka),
            registeredOn: opts.on,
            note: opts.note,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(d);
        printProposal(d);
      },
    );
  proposals
    .command('reject')
    .argument('<id>', 'proposal id')
    .description('→ DITOLAK, with a reason')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, opts: { reason: string }, command: Command) => {
      const ctx = contextOf(command);
      const d = await withDatabase(ctx, 'proposals reject', (database, actor) =>
        decideProposal(database, actor, id, 'reject', { reason: opts.reason }),
      );
      if (ctx.globals.format === 'json') return printJson(d);
      printProposal(d);
    });

  program
    .command('performance')
    .description('agent performance in a month: per agent, village and district')
    .requiredOption('--period <YYYY-MM>', 'the month')
    .option('--within <code>', 'a region of your area')
    .action(async (opts: { period: string; within?: string }, command: Command) => {
      const ctx = contextOf(command);
      const perf = await withDatabase(ctx, 'performance', (database, actor) =>
        agentPerformance(database, actor, { period: periodOf(opts.period), within: opts.within }),
      );
      if (ctx.globals.format === 'json') return printJson(perf);
      const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(2)}%`);
      printTable(
        perf.rows.map((r) => ({
          tingkat: r.level,
          nama: r.level === 'agen' ? (r.agent ?? '(tanpa agen)') : r.region,
          wilayah: r.region_code ? formatRegionCode(r.region_code) : '',
          kunjungan: r.visits,
          rumah_tangga: r.households_reached,
          sosialisasi: r.outreach_events,
          usulan: r.proposals,
          orang_diusulkan: r.people_proposed,
          terkonfirmasi_aktif: r.confirmed_active,
          reaktivasi: r.reactivations,
          kunjungan_ke_usulan: pct(r.visit_to_proposal),
          usulan_ke_aktif: pct(r.proposal_to_active),
        })),
        undefined,
        { right: ['kunjungan_ke_usulan', 'usulan_ke_aktif'] },
      );
    });

  program
    .command('budget')
    .description('district-paid (PBI APBD) proposals and their cost in a budget year')
    .requiredOption('--year <yyyy>', 'the budget year')
    .option('--within <code>', 'a region of your area (a district)')
    .option('--out <file.xlsx>', 'write an XLSX for the budget office')
    .action(async (opts: { year: string; within?: string; out?: string }, command: Command) => {
      const ctx = contextOf(command);
      const budget = await withDatabase(ctx, 'budget', (database, actor) =>
        districtBudget(database, actor, { year: opts.year, within: opts.within }),
      );
      if (opts.out !== undefined) {
        const rows = budget.rows as unknown as Record<string, unknown>[];
        await pipeline(
          exportStream('xlsx', BUDGET_COLUMNS, inOneBatch(rows), {
            sheetName: `PBI APBD ${budget.year}`,
          }),
          createWriteStream(opts.out),
        );
        process.stderr.write(`${rows.length} usulan ditulis ke ${opts.out}.\n`);
      }
      if (ctx.globals.format === 'json') return printJson(budget);
      const rp = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;
      const t = budget.totals;
      process.stdout.write(
        `Anggaran PBI APBD ${budget.year} (iuran ${rp(budget.premium)}/orang/bulan)\n` +
          `  semua usulan: ${t.proposals} usulan, ${t.people} orang, ${rp(t.cost)}\n` +
          `  terkonfirmasi aktif: ${t.confirmedProposals} usulan, ${t.confirmedPeople} orang, ${rp(t.confirmedCost)}\n`,
      );
    });

  const uhc = program
    .command('uhc-prioritas')
    .description('districts whose PBI APBD registrations are active the same month');
  uhc
    .command('add')
    .requiredOption('--kabupaten <code>', 'the district')
    .requiredOption('--from <YYYY-MM-DD>', 'from this date')
    .option('--until <YYYY-MM-DD>', 'until this date')
    .option('--note <text>', 'e.g. the decree')
    .action(
      async (
        opts: { kabupaten: string; from: string; until?: string; note?: string },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const rows = await withDatabase(ctx, 'uhc-prioritas add', (database, actor) =>
          setUhcPrioritas(database, actor, {
            kabupaten: opts.kabupaten,
            validFrom: opts.from,
            validUntil: opts.until,
            note: opts.note,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(rows);
        printTable(rows);
      },
    );
  uhc
    .command('list')
    .option('--within <code>', 'a region of your area')
    .action(async (opts: { within?: string }, command: Command) => {
      const ctx = contextOf(command);
      const rows = await withDatabase(ctx, 'uhc-prioritas list', (database, actor) =>
        listUhcPrioritas(database, actor, { within: opts.within }),
      );
      if (ctx.globals.format === 'json') return printJson(rows);
      printTable(rows);
    });
}

// pesiar compliance employers | workers | case open|step|done|close|list|show:
// employers with unregistered or stopped workers, and their sanctions-ladder
// cases; pesiar forum meeting add|list, action add|update|list: the forums'
// meetings and follow-up actions. As the acting user.
import type { Command } from 'commander';
import type { z } from 'zod';
import {
  type ActionView,
  actionStatusSchema,
  type CaseView,
  caseStatusSchema,
  closeOutcomeSchema,
  forumLevelSchema,
  officeSchema,
  stepSchema,
} from '../compliance/compliance.schema.ts';
import {
  closeCase,
  finishStep,
  listCases,
  listEmployers,
  listEmployerWorkers,
  openCase,
  showCase,
  startStep,
} from '../compliance/compliance.service.ts';
import {
  addAction,
  createMeeting,
  listActions,
  listMeetings,
  updateActionItem,
} from '../compliance/forum.service.ts';
import { formatRegionCode } from '../regions/codes.ts';
import {
  CliError,
  contextOf,
  printJson,
  printTable,
  wholeNumberOf,
  withDatabase,
} from './context.ts';

/** A flag's value from a fixed list (the schema's), or a one-line refusal naming the list. */
function oneOf<T extends string>(
  flag: string,
  schema: z.ZodEnum<{ [K in T]: K }>,
  value: string,
): T {
  const parsed = schema.safeParse(value.trim().toUpperCase());
  if (!parsed.success) throw new CliError(`${flag}: one of ${schema.options.join(', ')}`);
  return parsed.data as T;
}

const yesNo = (v: boolean) => (v ? 'ya' : '');

function printCase(c: CaseView): void {
  const state =
    c.status === 'OPEN' ? 'terbuka' : `ditutup ${c.closedOn ?? ''} (${c.closeOutcome ?? ''})`;
  process.stdout.write(
    `Kasus ${c.id}: ${c.employer} (${formatRegionCode(c.kabupaten)}), dibuka ${c.openedOn} oleh ${c.openedBy}, ${state}\n`,
  );
  if (c.steps.length > 0) {
    printTable(
      c.steps.map((s) => ({
        id: s.id,
        tahap: s.step,
        mulai: s.startedOn,
        'batas waktu': s.dueOn,
        selesai: s.doneOn,
        hasil: s.outcome,
        terlambat: yesNo(s.overdue),
      })),
    );
  }
  if (c.status === 'OPEN') {
    process.stdout.write(
      `tahap berikut: ${c.allowedSteps.length > 0 ? c.allowedSteps.join(', ') : '(selesaikan tahap yang berjalan dulu)'}\n`,
    );
  }
}

export function registerComplianceCommands(program: Command): void {
  const compliance = program
    .command('compliance')
    .description('employer compliance: employers with unregistered or stopped workers, cases');

  compliance
    .command('employers')
    .description('employers with workers to register or reinstate, and their open case')
    .option('--within <code>', 'a region of your area (default: all of it)')
    .action(async (opts: { within?: string }, command: Command) => {
      const ctx = contextOf(command);
      const employers = await withDatabase(ctx, 'compliance employers', (database, actor) =>
        listEmployers(database, actor, { within: opts.within }),
      );
      if (ctx.globals.format === 'json') return printJson({ employers });
      if (employers.length === 0) {
        process.stdout.write('Tidak ada badan usaha dengan pekerja yang perlu ditindaklanjuti.\n');
        return;
      }
      printTable(
        employers.map((e) => ({
          kabupaten: formatRegionCode(e.kabupaten),
          'badan usaha': e.nama,
          kunci: e.key,
          pekerja: e.workers,
          'belum terdaftar': e.unregistered,
          'PPU berhenti': e.stopped,
          kasus: e.caseId,
          tahap: e.currentStep,
          'batas waktu': e.currentStepDueOn,
          terlambat: yesNo(e.overdue),
        })),
      );
    });

  compliance
    .command('workers')
    .description("an employer's workers found unregistered or stopped (personal data; audited)")
    .requiredOption('--employer <name>', 'the employer’s name or name key')
    .option('--within <code>', 'a region of your area')
    .option('--purpose <text>', 'why (recorded in the audit log)')
    .action(
      async (opts: { employer: string; within?: string; purpose?: string }, command: Command) => {
        const ctx = contextOf(command);
        const result = await withDatabase(ctx, 'compliance workers', (database, actor) =>
          listEmployerWorkers(database, actor, {
            key: opts.employer,
            within: opts.within,
            purpose: opts.purpose ?? 'employer compliance: workers of an employer (CLI)',
          }),
        );
        if (ctx.globals.format === 'json') return printJson(result);
        process.stdout.write(`${result.key}: ${result.workers.length} pekerja\n`);
        if (result.workers.length === 0) return;
        printTable(
          result.workers.map((w) => ({
            desa: formatRegionCode(w.desa),
            nama: w.nama,
            nik: w.nik,
            status: w.status,
            alasan: w.alasanNonaktif,
            jalur: w.pathway,
            'pemberi kerja': w.pemberiKerja,
          })),
        );
      },
    );

  const cases = compliance
    .command('case')
    .description('cases against employers, step by step up the sanctions ladder');

  cases
    .command('open')
    .description('open a case against an employer of a district')
    .requiredOption('--kabupaten <code>', 'the district (e.g. 15.02)')
    .requiredOption('--employer <name>', 'the employer’s name')
    .option('--alamat <text>', 'the employer’s address')
    .option('--opened-on <YYYY-MM-DD>', 'default: today')
    .option('--note <text>', 'why')
    .action(
      async (
        opts: {
          kabupaten: string;
          employer: string;
          alamat?: string;
          openedOn?: string;
          note?: string;
        },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const c = await withDatabase(ctx, 'compliance case open', (database, actor) =>
          openCase(database, actor, opts),
        );
        if (ctx.globals.format === 'json') return printJson(c);
        printCase(c);
      },
    );

  cases
    .command('step')
    .description(
      'start a step: TEGURAN_1, TEGURAN_2, DENDA, PENGHENTIAN_LAYANAN_PUBLIK (in order), SKK_KEJAKSAAN, PEMERIKSAAN_BERSAMA',
    )
    .requiredOption('--case <id>', 'the case')
    .requiredOption('--step <step>', 'the step')
    .option('--started-on <YYYY-MM-DD>', 'default: today')
    .option('--due-on <YYYY-MM-DD>', 'not for warnings (ten working days by rule)')
    .option('--note <text>', 'e.g. the letter number')
    .action(
      async (
        opts: { case: string; step: string; startedOn?: string; dueOn?: string; note?: string },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const caseId = wholeNumberOf('--case', opts.case);
        const step = oneOf('--step', stepSchema, opts.step);
        const c = await withDatabase(ctx, 'compliance case step', (database, actor) =>
          startStep(database, actor, caseId, {
            step,
            startedOn: opts.startedOn,
            dueOn: opts.dueOn,
            note: opts.note,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(c);
        printCase(c);
      },
    );

  cases
    .command('done')
    .description('mark a step of a case done, with its outcome')
    .requiredOption('--case <id>', 'the case')
    .requiredOption('--step <step>', 'the step (its name, e.g. TEGURAN_1, or its id)')
    .requiredOption('--outcome <text>', 'what came of it')
    .option('--done-on <YYYY-MM-DD>', 'default: today')
    .action(
      async (
        opts: { case: string; step: string; outcome: string; doneOn?: string },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const caseId = wholeNumberOf('--case', opts.case);
        const c = await withDatabase(ctx, 'compliance case done', async (database, actor) => {
          const name = opts.step.trim().toUpperCase();
          const stepId = /^\d+$/.test(name)
            ? Number(name)
            : (await showCase(database, actor, caseId)).steps.find((s) => s.step === name)?.id;
          if (stepId === undefined)
            throw new CliError(`--step: case ${caseId} has no ${opts.step}`);
          return finishStep(database, actor, caseId, stepId, {
            outcome: opts.outcome,
            doneOn: opts.doneOn,
          });
        });
        if (ctx.globals.format === 'json') return printJson(c);
        printCase(c);
      },
    );

  cases
    .command('close')
    .description('close a case: PATUH (complied) or DITUTUP_LAINNYA (with --note)')
    .requiredOption('--case <id>', 'the case')
    .requiredOption('--outcome <outcome>', 'PATUH | DITUTUP_LAINNYA')
    .option('--closed-on <YYYY-MM-DD>', 'default: today')
    .option('--note <text>', 'how it ended (required for DITUTUP_LAINNYA)')
    .action(
      async (
        opts: { case: string; outcome: string; closedOn?: string; note?: string },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const caseId = wholeNumberOf('--case', opts.case);
        const outcome = oneOf('--outcome', closeOutcomeSchema, opts.outcome);
        const c = await withDatabase(ctx, 'compliance case close', (database, actor) =>
          closeCase(database, actor, caseId, {
            outcome,
            closedOn: opts.closedOn,
            note: opts.note,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(c);
        printCase(c);
      },
    );

  cases
    .command('list')
    .description('cases of your area, open first')
    .option('--within <code>', 'a region of your area')
    .option('--status <status>', 'OPEN | CLOSED')
    .option('--overdue', 'only open cases with a step past its deadline')
    .action(
      async (opts: { within?: string; status?: string; overdue?: boolean }, command: Command) => {
        const ctx = contextOf(command);
        const query = {
          within: opts.within,
          status:
            opts.status === undefined
              ? undefined
              : oneOf('--status', caseStatusSchema, opts.status),
          overdue: opts.overdue === true ? true : undefined,
        };
        const list = await withDatabase(ctx, 'compliance case list', (database, actor) =>
          listCases(database, actor, query),
        );
        if (ctx.globals.format === 'json') return printJson({ cases: list });
        if (list.length === 0) {
          process.stdout.write('Tidak ada kasus.\n');
          return;
        }
        printTable(
          list.map((c) => {
            const current = c.steps.find((s) => s.step === c.currentStep);
            return {
              kasus: c.id,
              kabupaten: formatRegionCode(c.kabupaten),
              'badan usaha': c.employer,
              dibuka: c.openedOn,
              status: c.status === 'OPEN' ? 'TERBUKA' : (c.closeOutcome ?? 'DITUTUP'),
              tahap: c.currentStep,
              'batas waktu': current?.dueOn ?? null,
              terlambat: c.overdueSteps.join(', '),
            };
          }),
          undefined,
          { right: ['kasus'] },
        );
      },
    );

  cases
    .command('show')
    .description('one case with its steps')
    .requiredOption('--case <id>', 'the case')
    .action(async (opts: { case: string }, command: Command) => {
      const ctx = contextOf(command);
      const c = await withDatabase(ctx, 'compliance case show', (database, actor) =>
        showCase(database, actor, wholeNumberOf('--case', opts.case)),
      );
      if (ctx.globals.format === 'json') return printJson(c);
      printCase(c);
    });
}

function printActions(actions: readonly ActionView[]): void {
  printTable(
    actions.map((a) => ({
      id: a.id,
      rapat: a.meetingId,
      wilayah: formatRegionCode(a.region),
      tindak_lanjut: a.description,
      instansi: a.responsibleOffice,
      'batas waktu': a.dueOn,
      status: a.status,
      bukti: a.evidence,
      terlambat: yesNo(a.overdue),
    })),
    undefined,
    { right: ['id', 'rapat'] },
  );
}

const officesOf = (list: string) =>
  list
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')
    .map((o) => oneOf('--offices', officeSchema, o));

export function registerForumCommands(program: Command): void {
  const forum = program
    .command('forum')
    .description('forum meetings (desa to provinsi) and their follow-up actions');

  const meeting = forum.command('meeting').description('forum meetings');
  meeting
    .command('add')
    .description('record a meeting: date, region, offices present')
    .requiredOption('--held-on <YYYY-MM-DD>', 'the day it met')
    .requiredOption('--region <code>', 'the region whose forum met (its level is the forum’s)')
    .option('--level <level>', 'desa | kecamatan | kabupaten | provinsi (checked against --region)')
    .option('--offices <list>', `comma-separated: ${officeSchema.options.join(',')}`, '')
    .option('--notes <text>', 'what was discussed')
    .action(
      async (
        opts: { heldOn: string; region: string; level?: string; offices: string; notes?: string },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const input = {
          heldOn: opts.heldOn,
          region: opts.region,
          level:
            opts.level === undefined
              ? undefined
              : forumLevelSchema.safeParse(opts.level.trim().toLowerCase()).data,
          officesPresent: officesOf(opts.offices),
          notes: opts.notes,
        };
        if (opts.level !== undefined && input.level === undefined) {
          throw new CliError(`--level: one of ${forumLevelSchema.options.join(', ')}`);
        }
        const m = await withDatabase(ctx, 'forum meeting add', (database, actor) =>
          createMeeting(database, actor, input),
        );
        if (ctx.globals.format === 'json') return printJson(m);
        process.stdout.write(
          `Rapat ${m.id}: forum ${m.level} ${formatRegionCode(m.region)} ${m.regionName ?? ''}, ${m.heldOn}\n`,
        );
      },
    );
  meeting
    .command('list')
    .description('meetings of your area and of the regions above it, newest first')
    .option('--within <code>', 'a region of your area')
    .option('--from <YYYY-MM-DD>', 'held on or after')
    .option('--to <YYYY-MM-DD>', 'held on or before')
    .action(async (opts: { within?: string; from?: string; to?: string }, command: Command) => {
      const ctx = contextOf(command);
      const meetings = await withDatabase(ctx, 'forum meeting list', (database, actor) =>
        listMeetings(database, actor, opts),
      );
      if (ctx.globals.format === 'json') return printJson({ meetings });
      if (meetings.length === 0) {
        process.stdout.write('Belum ada rapat forum.\n');
        return;
      }
      printTable(
        meetings.map((m) => ({
          rapat: m.id,
          tanggal: m.heldOn,
          tingkat: m.level,
          wilayah: `${formatRegionCode(m.region)} ${m.regionName ?? ''}`.trim(),
          hadir: m.officesPresent.join(','),
          'tindak lanjut': m.actions,
          terbuka: m.openActions,
          terlambat: m.overdueActions,
        })),
        undefined,
        { right: ['rapat'] },
      );
    });

  const action = forum.command('action').description('follow-up actions of forum meetings');
  action
    .command('add')
    .description('add an action item to a meeting')
    .requiredOption('--meeting <id>', 'the meeting')
    .requiredOption('--description <text>', 'what is to be done')
    .requiredOption('--office <office>', `responsible: ${officeSchema.options.join(' | ')}`)
    .requiredOption('--due-on <YYYY-MM-DD>', 'due date')
    .option('--status <status>', 'TERBUKA (default) | PROSES | SELESAI | BATAL')
    .option('--evidence <text>', 'evidence it was done (needed for SELESAI)')
    .action(
      async (
        opts: {
          meeting: string;
          description: string;
          office: string;
          dueOn: string;
          status?: string;
          evidence?: string;
        },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const meetingId = wholeNumberOf('--meeting', opts.meeting);
        const input = {
          description: opts.description,
          responsibleOffice: oneOf('--office', officeSchema, opts.office),
          dueOn: opts.dueOn,
          status:
            opts.status === undefined
              ? undefined
              : oneOf('--status', actionStatusSchema, opts.status),
          evidence: opts.evidence,
        };
        const a = await withDatabase(ctx, 'forum action add', (database, actor) =>
          addAction(database, actor, meetingId, input),
        );
        if (ctx.globals.format === 'json') return printJson(a);
        printActions([a]);
      },
    );
  action
    .command('update')
    .description("update an action's status, evidence or due date")
    .requiredOption('--action <id>', 'the action item')
    .option('--status <status>', 'TERBUKA | PROSES | SELESAI | BATAL')
    .option('--evidence <text>', 'evidence it was done (needed for SELESAI)')
    .option('--due-on <YYYY-MM-DD>', 'a new due date agreed by the forum')
    .action(
      async (
        opts: { action: string; status?: string; evidence?: string; dueOn?: string },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const actionId = wholeNumberOf('--action', opts.action);
        const input = {
          status:
            opts.status === undefined
              ? undefined
              : oneOf('--status', actionStatusSchema, opts.status),
          evidence: opts.evidence,
          dueOn: opts.dueOn,
        };
        const a = await withDatabase(ctx, 'forum action update', (database, actor) =>
          updateActionItem(database, actor, actionId, input),
        );
        if (ctx.globals.format === 'json') return printJson(a);
        printActions([a]);
      },
    );
  action
    .command('list')
    .description('action items by due date; --overdue: only those late')
    .option('--within <code>', 'a region of your area')
    .option('--meeting <id>', 'of one meeting')
    .option('--office <office>', 'of one office')
    .option('--status <status>', 'TERBUKA | PROSES | SELESAI | BATAL')
    .option('--overdue', 'only past due and not SELESAI or BATAL')
    .action(
      async (
        opts: {
          within?: string;
          meeting?: string;
          office?: string;
          status?: string;
          overdue?: boolean;
        },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const query = {
          within: opts.within,
          meeting:
            opts.meeting === undefined ? undefined : wholeNumberOf('--meeting', opts.meeting),
          office:
            opts.office === undefined ? undefined : oneOf('--office', officeSchema, opts.office),
          status:
            opts.status === undefined
              ? undefined
              : oneOf('--status', actionStatusSchema, opts.status),
          overdue: opts.overdue === true ? true : undefined,
        };
        const result = await withDatabase(ctx, 'forum action list', (database, actor) =>
          listActions(database, actor, query),
        );
        if (ctx.globals.format === 'json') return printJson(result);
        process.stdout.write(
          `${result.actions.length} tindak lanjut, ${result.overdue} terlambat.\n`,
        );
        if (result.actions.length > 0) printActions(result.actions);
      },
    );
}

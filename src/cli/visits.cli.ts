// pesiar visits add|list, pesiar outreach add|list: Advokasi from the command
// line, for example an operator entering the agents' paper forms. Each record
// gets an id (--id, else a new one); running the same command with the same
// --id again stores nothing new.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { RecordVisitInput } from '../fieldwork/visits.schema.ts';
import {
  listOutreach,
  listVisits,
  recordOutreach,
  recordVisit,
} from '../fieldwork/visits.service.ts';
import { formatRegionCode } from '../regions/codes.ts';
import {
  contextOf,
  pageOf,
  printJson,
  printTable,
  wholeNumberOf,
  withDatabase,
} from './context.ts';

/** An optional id flag. */
const optionalIdOf = (flag: string, value: string | undefined) =>
  value === undefined ? undefined : wholeNumberOf(flag, value);

interface ListOpts {
  within?: string;
  from?: string;
  to?: string;
  agent?: string;
  limit: string;
  offset: string;
}

function listFilterOf(opts: ListOpts) {
  return {
    within: opts.within,
    from: opts.from,
    to: opts.to,
    agentId: optionalIdOf('--agent', opts.agent),
    ...pageOf(opts),
  };
}

function withListOptions(command: Command): Command {
  return command
    .option('--within <code>', 'a region of your area')
    .option('--from <YYYY-MM-DD>', 'from this day')
    .option('--to <YYYY-MM-DD>', 'up to this day')
    .option('--agent <id>', "only this agent's")
    .option('--limit <n>', 'at most this many (1–500)', '100')
    .option('--offset <n>', 'skip this many', '0');
}

export function registerVisitCommands(program: Command): void {
  const visits = program
    .command('visits')
    .description('Advokasi: visits to the households of the worklist');

  visits
    .command('add')
    .description('log a visit (as an agent: your own; as village staff: name the --agent)')
    .requiredOption('--desa <code>', 'the village')
    .requiredOption('--household <kk>', 'the household: its No. KK, or id:<source id>')
    .requiredOption('--visited-on <YYYY-MM-DD>', 'the day of the visit')
    .requiredOption(
      '--outcome <outcome>',
      'BERSEDIA | MENOLAK | TIDAK_DITEMUI | PINDAH | MENINGGAL | SUDAH_TERDAFTAR',
    )
    .option('--target <id>', 'one person of the household (a worklist target id)')
    .option('--agent <id>', 'the agent who visited (for a paper form)')
    .option(
      '--refusal-reason <reason>',
      'for MENOLAK: TIDAK_MAMPU_BAYAR | MERASA_SEHAT | PUNYA_ASURANSI_LAIN | KECEWA_LAYANAN | FASKES_JAUH | PROSEDUR_RUMIT | MENUNGGU_KELUARGA | LAINNYA',
    )
    .option('--refusal-note <text>', 'the refusal in their words (required for LAINNYA)')
    .option('--next-visit-on <YYYY-MM-DD>', 'when to come back')
    .option('--note <text>', 'anything else')
    .option(
      '--id <uuid>',
      'the record id (default: a new one); the same id again stores nothing new',
    )
    .action(
      async (
        opts: {
          desa: string;
          household: string;
          visitedOn: string;
          outcome: string;
          target?: string;
          agent?: string;
          refusalReason?: string;
          refusalNote?: string;
          nextVisitOn?: string;
          note?: string;
          id?: string;
        },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const result = await withDatabase(ctx, 'visits add', (database, actor) =>
          recordVisit(database.db, actor, {
            id: opts.id ?? randomUUID(),
            desa: opts.desa,
            household: opts.household,
            targetId: optionalIdOf('--target', opts.target),
            agentId: optionalIdOf('--agent', opts.agent),
            visitedOn: opts.visitedOn,
            // Checked by the service against the lists.
            outcome: opts.outcome as RecordVisitInput['outcome'],
            refusalReason: opts.refusalReason as RecordVisitInput['refusalReason'],
            refusalNote: opts.refusalNote,
            nextVisitOn: opts.nextVisitOn,
            note: opts.note,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(result);
        const v = result.visit;
        process.stdout.write(
          result.created
            ? `Visit ${v.id} recorded: ${formatRegionCode(v.desa)} ${v.household} ${v.visitedOn} ${v.outcome}.\n`
            : `Visit ${v.id} was already recorded; nothing changed.\n`,
        );
      },
    );

  withListOptions(
    visits.command('list').description('visits in your area, newest first (audited)'),
  ).action(async (opts: ListOpts, command: Command) => {
    const ctx = contextOf(command);
    const filter = listFilterOf(opts);
    const list = await withDatabase(ctx, 'visits list', (database, actor) =>
      listVisits(database.db, actor, filter),
    );
    if (ctx.globals.format === 'json') return printJson(list);
    process.stdout.write(`${list.total} kunjungan.\n`);
    printTable(
      list.visits.map((v) => ({
        tanggal: v.visitedOn,
        desa: formatRegionCode(v.desa),
        keluarga: v.household,
        target: v.targetId,
        agen: v.agentNama ?? '',
        hasil: v.outcome,
        alasan: v.refusalReason ?? '',
        'kunjungan berikut': v.nextVisitOn ?? '',
        id: v.id,
      })),
      [
        'tanggal',
        'desa',
        'keluarga',
        'target',
        'agen',
        'hasil',
        'alasan',
        'kunjungan berikut',
        'id',
      ],
    );
  });

  const outreach = program
    .command('outreach')
    .description('Advokasi: outreach events (sosialisasi) and their attendance');

  outreach
    .command('add')
    .description('log an outreach event')
    .requiredOption('--desa <code>', 'the village')
    .requiredOption('--held-on <YYYY-MM-DD>', 'the day')
    .requiredOption('--place <text>', 'where: balai desa, posyandu, …')
    .requiredOption('--audience <text>', 'who: PKK, karang taruna, …')
    .requiredOption('--attendance <n>', 'how many came')
    .option('--agent <id>', 'the agent who held it (village staff; an agent: its own)')
    .option('--note <text>', 'anything else')
    .option(
      '--id <uuid>',
      'the record id (default: a new one); the same id again stores nothing new',
    )
    .action(
      async (
        opts: {
          desa: string;
          heldOn: string;
          place: string;
          audience: string;
          attendance: string;
          agent?: string;
          note?: string;
          id?: string;
        },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const attendance = wholeNumberOf('--attendance', opts.attendance, 0);
        const result = await withDatabase(ctx, 'outreach add', (database, actor) =>
          recordOutreach(database.db, actor, {
            id: opts.id ?? randomUUID(),
            desa: opts.desa,
            heldOn: opts.heldOn,
            place: opts.place,
            audience: opts.audience,
            attendance,
            agentId: optionalIdOf('--agent', opts.agent),
            note: opts.note,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(result);
        const e = result.event;
        process.stdout.write(
          result.created
            ? `Outreach ${e.id} recorded: ${formatRegionCode(e.desa)} ${e.heldOn}, ${e.attendance} hadir.\n`
            : `Outreach ${e.id} was already recorded; nothing changed.\n`,
        );
      },
    );

  withListOptions(
    outreach.command('list').description('outreach events in your area, newest first'),
  ).action(async (opts: ListOpts, command: Command) => {
    const ctx = contextOf(command);
    const filter = listFilterOf(opts);
    const list = await withDatabase(ctx, 'outreach list', (database, actor) =>
      listOutreach(database.db, actor, filter),
    );
    if (ctx.globals.format === 'json') return printJson(list);
    process.stdout.write(`${list.total} sosialisasi.\n`);
    printTable(
      list.events.map((e) => ({
        tanggal: e.heldOn,
        desa: formatRegionCode(e.desa),
        tempat: e.place,
        peserta: e.audience,
        hadir: e.attendance,
        agen: e.agentNama ?? '',
        id: e.id,
      })),
      ['tanggal', 'desa', 'tempat', 'peserta', 'hadir', 'agen', 'id'],
    );
  });
}

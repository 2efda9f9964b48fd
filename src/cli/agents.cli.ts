// pesiar agents add|list|show|update: Agen Pesiar, appointed by village decree.
import type { Command } from 'commander';
import type { Agent } from '../fieldwork/agents.schema.ts';
import { appointAgent, changeAgent, listAgents, showAgent } from '../fieldwork/agents.service.ts';
import { formatRegionCode } from '../regions/codes.ts';
import {
  CliError,
  contextOf,
  printJson,
  printTable,
  wholeNumberOf,
  withDatabase,
} from './context.ts';

const villagesText = (codes: readonly string[]) => codes.map(formatRegionCode).join(' ');
const termText = (a: Agent) => `${a.aktifMulai} – ${a.aktifSampai ?? ''}`;

function printAgent(a: Agent): void {
  const lines = [
    `Agen ${a.id}: ${a.nama} (user ${a.user})${a.aktif ? '' : ' — tidak aktif'}`,
    `  SK ${a.skNomor} tanggal ${a.skTanggal}, desa ${formatRegionCode(a.desa)}`,
    `  masa tugas ${termText(a)}`,
    `  telepon ${a.telepon ?? '-'}`,
    `  melayani ${villagesText(a.villages)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerAgentCommands(program: Command): void {
  const agents = program
    .command('agents')
    .description('Agen Pesiar: appointments by village decree (SK), villages served');

  agents
    .command('add')
    .description(
      'appoint an agent: its user (created with a password shown once, or an existing user) gets agen on every village served',
    )
    .argument('<user>', 'login name of the agent (new or existing)')
    .requiredOption('--nama <name>', "the agent's name")
    .requiredOption('--desa <code>', 'the appointing village')
    .requiredOption('--sk-nomor <text>', 'the decree number')
    .requiredOption('--sk-tanggal <YYYY-MM-DD>', 'the decree date')
    .requiredOption('--aktif-mulai <YYYY-MM-DD>', 'first day of the term')
    .option('--aktif-sampai <YYYY-MM-DD>', 'last day of the term (default: open-ended)')
    .option('--telepon <number>', '08…, +628… or 628…')
    .option(
      '--village <code...>',
      'villages served (default: the appointing village; at most 8 agents each)',
    )
    .action(
      async (
        user: string,
        opts: {
          nama: string;
          desa: string;
          skNomor: string;
          skTanggal: string;
          aktifMulai: string;
          aktifSampai?: string;
          telepon?: string;
          village?: string[];
        },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const agent = await withDatabase(ctx, 'agents add', (database, actor) =>
          appointAgent(database.db, actor, {
            user,
            nama: opts.nama,
            desa: opts.desa,
            skNomor: opts.skNomor,
            skTanggal: opts.skTanggal,
            aktifMulai: opts.aktifMulai,
            aktifSampai: opts.aktifSampai,
            telepon: opts.telepon,
            villages: opts.village,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(agent);
        printAgent(agent);
        if (agent.generatedPassword !== null) {
          process.stdout.write(
            `Password for ${agent.user} (shown once; give it over in person):\n  ${agent.generatedPassword}\n`,
          );
        }
      },
    );

  agents
    .command('list')
    .description('agents appointed in or serving a village of your area')
    .option('--within <code>', 'a region of your area')
    .option('--status <status>', 'aktif | selesai (default: both)')
    .action(async (opts: { within?: string; status?: string }, command: Command) => {
      const ctx = contextOf(command);
      const status = opts.status;
      if (status !== undefined && status !== 'aktif' && status !== 'selesai') {
        throw new CliError('--status: aktif | selesai');
      }
      const list = await withDatabase(ctx, 'agents list', (database, actor) =>
        listAgents(database.db, actor, { within: opts.within, status }),
      );
      if (ctx.globals.format === 'json') return printJson(list);
      printTable(
        list.map((a) => ({
          id: a.id,
          nama: a.nama,
          user: a.user,
          desa: formatRegionCode(a.desa),
          'masa tugas': termText(a),
          aktif: a.aktif ? 'ya' : 'tidak',
          telepon: a.telepon ?? '',
          melayani: villagesText(a.villages),
        })),
        ['id', 'nama', 'user', 'desa', 'masa tugas', 'aktif', 'telepon', 'melayani'],
      );
    });

  agents
    .command('show')
    .description('one agent')
    .argument('<id>', 'the agent number (agents list)')
    .action(async (id: string, _opts, command: Command) => {
      const ctx = contextOf(command);
      const agent = await withDatabase(ctx, 'agents show', (database, actor) =>
        showAgent(database.db, actor, wholeNumberOf('agent id', id)),
      );
      if (ctx.globals.format === 'json') return printJson(agent);
      printAgent(agent);
    });

  agents
    .command('update')
    .description(
      'change the phone, the end of the term (a past day ends it and revokes agen) or the villages served',
    )
    .argument('<id>', 'the agent number')
    .option('--telepon <number>', 'new phone number')
    .option('--no-telepon', 'clear the phone number')
    .option('--aktif-sampai <YYYY-MM-DD>', 'last day of the term')
    .option('--open-ended', 'the term has no end (again)')
    .option('--village <code...>', 'the villages served, as a whole new list')
    .action(
      async (
        id: string,
        opts: {
          telepon?: string | false;
          aktifSampai?: string;
          openEnded?: boolean;
          village?: string[];
        },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        if (opts.aktifSampai !== undefined && opts.openEnded) {
          throw new CliError('--aktif-sampai and --open-ended: one or the other');
        }
        const agent = await withDatabase(ctx, 'agents update', (database, actor) =>
          changeAgent(database.db, actor, wholeNumberOf('agent id', id), {
            telepon: opts.telepon === false ? null : opts.telepon,
            aktifSampai: opts.openEnded ? null : opts.aktifSampai,
            villages: opts.village,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(agent);
        printAgent(agent);
      },
    );
}

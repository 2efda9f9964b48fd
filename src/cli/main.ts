// The `pesiar` command: global flags, one registration per noun, and one
// place where failures become a one-line message and a non-zero exit.
import { Command, CommanderError } from 'commander';
import { DataDirBusyError } from '../db/data-dir-lock.ts';
import { registerAgentCommands } from './agents.cli.ts';
import { registerAuditCommands } from './audit.cli.ts';
import { registerComplianceCommands, registerForumCommands } from './compliance.cli.ts';
import { CliError } from './context.ts';
import { registerFieldworkCommands } from './fieldwork.cli.ts';
import { registerGenerateCommand } from './generate.cli.ts';
import { registerImportCommand } from './import.cli.ts';
import { registerImportsCommands } from './imports.cli.ts';
import { registerReconcileCommands } from './reconcile.cli.ts';
import { registerRegionCommands } from './regions.cli.ts';
import { registerRegisterCommands } from './registers.cli.ts';
import { registerReportCommands } from './report.cli.ts';
import { registerRetentionCommands } from './retention.cli.ts';
import { registerServeCommand } from './serve.cli.ts';
import { registerUserCommands } from './users.cli.ts';
import { registerVisitCommands } from './visits.cli.ts';

const program = new Command('pesiar')
  .description('Pesiar: village-level JKN coverage drives (Petakan, Sisir, Advokasi, Registrasi)')
  .option('--data-dir <dir>', 'embedded database and files (default: PESIAR_DATA_DIR, else ./data)')
  .option('--format <format>', 'output: table | json (report: also csv | xlsx)', 'table')
  .option('--debug', 'show stack traces on failure')
  .option(
    '--as <user>',
    'act as this Pesiar user, with its grants (default: PESIAR_USER, else the local system account)',
  )
  .addHelpText(
    'after',
    `
Environment:
  DATABASE_URL      postgres://… to use a PostgreSQL server instead of the embedded database
  PESIAR_DATA_DIR   data directory (default ./data)
  PESIAR_USER       act as this Pesiar user (like --as)
  PESIAR_RETENTION_MONTHS  months of registers and extracts kept (default 24)
  TRUST_PROXY       true behind an HTTPS reverse proxy
  PORT, HOST        for serve (default 3000, 127.0.0.1)`,
  )
  .showHelpAfterError()
  .exitOverride();

// `pesiar imports list | head`: a closed pipe is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

registerImportCommand(program);
registerImportsCommands(program);
registerRegionCommands(program);
registerServeCommand(program);
registerRegisterCommands(program);
registerUserCommands(program);
registerAuditCommands(program);
registerRetentionCommands(program);
registerReconcileCommands(program);
registerComplianceCommands(program);
registerForumCommands(program);
registerAgentCommands(program);
registerVisitCommands(program);
registerFieldworkCommands(program);
registerGenerateCommand(program);
registerReportCommands(program);

function fail(message: string): never {
  process.stderr.write(`pesiar: ${message}\n`);
  process.exit(1);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed its own message (or the help text).
    process.exit(error.exitCode);
  }
  if (program.opts().debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (error instanceof CliError || error instanceof DataDirBusyError) fail(error.message);
  fail(error instanceof Error ? error.message : String(error));
}

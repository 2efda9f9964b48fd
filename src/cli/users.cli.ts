// pesiar users add|list|grant|revoke|disable|reset-password
// pesiar tokens create|list|revoke
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import {
  addUser,
  createToken,
  disableUser,
  grant,
  listTokens,
  listUsers,
  parseRole,
  resetPassword,
  revoke,
  revokeToken,
} from '../access/users.service.ts';
import { formatRegionCode } from '../regions/codes.ts';
import { CliError, contextOf, printJson, printTable, withDatabase } from './context.ts';

const ROLE_HELP = 'admin | provinsi | pemda | bpjs | operator_desa | agen';

/** Reads one line from a terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  process.stderr.write(question);
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

/**
 * The password to set: from stdin (--password-stdin), asked twice on a
 * terminal (empty: generate), else undefined (the service generates one).
 */
async function passwordInput(opts: { passwordStdin?: boolean }): Promise<string | undefined> {
  if (opts.passwordStdin) return readStdin();
  if (!process.stdin.isTTY) return undefined;
  const first = await askHidden('Password (at least 12 characters; empty to generate one): ');
  if (first === '') return undefined;
  const again = await askHidden('Again: ');
  if (again !== first) throw new CliError('the two passwords differ; nothing changed');
  return first;
}

function showGenerated(name: string, password: string | null) {
  if (password === null) return;
  process.stdout.write(
    `Password for ${name} (shown once; give it over in person, it cannot be shown again):\n  ${password}\n`,
  );
}

const regionText = (code: string | null) => (code === null ? 'everywhere' : formatRegionCode(code));

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('who may use Pesiar, with which role where');

  users
    .command('add')
    .description(
      'add a user with a first grant; asks for a password on a terminal, else generates one',
    )
    .argument('<name>', 'login name: letters, digits, . _ -')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--region <code>', 'where the role applies (not for admin), dotted or plain')
    .option('--full-name <text>', "the person's name, for lists")
    .option('--password-stdin', 'read the password from standard input')
    .action(async (name: string, opts, command: Command) => {
      const ctx = contextOf(command);
      const role = parseRole(opts.role);
      const password = await passwordInput(opts);
      const result = await withDatabase(ctx, 'users add', (db, actor) =>
        addUser(db.db, actor, {
          name,
          fullName: opts.fullName,
          role,
          region: opts.region,
          password,
        }),
      );
      if (ctx.globals.format === 'json') return printJson(result);
      process.stdout.write(
        `User ${result.name} added: ${role} ${regionText(opts.region ?? null)}.\n`,
      );
      showGenerated(result.name, result.generatedPassword);
    });

  users
    .command('list')
    .description('users, their status and grants')
    .action(async (_opts, command: Command) => {
      const ctx = contextOf(command);
      const list = await withDatabase(ctx, 'users list', (db, actor) => listUsers(db.db, actor));
      if (ctx.globals.format === 'json') return printJson(list);
      printTable(
        list.map((u) => ({
          name: u.name,
          status: u.status,
          grants: u.grants.map((g) => `${g.role}@${regionText(g.region)}`).join(', '),
          'full name': u.fullName ?? '',
        })),
        ['name', 'status', 'grants', 'full name'],
      );
    });

  users
    .command('grant')
    .description('give a user a role on a region (and everything below it)')
    .argument('<name>')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--region <code>', 'where (not for admin)')
    .action(async (name: string, opts, command: Command) => {
      const ctx = contextOf(command);
      const role = parseRole(opts.role);
      const added = await withDatabase(ctx, 'users grant', (db, actor) =>
        grant(db.db, actor, name, role, opts.region),
      );
      process.stdout.write(
        added
          ? `Granted ${role} on ${regionText(opts.region ?? null)} to ${name}.\n`
          : 'Already held; nothing changed.\n',
      );
    });

  users
    .command('revoke')
    .description("take a role on a region back (the user's tokens lose it too)")
    .argument('<name>')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--region <code>', 'where (not for admin)')
    .action(async (name: string, opts, command: Command) => {
      const ctx = contextOf(command);
      const role = parseRole(opts.role);
      const removed = await withDatabase(ctx, 'users revoke', (db, actor) =>
        revoke(db.db, actor, name, role, opts.region),
      );
      if (!removed)
        throw new CliError(`user ${name} holds no ${role} on ${regionText(opts.region ?? null)}`);
      process.stdout.write(`Revoked ${role} on ${regionText(opts.region ?? null)} from ${name}.\n`);
    });

  users
    .command('disable')
    .description('stop a user: no login; sessions and tokens end now')
    .argument('<name>')
    .action(async (name: string, _opts, command: Command) => {
      const ctx = contextOf(command);
      await withDatabase(ctx, 'users disable', (db, actor) => disableUser(db.db, actor, name));
      process.stdout.write(`User ${name} disabled; sessions and tokens ended.\n`);
    });

  users
    .command('reset-password')
    .description('set a new password (asked, or generated); ends every session, unlocks')
    .argument('<name>')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (name: string, opts, command: Command) => {
      const ctx = contextOf(command);
      const password = await passwordInput(opts);
      const result = await withDatabase(ctx, 'users reset-password', (db, actor) =>
        resetPassword(db.db, actor, name, password),
      );
      if (ctx.globals.format === 'json') return printJson(result);
      process.stdout.write(
        `Password of ${name} reset; ${result.sessionsEnded} session(s) ended.\n`,
      );
      showGenerated(name, result.generatedPassword);
    });

  const tokens = program.command('tokens').description('API tokens for machine clients');

  tokens
    .command('create')
    .description('a token for a user, limited to one role on some regions; shown once')
    .requiredOption('--user <name>', 'the user the token acts for')
    .requiredOption('--name <label>', 'what the token is for (e.g. "sync SIKS-NG")')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--region <code...>', 'regions (the user must hold the role there)')
    .option('--expires-days <n>', 'days until it stops working (1–366)', '90')
    .action(async (opts, command: Command) => {
      const ctx = contextOf(command);
      const role = parseRole(opts.role);
      const result = await withDatabase(ctx, 'tokens create', (db, actor) =>
        createToken(db.db, actor, {
          user: opts.user,
          name: opts.name,
          role,
          regions: opts.region ?? [],
          expiresInDays: Number(opts.expiresDays),
        }),
      );
      if (ctx.globals.format === 'json') return printJson(result);
      process.stdout.write(
        `Token ${result.id} created, valid until ${result.expiresAt.toISOString().slice(0, 10)}.\n` +
          `Shown once; send it as "Authorization: Bearer <token>":\n  ${result.token}\n`,
      );
    });

  tokens
    .command('list')
    .description('tokens (never the secret), newest last')
    .option('--user <name>', "only this user's")
    .action(async (opts, command: Command) => {
      const ctx = contextOf(command);
      const list = await withDatabase(ctx, 'tokens list', (db, actor) =>
        listTokens(db.db, actor, opts.user),
      );
      if (ctx.globals.format === 'json') return printJson(list);
      printTable(
        list.map((t) => ({
          id: t.id,
          user: t.user,
          name: t.name,
          token: `${t.prefix}…`,
          role: t.role,
          regions: t.regions.map(formatRegionCode).join(' '),
          expires: t.expires_at.toISOString().slice(0, 10),
          status: t.revoked_at ? 'revoked' : t.expires_at < new Date() ? 'expired' : 'active',
          'last used': t.last_used_at?.toISOString().slice(0, 16).replace('T', ' ') ?? '',
        })),
      );
    });

  tokens
    .command('revoke')
    .description('stop a token now')
    .argument('<id>', 'the token number (tokens list)')
    .action(async (id: string, _opts, command: Command) => {
      const ctx = contextOf(command);
      const n = Number(id);
      if (!Number.isInteger(n) || n < 1) throw new CliError('token id: a positive number');
      const done = await withDatabase(ctx, 'tokens revoke', (db, actor) =>
        revokeToken(db.db, actor, n),
      );
      if (!done) throw new CliError(`token ${id}: no such active token`);
      process.stdout.write(`Token ${id} revoked.\n`);
    });
}

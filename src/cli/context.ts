// What every command shares: the global flags, opening the database once,
// printing results as a table or JSON, and failing in one line.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { type Actor, LOCAL_SYSTEM } from '../access/actor.ts';
import { cliActor } from '../access/users.service.ts';
import { readEnv } from '../config.ts';
import type { Database } from '../db/database.ts';
import { PERIOD_PATTERN } from '../indicators/periods.ts';
import { startDatabase } from '../start.ts';

/** Every output format; most commands print only table and json (see globalsOf). */
export const OUTPUT_FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
const TABLE_OR_JSON: readonly OutputFormat[] = ['table', 'json'];

export const globalOptionsSchema = z.object({
  dataDir: z.string().min(1).optional(),
  format: z.enum(OUTPUT_FORMATS).default('table'),
  debug: z.boolean().default(false),
  as: z.string().min(1).optional(),
});
export type GlobalOptions = z.infer<typeof globalOptionsSchema>;

/** A failure the user can act on: printed as one line, no stack trace. */
export class CliError extends Error {}

/** A --period flag's value, checked. */
export function periodOf(value: string): string {
  if (!PERIOD_PATTERN.test(value)) throw new CliError('--period must be YYYY-MM');
  return value;
}

/** A flag's value as a whole number, `min` or more (an id: 1 or more). */
export function wholeNumberOf(flag: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    throw new CliError(`${flag}: a whole number, ${min} or more`);
  }
  return n;
}

/** The --limit (1 to 500) and --offset (0 or more) of a paged list. */
export function pageOf(opts: { limit: string; offset: string }): { limit: number; offset: number } {
  const limit = Number(opts.limit);
  const offset = Number(opts.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new CliError('--limit: 1 to 500');
  if (!Number.isInteger(offset) || offset < 0) throw new CliError('--offset: 0 or more');
  return { limit, offset };
}

/**
 * The global flags. `--format` is global (commander reads it before or after
 * the command), so each command says which formats it prints: table and json
 * unless it names more (`report coverage` also writes csv and xlsx).
 */
export function globalsOf(
  command: Command,
  formats: readonly OutputFormat[] = TABLE_OR_JSON,
): GlobalOptions {
  let root = command;
  while (root.parent) root = root.parent;
  const parsed = globalOptionsSchema.safeParse(root.opts());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--${String(issue?.path[0] ?? 'option')}: ${issue?.message ?? 'invalid'}`);
  }
  if (!formats.includes(parsed.data.format)) {
    throw new CliError(`--format: this command prints ${formats.join(' | ')}`);
  }
  return parsed.data;
}

export interface CliContext {
  globals: GlobalOptions;
  dataDir: string;
  databaseUrl: string | undefined;
  /** --as USER (else PESIAR_USER): whom the command acts as; absent, the local system account. */
  as: string | undefined;
}

export function contextOf(command: Command, formats?: readonly OutputFormat[]): CliContext {
  const globals = globalsOf(command, formats);
  const env = readEnv();
  return {
    globals,
    dataDir: resolve(globals.dataDir ?? env.PESIAR_DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    as: globals.as ?? (process.env.PESIAR_USER || undefined),
  };
}

/**
 * Opens the database for one command and always closes it. The command acts
 * as the --as user (with that user's grants), or as the local system account.
 */
export async function withDatabase<T>(
  ctx: CliContext,
  role: string,
  fn: (database: Database, actor: Actor) => Promise<T>,
): Promise<T> {
  const database = await startDatabase({
    databaseUrl: ctx.databaseUrl,
    dataDir: ctx.dataDir,
    role,
  });
  try {
    const actor = ctx.as === undefined ? LOCAL_SYSTEM : await cliActor(database.db, ctx.as);
    return await fn(database, actor);
  } finally {
    await database.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain aligned table; numbers (and the columns named `right`) right-aligned. */
export function printTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
  options: { right?: readonly string[] } = {},
): void {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  const text = (v: unknown) =>
    v === null || v === undefined
      ? ''
      : typeof v === 'number'
        ? v.toLocaleString('en-US')
        : String(v);
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[], numeric: boolean[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const numeric = cols.map(
    (c) =>
      options.right?.includes(c) ||
      (rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] === null)),
  );
  process.stdout.write(`${line([...cols], numeric)}\n`);
  for (const r of rows)
    process.stdout.write(
      `${line(
        cols.map((c) => text(r[c])),
        numeric,
      )}\n`,
    );
}

// pesiar generate --within CODE --residents N --period YYYY-MM --out DIR
// A synthetic register, extract, population figures and the truth that links
// them, for testing the reconciliation. No database needed.
import { relative } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { generateOptionsSchema } from '../synthetic/generate.schema.ts';
import {
  AreaError,
  type GenerateResult,
  generateSynthetic,
} from '../synthetic/generate.service.ts';
import { CliError, contextOf, printJson } from './context.ts';

const FLAG: Readonly<Record<string, string>> = { membersShare: 'members-share' };

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description(
      'write a synthetic population register, membership extract, population figures and truth.csv',
    )
    .requiredOption(
      '--within <code>',
      'province (15) or kabupaten/kota (15.02) whose villages to fill',
    )
    .requiredOption('--residents <n>', 'register rows to write')
    .requiredOption('--period <YYYY-MM>', 'the month the data describes (ages are counted to it)')
    .requiredOption('--out <dir>', 'directory for the four CSV files (created if missing)')
    .option('--seed <n>', 'the same seed writes the same files', '1')
    .option('--members-share <f>', 'share of living residents who are insurer members', '0.8')
    .addHelpText(
      'after',
      `
Writes penduduk.csv, peserta.csv and jumlah_penduduk.csv in the formats of
\`pesiar import\`, and truth.csv: id,noka,noise — for every register row, the
extract row of the same person (empty if none) and the noise kinds applied
(see src/synthetic/noise.ts for the kinds and their rates). Synthetic people
only: invented names and NIKs, real Kemendagri village codes.

Example:
  pesiar generate --within 15.02 --residents 400000 --period 2024-06 --out /tmp/gen
  pesiar import population /tmp/gen/penduduk.csv --period 2024-06`,
    )
    .action(async (opts: Record<string, unknown>, command: Command) => {
      const ctx = contextOf(command);
      const parsed = generateOptionsSchema.safeParse(opts);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue?.path[0] ?? 'option');
        throw new CliError(`--${FLAG[field] ?? field}: ${issue?.message ?? 'invalid'}`);
      }
      const json = ctx.globals.format === 'json';
      const bar =
        process.stderr.isTTY && !json
          ? new cliProgress.SingleBar(
              {
                format: ' {bar} {percentage}% | {value}/{total} residents | ETA {eta_formatted}',
                stream: process.stderr,
              },
              cliProgress.Presets.shades_classic,
            )
          : null;
      bar?.start(parsed.data.residents, 0);
      let result: GenerateResult;
      try {
        result = await generateSynthetic(parsed.data, {
          onProgress: bar ? (written) => bar.update(written) : undefined,
        });
      } catch (error) {
        if (error instanceof AreaError) throw new CliError(`--within ${error.message}`);
        throw error;
      } finally {
        bar?.stop();
      }
      if (json) return printJson(result);
      printSummary(result);
    });
}

/** Relative to the working directory when inside it, else absolute. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

function printSummary(r: GenerateResult): void {
  const n = (v: number) => v.toLocaleString('en-US');
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const pct = (a: number, b: number) => `${b === 0 ? '0.0' : ((100 * a) / b).toFixed(1)}%`;
  for (const f of r.files) {
    out(
      `${displayPath(f.path).padEnd(40)} ${n(f.rows).padStart(11)} rows  ${(f.bytes / 1e6).toFixed(1).padStart(7)} MB`,
    );
  }
  out(
    `${n(r.residents)} residents (${n(r.livingResidents)} living) in ${n(r.villages)} villages; ` +
      `${n(r.members)} members, ${pct(r.livingMembersOnRegister, r.livingResidents)} of living residents, ` +
      `${pct(r.active, r.members)} active; seed ${r.seed}; ${(r.durationMs / 1000).toFixed(1)} s`,
  );
}

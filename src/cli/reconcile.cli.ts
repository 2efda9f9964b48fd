// pesiar reconcile | export links|residents|discrepancies | review list|accept|reject:
// the monthly Petakan run and its results, as the acting user.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  RECONCILE_STEPS,
  type ReconcileSummary,
  runReconciliation,
} from '../reconcile/reconcile.service.ts';
import { decideReview, exportResults, listReviewQueue } from '../reconcile/review.service.ts';
import { formatRegionCode } from '../regions/codes.ts';
import { exportStream } from '../reports/table-export.ts';
import {
  CliError,
  contextOf,
  pageOf,
  periodOf,
  printJson,
  printTable,
  withDatabase,
} from './context.ts';

function numberOf(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`${flag}: not a number`);
  return n;
}

const pct = (part: number, whole: number) =>
  whole === 0 ? '–' : `${((part * 100) / whole).toFixed(1)}%`;

function printSummary(s: ReconcileSummary): void {
  const out: string[] = [];
  const r = s.residents;
  const residents = Object.values(r).reduce((a, b) => a + b, 0);
  out.push(
    `Rekonsiliasi ${s.period} ${s.within === '' ? '(semua wilayah)' : s.within}: run ${s.runId}, ${s.seconds.toFixed(1)} s`,
  );
  out.push(
    `  penduduk ${s.residentsInScope.toLocaleString('id-ID')}, peserta ${s.membersInScope.toLocaleString('id-ID')}, pasangan kandidat ${s.candidatePairs.toLocaleString('id-ID')}`,
  );
  for (const status of ['AKTIF', 'NONAKTIF', 'BELUM_TERDAFTAR', 'PERLU_VERIFIKASI']) {
    const n = r[status] ?? 0;
    out.push(
      `  ${status.padEnd(24)} ${n.toLocaleString('id-ID').padStart(10)}  ${pct(n, residents)}`,
    );
  }
  const m = s.members;
  out.push(
    `  peserta tidak ada di data desa ${(m.TIDAK_ADA_DI_DATA_DESA ?? 0).toLocaleString('id-ID')}; desa tanpa data penduduk ${(m.DATA_DESA_BELUM_ADA ?? 0).toLocaleString('id-ID')} peserta`,
  );
  const d = Object.entries(s.discrepancies);
  if (d.length > 0)
    out.push(
      `  selisih data: ${d.map(([k, n]) => `${k} ${n.toLocaleString('id-ID')}`).join(', ')}`,
    );
  const t = s.fieldwork.targets;
  const loop = s.fieldwork.proposals;
  if (t.skippedBecause === null) {
    out.push(
      `  sasaran: ${t.opened.toLocaleString('id-ID')} baru, ${t.changed.toLocaleString('id-ID')} berubah, ${t.closedActive.toLocaleString('id-ID')} selesai (aktif), ${t.closedLeft.toLocaleString('id-ID')} keluar dari data desa`,
    );
  }
  out.push(
    `  usulan: ${loop.peopleConfirmed} orang terkonfirmasi aktif (${loop.proposalsConfirmed} usulan), ${loop.proposalsOverdue} usulan belum aktif melewati waktunya`,
  );
  for (const line of s.missing) out.push(`  ! ${line}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

export function registerReconcileCommands(program: Command): void {
  program
    .command('reconcile')
    .description(
      "Petakan: link the month's village registers with the BPJS extract, and compute the indicators",
    )
    .requiredOption('--period <YYYY-MM>', 'the month')
    .option('--within <code>', 'a region (any level); default: all of your area')
    .option('--match-threshold <points>', 'score from which a pair is linked (default 9)')
    .option('--review-threshold <points>', 'score from which a pair goes to review (default 5)')
    .action(
      async (
        opts: {
          period: string;
          within?: string;
          matchThreshold?: string;
          reviewThreshold?: string;
        },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const json = ctx.globals.format === 'json';
        const bar =
          process.stderr.isTTY && !json
            ? new cliProgress.SingleBar(
                {
                  format: ' {bar} {value}/{total} {step}',
                  clearOnComplete: true,
                  hideCursor: true,
                },
                cliProgress.Presets.shades_classic,
              )
            : null;
        bar?.start(RECONCILE_STEPS.length, 0, { step: '' });
        try {
          const summary = await withDatabase(ctx, 'reconcile', (database, actor) =>
            runReconciliation(
              database,
              actor,
              {
                period: periodOf(opts.period),
                within: opts.within,
                matchThreshold: numberOf('--match-threshold', opts.matchThreshold),
                reviewThreshold: numberOf('--review-threshold', opts.reviewThreshold),
              },
              (step, index) => bar?.update(index, { step }),
            ),
          );
          bar?.update(RECONCILE_STEPS.length, { step: 'selesai' });
          bar?.stop();
          if (json) printJson(summary);
          else printSummary(summary);
        } finally {
          bar?.stop();
        }
      },
    );

  const exports = program
    .command('export')
    .description('results of a reconciliation, as CSV (audited)');
  const kinds = {
    links: 'the pairs: id,noka,method,score,decision (id: the register’s record id)',
    residents: 'every resident’s outcome: id,status,noka,reason,…',
    discrepancies: 'the discrepancy list for the monthly sync with Dukcapil and BPJS',
  } as const;
  for (const [kind, description] of Object.entries(kinds) as [keyof typeof kinds, string][]) {
    exports
      .command(kind)
      .description(description)
      .requiredOption('--period <YYYY-MM>', 'the month')
      .option('--within <code>', 'a region of your area')
      .option('--out <file>', 'write here (default: standard output)')
      .option('--purpose <text>', 'why (recorded in the audit log)')
      .action(
        async (
          opts: { period: string; within?: string; out?: string; purpose?: string },
          command: Command,
        ) => {
          const ctx = contextOf(command);
          const count = await withDatabase(ctx, `export ${kind}`, async (database, actor) => {
            const result = await exportResults(database, actor, kind, {
              period: periodOf(opts.period),
              region: opts.within,
              purpose: opts.purpose ?? `export ${kind} (CLI)`,
            });
            const csv = exportStream('csv', result.columns, result.batches, { bom: false });
            if (opts.out === undefined) await pipeline(csv, process.stdout, { end: false });
            else await pipeline(csv, createWriteStream(opts.out));
            return result.count;
          });
          if (opts.out !== undefined)
            process.stderr.write(`${count} row(s) written to ${opts.out}.\n`);
        },
      );
  }

  const review = program
    .command('review')
    .description('the review queue of uncertain pairs (PERLU_VERIFIKASI)');
  review
    .command('list')
    .description('pairs awaiting a decision, side by side')
    .requiredOption('--period <YYYY-MM>', 'the month')
    .option('--within <code>', 'a region of your area')
    .option('--limit <n>', 'at most this many (1–500)', '20')
    .option('--offset <n>', 'skip this many', '0')
    .action(
      async (
        opts: { period: string; within?: string; limit: string; offset: string },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const { limit, offset } = pageOf(opts);
        const queue = await withDatabase(ctx, 'review list', (database, actor) =>
          listReviewQueue(database, actor, {
            period: periodOf(opts.period),
            region: opts.within,
            limit,
            offset,
          }),
        );
        if (ctx.globals.format === 'json') return printJson(queue);
        process.stdout.write(`${queue.total} pasangan perlu verifikasi.\n`);
        for (const p of queue.pairs) {
          process.stdout.write(
            `\n${formatRegionCode(p.desa)} ${p.id} ↔ noka ${String(p.member.noka)}  skor ${p.score}\n`,
          );
          printTable(
            ['nama', 'nik', 'tanggal_lahir', 'jenis_kelamin', 'desa'].map((field) => {
              const key =
                field === 'tanggal_lahir' ? 'lahir' : field === 'jenis_kelamin' ? 'jk' : field;
              return {
                kolom: field,
                'data desa': p.resident[field] ?? '',
                'data BPJS': p.member[field] ?? '',
                cocok: p.agreement[key] ?? '',
              };
            }),
          );
        }
        if (queue.pairs.length > 0) {
          process.stdout.write(
            '\nputuskan: pesiar review accept|reject --period P --desa KODE --id ID --noka NOKA\n',
          );
        }
      },
    );
  for (const decision of ['accept', 'reject'] as const) {
    review
      .command(decision)
      .description(
        decision === 'accept'
          ? 'link the pair (remembered for later months)'
          : 'part the pair (remembered)',
      )
      .requiredOption('--period <YYYY-MM>', 'the month')
      .requiredOption('--desa <code>', "the register record's village")
      .requiredOption('--id <id>', "the register record's id")
      .requiredOption('--noka <noka>', 'the member’s card number')
      .option('--note <text>', 'why')
      .action(
        async (
          opts: { period: string; desa: string; id: string; noka: string; note?: string },
          command: Command,
        ) => {
          const ctx = contextOf(command);
          const result = await withDatabase(ctx, `review ${decision}`, (database, actor) =>
            decideReview(
              database,
              actor,
              {
                period: periodOf(opts.period),
                desa: opts.desa,
                id: opts.id,
                noka: opts.noka,
                note: opts.note,
              },
              decision,
            ),
          );
          if (ctx.globals.format === 'json') return printJson(result);
          process.stdout.write(`${opts.id}: ${result.status}\n`);
        },
      );
  }
}

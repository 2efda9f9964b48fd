// pesiar regions find TEXT | show CODE
import type { Command } from 'commander';
import { findRegions, showRegion } from '../regions/regions.service.ts';
import { CliError, contextOf, printJson, printTable, withDatabase } from './context.ts';

const LEVELS = ['provinsi', 'kabupaten', 'kecamatan', 'desa'] as const;

export function registerRegionCommands(program: Command): void {
  const regions = program
    .command('regions')
    .description('Kemendagri regions: look up by name or code');

  regions
    .command('find')
    .description('find regions by name (case- and accent-insensitive) or by code')
    .argument('<text...>', 'name or part of it, or a code (dotted or plain)')
    .option('--level <level>', `only this level: ${LEVELS.join('|')}`)
    .option('--limit <n>', 'at most this many', '20')
    .action(async (words: string[], opts: { level?: string; limit: string }, command: Command) => {
      const ctx = contextOf(command);
      const level = opts.level as (typeof LEVELS)[number] | undefined;
      if (level !== undefined && !LEVELS.includes(level)) {
        throw new CliError(`--level must be one of ${LEVELS.join(', ')}`);
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw new CliError('--limit must be 1 to 500');
      const text = words.join(' ');
      const found = await withDatabase(ctx, 'regions find', (db) =>
        findRegions(db.db, text, { level, limit }),
      );
      if (ctx.globals.format === 'json') return printJson(found);
      if (found.length === 0) {
        process.stdout.write(`No region matches "${text}".\n`);
        return;
      }
      printTable(
        found.map((r) => ({
          code: r.code,
          name: r.name,
          level: r.kind ?? r.level,
          within: r.parents.map((p) => p.name).join(', '),
        })),
      );
    });

  regions
    .command('show')
    .description('a region with its parents and how many regions lie below it')
    .argument('<code>', 'Kemendagri code, dotted (15.02.17.2006) or plain (1502172006)')
    .action(async (code: string, _opts: unknown, command: Command) => {
      const ctx = contextOf(command);
      const region = await withDatabase(ctx, 'regions show', (db) => showRegion(db.db, code));
      if (!region) throw new CliError(`No region with code ${code}`);
      if (ctx.globals.format === 'json') return printJson(region);
      const c = region.children;
      const villages = c.desa + c.kelurahan + c.desa_adat;
      const lines = [
        `${region.code}  ${region.name}`,
        `level:    ${region.kind ?? region.level}`,
        ...region.parents.map((p) => `${p.level.padEnd(9)} ${p.code}  ${p.name}`),
      ];
      const below: string[] = [];
      if (c.kabupaten) below.push(`${c.kabupaten} kabupaten/kota`);
      if (c.kecamatan) below.push(`${c.kecamatan} kecamatan`);
      if (villages) {
        const parts = [`${c.desa} desa`, `${c.kelurahan} kelurahan`];
        if (c.desa_adat) parts.push(`${c.desa_adat} desa adat`);
        below.push(`${villages} villages (${parts.join(', ')})`);
      }
      if (below.length) lines.push(`contains: ${below.join(', ')}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

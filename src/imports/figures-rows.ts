// One row of the official population figures → one COPY line for
// `population_figures`: a region of any level and its population.
import { kabupatenCodeOf, normaliseRegionCode } from '../regions/codes.ts';
import { type CopyBuffer, copyField as f } from './copy-text.ts';
import type { Cell } from './read-table.ts';
import {
  ACCEPTED,
  ACCEPTED_FLAGGED,
  inScope,
  OUT_OF_SCOPE,
  type Reject,
  type RowContext,
  type RowOutcome,
  RowReader,
} from './row-context.ts';

export const FIGURE_COLUMNS = [
  'import_id',
  'row_no',
  'period',
  'region_code',
  'region_code_raw',
  'level',
  'kabupaten_code',
  'jumlah_penduduk',
  'jumlah_penduduk_raw',
  'extra',
] as const;

/** 129346, "129346", "129.346" or "129,346" (thousands separators) → 129346. */
export function parsePopulation(cell: Cell): number | null {
  if (typeof cell === 'number')
    return Number.isInteger(cell) && cell >= 0 && cell <= 2_000_000_000 ? cell : null;
  if (typeof cell !== 'string') return null;
  const text = cell.trim().replace(/\s/g, '');
  const digits = /^\d{1,3}([.,]\d{3})+$/.test(text) ? text.replace(/[.,]/g, '') : text;
  if (!/^\d{1,10}$/.test(digits)) return null;
  const n = Number(digits);
  return n <= 2_000_000_000 ? n : null;
}

/** The validator of one file's rows (one reader for the whole file). */
export function createFigureValidator(
  ctx: RowContext,
  out: CopyBuffer,
): (rowNo: number, cells: readonly Cell[]) => RowOutcome {
  const reader = new RowReader(ctx);
  return (rowNo, cells) => {
    const row = validateFigure(ctx, reader.at(rowNo, cells));
    if (!row.ok) return row;
    out.push(row.line);
    return row.flagged ? ACCEPTED_FLAGGED : ACCEPTED;
  };
}

function validateFigure(
  ctx: RowContext,
  r: RowReader,
): { ok: true; line: string; flagged: boolean } | { ok: false; rejects: Reject[] } {
  const rowNo = r.rowNo;
  const rejects: Reject[] = [];
  const region = normaliseRegionCode(r.cell('kode_wilayah'));
  const level = region ? ctx.regions.levels.get(region.code) : undefined;
  if (!region) {
    rejects.push(r.reject('kode_wilayah', 'kode wilayah tidak valid (2, 4, 6 atau 10 digit)'));
  } else if (level === undefined) {
    rejects.push(
      r.reject('kode_wilayah', 'kode wilayah tidak dikenal (tidak ada di daftar Kemendagri)'),
    );
  } else if (!inScope(ctx, region.code)) {
    rejects.push(r.reject('kode_wilayah', OUT_OF_SCOPE));
  }
  const jumlah = parsePopulation(r.cell('jumlah_penduduk'));
  if (jumlah === null) {
    rejects.push(r.reject('jumlah_penduduk', 'jumlah penduduk harus bilangan bulat ≥ 0'));
  }
  if (!region || level === undefined || jumlah === null || rejects.length > 0)
    return { ok: false, rejects };
  const line = [
    f(ctx.importId),
    f(rowNo),
    f(ctx.period),
    f(region.code),
    f(r.raw('kode_wilayah')),
    f(level),
    f(kabupatenCodeOf(region.code)),
    f(jumlah),
    f(r.raw('jumlah_penduduk')),
    f(r.extras()),
  ].join('\t');
  return { ok: true, line, flagged: false };
}

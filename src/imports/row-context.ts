// What every row validator needs: where each field sits in the row, what the
// operator supplied for the whole file, and the region codes that exist.
import { kabupatenCodeOf, normaliseRegionCode, type RegionLevel } from '../regions/codes.ts';
import { isBlank, rawText } from './cells.ts';
import type { ColumnMapping } from './columns.ts';
import { memoCell } from './memo.ts';
import type { Cell } from './read-table.ts';

export interface Reject {
  rowNo: number;
  /** The file's header for the column (or the field name when supplied by an option). */
  column: string;
  value: string;
  reason: string;
}

/** An accepted row's COPY line has been written to the file's CopyBuffer. */
export type RowOutcome = { ok: true; flagged: boolean } | { ok: false; rejects: Reject[] };

export const ACCEPTED: RowOutcome = Object.freeze({ ok: true, flagged: false });
export const ACCEPTED_FLAGGED: RowOutcome = Object.freeze({ ok: true, flagged: true });

export interface RegionSets {
  /** code → level, every Kemendagri region */
  readonly levels: ReadonlyMap<string, RegionLevel>;
}

export interface RowContext {
  readonly mapping: ColumnMapping;
  readonly period: string;
  readonly importId: number;
  readonly fileName: string;
  /** --desa: the village of every row whose own code is absent or empty. */
  readonly desa: string | null;
  readonly regions: RegionSets;
  readonly asOf: Date;
  /**
   * Region-code prefixes the importing user may write to (null: anywhere). A
   * row outside them is rejected: nobody imports another area's people.
   */
  readonly scope: readonly string[] | null;
}

/** The region lies inside the importing user's area. */
export function inScope(ctx: RowContext, code: string): boolean {
  return ctx.scope === null || ctx.scope.some((p) => code.startsWith(p));
}

export const OUT_OF_SCOPE = 'wilayah di luar hak akses Anda (outside your area)';

export type DesaLookup =
  | { ok: true; code: string; kabupaten: string }
  | { ok: false; reason: string };

/**
 * Reads mapped fields of the current row. One reader serves a whole file
 * (`at` moves it to the next row), so that what depends only on the file —
 * column positions, the village lookup — is worked out once.
 */
export class RowReader {
  rowNo = 0;
  cells: readonly Cell[] = [];
  /** The village a cell names (memoised); see desa(). */
  readonly lookupDesa: (cell: Cell) => DesaLookup;

  constructor(readonly ctx: RowContext) {
    this.lookupDesa = memoCell((cell) => lookupDesa(ctx, cell));
  }

  at(rowNo: number, cells: readonly Cell[]): this {
    this.rowNo = rowNo;
    this.cells = cells;
    return this;
  }

  /** The field's position in the row, or -1 when the file has no such column. */
  index(field: string): number {
    return this.ctx.mapping.fields.get(field) ?? -1;
  }

  cellAt(index: number): Cell {
    return index < 0 ? null : (this.cells[index] ?? null);
  }

  cell(field: string): Cell {
    return this.cellAt(this.index(field));
  }

  raw(field: string): string | null {
    return rawText(this.cell(field));
  }

  header(field: string): string {
    return this.ctx.mapping.used[field] ?? field;
  }

  reject(field: string, reason: string, value: string | null = this.raw(field)): Reject {
    return { rowNo: this.rowNo, column: this.header(field), value: value ?? '', reason };
  }

  /** The columns nobody mapped, kept as extra attributes (JSON), or null. */
  extras(): string | null {
    let out: Record<string, string> | null = null;
    for (const [index, header] of this.ctx.mapping.extras) {
      const value = rawText(this.cells[index] ?? null);
      if (value !== null) {
        out ??= {};
        out[header] = value;
      }
    }
    return out === null ? null : JSON.stringify(out);
  }

  /**
   * The row's village: its own code, or --desa when the row has none. Rejects
   * a code that is malformed, unknown, or not a village.
   */
  desa(
    field: string,
  ):
    | { ok: true; code: string; kabupaten: string; raw: string | null }
    | { ok: false; reject: Reject } {
    const cell = this.cell(field);
    const found = this.lookupDesa(cell);
    if (!found.ok) return { ok: false, reject: this.reject(field, found.reason) };
    return { ok: true, code: found.code, kabupaten: found.kabupaten, raw: rawText(cell) };
  }
}

function lookupDesa(ctx: RowContext, cell: Cell): DesaLookup {
  if (isBlank(cell)) {
    if (ctx.desa && !inScope(ctx, ctx.desa)) return { ok: false, reason: OUT_OF_SCOPE };
    if (ctx.desa) return { ok: true, code: ctx.desa, kabupaten: ctx.desa.slice(0, 4) };
    return { ok: false, reason: 'kode desa kosong' };
  }
  const normal = normaliseRegionCode(cell);
  if (!normal) return { ok: false, reason: 'kode desa tidak valid (10 digit, mis. 15.02.17.2006)' };
  const level = ctx.regions.levels.get(normal.code);
  if (level === undefined) {
    return { ok: false, reason: 'kode desa tidak dikenal (tidak ada di daftar Kemendagri)' };
  }
  if (level !== 'desa') return { ok: false, reason: `kode ${level}, bukan kode desa/kelurahan` };
  if (!inScope(ctx, normal.code)) return { ok: false, reason: OUT_OF_SCOPE };
  return { ok: true, code: normal.code, kabupaten: kabupatenCodeOf(normal.code) ?? '' };
}

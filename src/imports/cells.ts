// A cell's value as received, as text: what the "raw" columns keep beside the
// normalised value, and what a reject report shows.
import type { Cell } from './read-table.ts';

export function rawText(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string') return cell === '' ? null : cell;
  if (typeof cell === 'number') {
    return Number.isInteger(cell) && Math.abs(cell) < 1e21 ? BigInt(cell).toString() : String(cell);
  }
  // XLSX dates arrive as UTC midnights.
  return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
}

/** True when the cell holds nothing but white space. */
export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

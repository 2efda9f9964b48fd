// Per-file memo for the parsers of columns whose values repeat row after row
// (village code, sex, occupation, RT/RW, dates, yes/no): a million-row
// register has a few thousand distinct values in such a column, so each is
// parsed once. Only text cells are memoised; the table stops growing at
// `limit` entries, so memory stays bounded whatever the file.
import type { Cell } from './read-table.ts';

export function memoCell<T>(parse: (cell: Cell) => T, limit = 20_000): (cell: Cell) => T {
  const seen = new Map<string, T>();
  let empty: { value: T } | null = null;
  // Rows of one household sit together and share many values: comparing with
  // the previous cell is cheaper than hashing it.
  let lastCell: string | null = null;
  let lastValue: T | undefined;
  return (cell) => {
    if (typeof cell !== 'string') {
      if (cell !== null) return parse(cell);
      empty ??= { value: parse(null) };
      return empty.value;
    }
    if (cell === lastCell) return lastValue as T;
    let value = seen.get(cell);
    if (value === undefined) {
      value = parse(cell);
      if (seen.size < limit) seen.set(cell, value);
    }
    lastCell = cell;
    lastValue = value;
    return value;
  };
}

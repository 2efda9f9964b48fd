// PostgreSQL COPY text format: one line a row, tab-separated, \N for NULL.
// Rows are encoded here once so that both databases take the same bytes.

const special = /[\\\t\n\r]/;

/** One field of a COPY line. */
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (!special.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** A text[] literal for COPY, for values that are plain codes (A-Z, 0-9, _). */
export function copyCodeArray(codes: readonly string[]): string {
  return `{${codes.join(',')}}`;
}

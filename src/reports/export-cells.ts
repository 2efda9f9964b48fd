// Exported files are opened in Excel and LibreOffice: a cell that starts with
// = + - @ (or tab / carriage return) would be read as a formula (CSV
// injection, OWASP). Such text is prefixed with an apostrophe, which the
// spreadsheet shows as plain text. Numbers and dates are left alone.

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * A file name safe in a Content-Disposition header and on any disk: ASCII
 * letters, digits, dot, dash, underscore; starting with a letter or digit (no
 * hidden dot file, no name read as a command-line option); at most 100
 * characters; never empty.
 */
export function safeFileName(name: string, fallback = 'export'): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .replace(/_+/g, '_')
    .slice(0, 100);
  return cleaned.length > 0 && /[A-Za-z0-9]/.test(cleaned) ? cleaned : fallback;
}

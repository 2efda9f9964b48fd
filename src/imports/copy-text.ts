// PostgreSQL COPY text format: one line a row, tab-separated, \N for NULL.
// Rows are encoded here once so that both databases take the same bytes.

export const COPY_NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;

function escapeSpecials(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** One field of a COPY line. */
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return COPY_NULL;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return SPECIAL.test(value) ? escapeSpecials(value) : value;
}

/** A text[] literal for COPY, for values that are plain codes (A-Z, 0-9, _). */
export function copyCodeArray(codes: readonly string[]): string {
  return codes.length === 0 ? '{}' : `{${codes.join(',')}}`;
}

/**
 * A batch of COPY lines as UTF-8 bytes, written line by line: no array of
 * line strings kept alive until the batch is full (the garbage collector
 * would promote them all), and bytes that a worker can transfer without a copy.
 */
export class CopyBuffer {
  private bytes: Buffer;
  private used = 0;
  lines = 0;

  constructor(private readonly initialBytes = 1 << 20) {
    this.bytes = Buffer.allocUnsafeSlow(initialBytes);
  }

  /** A whole line (without its newline). */
  push(line: string): void {
    this.write(line, 10);
    this.lines++;
  }

  /** One field of the current line (already COPY-escaped), and a tab. */
  field(text: string): void {
    this.write(text, 9);
  }

  /** The last field of the line, and the newline. */
  last(text: string): void {
    this.write(text, 10);
    this.lines++;
  }

  // Byte by byte for ASCII: cheaper than joining a row's fields into a string
  // and encoding that (measured: a third of a row's validation).
  private write(text: string, end: number): void {
    const n = text.length;
    if (this.used + 3 * n + 1 > this.bytes.length) this.grow(3 * n + 1);
    const bytes = this.bytes;
    let at = this.used;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 127) {
        at += bytes.write(text.slice(i), at, 'utf8');
        break;
      }
      bytes[at++] = c;
    }
    bytes[at++] = end;
    this.used = at;
  }

  private grow(more: number): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + more));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }

  /**
   * The lines so far, and a fresh start. `reuse`: the caller is done with the
   * bytes before the next line is pushed, so the same buffer serves again;
   * otherwise the bytes are a buffer of their own (they can be transferred).
   */
  take(reuse: boolean): Uint8Array {
    const out = new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used);
    if (!reuse) this.bytes = Buffer.allocUnsafeSlow(this.initialBytes);
    this.used = 0;
    this.lines = 0;
    return out;
  }
}

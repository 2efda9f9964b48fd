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

  push(line: string): void {
    const most = line.length * 3 + 1;
    if (this.used + most > this.bytes.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + most));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(line, this.used, 'utf8');
    this.bytes[this.used++] = 10;
    this.lines++;
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

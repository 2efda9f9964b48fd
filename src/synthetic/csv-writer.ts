// A CSV file written in 64 KiB chunks that waits for the disk (backpressure),
// so that generating millions of rows holds one chunk per file in memory.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

const CHUNK = 1 << 16;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: quoted only when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export class CsvWriter {
  rows = 0;
  bytes = 0;
  private buffer = '';
  private readonly stream: WriteStream;
  private failure: Error | null = null;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path);
    this.stream.on('error', (error) => {
      this.failure = error;
    });
    this.buffer = `${header.join(',')}\n`;
  }

  /** Adds one row, already joined with commas (fields escaped with csvField). */
  line(text: string): void {
    this.buffer += text;
    this.buffer += '\n';
    this.rows++;
  }

  /** Writes the buffer out once it is a chunk long; waits while the disk catches up. */
  async flushIfFull(): Promise<void> {
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer === '') return;
    const chunk = this.buffer;
    this.buffer = '';
    this.bytes += Buffer.byteLength(chunk);
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  /** Closes the file without waiting for the rest, after a failure elsewhere. */
  destroy(): void {
    this.stream.destroy();
  }
}

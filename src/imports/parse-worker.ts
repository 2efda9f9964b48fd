// Worker-thread entry: runs parseRows on an input stream fed by the main
// thread chunk by chunk (it asks for each one, so memory stays flat), and
// sends back COPY batches, waiting for the main thread to take each one.
import { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { ParseFileError, type ParseInit, parseRows } from './parse-rows.ts';

export type ToWorker =
  | { t: 'init'; init: ParseInit }
  | { t: 'chunk'; data: Uint8Array }
  | { t: 'end' }
  | { t: 'abort'; message: string }
  | { t: 'start'; importId: number }
  | { t: 'ack' };

export type FromWorker =
  | { t: 'pull' }
  | { t: 'header'; header: import('./parse-rows.ts').ParsedHeader }
  | { t: 'batch'; batch: import('./parse-rows.ts').ParsedBatch }
  | { t: 'done' }
  | { t: 'failed'; message: string; fileError: boolean };

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');
const send = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

const input = new Readable({
  highWaterMark: 1 << 20,
  read() {
    send({ t: 'pull' });
  },
});
let resolveStart: ((id: number) => void) | null = null;
let resolveAck: (() => void) | null = null;
let inFlight = 0;

port.on('message', (message: ToWorker) => {
  switch (message.t) {
    case 'init':
      void run(message.init);
      break;
    case 'chunk':
      input.push(
        Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength),
      );
      break;
    case 'end':
      input.push(null);
      break;
    case 'abort':
      input.destroy(new Error(message.message));
      break;
    case 'start':
      resolveStart?.(message.importId);
      break;
    case 'ack': {
      inFlight--;
      const r = resolveAck;
      resolveAck = null;
      r?.();
      break;
    }
  }
});

async function run(init: ParseInit): Promise<void> {
  try {
    await parseRows(input, init, {
      onHeader(header) {
        send({ t: 'header', header });
        return new Promise((resolve) => {
          resolveStart = resolve;
        });
      },
      async onBatch(batch) {
        inFlight++;
        // The bytes move to the main thread; no copy.
        const buffer = batch.data.buffer as ArrayBuffer;
        send({ t: 'batch', batch }, batch.data.byteLength > 0 ? [buffer] : []);
        // Two batches ahead of the database at most.
        while (inFlight >= 2) {
          await new Promise<void>((resolve) => {
            resolveAck = resolve;
          });
        }
      },
    });
    send({ t: 'done' });
  } catch (error) {
    send({
      t: 'failed',
      message: error instanceof Error ? error.message : String(error),
      fileError: error instanceof ParseFileError,
    });
  }
}

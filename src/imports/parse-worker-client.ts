// A parse session: the main thread's side of the parse worker (feeds it the
// input on demand, hands out its batches one at a time, and tells it when each
// is consumed), or the same parse on the calling thread.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  type ParsedBatch,
  type ParsedHeader,
  ParseFileError,
  type ParseInit,
  parseRows,
} from './parse-rows.ts';
import type { FromWorker, ToWorker } from './parse-worker.ts';

export class ParseFailed extends Error {
  constructor(
    message: string,
    readonly fileError: boolean,
  ) {
    super(message);
  }
}

export interface ParseSession {
  /** The file's header and column mapping; rejects with ParseFailed. */
  readonly header: Promise<ParsedHeader>;
  /** Lets the worker go on past the header, writing this import id. */
  start(importId: number): void;
  readonly batches: AsyncIterable<ParsedBatch>;
  close(): Promise<void>;
}

function spawnWorker(): Worker {
  const isTs = import.meta.url.endsWith('.ts');
  const entry = new URL(isTs ? './parse-worker.ts' : './parse-worker.js', import.meta.url).href;
  if (!isTs) return new Worker(new URL(entry));
  // Sources run as TypeScript (tsx, Vitest): register tsx in the worker first.
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
}

export function startParse(input: Readable, init: ParseInit): ParseSession {
  init = { ...init, reuseBuffers: false };
  const worker = spawnWorker();
  const send = (m: ToWorker, transfer?: ArrayBuffer[]) => worker.postMessage(m, transfer);
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let feeding: Promise<void> = Promise.resolve();
  let inputDone = false;

  const queue: ParsedBatch[] = [];
  let finished = false;
  let failure: ParseFailed | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  let headerResolve!: (h: ParsedHeader) => void;
  let headerReject!: (e: Error) => void;
  const header = new Promise<ParsedHeader>((resolve, reject) => {
    headerResolve = resolve;
    headerReject = reject;
  });
  header.catch(() => {});

  const fail = (error: ParseFailed) => {
    failure ??= error;
    headerReject(error);
    notify();
  };

  worker.on('message', (m: FromWorker) => {
    switch (m.t) {
      case 'pull':
        // One read at a time, in order; the worker asks again when it wants more.
        feeding = feeding.then(async () => {
          if (inputDone) return;
          try {
            const next = await chunks.next();
            if (next.done) {
              inputDone = true;
              send({ t: 'end' });
            } else {
              const copy = new Uint8Array(next.value);
              send({ t: 'chunk', data: copy }, [copy.buffer]);
            }
          } catch (error) {
            inputDone = true;
            send({ t: 'abort', message: error instanceof Error ? error.message : String(error) });
          }
        });
        break;
      case 'header':
        headerResolve(m.header);
        break;
      case 'batch':
        queue.push(m.batch);
        notify();
        break;
      case 'done':
        finished = true;
        notify();
        break;
      case 'failed':
        fail(new ParseFailed(m.message, m.fileError));
        break;
    }
  });
  worker.on('error', (error) => fail(new ParseFailed(error.message, false)));
  worker.on('exit', (code) => {
    if (!finished) fail(new ParseFailed(`parse worker stopped (exit ${code})`, false));
  });
  send({ t: 'init', init });

  async function* batches(): AsyncGenerator<ParsedBatch> {
    let handed = false;
    while (true) {
      if (handed) {
        send({ t: 'ack' });
        handed = false;
      }
      if (queue.length > 0) {
        handed = true;
        yield queue.shift() as ParsedBatch;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }

  return {
    header,
    start: (importId) => send({ t: 'start', importId }),
    batches: batches(),
    async close() {
      finished = true;
      await worker.terminate();
    },
  };
}

/**
 * The same session, parsing on this thread. For the embedded database: its
 * COPY runs on this thread too, so a worker would buy little speed for the
 * memory of a second JavaScript heap. Batches are handed over one at a time.
 */
export function parseInThread(input: Readable, init: ParseInit): ParseSession {
  init = { ...init, reuseBuffers: true };
  let headerResolve!: (h: ParsedHeader) => void;
  let headerReject!: (e: Error) => void;
  const header = new Promise<ParsedHeader>((resolve, reject) => {
    headerResolve = resolve;
    headerReject = reject;
  });
  header.catch(() => {});
  let startWith!: (importId: number) => void;
  const started = new Promise<number>((resolve) => {
    startWith = resolve;
  });
  // One batch at a time: the parser waits until the consumer asks for the next.
  let offered: { batch: ParsedBatch; taken: () => void } | null = null;
  let wake: (() => void) | null = null;
  let finished = false;
  let failure: ParseFailed | null = null;
  let closed = false;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  parseRows(input, init, {
    onHeader(parsed) {
      headerResolve(parsed);
      return started;
    },
    onBatch(batch) {
      if (closed) return Promise.reject(new Error('parse closed'));
      return new Promise<void>((taken) => {
        offered = { batch, taken };
        notify();
      });
    },
  }).then(
    () => {
      finished = true;
      notify();
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      failure = new ParseFailed(message, error instanceof ParseFileError);
      headerReject(failure);
      notify();
    },
  );

  async function* batches(): AsyncGenerator<ParsedBatch> {
    while (true) {
      const next = offered as { batch: ParsedBatch; taken: () => void } | null;
      if (next) {
        offered = null;
        yield next.batch;
        next.taken();
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }

  return {
    header,
    start: startWith,
    batches: batches(),
    async close() {
      closed = true;
      if (!finished && !failure) input.destroy();
    },
  };
}

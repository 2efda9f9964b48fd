// Only one process may own a PGlite data directory: two Postgres backends
// writing the same files corrupt it, and PGlite itself takes no lock. The
// owner writes its pid and role into a lock file; a second opener is told who
// holds it. A lock whose process is gone (killed, crashed) is taken over —
// never one whose process is alive, however long it has been silent.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockInfo {
  pid: number;
  role: string;
  url?: string;
  since: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      holder.role === 'server'
        ? `Data directory ${dataDir} is in use by the Pesiar server (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}); stop it first, or use its API.`
        : `Data directory ${dataDir} is in use by another pesiar command (pid ${holder.pid}, ${holder.role}); wait for it to finish.`,
    );
    this.name = 'DataDirBusyError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    return typeof parsed.pid === 'number' ? (parsed as LockInfo) : null;
  } catch {
    return null;
  }
}

// Locks this process holds: a second open of the same directory in one
// process is as dangerous as one from another process.
const held = new Set<string>();

export interface DataDirLock {
  update(info: Partial<Pick<LockInfo, 'role' | 'url'>>): void;
  release(): void;
}

export function lockDataDir(dataDir: string, role: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'pesiar.lock');
  if (held.has(path)) {
    throw new DataDirBusyError(dataDir, readLock(path) ?? { pid: process.pid, role, since: '' });
  }
  let info: LockInfo = { pid: process.pid, role, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      held.add(path);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(path);
        if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return {
        update(next) {
          info = { ...info, ...next };
          const fd2 = openSync(path, 'w');
          writeSync(fd2, JSON.stringify(info));
          closeSync(fd2);
        },
        release() {
          process.off('exit', release);
          release();
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(path);
      if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new DataDirBusyError(dataDir, holder);
      }
      // Stale (its process is gone) or unreadable: take it over.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock data directory ${dataDir}`);
}

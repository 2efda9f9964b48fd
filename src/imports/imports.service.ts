// Getting a month's data in: one file, streamed from disk or upload through
// parse → validate → COPY, inside one transaction. Either every accepted row
// is in and the previous import of the same period and source is gone, or
// nothing changed. Every attempt is recorded in the import history.
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { Kysely, Selectable } from 'kysely';
import { type Actor, requirePermission } from '../access/actor.ts';
import { recordAudit } from '../access/audit.repository.ts';
import { AccessDenied } from '../access/errors.ts';
import { covers, type Permission, scopeOf } from '../access/roles.policy.ts';
import type { Database } from '../db/database.ts';
import type { DB, ImportKind, ImportsTable } from '../db/schema.ts';
import { normaliseRegionCode, type RegionLevel } from '../regions/codes.ts';
import { FIGURE_COLUMNS } from './figures-rows.ts';
import {
  analyzeLoaded,
  deleteRows,
  findCommittedImport,
  findDuplicateRows,
  findImportById,
  findImports,
  findRegionLevels,
  insertImport,
  ROW_TABLE,
  replaceImport,
  updateImport,
} from './imports.repository.ts';
import type { ImportOptions, ImportRecord, ImportResult } from './imports.schema.ts';
import { MEMBER_COLUMNS } from './membership-rows.ts';
import { ParseFailed, parseInThread, startParse } from './parse-worker-client.ts';
import { RESIDENT_COLUMNS } from './population-rows.ts';
import { RejectsFile } from './rejects-file.ts';
import type { Reject } from './row-context.ts';

export interface ImportProgress {
  rows: number;
  bytes: number;
}

export interface ImportRequest {
  options: ImportOptions;
  fileName: string;
  input: Readable;
  /** Who imports: needs imports:<kind> on every row's region. */
  actor: Actor;
  /** Where rejects CSVs go when no rejectsPath is given. */
  rejectsDir: string;
  rejectsPath?: string | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  asOf?: Date | undefined;
}

/** A problem with the file or the options as a whole: reported in one line. */
export class ImportFileError extends Error {}

class RowsRejected extends Error {}

const ROW_COLUMNS: Record<ImportKind, readonly string[]> = {
  population: RESIDENT_COLUMNS,
  membership: MEMBER_COLUMNS,
  population_figures: FIGURE_COLUMNS,
};

/** A worker's report of a bad file becomes an ImportFileError; anything else is rethrown. */
function asImportError(error: unknown): never {
  if (error instanceof ParseFailed && error.fileError) throw new ImportFileError(error.message);
  throw error;
}

const SCREEN_REJECTS = 50;
// Rows per COPY statement: large enough to amortise a round trip, small
// enough that memory stays flat whatever the file size.
// Rows per COPY. PGlite copies each batch a few times on its way into the
// WebAssembly heap, so smaller batches keep its memory down.
const BATCH_ROWS = { pglite: 2_500, postgres: 10_000 } as const;

export function defaultSource(kind: ImportKind, desa: string | null): string {
  if (kind === 'population') return desa ? `desa:${desa}` : 'register';
  return kind === 'membership' ? 'bpjs' : 'dukcapil';
}

interface RegionIndex {
  levels: ReadonlyMap<string, RegionLevel>;
  /** The same, as text for the parse worker ("code level" lines). */
  encoded: string;
}
const regionCache = new WeakMap<Database, Promise<RegionIndex>>();

function regionIndex(database: Database): Promise<RegionIndex> {
  let index = regionCache.get(database);
  if (!index) {
    index = findRegionLevels(database.db).then((rows) => ({
      levels: new Map(rows.map((r) => [r.code, r.level as RegionLevel])),
      encoded: rows.map((r) => `${r.code} ${r.level}`).join('\n'),
    }));
    regionCache.set(database, index);
  }
  return index;
}

/** Counts bytes and hashes them on the way through. */
class Tap extends PassThrough {
  readonly hash = createHash('sha256');
  bytes = 0;
  ended = false;
  override _transform(
    chunk: Buffer,
    _enc: BufferEncoding,
    done: (e?: Error | null, c?: Buffer) => void,
  ) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }
  override _flush(done: () => void) {
    this.ended = true;
    done();
  }
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
}

export async function importFile(database: Database, req: ImportRequest): Promise<ImportResult> {
  const started = new Date();
  const { options } = req;
  const kind = options.kind;
  const regions = await regionIndex(database);
  let desa: string | null = null;
  if (options.desa !== undefined) {
    desa = normaliseRegionCode(options.desa)?.code ?? null;
    if (desa === null || regions.levels.get(desa) !== 'desa') {
      throw new ImportFileError(
        `--desa ${options.desa}: not a known village (desa/kelurahan) code`,
      );
    }
  }
  const permission: Permission = `imports:${kind}`;
  const scope = requirePermission(req.actor, permission);
  if (desa !== null && !covers(scope, desa)) {
    throw new AccessDenied(`--desa ${options.desa}: outside your area`);
  }
  const source = options.source ?? defaultSource(kind, desa);
  const rejects = new RejectsFile(
    req.rejectsPath ??
      join(
        req.rejectsDir,
        // The suffix keeps two imports in the same second apart.
        `${kind}-${options.period}-${stamp(started)}-${randomBytes(4).toString('hex')}.rejects.csv`,
      ),
  );
  const shown: Reject[] = [];
  const reject = (r: Reject) => {
    rejects.write(r);
    if (shown.length < SCREEN_REJECTS) shown.push(r);
  };
  const tap = new Tap();
  req.input.on('error', (e) => tap.destroy(e));
  req.input.pipe(tap);

  let rowsRead = 0;
  let rowsAccepted = 0;
  let rowsFlagged = 0;
  let replacedImportId: number | null = null;
  let importId = 0;
  let format: ImportResult['format'] = null;
  const record = {
    kind,
    period: options.period,
    source,
    file_name: req.fileName,
    sheet: options.sheet ?? null,
    imported_by: req.actor.name,
    started_at: started,
    options: {
      desa,
      map: options.map,
      skipBadRows: options.skipBadRows,
      sheet: options.sheet ?? null,
    },
  };

  // A worker thread overlaps parsing with a server's COPY; PGlite's COPY runs
  // on this thread, so there the parse stays here and saves a second heap.
  const parse = database.kind === 'pglite' ? parseInThread : startParse;
  const session = parse(tap, {
    kind,
    period: options.period,
    fileName: req.fileName,
    sheet: options.sheet,
    encoding:
      options.encoding === undefined
        ? undefined
        : options.encoding === 'utf-8'
          ? 'utf8'
          : 'windows-1252',
    map: options.map,
    desa,
    regions: regions.encoded,
    asOf: (req.asOf ?? started).getTime(),
    scope: scope.everywhere ? null : scope.prefixes,
    batchRows: BATCH_ROWS[database.kind],
    reuseBuffers: false,
  });
  try {
    const header = await session.header.catch(asImportError);
    format = header.info.format;
    const columns = ROW_COLUMNS[kind];
    const tableName = ROW_TABLE[kind];

    await database.transaction(async (tx) => {
      const previous = await findCommittedImport(tx.db, kind, options.period, source);
      if (previous) {
        await replaceImport(tx.db, kind, previous.id);
        replacedImportId = previous.id;
      }
      importId = await insertImport(tx.db, {
        ...record,
        status: 'committed',
        failure: null,
        file_sha256: null,
        file_bytes: null,
        file_format: header.info.format,
        encoding: header.info.encoding,
        delimiter: header.info.delimiter,
        columns: { ...header.used, _extra: header.extras, _opensid: header.openSid },
        finished_at: started,
        duration_ms: 0,
        rows_read: 0,
        rows_accepted: 0,
        rows_rejected: 0,
        rows_flagged: 0,
        rejects_file: null,
        replaces_import_id: replacedImportId,
      });
      session.start(importId);
      try {
        for await (const batch of session.batches) {
          rowsRead += batch.rowsRead;
          rowsAccepted += batch.accepted;
          rowsFlagged += batch.flagged;
          for (const r of batch.rejects) reject(r);
          // The worker parses the next batch while this one is copied.
          if (batch.data.byteLength > 0) await tx.copyInto(tableName, columns, batch.data);
          req.onProgress?.({ rows: rowsRead, bytes: tap.bytes });
        }
      } catch (error) {
        asImportError(error);
      }

      const duplicates = await findDuplicateRows(tx.db, kind, importId);
      if (duplicates.length > 0) {
        const column = header.used[kind === 'membership' ? 'noka' : 'kode_wilayah'] ?? '';
        for (const d of duplicates) {
          reject({
            rowNo: d.row_no,
            column,
            value: d.key,
            reason: `duplikat: nilai yang sama sudah ada di baris ${d.first_row_no}`,
          });
        }
        rowsAccepted -= duplicates.length;
      }
      if (rejects.rows > 0 && !options.skipBadRows) throw new RowsRejected();
      await deleteRows(
        tx.db,
        kind,
        importId,
        duplicates.map((d) => d.row_no),
      );
      const finished = new Date();
      await updateImport(tx.db, importId, {
        finished_at: finished,
        duration_ms: finished.getTime() - started.getTime(),
        rows_read: rowsRead,
        rows_accepted: rowsAccepted,
        rows_rejected: rejects.rows,
        rows_flagged: rowsFlagged,
        rejects_file: rejects.rows > 0 ? rejects.path : null,
      });
      await updateSha(tx.db, importId, tap, req.input);
      await analyzeLoaded(tx.db, tableName);
      await recordAudit(tx.db, req.actor, {
        action: 'import',
        subject: ROW_TABLE[kind],
        query: { importId, file: req.fileName, source, replaced: replacedImportId },
        scope,
        period: options.period,
        rowCount: rowsAccepted,
      });
    });
    const rejectsFile = await rejects.close();
    return {
      importId,
      status: 'committed',
      kind,
      period: options.period,
      source,
      fileName: req.fileName,
      sha256: await finishedHash(tap, req.input),
      format,
      rowsRead,
      rowsAccepted,
      rowsRejected: rejects.rows,
      rowsFlagged,
      durationMs: Date.now() - started.getTime(),
      replacedImportId,
      failure: null,
      rejects: shown,
      rejectsFile,
    };
  } catch (error) {
    const expected = error instanceof RowsRejected || error instanceof ImportFileError;
    const failure =
      error instanceof RowsRejected
        ? `${rejects.rows} row(s) rejected; nothing imported (use --skip-bad-rows to import the good rows)`
        : error instanceof Error
          ? error.message
          : String(error);
    const rejectsFile = await rejects.close();
    const sha256 = await finishedHash(tap, req.input);
    const finished = new Date();
    const failedId = await insertImport(database.db, {
      ...record,
      status: 'failed',
      failure,
      file_sha256: sha256,
      file_bytes: tap.bytes,
      file_format: format,
      encoding: null,
      delimiter: null,
      columns: {},
      finished_at: finished,
      duration_ms: finished.getTime() - started.getTime(),
      rows_read: rowsRead,
      rows_accepted: 0,
      rows_rejected: rejects.rows,
      rows_flagged: 0,
      rejects_file: rejectsFile,
      replaces_import_id: null,
    });
    if (!expected) throw error;
    return {
      importId: failedId,
      status: 'failed',
      kind,
      period: options.period,
      source,
      fileName: req.fileName,
      sha256,
      format,
      rowsRead,
      rowsAccepted: 0,
      rowsRejected: rejects.rows,
      rowsFlagged: 0,
      durationMs: finished.getTime() - started.getTime(),
      replacedImportId: null,
      failure,
      rejects: shown,
      rejectsFile,
    };
  } finally {
    await session.close();
  }
}

/** The file's SHA-256 once the whole file has gone through (drains what is left). */
async function finishedHash(tap: Tap, input: Readable): Promise<string | null> {
  if (!tap.ended) {
    if (tap.destroyed || input.destroyed) return null;
    // The reader stopped early (a bad header): read the rest for the hash only.
    tap.unpipe();
    tap.resume();
    await new Promise<void>((resolve) => {
      tap.once('end', resolve);
      tap.once('close', resolve);
      tap.once('error', () => resolve());
    });
  }
  return tap.ended ? tap.hash.copy().digest('hex') : null;
}

async function updateSha(db: Kysely<DB>, importId: number, tap: Tap, input: Readable) {
  const sha = await finishedHash(tap, input);
  await db
    .updateTable('imports')
    .set({ file_sha256: sha, file_bytes: tap.bytes })
    .where('id', '=', importId)
    .execute();
}

export async function listImports(
  database: Database,
  actor: Actor,
  filter: { period?: string | undefined; kind?: ImportKind | undefined; limit?: number },
): Promise<ImportRecord[]> {
  requirePermission(actor, 'imports:read');
  const rows = await findImports(database.db, { ...filter, limit: filter.limit ?? 100 });
  return rows.map(toImportRecord);
}

/**
 * An import's rejects CSV (it holds the rejected rows' personal data): for
 * the user who imported it and for admins. The download is audited.
 */
export async function rejectsOf(
  database: Database,
  actor: Actor,
  id: number,
): Promise<{ found: false } | { found: true; path: string | null }> {
  requirePermission(actor, 'imports:read');
  const row = await findImportById(database.db, id);
  if (!row) return { found: false };
  if (row.imported_by !== actor.name && !scopeOf(actor.grants, 'audit:read').everywhere) {
    throw new AccessDenied(`import ${id}: its rejects are for the user who imported it`);
  }
  if (row.rejects_file !== null) {
    await recordAudit(database.db, actor, {
      action: 'export',
      subject: 'rejects',
      query: { importId: id },
      period: row.period,
      rowCount: row.rows_rejected,
    });
  }
  return { found: true, path: row.rejects_file };
}

/** One import of the history, with where its rejects CSV was written (if any). */
export async function getImport(
  database: Database,
  actor: Actor,
  id: number,
): Promise<{ record: ImportRecord; rejectsFile: string | null } | undefined> {
  requirePermission(actor, 'imports:read');
  const row = await findImportById(database.db, id);
  return row && { record: toImportRecord(row), rejectsFile: row.rejects_file };
}

function toImportRecord(r: Selectable<ImportsTable>): ImportRecord {
  return {
    id: r.id,
    kind: r.kind,
    period: r.period,
    source: r.source,
    status: r.status,
    failure: r.failure,
    fileName: r.file_name,
    sha256: r.file_sha256,
    importedBy: r.imported_by,
    startedAt: new Date(r.started_at).toISOString(),
    durationMs: r.duration_ms,
    rowsRead: r.rows_read,
    rowsAccepted: r.rows_accepted,
    rowsRejected: r.rows_rejected,
    rowsFlagged: r.rows_flagged,
  };
}

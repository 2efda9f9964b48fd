import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, injectWith } from '../access/access.testing.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';
import type { ImportRecord, ImportResult } from './imports.schema.ts';

// Synthetic residents of Sungai Jering (15.02.17.2006): invented names and NIKs.
const HEADER = 'nik,no_kk,nama,tanggal_lahir,jenis_kelamin,kode_desa';
const GOOD_CSV = [
  HEADER,
  '1502174105900001,1502170101200001,Siti Contoh,1990-05-01,P,1502172006',
  '1502171203850002,1502170101200001,Budi Contoh,1985-03-12,L,1502172006',
  '1502175507100003,1502170101200001,Ani Contoh,2010-07-15,P,1502172006',
].join('\n');
const BAD_CSV = [
  HEADER,
  '1502174105900001,1502170101200001,Siti Contoh,1990-05-01,P,1502172006',
  '1502171203850002,1502170101200001,,1985-03-12,L,1502172006',
].join('\n');

let database: Database;
let app: FastifyInstance;
let inject: ReturnType<typeof injectWith>;
let admin: Record<string, string>;
let rejectsDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-rejects-'));
  app = await buildApp({ database, rejectsDir });
  admin = await adminHeaders(database.db);
  inject = injectWith(app, admin);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(rejectsDir, { recursive: true, force: true });
});

/** A multipart/form-data body written out by hand, as a browser would send it. */
function multipart(
  content: string,
  { field = 'file', fileName = 'x.csv' }: { field?: string; fileName?: string } = {},
) {
  const boundary = '----PesiarTestBoundary7MA4YWxkTrZu0gW';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\n` +
        `Content-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(
  kind: string,
  query: Record<string, string | string[]>,
  content: string,
  part?: { field?: string; fileName?: string },
) {
  return inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}`,
    query,
    ...multipart(content, part),
  });
}

describe('POST /api/v1/imports/:kind', () => {
  let committed: ImportResult;
  let failed: ImportResult;

  it('imports a valid population file: 201 with the result', async () => {
    const response = await upload('population', { period: '2026-10' }, GOOD_CSV);
    expect(response.statusCode).toBe(201);
    committed = response.json();
    expect(committed).toMatchObject({
      status: 'committed',
      kind: 'population',
      period: '2026-10',
      source: 'register',
      fileName: 'x.csv',
      format: 'csv',
      rowsRead: 3,
      rowsAccepted: 3,
      rowsRejected: 0,
      rejects: [],
      rejectsFile: null,
    });
    expect(committed.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file with a bad row: 422, nothing imported, the row named', async () => {
    const response = await upload(
      'population',
      { period: '2026-10', source: 'desa-upload' },
      BAD_CSV,
      {
        fileName: 'bad.csv',
      },
    );
    expect(response.statusCode).toBe(422);
    failed = response.json();
    expect(failed).toMatchObject({ status: 'failed', rowsAccepted: 0, rowsRejected: 1 });
    expect(failed.rejects[0]).toMatchObject({ rowNo: 3, column: 'nama' });
    expect(failed.rejectsFile).toBe(`/api/v1/imports/${failed.importId}/rejects`);
  });

  it('serves the rejects CSV of the refused file', async () => {
    const response = await inject({ url: `/api/v1/imports/${failed.importId}/rejects` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('row,column,value,reason');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^3,nama,/);
  });

  it('imports the good rows when asked to skip the bad ones', async () => {
    const response = await upload(
      'population',
      { period: '2026-09', skipBadRows: 'true', map: ['nama=NAMA_LENGKAP'] },
      BAD_CSV.replace('nama', 'NAMA_LENGKAP'),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'committed',
      rowsAccepted: 1,
      rowsRejected: 1,
    });
  });

  it('answers 400 when the period is missing or malformed', async () => {
    const queries: Record<string, string>[] = [{}, { period: '2026-13' }];
    for (const query of queries) {
      const response = await upload('population', query, GOOD_CSV);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatch(/^period: /);
    }
  });

  it('answers 400 for an unknown kind, a bad map and a bad skipBadRows', async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['residents', { period: '2026-10' }, /^kind: /],
      ['population', { period: '2026-10', map: 'nama' }, /^map: /],
      ['population', { period: '2026-10', skipBadRows: 'yes' }, /^skipBadRows: /],
    ];
    for (const [kind, query, error] of cases) {
      const response = await upload(kind, query, GOOD_CSV);
      expect(response.statusCode, kind).toBe(400);
      expect(response.json().error).toMatch(error);
    }
  });

  it('answers 400 without a "file" part and 415 without a multipart body', async () => {
    const wrongField = await upload('population', { period: '2026-10' }, GOOD_CSV, {
      field: 'upload',
    });
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error).toMatch(/^file: /);

    const json = await inject({
      method: 'POST',
      url: '/api/v1/imports/population?period=2026-10',
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
  });

  it('answers 422 with an error for an unknown desa', async () => {
    const response = await upload(
      'population',
      { period: '2026-10', desa: '99.99.99.9999' },
      GOOD_CSV,
    );
    expect(response.statusCode).toBe(422);
    expect(response.json()).toEqual({ error: expect.stringContaining('not a known village') });
  });

  it('refuses a file over the size limit instead of importing what fitted', async () => {
    const small = await buildApp({ database, rejectsDir, maxFileBytes: 100 });
    try {
      const response = await injectWith(
        small,
        admin,
      )({
        method: 'POST',
        url: '/api/v1/imports/population',
        query: { period: '2026-08' },
        ...multipart(GOOD_CSV),
      });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toEqual({ error: expect.any(String) });
      const history = await injectWith(small, admin)({ url: '/api/v1/imports?period=2026-08' });
      expect(history.json()).toEqual([expect.objectContaining({ status: 'failed' })]);
    } finally {
      await small.close();
    }
  });

  describe('GET /api/v1/imports', () => {
    it('lists the history, newest first, filtered by period and kind', async () => {
      const response = await inject({ url: '/api/v1/imports?period=2026-10&kind=population' });
      expect(response.statusCode).toBe(200);
      const records = response.json() as ImportRecord[];
      const ids = records.map((r) => r.id);
      expect(ids).toContain(committed.importId);
      expect(ids).toContain(failed.importId);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(records.find((r) => r.id === committed.importId)).toMatchObject({
        status: 'committed',
        importedBy: 'test-admin',
        fileName: 'x.csv',
        rowsAccepted: 3,
      });

      const other = await inject({ url: '/api/v1/imports?kind=membership' });
      expect(other.json()).toEqual([]);
    });

    it('shows one import, and 404 for an unknown one', async () => {
      const one = await inject({ url: `/api/v1/imports/${failed.importId}` });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ id: failed.importId, status: 'failed', rowsRejected: 1 });

      const none = await inject({ url: '/api/v1/imports/999999' });
      expect(none.statusCode).toBe(404);
      expect(none.json()).toEqual({ error: 'import 999999: not found' });

      const bad = await inject({ url: '/api/v1/imports/abc' });
      expect(bad.statusCode).toBe(400);
    });

    it('answers 404 for the rejects of an import without any', async () => {
      const response = await inject({ url: `/api/v1/imports/${committed.importId}/rejects` });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: expect.any(String) });
    });
  });
});

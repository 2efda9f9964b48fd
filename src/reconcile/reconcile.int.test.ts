import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsvText } from '../access/access.testing.ts';
import { LOCAL_SYSTEM } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { runReconciliation } from './reconcile.service.ts';
import { A, EXTRACT, REGISTER, villageA2 } from './reconcile.testing.ts';
import { decideReview, exportResults, listReviewQueue } from './review.service.ts';

let database: Database;
let rejectsDir: string;
let a2: string;

beforeEach(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-reconcile-'));
  a2 = await villageA2(database.db);
});

afterEach(async () => {
  await database.close();
  rmSync(rejectsDir, { recursive: true, force: true });
});

async function load(period: string, parts: { register?: boolean; extract?: boolean } = {}) {
  if (parts.register !== false) {
    const r = await importCsvText(database, {
      kind: 'population',
      period,
      csv: REGISTER(),
      rejectsDir,
    });
    expect(r.status).toBe('committed');
  }
  if (parts.extract !== false) {
    const m = await importCsvText(database, {
      kind: 'membership',
      period,
      csv: EXTRACT(a2),
      rejectsDir,
    });
    expect(m.status).toBe('committed');
  }
}

async function rows(kind: 'links' | 'residents' | 'discrepancies', period: string) {
  const out = await exportResults(database, LOCAL_SYSTEM, kind, { period, purpose: 'test' });
  const all: Record<string, unknown>[] = [];
  for await (const batch of out.batches) all.push(...batch);
  return all;
}

/** The members no resident is paired with: noka → status. */
async function unlinked(period: string) {
  const r = await database.db
    .selectFrom('unlinked_members')
    .select(['noka', 'status'])
    .where('period', '=', period)
    .execute();
  return Object.fromEntries(r.map((x) => [x.noka, x.status]));
}

async function statusById(period: string) {
  return Object.fromEntries((await rows('residents', period)).map((r) => [r.id, r]));
}

describe('runReconciliation', () => {
  it('links each resident to the right member, and says what it could not', async () => {
    await load('2024-06');
    const summary = await runReconciliation(database, LOCAL_SYSTEM, { period: '2024-06' });
    expect(summary.residents).toEqual({
      AKTIF: 5,
      BELUM_TERDAFTAR: 1,
      NONAKTIF: 1,
      PERLU_VERIFIKASI: 1,
    });
    expect(summary.members).toEqual({
      PERLU_VERIFIKASI: 1,
      TERHUBUNG: 6,
      TIDAK_ADA_DI_DATA_DESA: 1,
    });

    const by = await statusById('2024-06');
    expect(by.R1).toMatchObject({ status: 'AKTIF', method: 'nik', decision: 'match' });
    // Arrears: the reason and the months come from the extract.
    expect(by.R2).toMatchObject({
      status: 'NONAKTIF',
      reason: 'TUNGGAKAN',
      bulan_tunggakan: 6,
      segmen: 'PBPU',
    });
    // The child with her father's NIK is linked to her own record, not his.
    expect(by.R3).toMatchObject({ status: 'AKTIF', method: 'nama_tanggal' });
    expect(by.R4).toMatchObject({ status: 'AKTIF', method: 'nama_tanggal', decision: 'match' });
    expect(by.R5).toMatchObject({ status: 'PERLU_VERIFIKASI', decision: 'review' });
    expect(by.R6).toMatchObject({ status: 'BELUM_TERDAFTAR', noka: null });
    expect(by.R8).toMatchObject({ status: 'AKTIF', method: 'nik' });
    expect(by.R9).toMatchObject({ status: 'AKTIF', method: 'nama_tanggal' });

    // The discrepancy list for the monthly sync.
    const found = (await rows('discrepancies', '2024-06')).map((d) => `${d.id}:${d.kind}`).sort();
    expect(found).toEqual(
      [
        'R1:NIK_GANDA',
        'R3:NIK_BERBEDA',
        'R3:NIK_TIDAK_VALID',
        'R4:NIK_TIDAK_VALID',
        'R4:TANGGAL_LAHIR_BERBEDA',
        'R5:NIK_TIDAK_VALID',
        'R8:DESA_BERBEDA',
        'R9:NIK_TIDAK_VALID',
      ].sort(),
    );
  });

  it('remembers a reviewer’s decision and applies it again next month', async () => {
    await load('2024-06');
    await runReconciliation(database, LOCAL_SYSTEM, { period: '2024-06' });
    const queue = await listReviewQueue(database, LOCAL_SYSTEM, {
      period: '2024-06',
      limit: 10,
      offset: 0,
    });
    expect(queue.total).toBe(1);
    const pair = queue.pairs[0];
    expect(pair).toMatchObject({ id: 'R5', noka: '0000000000005' });
    expect(pair?.agreement).toEqual({
      nik: 'KOSONG',
      nama: 'MIRIP',
      lahir: 'SETAHUN',
      jk: 'SAMA',
      desa: 'SAMA',
    });
    expect(pair?.resident).toMatchObject({ nama: 'Ahmad Fauzi' });
    expect(pair?.member).toMatchObject({ nama: 'AHMAD FAUZAN' });

    const done = await decideReview(
      database,
      LOCAL_SYSTEM,
      { period: '2024-06', desa: A, id: 'R5', noka: '0000000000005' },
      'accept',
    );
    expect(done.status).toBe('AKTIF');

    await load('2024-07');
    const july = await runReconciliation(database, LOCAL_SYSTEM, { period: '2024-07' });
    expect(july.residents.PERLU_VERIFIKASI).toBeUndefined();
    expect((await statusById('2024-07')).R5).toMatchObject({ status: 'AKTIF', method: 'peninjau' });
  });

  it('never links a rejected pair again', async () => {
    await load('2024-06');
    await runReconciliation(database, LOCAL_SYSTEM, { period: '2024-06' });
    await decideReview(
      database,
      LOCAL_SYSTEM,
      { period: '2024-06', desa: A, id: 'R5', noka: '0000000000005' },
      'reject',
    );
    expect((await statusById('2024-06')).R5).toMatchObject({ status: 'BELUM_TERDAFTAR' });
    // The member is no one's now: it is listed as not in the village data.
    expect(await unlinked('2024-06')).toEqual({
      '0000000000005': 'TIDAK_ADA_DI_DATA_DESA',
      '0000000000007': 'TIDAK_ADA_DI_DATA_DESA',
    });
    await runReconciliation(database, LOCAL_SYSTEM, { period: '2024-06' });
    expect((await statusById('2024-06')).R5).toMatchObject({ status: 'BELUM_TERDAFTAR' });
    expect(Object.keys(await unlinked('2024-06'))).toContain('0000000000005');
  });

  it('is deterministic: two runs give identical exports', async () => {
    await load('2024-06');
    await runReconciliation(database, LOCAL_SYSTEM, { period: '2024-06' });
    const first = [
      await rows('links', '2024-06'),
      await rows('residents', '2024-06'),
      await rows('discrepancies', '2024-06'),
    ];
    await runReconciliation(database, LOCAL_SYSTEM, { period: '2024-06', within: A.slice(0, 4) });
    const second = [
      await rows('links', '2024-06'),
      await rows('residents', '2024-06'),
      await rows('discrepancies', '2024-06'),
    ];
    expect(second).toEqual(first);
    expect(first[0]?.length).toBe(7);
    // One to one: no member is linked twice.
    expect(new Set(first[0]?.map((l) => l.noka)).size).toBe(7);
  });

  it('does what the data allows when a side is missing', async () => {
    await load('2024-06', { register: false });
    const onlyExtract = await runReconciliation(database, LOCAL_SYSTEM, { period: '2024-06' });
    expect(onlyExtract.residentsInScope).toBe(0);
    expect(onlyExtract.members).toEqual({ DATA_DESA_BELUM_ADA: 8 });
    expect(onlyExtract.missing.join(' ')).toMatch(/data penduduk desa belum diimpor/);

    await load('2024-08', { extract: false });
    const onlyRegister = await runReconciliation(database, LOCAL_SYSTEM, { period: '2024-08' });
    expect(onlyRegister.residents).toEqual({});
    expect(onlyRegister.missing.join(' ')).toMatch(/data peserta BPJS belum diimpor/);
    expect(onlyRegister.missing.join(' ')).toMatch(/15\.02/);
  });
});

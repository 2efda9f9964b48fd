// A small month of village A (Sungai Jering) with one case of each kind the
// linkage must get right; shared by the service and CLI tests.
import type { Kysely } from 'kysely';
import { VILLAGE_A } from '../access/access.testing.ts';
import type { DB } from '../db/schema.ts';

// Village A (Sungai Jering) and A2, another village of its kecamatan.
export const A = VILLAGE_A;

/** A2: the first other village of A's kecamatan (where one member has moved to). */
export async function villageA2(db: Kysely<DB>): Promise<string> {
  const r = await db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', A.slice(0, 6))
    .where('code', '<>', A)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return r.code;
}

export const REGISTER = () =>
  [
    'id,nik,no_kk,nama,tanggal_lahir,jenis_kelamin,kode_desa',
    // A household: father, mother, and a child who carries the father's NIK.
    `R1,1502170305800001,1502170101100001,Budi Santoso,1980-05-03,L,${A}`,
    `R2,1502175207850002,1502170101100001,Siti Aminah,1985-07-12,P,${A}`,
    `R3,1502170305800001,1502170101100001,Rina,2010-02-20,P,${A}`,
    // No NIK; the insurer has the old spelling and day/month swapped.
    `R4,,1502170101100004,Muhammad Yusuf,1975-03-04,L,${A}`,
    // Similar name, one year apart, no NIK on either side: for review.
    `R5,,1502170101100005,Ahmad Fauzi,1990-01-15,L,${A}`,
    // Not in the extract.
    `R6,1502174808950006,1502170101100006,Dewi Lestari,1995-08-08,P,${A}`,
    // The insurer has him in the next village.
    `R8,1502171010700008,1502170101100008,Agus Salim,1970-10-10,L,${A}`,
    // A malformed NIK; the insurer holds the real one.
    `R9,12345,1502170101100009,Nur Hayati,1982-12-01,P,${A}`,
    '',
  ].join('\n');

export const EXTRACT = (a2: string) =>
  [
    'noka,nik,nama,tanggal_lahir,jenis_kelamin,kode_desa,segmen,kelas,status,alasan_nonaktif,bulan_tunggakan',
    `0000000000001,1502170305800001,BUDI SANTOSO,1980-05-03,L,${A},PBI APBN,3,AKTIF,,`,
    `0000000000002,1502175207850002,HJ. SITTI AMINAH,1985-07-12,P,${A},PBPU,3,NONAKTIF,TUNGGAKAN,6`,
    `0000000000003,1502176002100003,RINA,2010-02-20,P,${A},PBI APBN,3,AKTIF,,`,
    `0000000000004,1502170403750004,MOCH. JUSUF,1975-04-03,L,${A},PPU,1,AKTIF,,`,
    `0000000000005,,AHMAD FAUZAN,1991-01-15,L,${A},PBPU,2,AKTIF,,`,
    `0000000000007,1502171111700007,JOKO SUSILO,1970-11-11,L,${A},PBPU,3,AKTIF,,`,
    `0000000000008,1502171010700008,AGUS SALIM,1970-10-10,L,${a2},PBI APBD,3,AKTIF,,`,
    `0000000000009,1502174112820009,NOER HAJATI,1982-12-01,P,${A},PBI APBN,3,AKTIF,,`,
    '',
  ].join('\n');

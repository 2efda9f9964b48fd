// Reading the register and the extract: lists, counts, exports, one person.
// Everything goes through PersonalData, which scopes, masks and audits.
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Actor } from '../access/actor.ts';
import {
  PERSON_FIELDS,
  type PersonFilter,
  type PersonTable,
  personalData,
} from '../access/personal-data.repository.ts';
import type { DB } from '../db/schema.ts';
import { safeFileName } from '../reports/export-cells.ts';
import { type ExportFormat, exportStream } from '../reports/table-export.ts';

export type { PersonTable };

const DEFAULT_PURPOSE: Record<PersonTable, string> = {
  residents: 'pemantauan data penduduk',
  members: 'pemantauan kepesertaan JKN',
};

type Filter = PersonFilter & { purpose?: string | undefined };

const purposeOf = (table: PersonTable, filter: Filter) => filter.purpose ?? DEFAULT_PURPOSE[table];

const withoutPurpose = ({ purpose: _, ...rest }: Filter): PersonFilter => rest;

export async function listPeople(
  db: Kysely<DB>,
  actor: Actor,
  table: PersonTable,
  filter: Filter,
  page: { limit: number; offset: number },
) {
  return personalData(db, actor).list(table, withoutPurpose(filter), page, {
    purpose: purposeOf(table, filter),
  });
}

export async function countPeople(
  db: Kysely<DB>,
  actor: Actor,
  table: PersonTable,
  filter: Filter,
) {
  return personalData(db, actor).count(table, withoutPurpose(filter), {
    purpose: purposeOf(table, filter),
  });
}

export async function exportPeople(
  db: Kysely<DB>,
  actor: Actor,
  table: PersonTable,
  filter: Filter,
  format: ExportFormat,
): Promise<{ fileName: string; count: number; stream: Readable }> {
  const result = await personalData(db, actor).export(table, withoutPurpose(filter), {
    purpose: purposeOf(table, filter),
    format,
  });
  const fileName = safeFileName(
    `pesiar_${table}_${result.period ?? 'none'}_${filter.region ?? 'area'}.${format}`,
  );
  return {
    fileName,
    count: result.count,
    stream: exportStream(format, PERSON_FIELDS[table], result.batches, { sheetName: table }),
  };
}

export async function findPerson(db: Kysely<DB>, actor: Actor, nik: string, purpose?: string) {
  return personalData(db, actor).person(nik, { purpose: purpose ?? 'pencarian satu orang' });
}

export async function personReport(db: Kysely<DB>, actor: Actor, nik: string, purpose?: string) {
  return personalData(db, actor).subjectReport(nik, {
    purpose: purpose ?? 'permintaan subjek data (UU 27/2022)',
  });
}

// Every pathway rule and every priority rule, table by table, through the
// same SQL the reconciliation runs (evaluateRules over hand-made facts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { PATHWAY_RULES, PRIORITY_RULES, REST_PRIORITY } from './pathways.ts';
import { evaluateFacts } from './targets.repository.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const BASE = {
  kabupaten_code: '1502',
  desa_code: '1502172006',
  resident_import_id: 1,
  resident_row_no: 1,
  status: 'BELUM_TERDAFTAR',
  noka: null,
  segmen: null,
  kelas: null,
  alasan_nonaktif: null,
  bulan_tunggakan: null,
  household: '1502170101100001',
  pemberi_kerja: null,
  dusun: null,
  rw: null,
  rt: null,
  desil: null,
  pekerjaan: 'PETANI/PEKEBUN',
  hamil: false,
  stunting: false,
  phk: false,
  disabilitas: false,
  umur: 30,
  nik_bermasalah: false,
};

interface PathwayCase {
  name: string;
  facts: Partial<typeof BASE> | Record<string, unknown>;
  rule: string;
  pathway: string;
  kelas?: number | null;
  reasonHas?: string;
}

const NONAKTIF = (alasan: string, more: Record<string, unknown> = {}) => ({
  status: 'NONAKTIF',
  alasan_nonaktif: alasan,
  noka: '0001234567890',
  segmen: 'PBPU',
  ...more,
});

const PATHWAY_CASES: PathwayCase[] = [
  {
    name: 'BPJS says died',
    facts: NONAKTIF('MENINGGAL'),
    rule: 'J01',
    pathway: 'PERBAIKAN_DATA',
  },
  { name: 'BPJS says moved', facts: NONAKTIF('PINDAH'), rule: 'J02', pathway: 'PERBAIKAN_DATA' },
  {
    name: 'a pair awaiting review',
    facts: { status: 'PERLU_VERIFIKASI', desil: 2 },
    rule: 'J03',
    pathway: 'PERBAIKAN_DATA',
  },
  {
    name: 'unregistered without a valid NIK, even if poor',
    facts: { nik_bermasalah: true, desil: 1 },
    rule: 'J04',
    pathway: 'PERBAIKAN_NIK',
  },
  {
    name: 'an inactive member whose register NIK is bad is not sent to Dukcapil',
    facts: NONAKTIF('TUNGGAKAN', { bulan_tunggakan: 6, nik_bermasalah: true }),
    rule: 'J12',
    pathway: 'CICILAN_REHAB',
  },
  {
    name: 'PBI removed, still decile 1-5',
    facts: NONAKTIF('PBI_NONAKTIF', { desil: 3, segmen: 'PBI_APBN' }),
    rule: 'J05',
    pathway: 'REAKTIVASI_DINSOS',
    reasonHas: 'desil 3',
  },
  {
    name: 'PBI removed, decile unknown',
    facts: NONAKTIF('PBI_NONAKTIF', { segmen: 'PBI_APBN' }),
    rule: 'J06',
    pathway: 'REAKTIVASI_DINSOS',
  },
  {
    name: 'PBI removed after moving to decile 7',
    facts: NONAKTIF('PBI_NONAKTIF', { desil: 7, segmen: 'PBI_APBN' }),
    rule: 'J07',
    pathway: 'PBI_APBD',
  },
  {
    name: 'PPU stopped, employer known',
    facts: NONAKTIF('PPU_BERHENTI', { pemberi_kerja: 'PT Sawit Makmur', segmen: 'PPU' }),
    rule: 'J08',
    pathway: 'PENDAFTARAN_PPU',
    reasonHas: 'PT Sawit Makmur',
  },
  {
    name: 'decile 2 and pregnant',
    facts: { desil: 2, hamil: true },
    rule: 'J09',
    pathway: 'PBI_APBD',
  },
  {
    name: 'decile 4 and elderly',
    facts: { desil: 4, umur: 67 },
    rule: 'J09',
    pathway: 'PBI_APBD',
  },
  {
    name: 'decile 3',
    facts: { desil: 3 },
    rule: 'J10',
    pathway: 'PBI_APBN',
    reasonHas: 'Desil 3',
  },
  {
    name: 'decile 5 (boundary)',
    facts: { desil: 5 },
    rule: 'J10',
    pathway: 'PBI_APBN',
  },
  {
    name: 'poor with arrears: PBI rather than paying (domain.md)',
    facts: NONAKTIF('TUNGGAKAN', { bulan_tunggakan: 10, desil: 2 }),
    rule: 'J10',
    pathway: 'PBI_APBN',
  },
  {
    name: 'PPU stopped, laid off, poor, employer unknown',
    facts: NONAKTIF('PPU_BERHENTI', { phk: true, desil: 4, segmen: 'PPU' }),
    rule: 'J09',
    pathway: 'PBI_APBD',
  },
  {
    name: 'disabled, not in DTSEN',
    facts: { disabilitas: true },
    rule: 'J11',
    pathway: 'PBI_APBD',
  },
  {
    name: 'stunted child, not in DTSEN',
    facts: { stunting: true, umur: 2 },
    rule: 'J11',
    pathway: 'PBI_APBD',
  },
  {
    name: 'arrears of 4 months (boundary)',
    facts: NONAKTIF('TUNGGAKAN', { bulan_tunggakan: 4, desil: 7 }),
    rule: 'J12',
    pathway: 'CICILAN_REHAB',
    reasonHas: '4 bulan',
  },
  {
    name: 'arrears of 24 months',
    facts: NONAKTIF('TUNGGAKAN', { bulan_tunggakan: 24 }),
    rule: 'J12',
    pathway: 'CICILAN_REHAB',
  },
  {
    name: 'arrears of 3 months',
    facts: NONAKTIF('TUNGGAKAN', { bulan_tunggakan: 3, desil: 8 }),
    rule: 'J13',
    pathway: 'BAYAR_TUNGGAKAN',
  },
  {
    name: 'arrears, months unknown',
    facts: NONAKTIF('TUNGGAKAN'),
    rule: 'J13',
    pathway: 'BAYAR_TUNGGAKAN',
  },
  {
    name: 'wage worker by occupation',
    facts: { pekerjaan: 'Karyawan Swasta', desil: 7 },
    rule: 'J14',
    pathway: 'PENDAFTARAN_PPU',
  },
  {
    name: 'wage worker by employer',
    facts: { pemberi_kerja: 'CV Maju Jaya' },
    rule: 'J14',
    pathway: 'PENDAFTARAN_PPU',
    reasonHas: 'CV Maju Jaya',
  },
  {
    name: 'PPU stopped, no employer known, decile 7: self-paid',
    facts: NONAKTIF('PPU_BERHENTI', { desil: 7, segmen: 'PPU' }),
    rule: 'J17',
    pathway: 'PBPU_MANDIRI',
    kelas: 3,
  },
  {
    name: 'decile 10',
    facts: { desil: 10 },
    rule: 'J15',
    pathway: 'PBPU_MANDIRI',
    kelas: 1,
  },
  {
    name: 'decile 8',
    facts: { desil: 8 },
    rule: 'J16',
    pathway: 'PBPU_MANDIRI',
    kelas: 2,
  },
  {
    name: 'decile 6',
    facts: { desil: 6 },
    rule: 'J17',
    pathway: 'PBPU_MANDIRI',
    kelas: 3,
  },
  {
    name: 'nothing known',
    facts: {},
    rule: 'J17',
    pathway: 'PBPU_MANDIRI',
    kelas: 3,
  },
];

interface PriorityCase {
  name: string;
  facts: Record<string, unknown>;
  priority: number;
  reasons: string[];
}

const PRIORITY_CASES: PriorityCase[] = [
  { name: 'pregnant', facts: { hamil: true }, priority: 1, reasons: ['HAMIL'] },
  { name: 'stunted', facts: { stunting: true, umur: 3 }, priority: 2, reasons: ['STUNTING'] },
  { name: 'laid off', facts: { phk: true }, priority: 3, reasons: ['PHK'] },
  { name: 'decile 5', facts: { desil: 5 }, priority: 4, reasons: ['DESIL_1_5'] },
  { name: 'decile 6', facts: { desil: 6 }, priority: REST_PRIORITY, reasons: [] },
  { name: 'aged 60', facts: { umur: 60 }, priority: 5, reasons: ['LANSIA'] },
  { name: 'aged 59', facts: { umur: 59 }, priority: REST_PRIORITY, reasons: [] },
  { name: 'disabled', facts: { disabilitas: true }, priority: 5, reasons: ['DISABILITAS'] },
  {
    name: 'pregnant and poor: first, both named',
    facts: { hamil: true, desil: 2 },
    priority: 1,
    reasons: ['HAMIL', 'DESIL_1_5'],
  },
  {
    name: 'laid off and elderly',
    facts: { phk: true, umur: 61 },
    priority: 3,
    reasons: ['PHK', 'LANSIA'],
  },
  { name: 'age unknown', facts: { umur: null }, priority: REST_PRIORITY, reasons: [] },
  { name: 'the rest', facts: {}, priority: REST_PRIORITY, reasons: [] },
];

const evaluate = (cases: { facts: Record<string, unknown> }[]) =>
  database.transaction((tx) =>
    evaluateFacts(
      tx.db,
      cases.map((c, i) => ({ ...BASE, source_id: String(i).padStart(3, '0'), ...c.facts })),
    ),
  );

describe('pathway rules', () => {
  it('ends with a rule that always holds, so every target gets a pathway', () => {
    expect(PATHWAY_RULES.at(-1)?.when).toEqual({});
  });

  it('covers every rule with at least one case', () => {
    const covered = new Set(PATHWAY_CASES.map((c) => c.rule));
    expect(PATHWAY_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(PATHWAY_CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const c = PATHWAY_CASES[i];
    if (!c) throw new Error('no case');
    const [verdict] = await evaluate([c]);
    expect(verdict?.pathway_rule).toBe(c.rule);
    expect(verdict?.pathway).toBe(c.pathway);
    if (c.kelas !== undefined) expect(verdict?.kelas_saran).toBe(c.kelas);
    if (c.reasonHas) expect(verdict?.pathway_reason).toContain(c.reasonHas);
    // The reason is always shown, with its placeholders filled in.
    expect(verdict?.pathway_reason).not.toMatch(/[{}]/);
  });

  it('is printed whole in docs/fieldwork.md, in the same order', () => {
    const doc = readFileSync(new URL('../../docs/fieldwork.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\|[ \t]*(J\d\d)[ \t]*\|.*\|[ \t]*(\w+)/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows).toEqual(PATHWAY_RULES.map((r) => [r.id, r.pathway]));
  });

  it('gives every target exactly one verdict, in one statement', async () => {
    const verdicts = await evaluate(PATHWAY_CASES);
    expect(verdicts.map((v) => v.pathway_rule)).toEqual(PATHWAY_CASES.map((c) => c.rule));
  });
});

describe('priority rules', () => {
  it('covers every rule with at least one case', () => {
    const covered = new Set(PRIORITY_CASES.flatMap((c) => c.reasons));
    expect(PRIORITY_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('ranks each case and names every rule that applied', async () => {
    const verdicts = await evaluate(PRIORITY_CASES);
    expect(verdicts.map((v) => [v.priority, v.priority_reasons])).toEqual(
      PRIORITY_CASES.map((c) => [c.priority, c.reasons]),
    );
  });
});

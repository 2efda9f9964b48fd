// Sisir's rules, as tables: which pathway back to coverage each target is
// recommended (first matching rule wins), how urgent it is (every matching
// priority rule is named; the most urgent sets the rank), and, per pathway,
// the segment, documents and verifying office of a registration proposal.
// The reconciliation evaluates these tables in SQL over every target at once
// (targets.repository.ts); docs/fieldwork.md prints them for the forum.
// Data only: it imports nothing but the value lists of the boundary schema.
import { PATHWAY_VALUES } from './fieldwork.schema.ts';

/** The ways back to coverage, from domain.md ("Why a member is inactive"). */
export const PATHWAYS = PATHWAY_VALUES;
export type Pathway = (typeof PATHWAYS)[number];

export const PATHWAY_LABELS: Record<Pathway, string> = {
  PBI_APBD: 'Didaftarkan Pemda (PBI APBD)',
  PBI_APBN: 'Usulan PBI JK (APBN) lewat Dinsos',
  REAKTIVASI_DINSOS: 'Reaktivasi PBI lewat Dinsos',
  PENDAFTARAN_PPU: 'Didaftarkan pemberi kerja (PPU)',
  PBPU_MANDIRI: 'Daftar mandiri (PBPU) satu KK',
  CICILAN_REHAB: 'Cicilan tunggakan (REHAB)',
  BAYAR_TUNGGAKAN: 'Bayar tunggakan langsung',
  PERBAIKAN_NIK: 'Perbaikan NIK di Dukcapil',
  PERBAIKAN_DATA: 'Perbaikan data (desa dan BPJS)',
};

export type TargetStatus = 'BELUM_TERDAFTAR' | 'NONAKTIF' | 'PERLU_VERIFIKASI';
export type InactiveReason =
  | 'TUNGGAKAN'
  | 'PBI_NONAKTIF'
  | 'PPU_BERHENTI'
  | 'MENINGGAL'
  | 'PINDAH'
  | 'LAINNYA';

/**
 * What a rule may ask of a target. Absent: any value. `desilKnown: false`
 * matches an unknown decile; `desilMin`/`desilMax` match only a known one.
 * `rentan`: pregnant, stunted, laid off, disabled or 60 and over (VULNERABLE).
 * `pekerjaUpah`: a wage worker (an employer is named, or the occupation is
 * one of WAGE_OCCUPATIONS).
 */
export interface PathwayCondition {
  status?: readonly TargetStatus[];
  alasan?: readonly InactiveReason[];
  desilKnown?: boolean;
  desilMin?: number;
  desilMax?: number;
  bulanMin?: number;
  nikBermasalah?: boolean;
  rentan?: boolean;
  pekerjaUpah?: boolean;
}

export interface PathwayRule {
  id: string;
  when: PathwayCondition;
  pathway: Pathway;
  kelasSaran?: 1 | 2 | 3;
  /** Shown to the agent; {desil}, {bulan} and {pemberi_kerja} are filled in. */
  reason: string;
}

/**
 * In order; the first rule whose every condition holds decides. The order is
 * the policy: data that blocks registration first, then reactivations the
 * state pays for, then the poor and vulnerable (whose arrears are better
 * solved by PBI: domain.md), then arrears, employers, and self-paid last.
 */
export const PATHWAY_RULES: readonly PathwayRule[] = [
  {
    id: 'J01',
    when: { status: ['NONAKTIF'], alasan: ['MENINGGAL'] },
    pathway: 'PERBAIKAN_DATA',
    reason:
      'BPJS mencatat meninggal, data desa mencatat hidup: pastikan dan perbaiki data di kedua sisi',
  },
  {
    id: 'J02',
    when: { status: ['NONAKTIF'], alasan: ['PINDAH'] },
    pathway: 'PERBAIKAN_DATA',
    reason: 'BPJS mencatat pindah: pastikan domisili, perbarui data desa atau BPJS',
  },
  {
    id: 'J03',
    when: { status: ['PERLU_VERIFIKASI'] },
    pathway: 'PERBAIKAN_DATA',
    reason:
      'Kecocokan data desa dan BPJS belum pasti: periksa KTP/KK (NIK, tanggal lahir) saat kunjungan',
  },
  {
    id: 'J04',
    when: { status: ['BELUM_TERDAFTAR'], nikBermasalah: true },
    pathway: 'PERBAIKAN_NIK',
    reason: 'NIK kosong, sementara atau tidak valid: urus di Dukcapil sebelum didaftarkan',
  },
  {
    id: 'J05',
    when: { status: ['NONAKTIF'], alasan: ['PBI_NONAKTIF'], desilMax: 5 },
    pathway: 'REAKTIVASI_DINSOS',
    reason: 'PBI dinonaktifkan, masih desil {desil}: reaktivasi lewat Dinsos dengan surat faskes',
  },
  {
    id: 'J06',
    when: { status: ['NONAKTIF'], alasan: ['PBI_NONAKTIF'], desilKnown: false },
    pathway: 'REAKTIVASI_DINSOS',
    reason: 'PBI dinonaktifkan, desil tidak diketahui: cek DTSEN dan ajukan reaktivasi ke Dinsos',
  },
  {
    id: 'J07',
    when: { status: ['NONAKTIF'], alasan: ['PBI_NONAKTIF'], desilMin: 6 },
    pathway: 'PBI_APBD',
    reason:
      'PBI dinonaktifkan karena naik ke desil {desil}: daftarkan lewat Pemda bila tidak mampu membayar',
  },
  {
    id: 'J08',
    when: { status: ['NONAKTIF'], alasan: ['PPU_BERHENTI'], pekerjaUpah: true },
    pathway: 'PENDAFTARAN_PPU',
    reason: 'Kepesertaan PPU berhenti: pemberi kerja ({pemberi_kerja}) wajib mendaftarkan kembali',
  },
  {
    id: 'J09',
    when: { desilMax: 5, rentan: true },
    pathway: 'PBI_APBD',
    reason: 'Desil {desil} dan kelompok rentan: daftarkan segera lewat Pemda (PBI APBD)',
  },
  {
    id: 'J10',
    when: { desilMax: 5 },
    pathway: 'PBI_APBN',
    reason: 'Desil {desil} (1–5) memenuhi syarat PBI: usulkan PBI JK lewat Dinsos',
  },
  {
    id: 'J11',
    when: { desilKnown: false, rentan: true },
    pathway: 'PBI_APBD',
    reason:
      'Kelompok rentan, belum ada di DTSEN: daftarkan lewat Pemda (PBI APBD) dan usulkan ke DTSEN',
  },
  {
    id: 'J12',
    when: { status: ['NONAKTIF'], alasan: ['TUNGGAKAN'], bulanMin: 4 },
    pathway: 'CICILAN_REHAB',
    reason:
      'Menunggak {bulan} bulan: program REHAB, cicilan sampai 12 kali (tunggakan dihitung paling banyak 24 bulan)',
  },
  {
    id: 'J13',
    when: { status: ['NONAKTIF'], alasan: ['TUNGGAKAN'] },
    pathway: 'BAYAR_TUNGGAKAN',
    reason: 'Menunggak {bulan} bulan (kurang dari 4): bayar langsung, kartu aktif setelah lunas',
  },
  {
    id: 'J14',
    when: { pekerjaUpah: true },
    pathway: 'PENDAFTARAN_PPU',
    reason: 'Pekerja penerima upah ({pemberi_kerja}): pemberi kerja wajib mendaftarkan',
  },
  {
    id: 'J15',
    when: { desilMin: 10 },
    pathway: 'PBPU_MANDIRI',
    kelasSaran: 1,
    reason: 'Desil {desil}: daftar mandiri satu KK, saran kelas 1 (Rp 150.000/orang/bulan)',
  },
  {
    id: 'J16',
    when: { desilMin: 8 },
    pathway: 'PBPU_MANDIRI',
    kelasSaran: 2,
    reason: 'Desil {desil}: daftar mandiri satu KK, saran kelas 2 (Rp 100.000/orang/bulan)',
  },
  {
    id: 'J17',
    when: {},
    pathway: 'PBPU_MANDIRI',
    kelasSaran: 3,
    reason: 'Daftar mandiri satu KK, saran kelas 3 (peserta membayar Rp 35.000/orang/bulan)',
  },
];

/** Occupations (as registers write them) of wage workers, matched case-insensitively as prefixes. */
export const WAGE_OCCUPATIONS: readonly string[] = [
  'KARYAWAN',
  'PEGAWAI NEGERI',
  'PNS',
  'TNI',
  'POLRI',
  'ANGGOTA TNI',
  'KEPOLISIAN',
  'PERANGKAT DESA',
  'KEPALA DESA',
  'BURUH PABRIK',
];

/** Age from which a resident counts as elderly (lansia). */
export const ELDERLY_AGE = 60;

export type PriorityFlag = 'HAMIL' | 'STUNTING' | 'PHK' | 'DESIL_1_5' | 'LANSIA' | 'DISABILITAS';

export interface PriorityRule {
  id: PriorityFlag;
  /** 1 is first; a target with no matching rule ranks REST_PRIORITY. */
  rank: number;
  label: string;
}

/** domain.md, Sisir: pregnant women, stunted children, laid-off workers, the poorest, elderly and disabled. */
export const PRIORITY_RULES: readonly PriorityRule[] = [
  { id: 'HAMIL', rank: 1, label: 'ibu hamil' },
  { id: 'STUNTING', rank: 2, label: 'anak stunting' },
  { id: 'PHK', rank: 3, label: 'korban PHK' },
  { id: 'DESIL_1_5', rank: 4, label: 'desil 1–5' },
  { id: 'LANSIA', rank: 5, label: `lansia (${ELDERLY_AGE}+)` },
  { id: 'DISABILITAS', rank: 5, label: 'penyandang disabilitas' },
];
export const REST_PRIORITY = 6;

/** *Rentan* (vulnerable), as the pathway rules ask it: every priority group but the decile's. */
export const VULNERABLE: readonly PriorityFlag[] = [
  'HAMIL',
  'STUNTING',
  'PHK',
  'LANSIA',
  'DISABILITAS',
];

export type ProposalSegmen = 'PBI_APBN' | 'PBI_APBD' | 'PPU' | 'PBPU' | 'BP';
export type Verifier = 'pemda' | 'bpjs';

export interface ProposalPathway {
  /** Segments the proposal may register in; the first is the default. */
  segmen: readonly ProposalSegmen[];
  /** Who verifies (DIAJUKAN → DIVERIFIKASI): the district office or the BPJS branch. */
  verifier: Verifier;
  /** The documents checklist. */
  documents: readonly string[];
  /** Self-paid registration covers the whole family card. */
  wholeHousehold: boolean;
  /** Carries a care class (1–3). */
  kelas: boolean;
}

/**
 * The pathways a registration proposal can take. Data fixes (PERBAIKAN_*)
 * are not proposals: they go to Dukcapil and BPJS through the discrepancy
 * list; once fixed, the person gets a registration pathway.
 */
export const PROPOSAL_PATHWAYS: Partial<Record<Pathway, ProposalPathway>> = {
  PBI_APBD: {
    segmen: ['PBI_APBD'],
    verifier: 'pemda',
    documents: ['KTP', 'KK', 'SURAT_KETERANGAN_TIDAK_MAMPU'],
    wholeHousehold: false,
    kelas: false,
  },
  PBI_APBN: {
    segmen: ['PBI_APBN'],
    verifier: 'pemda',
    documents: ['KTP', 'KK', 'USULAN_DTSEN'],
    wholeHousehold: false,
    kelas: false,
  },
  REAKTIVASI_DINSOS: {
    segmen: ['PBI_APBN', 'PBI_APBD'],
    verifier: 'pemda',
    documents: ['KTP', 'KK', 'KARTU_JKN', 'SURAT_KETERANGAN_FASKES'],
    wholeHousehold: false,
    kelas: false,
  },
  PENDAFTARAN_PPU: {
    segmen: ['PPU'],
    verifier: 'bpjs',
    documents: ['KTP', 'KK', 'SURAT_KETERANGAN_KERJA'],
    wholeHousehold: false,
    kelas: true,
  },
  PBPU_MANDIRI: {
    segmen: ['PBPU', 'BP'],
    verifier: 'bpjs',
    documents: ['KTP', 'KK', 'NOMOR_HP_ATAU_EMAIL', 'REKENING_AUTODEBET'],
    wholeHousehold: true,
    kelas: true,
  },
  CICILAN_REHAB: {
    segmen: ['PBPU', 'BP'],
    verifier: 'bpjs',
    documents: ['KARTU_JKN', 'PENDAFTARAN_REHAB'],
    wholeHousehold: true,
    kelas: true,
  },
  BAYAR_TUNGGAKAN: {
    segmen: ['PBPU', 'BP'],
    verifier: 'bpjs',
    documents: ['KARTU_JKN', 'BUKTI_BAYAR'],
    wholeHousehold: true,
    kelas: true,
  },
};

/** Premium per person per month of a district-paid (PBI APBD) registration, in rupiah, from a date. */
export const PBI_PREMIUMS: readonly { from: string; rupiah: number }[] = [
  { from: '2020-07-01', rupiah: 42_000 },
];

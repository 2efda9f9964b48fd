// Kysely's view of the tables (migrations/ is the truth; keep this in step).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface RegionsTable {
  code: string;
  level: 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';
  parent_code: string | null;
  name: string;
  name_search: string;
  desa_kind: 'desa' | 'kelurahan' | 'desa_adat' | null;
}

export interface RegionSourcesTable {
  source: string;
  version: string;
  licence: string;
  loaded_at: ColumnType<Date, Date | string | undefined, Date | string>;
  region_count: number;
}

export type ImportKind = 'population' | 'membership' | 'population_figures';
export type ImportStatus = 'committed' | 'replaced' | 'failed' | 'purged';

export interface ImportsTable {
  id: Generated<number>;
  kind: ImportKind;
  period: string;
  source: string;
  status: ImportStatus;
  failure: string | null;
  file_name: string;
  file_sha256: string | null;
  file_bytes: number | null;
  file_format: 'csv' | 'xlsx' | null;
  sheet: string | null;
  encoding: string | null;
  delimiter: string | null;
  columns: Json;
  options: Json;
  imported_by: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  duration_ms: number;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_flagged: number;
  rejects_file: string | null;
  replaces_import_id: number | null;
  purged_at: ColumnType<Date | null, never, Date | string>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, Date | string | undefined, never>;
}

// Row tables are written by COPY (src/imports) and read through SQL; only the
// columns other code reads by name are typed here.
export interface PersonRowColumns {
  import_id: number;
  row_no: number;
  period: string;
  kabupaten_code: string;
  desa_code: string;
  nik: string | null;
  nama: string;
  nama_raw: string;
  /** The name as compared (src/reconcile/name-key.ts). */
  nama_kunci: string | null;
  tanggal_lahir: string | null;
  jenis_kelamin: 'L' | 'P' | null;
  flags: string[];
  extra: unknown;
}

export interface ResidentsTable extends PersonRowColumns {
  source_id: string;
  no_kk: string | null;
  hidup: boolean;
  desil: number | null;
}

export interface MembersTable extends PersonRowColumns {
  noka: string;
  segmen: 'PBI_APBN' | 'PBI_APBD' | 'PPU' | 'PBPU' | 'BP';
  status: 'AKTIF' | 'NONAKTIF';
  alasan_nonaktif: string | null;
  bulan_tunggakan: number | null;
}

export interface PopulationFiguresTable {
  import_id: number;
  row_no: number;
  period: string;
  region_code: string;
  level: string;
  kabupaten_code: string | null;
  jumlah_penduduk: number;
}

export type Role = 'admin' | 'provinsi' | 'pemda' | 'bpjs' | 'operator_desa' | 'agen';

export interface UsersTable {
  id: Generated<number>;
  name: string;
  full_name: string | null;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  disabled_at: Timestamp | null;
  locked_until: Timestamp | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: string;
}

export interface GrantsTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  region_code: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  prefix: string;
  token_hash: string;
  role: Role;
  regions: string[];
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: string;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  at: Timestamp;
  account: string;
  ip: string;
  ok: boolean;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor: string;
  actor_kind: 'user' | 'token' | 'system';
  via: 'http' | 'cli';
  ip: string | null;
  action: string;
  subject: string;
  purpose: string | null;
  query: Json;
  scope: string[] | null;
  period: string | null;
  row_count: number | null;
  niks: ColumnType<string[], string[] | undefined, never>;
}

export type ResidentStatus = 'AKTIF' | 'NONAKTIF' | 'BELUM_TERDAFTAR' | 'PERLU_VERIFIKASI';
/** Why no resident is paired with a member (a paired member's outcome is its resident's). */
export type UnlinkedMemberStatus = 'TIDAK_ADA_DI_DATA_DESA' | 'DATA_DESA_BELUM_ADA';
export type DiscrepancyKind =
  | 'NIK_BERBEDA'
  | 'NAMA_BERBEDA'
  | 'TANGGAL_LAHIR_BERBEDA'
  | 'JENIS_KELAMIN_BERBEDA'
  | 'DESA_BERBEDA'
  | 'NIK_GANDA'
  | 'NIK_TIDAK_VALID';
export type IndicatorLevel = 'nasional' | 'provinsi' | 'kabupaten' | 'kecamatan' | 'desa';

export interface ReconcileRunsTable {
  id: Generated<number>;
  period: string;
  scope: string;
  run_by: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  duration_ms: number;
  settings: Json;
  summary: Json;
}

export interface ResidentOutcomesTable {
  period: string;
  run_id: number;
  kabupaten_code: string;
  desa_code: string;
  resident_import_id: number;
  resident_row_no: number;
  source_id: string;
  hidup: boolean;
  status: ResidentStatus;
  member_import_id: number | null;
  member_row_no: number | null;
  noka: string | null;
  method: string | null;
  score: ColumnType<string | null, number | string | null, number | string | null>;
  decision: 'match' | 'review' | null;
  nik_cmp: string | null;
  nama_cmp: string | null;
  lahir_cmp: string | null;
  jk_cmp: string | null;
  desa_cmp: string | null;
  alasan_nonaktif: string | null;
  bulan_tunggakan: number | null;
  segmen: string | null;
}

export interface UnlinkedMembersTable {
  period: string;
  run_id: number;
  kabupaten_code: string;
  desa_code: string;
  member_import_id: number;
  member_row_no: number;
  noka: string;
  status: UnlinkedMemberStatus;
}

export interface DiscrepanciesTable {
  period: string;
  run_id: number;
  kabupaten_code: string;
  desa_code: string;
  kind: DiscrepancyKind;
  resident_import_id: number | null;
  resident_row_no: number | null;
  member_import_id: number | null;
  member_row_no: number | null;
  register_value: string | null;
  extract_value: string | null;
}

export interface ReviewDecisionsTable {
  desa_code: string;
  source_id: string;
  noka: string;
  decision: 'accept' | 'reject';
  decided_by: string;
  decided_at: Timestamp;
  period: string;
  note: string | null;
}

export interface UhcThresholdsTable {
  level: 'kabupaten' | 'desa';
  valid_from: string;
  coverage_pct: ColumnType<string, number | string, number | string>;
  activity_pct: ColumnType<string, number | string, number | string>;
  note: string | null;
}

export interface IndicatorsTable {
  period: string;
  region_code: string;
  level: IndicatorLevel;
  parent_code: string | null;
  population: number | null;
  population_source: 'official' | 'children' | 'register' | 'none';
  residents: number;
  registered: number;
  active: number;
  inactive: number;
  inactive_tunggakan: number;
  inactive_pbi_nonaktif: number;
  inactive_ppu_berhenti: number;
  inactive_meninggal: number;
  inactive_pindah: number;
  inactive_lainnya: number;
  registered_pbi_apbn: number;
  registered_pbi_apbd: number;
  registered_ppu: number;
  registered_pbpu: number;
  registered_bp: number;
  active_pbi_apbn: number;
  active_pbi_apbd: number;
  active_ppu: number;
  active_pbpu: number;
  active_bp: number;
  verified_registered: number;
  verified_active: number;
  review_pending: number;
  members_not_in_register: number;
  villages_with_register: number;
  villages_with_extract: number;
  run_id: number | null;
}

// Fieldwork (migrations/007_fieldwork.sql): agents, targets, visits, proposals.
export type TargetStatus = 'BELUM_TERDAFTAR' | 'NONAKTIF' | 'PERLU_VERIFIKASI';
export type VisitOutcome =
  | 'BERSEDIA'
  | 'MENOLAK'
  | 'TIDAK_DITEMUI'
  | 'PINDAH'
  | 'MENINGGAL'
  | 'SUDAH_TERDAFTAR';
export type ProposalStatus =
  | 'DIAJUKAN'
  | 'DIVERIFIKASI'
  | 'TERDAFTAR'
  | 'DITOLAK'
  | 'TERKONFIRMASI_AKTIF';
export type Segmen = 'PBI_APBN' | 'PBI_APBD' | 'PPU' | 'PBPU' | 'BP';
type DateColumn = ColumnType<string, string, string>;

export interface UhcPrioritasTable {
  kabupaten_code: string;
  valid_from: DateColumn;
  valid_until: DateColumn | null;
  note: string | null;
}

export interface AgentsTable {
  id: Generated<number>;
  user_id: number;
  nama: string;
  telepon: string | null;
  desa_code: string;
  kabupaten_code: string;
  sk_nomor: string;
  sk_tanggal: DateColumn;
  aktif_mulai: DateColumn;
  aktif_sampai: DateColumn | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: string;
}

export interface AgentVillagesTable {
  agent_id: number;
  desa_code: string;
}

export interface TargetsTable {
  id: Generated<number>;
  kabupaten_code: string;
  desa_code: string;
  source_id: string;
  household: string;
  opened_period: string;
  last_period: string;
  closed_period: string | null;
  close_reason: 'AKTIF' | 'KELUAR' | null;
  status: TargetStatus;
  resident_import_id: number;
  resident_row_no: number;
  noka: string | null;
  segmen: string | null;
  kelas: number | null;
  alasan_nonaktif: string | null;
  bulan_tunggakan: number | null;
  pemberi_kerja: string | null;
  dusun: string | null;
  rw: string | null;
  rt: string | null;
  pathway: string;
  pathway_rule: string;
  pathway_reason: string;
  kelas_saran: number | null;
  priority: number;
  priority_reasons: string[];
}

export interface TargetHistoryTable {
  target_id: number;
  period: string;
  status: string;
  pathway: string | null;
  priority: number | null;
}

export interface VisitsTable {
  id: string;
  kabupaten_code: string;
  desa_code: string;
  household: string;
  target_id: number | null;
  agent_id: number | null;
  visited_on: DateColumn;
  outcome: VisitOutcome;
  refusal_reason: string | null;
  refusal_note: string | null;
  next_visit_on: DateColumn | null;
  note: string | null;
  recorded_by: string;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface OutreachEventsTable {
  id: string;
  kabupaten_code: string;
  desa_code: string;
  agent_id: number | null;
  held_on: DateColumn;
  place: string;
  audience: string;
  attendance: number;
  note: string | null;
  recorded_by: string;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ProposalsTable {
  id: string;
  kabupaten_code: string;
  desa_code: string;
  household: string;
  kind: 'ORANG' | 'KELUARGA';
  pathway: string;
  segmen: Segmen;
  kelas: number | null;
  documents: Json;
  status: ProposalStatus;
  base_period: string;
  agent_id: number | null;
  proposed_on: DateColumn;
  proposed_by: string;
  verified_by: string | null;
  verified_at: Timestamp | null;
  registered_on: DateColumn | null;
  expected_period: string | null;
  rejected_reason: string | null;
  confirmed_period: string | null;
  overdue_period: string | null;
  note: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProposalPeopleTable {
  proposal_id: string;
  target_id: number;
  desa_code: string;
  source_id: string;
  noka: string | null;
  confirmed_period: string | null;
}

export interface ProposalEventsTable {
  id: Generated<number>;
  proposal_id: string;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

// compliance tables (migrations/008_compliance.sql) go below this line.

export type ComplianceStep =
  | 'TEGURAN_1'
  | 'TEGURAN_2'
  | 'DENDA'
  | 'PENGHENTIAN_LAYANAN_PUBLIK'
  | 'SKK_KEJAKSAAN'
  | 'PEMERIKSAAN_BERSAMA';
export type ForumOffice =
  | 'SEKDA'
  | 'DINKES'
  | 'DINSOS'
  | 'DUKCAPIL'
  | 'DISNAKER'
  | 'DPMD'
  | 'BAPPEDA'
  | 'BPJS'
  | 'DESA'
  | 'KECAMATAN';
export type ActionStatus = 'TERBUKA' | 'PROSES' | 'SELESAI' | 'BATAL';

export interface EmployersTable {
  id: Generated<number>;
  kabupaten_code: string;
  nama: string;
  nama_kunci: string;
  alamat: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: string;
}

export interface ComplianceCasesTable {
  id: Generated<number>;
  employer_id: number;
  opened_on: DateColumn;
  opened_by: string;
  status: ColumnType<'OPEN' | 'CLOSED', 'OPEN' | 'CLOSED' | undefined, 'OPEN' | 'CLOSED'>;
  closed_on: DateColumn | null;
  closed_by: string | null;
  close_outcome: 'PATUH' | 'DITUTUP_LAINNYA' | null;
  note: string | null;
  close_note: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ComplianceStepsTable {
  id: Generated<number>;
  case_id: number;
  step: ComplianceStep;
  started_on: DateColumn;
  due_on: DateColumn | null;
  done_on: DateColumn | null;
  outcome: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
  done_by: string | null;
}

export interface ForumMeetingsTable {
  id: Generated<number>;
  held_on: DateColumn;
  level: 'desa' | 'kecamatan' | 'kabupaten' | 'provinsi';
  region_code: string;
  offices_present: ForumOffice[];
  notes: string | null;
  created_by: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ActionItemsTable {
  id: Generated<number>;
  meeting_id: number;
  description: string;
  responsible_office: ForumOffice;
  due_on: DateColumn;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  evidence: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: string;
}

export interface DB {
  users: UsersTable;
  grants: GrantsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  regions: RegionsTable;
  region_sources: RegionSourcesTable;
  imports: ImportsTable;
  residents: ResidentsTable;
  members: MembersTable;
  population_figures: PopulationFiguresTable;
  reconcile_runs: ReconcileRunsTable;
  resident_outcomes: ResidentOutcomesTable;
  unlinked_members: UnlinkedMembersTable;
  discrepancies: DiscrepanciesTable;
  review_decisions: ReviewDecisionsTable;
  uhc_prioritas: UhcPrioritasTable;
  agents: AgentsTable;
  agent_villages: AgentVillagesTable;
  targets: TargetsTable;
  target_history: TargetHistoryTable;
  visits: VisitsTable;
  outreach_events: OutreachEventsTable;
  proposals: ProposalsTable;
  proposal_people: ProposalPeopleTable;
  proposal_events: ProposalEventsTable;
  // compliance tables go here.
  employers: EmployersTable;
  compliance_cases: ComplianceCasesTable;
  compliance_steps: ComplianceStepsTable;
  forum_meetings: ForumMeetingsTable;
  action_items: ActionItemsTable;
  uhc_thresholds: UhcThresholdsTable;
  indicators: IndicatorsTable;
  schema_migrations: SchemaMigrationsTable;
}

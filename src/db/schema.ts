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
  uhc_thresholds: UhcThresholdsTable;
  indicators: IndicatorsTable;
  schema_migrations: SchemaMigrationsTable;
}

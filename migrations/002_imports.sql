-- The month's data in: every import attempt, and the rows of the imports that
-- were committed. An import is atomic: its rows exist only if its status is
-- 'committed'. Every table that holds residents or members carries its
-- district (kabupaten_code) so it can be partitioned and distributed later.
--
-- The row tables have no foreign keys: a per-row FK check costs more than the
-- rest of COPY together (measured: 3x slower on PGlite), the importer has
-- already checked every code against the region list, and row tables are
-- written only by the import service, inside the import's own transaction.
-- For the same reason identifiers are checked by length here, not by regular
-- expression: the importer has checked their digits, and a regular-expression
-- CHECK costs PostgreSQL as much per row as the rest of the row's insert.

CREATE TABLE imports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('population', 'membership', 'population_figures')),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  source text NOT NULL,
  -- committed: its rows are in; replaced: a later import of the same period
  -- and source took its place (rows removed); failed: nothing was written.
  status text NOT NULL CHECK (status IN ('committed', 'replaced', 'failed')),
  failure text,
  file_name text NOT NULL,
  file_sha256 text,
  file_bytes bigint,
  file_format text CHECK (file_format IN ('csv', 'xlsx')),
  sheet text,
  encoding text,
  delimiter text,
  -- header → field mapping used, options given (desa, map, skip bad rows).
  columns jsonb NOT NULL DEFAULT '{}',
  options jsonb NOT NULL DEFAULT '{}',
  imported_by text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  rows_read integer NOT NULL DEFAULT 0,
  rows_accepted integer NOT NULL DEFAULT 0,
  rows_rejected integer NOT NULL DEFAULT 0,
  rows_flagged integer NOT NULL DEFAULT 0,
  rejects_file text,
  replaces_import_id bigint REFERENCES imports (id)
);
CREATE UNIQUE INDEX imports_one_committed_idx ON imports (kind, period, source)
  WHERE status = 'committed';
CREATE INDEX imports_period_idx ON imports (period, kind);

-- Population register rows (data penduduk desa). *_raw: the value as received.
CREATE TABLE residents (
  import_id bigint NOT NULL,
  row_no integer NOT NULL,
  period text NOT NULL,
  kabupaten_code text NOT NULL,
  desa_code text NOT NULL,
  desa_code_raw text,
  source_id text NOT NULL,
  nik text CHECK (octet_length(nik) = 16),
  nik_raw text,
  no_kk text CHECK (octet_length(no_kk) = 16),
  no_kk_raw text,
  nama text NOT NULL,
  nama_raw text NOT NULL,
  tanggal_lahir date,
  tanggal_lahir_raw text,
  tempat_lahir text,
  jenis_kelamin text CHECK (jenis_kelamin IN ('L', 'P')),
  jenis_kelamin_raw text,
  alamat text,
  rt text,
  rw text,
  dusun text,
  pekerjaan text,
  pemberi_kerja text,
  desil smallint CHECK (desil BETWEEN 1 AND 10),
  desil_raw text,
  hamil boolean,
  stunting boolean,
  phk boolean,
  disabilitas boolean,
  -- OpenSID status_dasar: 1 living, 2 died, 3 moved, 4 missing.
  status_dasar smallint,
  -- Counts as living in the village (status_dasar absent or 1).
  hidup boolean NOT NULL,
  kk_level text,
  -- Self-reported insurance (OpenSID id_asuransi / no_asuransi): a hint only.
  id_asuransi smallint,
  no_asuransi text,
  -- Data-quality findings for the monthly sync (NIK_MALFORMED, …).
  flags text[] NOT NULL DEFAULT '{}',
  extra jsonb,
  PRIMARY KEY (import_id, row_no)
);

-- Membership extract rows (data peserta JKN).
CREATE TABLE members (
  import_id bigint NOT NULL,
  row_no integer NOT NULL,
  period text NOT NULL,
  kabupaten_code text NOT NULL,
  desa_code text NOT NULL,
  desa_code_raw text,
  noka text NOT NULL CHECK (octet_length(noka) = 13),
  noka_raw text,
  nik text CHECK (octet_length(nik) = 16),
  nik_raw text,
  nama text NOT NULL,
  nama_raw text NOT NULL,
  tanggal_lahir date,
  tanggal_lahir_raw text,
  jenis_kelamin text CHECK (jenis_kelamin IN ('L', 'P')),
  jenis_kelamin_raw text,
  segmen text NOT NULL CHECK (segmen IN ('PBI_APBN', 'PBI_APBD', 'PPU', 'PBPU', 'BP')),
  segmen_detail text CHECK (segmen_detail IN ('PN', 'BU')),
  segmen_raw text,
  kelas smallint CHECK (kelas BETWEEN 1 AND 3),
  kelas_raw text,
  status text NOT NULL CHECK (status IN ('AKTIF', 'NONAKTIF')),
  status_raw text,
  alasan_nonaktif text CHECK (
    alasan_nonaktif IN ('TUNGGAKAN', 'PBI_NONAKTIF', 'PPU_BERHENTI', 'MENINGGAL', 'PINDAH', 'LAINNYA')
  ),
  alasan_nonaktif_raw text,
  bulan_tunggakan smallint CHECK (bulan_tunggakan >= 0),
  bulan_tunggakan_raw text,
  badan_usaha text,
  alamat text,
  faskes text,
  flags text[] NOT NULL DEFAULT '{}',
  extra jsonb,
  PRIMARY KEY (import_id, row_no)
);

-- Official population (jumlah penduduk) per region, the coverage denominator.
CREATE TABLE population_figures (
  import_id bigint NOT NULL,
  row_no integer NOT NULL,
  period text NOT NULL,
  region_code text NOT NULL,
  region_code_raw text,
  level text NOT NULL CHECK (level IN ('provinsi', 'kabupaten', 'kecamatan', 'desa')),
  -- NULL for a province's own figure: it sits above every district.
  kabupaten_code text,
  jumlah_penduduk integer NOT NULL CHECK (jumlah_penduduk >= 0),
  jumlah_penduduk_raw text,
  extra jsonb,
  PRIMARY KEY (import_id, row_no)
);

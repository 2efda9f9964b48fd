-- Petakan: the monthly reconciliation of the village registers with the
-- insurer's extract, its review queue, and the indicators of every region.
--
-- Results are kept per period and replaced per run scope: a run for a
-- district replaces that district's rows of the period and nothing else, so
-- runs for different districts never disturb each other and a re-run is
-- always clean. Rows carry their district (kabupaten_code) for partitioning.

-- The name as compared (src/reconcile/name-key.ts): folded words, sorted.
-- Computed by the importer; NULL for rows imported before this migration,
-- which the reconciliation fills in first (a one-time, idempotent backfill).
ALTER TABLE residents ADD COLUMN nama_kunci text;
ALTER TABLE members ADD COLUMN nama_kunci text;

-- One committed run per row: a run exists only if its transaction committed.
CREATE TABLE reconcile_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  -- The region the run covered (canonical plain code); '' for everything.
  scope text NOT NULL,
  run_by text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  -- Thresholds and weights used, so every decision can be explained later.
  settings jsonb NOT NULL,
  -- Counts per outcome, and what was missing (registers, extract, figures).
  summary jsonb NOT NULL
);
CREATE INDEX reconcile_runs_period_idx ON reconcile_runs (period, scope);

-- Every resident of the period's registers with its outcome. The resident is
-- named by its register row (resident_import_id, resident_row_no); the
-- linked member, if any, by its extract row and its noka.
CREATE TABLE resident_outcomes (
  period text NOT NULL,
  run_id bigint NOT NULL,
  kabupaten_code text NOT NULL,
  desa_code text NOT NULL,
  resident_import_id bigint NOT NULL,
  resident_row_no integer NOT NULL,
  source_id text NOT NULL,
  hidup boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('AKTIF', 'NONAKTIF', 'BELUM_TERDAFTAR', 'PERLU_VERIFIKASI')),
  member_import_id bigint,
  member_row_no integer,
  noka text,
  -- How the pair was found and decided: nik, nik_mirip, nama_tanggal, peninjau.
  method text,
  score numeric(6, 2),
  decision text CHECK (decision IN ('match', 'review')),
  -- Field-by-field agreement of the pair (SAMA, MIRIP, BEDA, KOSONG, …).
  nik_cmp text,
  nama_cmp text,
  lahir_cmp text,
  jk_cmp text,
  desa_cmp text,
  -- From the linked member: why inactive, months in arrears, segment.
  alasan_nonaktif text,
  bulan_tunggakan smallint,
  segmen text,
  PRIMARY KEY (period, resident_import_id, resident_row_no)
);
CREATE INDEX resident_outcomes_desa_idx ON resident_outcomes (period, desa_code);

-- Every member of the period's extract and what became of it.
CREATE TABLE member_outcomes (
  period text NOT NULL,
  run_id bigint NOT NULL,
  kabupaten_code text NOT NULL,
  desa_code text NOT NULL,
  member_import_id bigint NOT NULL,
  member_row_no integer NOT NULL,
  noka text NOT NULL,
  -- TERHUBUNG: linked to a resident; PERLU_VERIFIKASI: a pair awaits review;
  -- TIDAK_ADA_DI_DATA_DESA: no resident of the village registers;
  -- DATA_DESA_BELUM_ADA: the member's village has no register this period.
  status text NOT NULL CHECK (
    status IN ('TERHUBUNG', 'PERLU_VERIFIKASI', 'TIDAK_ADA_DI_DATA_DESA', 'DATA_DESA_BELUM_ADA')
  ),
  resident_import_id bigint,
  resident_row_no integer,
  PRIMARY KEY (period, member_import_id, member_row_no)
);
CREATE INDEX member_outcomes_desa_idx ON member_outcomes (period, desa_code);

-- The list for the monthly sync with Dukcapil and BPJS.
CREATE TABLE discrepancies (
  period text NOT NULL,
  run_id bigint NOT NULL,
  kabupaten_code text NOT NULL,
  desa_code text NOT NULL,
  kind text NOT NULL CHECK (
    kind IN (
      'NIK_BERBEDA',
      'NAMA_BERBEDA',
      'TANGGAL_LAHIR_BERBEDA',
      'JENIS_KELAMIN_BERBEDA',
      'DESA_BERBEDA',
      'NIK_GANDA',
      'NIK_TIDAK_VALID'
    )
  ),
  resident_import_id bigint,
  resident_row_no integer,
  member_import_id bigint,
  member_row_no integer,
  -- The two values as received (register, extract) for the correction list.
  register_value text,
  extract_value text
);
CREATE INDEX discrepancies_period_idx ON discrepancies (period, kabupaten_code);

-- A reviewer's word on a pair, applied again every later month in which the
-- same register record (village + source id) meets the same noka.
CREATE TABLE review_decisions (
  desa_code text NOT NULL,
  source_id text NOT NULL,
  noka text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('accept', 'reject')),
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL,
  -- The period the reviewer was looking at.
  period text NOT NULL,
  note text,
  PRIMARY KEY (desa_code, source_id, noka)
);

-- UHC thresholds in force from a date (domain.md: "keep thresholds as dated
-- configuration"): per district ('kabupaten') and per village ('desa',
-- UHC-Desa; when a date has no village rule the district rule applies).
CREATE TABLE uhc_thresholds (
  level text NOT NULL CHECK (level IN ('kabupaten', 'desa')),
  valid_from date NOT NULL,
  coverage_pct numeric(5, 2) NOT NULL,
  activity_pct numeric(5, 2) NOT NULL,
  note text,
  PRIMARY KEY (level, valid_from)
);
INSERT INTO uhc_thresholds (level, valid_from, coverage_pct, activity_pct, note) VALUES
  ('kabupaten', '1900-01-01', 95, 75, 'sampai 2023'),
  ('kabupaten', '2024-01-01', 98, 75, '2024'),
  ('kabupaten', '2025-01-01', 98, 80, 'mulai 2025');

-- Raw counts per region and period (ratios are computed when read, from
-- these counts, never stored). level 'nasional' has region_code ''.
CREATE TABLE indicators (
  period text NOT NULL,
  region_code text NOT NULL,
  level text NOT NULL CHECK (level IN ('nasional', 'provinsi', 'kabupaten', 'kecamatan', 'desa')),
  parent_code text,
  -- Coverage denominator and where it came from: 'official' (the civil
  -- registry's figure for this region), 'children' (sum of its children's),
  -- 'register' (living residents of the registers: a flagged fallback),
  -- 'none'.
  population integer,
  population_source text NOT NULL CHECK (population_source IN ('official', 'children', 'register', 'none')),
  -- Living residents of the village registers.
  residents integer NOT NULL DEFAULT 0,
  registered integer NOT NULL DEFAULT 0,
  active integer NOT NULL DEFAULT 0,
  inactive integer NOT NULL DEFAULT 0,
  inactive_tunggakan integer NOT NULL DEFAULT 0,
  inactive_pbi_nonaktif integer NOT NULL DEFAULT 0,
  inactive_ppu_berhenti integer NOT NULL DEFAULT 0,
  inactive_meninggal integer NOT NULL DEFAULT 0,
  inactive_pindah integer NOT NULL DEFAULT 0,
  inactive_lainnya integer NOT NULL DEFAULT 0,
  registered_pbi_apbn integer NOT NULL DEFAULT 0,
  registered_pbi_apbd integer NOT NULL DEFAULT 0,
  registered_ppu integer NOT NULL DEFAULT 0,
  registered_pbpu integer NOT NULL DEFAULT 0,
  registered_bp integer NOT NULL DEFAULT 0,
  active_pbi_apbn integer NOT NULL DEFAULT 0,
  active_pbi_apbd integer NOT NULL DEFAULT 0,
  active_ppu integer NOT NULL DEFAULT 0,
  active_pbpu integer NOT NULL DEFAULT 0,
  active_bp integer NOT NULL DEFAULT 0,
  -- From the linkage: living residents matched to a member, and to an active one.
  verified_registered integer NOT NULL DEFAULT 0,
  verified_active integer NOT NULL DEFAULT 0,
  -- Residents awaiting review, and members with no resident.
  review_pending integer NOT NULL DEFAULT 0,
  members_not_in_register integer NOT NULL DEFAULT 0,
  -- Which sources the region had this period (villages below it with a
  -- register / with extract rows).
  villages_with_register integer NOT NULL DEFAULT 0,
  villages_with_extract integer NOT NULL DEFAULT 0,
  run_id bigint,
  PRIMARY KEY (period, region_code)
);
CREATE INDEX indicators_level_idx ON indicators (period, level, parent_code);

-- The birth date a NIK encodes (day + 40 for women, month, two-digit year),
-- for a NIK the importer found well-formed with a possible date (not flagged
-- NIK_INVALID_DATE); the century is the latest not after ref_year.
CREATE FUNCTION pesiar_nik_lahir(nik text, ref_year integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT make_date(
    CASE WHEN 2000 + substr(nik, 11, 2)::int <= ref_year
      THEN 2000 + substr(nik, 11, 2)::int ELSE 1900 + substr(nik, 11, 2)::int END,
    substr(nik, 9, 2)::int,
    substr(nik, 7, 2)::int % 40)
$$;

-- The sex a NIK encodes.
CREATE FUNCTION pesiar_nik_jk(nik text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN substr(nik, 7, 2)::int > 40 THEN 'P' ELSE 'L' END
$$;

-- How two different name keys (folded words, sorted; see name-key.ts)
-- relate: SEBAGIAN when one name's whole words are all in the other and its
-- initials match the other's words (a dropped or abbreviated part),
-- SEBAGIAN_UMUM when those shared words are all very common (common), MIRIP
-- for a spelling slip, else BEDA.
CREATE FUNCTION pesiar_name_part(a text, b text, common text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  fa text[];
  fb text[];
  ia text[];
  ib text[];
BEGIN
  -- Only names sharing a word can be one inside the other; most candidate
  -- pairs share none, and skip the regular expressions.
  IF string_to_array(a, ' ') && string_to_array(b, ' ') THEN
    fa := array_remove(string_to_array(regexp_replace(a, '\m\w\M', '', 'g'), ' '), '');
    fb := array_remove(string_to_array(regexp_replace(b, '\m\w\M', '', 'g'), ' '), '');
    ia := string_to_array(regexp_replace(a, '\m(\w)\w*', '\1', 'g'), ' ');
    ib := string_to_array(regexp_replace(b, '\m(\w)\w*', '\1', 'g'), ' ');
    IF cardinality(fa) > 0 AND fa <@ fb AND ia <@ ib THEN
      RETURN CASE WHEN fa <@ common THEN 'SEBAGIAN_UMUM' ELSE 'SEBAGIAN' END;
    END IF;
    IF cardinality(fb) > 0 AND fb <@ fa AND ib <@ ia THEN
      RETURN CASE WHEN fb <@ common THEN 'SEBAGIAN_UMUM' ELSE 'SEBAGIAN' END;
    END IF;
  END IF;
  IF least(length(a), length(b)) >= 6 AND levenshtein(a, b) <= 2 THEN
    RETURN 'MIRIP';
  END IF;
  IF similarity(a, b) >= 0.6 THEN
    RETURN 'MIRIP';
  END IF;
  RETURN 'BEDA';
END
$$;

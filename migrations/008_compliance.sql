-- Employer compliance and forum follow-ups (docs/compliance.md).
--
-- Employers whose workers the reconciliation found unregistered or stopped
-- (the open targets naming them) get a row only when a case is opened; each
-- case follows the sanctions ladder step by step. Forum meetings record who
-- came, and their action items who must do what by when.

-- An employer (badan usaha) of a district, known by its name key
-- (src/compliance/employer-key.ts): upper case, punctuation and legal forms
-- (PT, CV, Tbk, UD, …) stripped, so "PT. Maju Jaya" and "MAJU JAYA, CV" meet.
CREATE TABLE employers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kabupaten_code text NOT NULL REFERENCES regions (code),
  nama text NOT NULL CHECK (btrim(nama) <> ''),
  nama_kunci text NOT NULL CHECK (nama_kunci <> ''),
  alamat text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  UNIQUE (kabupaten_code, nama_kunci),
  CHECK (kabupaten_code ~ '^[0-9]{4}$')
);

-- A case against one employer; at most one open at a time. PATUH: the
-- employer complied (its workers registered); DITUTUP_LAINNYA: closed for
-- another reason (closed down, moved, wrong employer), said in the note.
CREATE TABLE compliance_cases (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employer_id bigint NOT NULL REFERENCES employers (id),
  opened_on date NOT NULL,
  opened_by text NOT NULL,
  status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
  closed_on date,
  closed_by text,
  close_outcome text CHECK (close_outcome IN ('PATUH', 'DITUTUP_LAINNYA')),
  -- Why it was opened (note) and how it ended (close_note: required when not PATUH).
  note text,
  close_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'CLOSED') = (closed_on IS NOT NULL)),
  CHECK ((status = 'CLOSED') = (close_outcome IS NOT NULL)),
  CHECK ((status = 'CLOSED') = (closed_by IS NOT NULL)),
  CHECK (closed_on IS NULL OR closed_on >= opened_on),
  CHECK (close_outcome IS DISTINCT FROM 'DITUTUP_LAINNYA' OR close_note IS NOT NULL)
);
CREATE UNIQUE INDEX compliance_cases_open_idx ON compliance_cases (employer_id)
  WHERE status = 'OPEN';

-- The steps of a case. The ladder TEGURAN_1 → TEGURAN_2 → DENDA →
-- PENGHENTIAN_LAYANAN_PUBLIK goes one rung at a time (the service checks the
-- previous rung is done); SKK_KEJAKSAAN (handed to the prosecutor under a
-- special power of attorney) and PEMERIKSAAN_BERSAMA (joint inspection with
-- Disnaker) may come any time after the first warning. Each step once per
-- case. A warning is due ten working days after it started; other steps on
-- the date the user gives, if any.
CREATE TABLE compliance_steps (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES compliance_cases (id) ON DELETE CASCADE,
  step text NOT NULL CHECK (
    step IN (
      'TEGURAN_1',
      'TEGURAN_2',
      'DENDA',
      'PENGHENTIAN_LAYANAN_PUBLIK',
      'SKK_KEJAKSAAN',
      'PEMERIKSAAN_BERSAMA'
    )
  ),
  started_on date NOT NULL,
  due_on date,
  done_on date,
  outcome text,
  note text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  done_by text,
  UNIQUE (case_id, step),
  CHECK (due_on IS NULL OR due_on >= started_on),
  CHECK (done_on IS NULL OR done_on >= started_on),
  CHECK ((done_on IS NULL) = (outcome IS NULL)),
  CHECK ((done_on IS NULL) = (done_by IS NULL))
);
CREATE INDEX compliance_steps_pending_idx ON compliance_steps (due_on) WHERE done_on IS NULL;

-- A forum meeting (village, kecamatan, district or province level) and the
-- offices that came.
CREATE TABLE forum_meetings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  held_on date NOT NULL,
  level text NOT NULL CHECK (level IN ('desa', 'kecamatan', 'kabupaten', 'provinsi')),
  region_code text NOT NULL REFERENCES regions (code),
  offices_present text[] NOT NULL CHECK (
    offices_present <@ ARRAY[
      'SEKDA', 'DINKES', 'DINSOS', 'DUKCAPIL', 'DISNAKER', 'DPMD', 'BAPPEDA', 'BPJS', 'DESA',
      'KECAMATAN'
    ]::text[]
  ),
  notes text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    octet_length(region_code) = CASE level
      WHEN 'provinsi' THEN 2 WHEN 'kabupaten' THEN 4 WHEN 'kecamatan' THEN 6 ELSE 10 END
  )
);
CREATE INDEX forum_meetings_region_idx ON forum_meetings (region_code, held_on);

-- What a meeting decided: one office responsible, a due date, a status, and
-- the evidence that it was done (a letter number, a link, a photo's name).
CREATE TABLE action_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES forum_meetings (id) ON DELETE CASCADE,
  description text NOT NULL CHECK (btrim(description) <> ''),
  responsible_office text NOT NULL CHECK (
    responsible_office IN (
      'SEKDA', 'DINKES', 'DINSOS', 'DUKCAPIL', 'DISNAKER', 'DPMD', 'BAPPEDA', 'BPJS', 'DESA',
      'KECAMATAN'
    )
  ),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'TERBUKA' CHECK (status IN ('TERBUKA', 'PROSES', 'SELESAI', 'BATAL')),
  evidence text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text NOT NULL,
  -- Done means shown to be done.
  CHECK (status <> 'SELESAI' OR evidence IS NOT NULL)
);
CREATE INDEX action_items_meeting_idx ON action_items (meeting_id);
CREATE INDEX action_items_open_idx ON action_items (due_on) WHERE status IN ('TERBUKA', 'PROSES');

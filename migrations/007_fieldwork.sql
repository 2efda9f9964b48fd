-- Sisir, Advokasi, Registrasi: the agents, the targets each reconciliation
-- makes of the residents who are not covered, the visits and outreach events
-- logged from the field, and the registration proposals with their closed
-- loop (a proposal counts when a later extract shows the person active).
--
-- A person is followed across months by their register record: village +
-- the source system's id (as review_decisions does), because a register's
-- row numbers change from one month's import to the next.

-- Districts whose new district-paid (PBI APBD) registrations are active on
-- the day of registration (domain.md, "UHC Prioritas"): a flag with its dates.
CREATE TABLE uhc_prioritas (
  kabupaten_code text NOT NULL REFERENCES regions (code),
  valid_from date NOT NULL,
  valid_until date,
  note text,
  PRIMARY KEY (kabupaten_code, valid_from),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);

-- Agen Pesiar: appointed by a village government by decree (SK), each a user
-- with the agen role on every village it serves.
CREATE TABLE agents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL UNIQUE REFERENCES users (id),
  nama text NOT NULL,
  telepon text,
  -- The village whose government appointed the agent.
  desa_code text NOT NULL REFERENCES regions (code),
  kabupaten_code text NOT NULL,
  sk_nomor text NOT NULL,
  sk_tanggal date NOT NULL,
  aktif_mulai date NOT NULL,
  aktif_sampai date,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  CHECK (aktif_sampai IS NULL OR aktif_sampai >= aktif_mulai)
);

CREATE TABLE agent_villages (
  agent_id bigint NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  desa_code text NOT NULL REFERENCES regions (code),
  PRIMARY KEY (agent_id, desa_code)
);
CREATE INDEX agent_villages_desa_idx ON agent_villages (desa_code);

-- At most eight agents serve a village (domain.md: one to eight per village),
-- counting those whose term has not ended (on Jakarta's calendar, as the
-- service counts terms). The lock serialises concurrent appointments to the
-- same village.
CREATE FUNCTION agent_villages_at_most_eight() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  serving integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('agent_villages:' || NEW.desa_code));
  SELECT count(*) INTO serving
    FROM agent_villages av JOIN agents a ON a.id = av.agent_id
   WHERE av.desa_code = NEW.desa_code
     AND av.agent_id <> NEW.agent_id
     AND (a.aktif_sampai IS NULL OR a.aktif_sampai >= (now() AT TIME ZONE 'Asia/Jakarta')::date);
  IF serving >= 8 THEN
    RAISE EXCEPTION 'desa % sudah punya 8 agen aktif', NEW.desa_code
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER agent_villages_limit BEFORE INSERT ON agent_villages
  FOR EACH ROW EXECUTE FUNCTION agent_villages_at_most_eight();

-- Sisir: one row per person who needs work, opened by the reconciliation that
-- first found them BELUM_TERDAFTAR, NONAKTIF or PERLU_VERIFIKASI, updated by
-- every later one, and closed (never deleted) when they are active or have
-- left the register. A person who falls out of coverage again gets a new row.
CREATE TABLE targets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kabupaten_code text NOT NULL,
  desa_code text NOT NULL,
  source_id text NOT NULL,
  -- The household: the family card (No. KK), or 'id:' || source_id for a
  -- resident without one (a household of one until the KK is known).
  household text NOT NULL,
  opened_period text NOT NULL,
  -- The latest period whose reconciliation wrote the target: opened it or
  -- changed its facts (a month that changes nothing for a person writes
  -- nothing for them).
  last_period text NOT NULL,
  closed_period text,
  -- AKTIF: the extract shows the person active; KELUAR: no longer a living
  -- resident of the village register.
  close_reason text CHECK (close_reason IN ('AKTIF', 'KELUAR')),
  -- The person's latest status and the facts the rules used.
  status text NOT NULL CHECK (status IN ('BELUM_TERDAFTAR', 'NONAKTIF', 'PERLU_VERIFIKASI')),
  resident_import_id bigint NOT NULL,
  resident_row_no integer NOT NULL,
  noka text,
  segmen text,
  kelas smallint,
  alasan_nonaktif text,
  bulan_tunggakan smallint,
  -- The employer, from the register (pemberi_kerja) or the extract (badan_usaha).
  pemberi_kerja text,
  dusun text,
  rw text,
  rt text,
  -- The recommended pathway: the rule that chose it (src/fieldwork/pathways.ts)
  -- and the reason shown to the agent.
  pathway text NOT NULL,
  pathway_rule text NOT NULL,
  pathway_reason text NOT NULL,
  kelas_saran smallint,
  -- 1 (first) to 6; the reasons are every priority rule that applied.
  priority smallint NOT NULL,
  priority_reasons text[] NOT NULL,
  CHECK ((closed_period IS NULL) = (close_reason IS NULL))
);
-- One index besides the key: a month's run writes every target of the scope,
-- and each index costs that write (the worklist reads a village's open
-- targets through this one too).
CREATE UNIQUE INDEX targets_open_idx ON targets (desa_code, source_id) WHERE closed_period IS NULL;

-- A target's story: its status, pathway and priority in the month it was
-- opened and in each month that changed one of them (AKTIF or KELUAR, with
-- no pathway, in the month that closed it). Written only by the run, for
-- targets it has just written, so without a foreign key: a per-row key check
-- doubled the cost of writing a district's history.
CREATE TABLE target_history (
  target_id bigint NOT NULL,
  period text NOT NULL,
  status text NOT NULL,
  pathway text,
  priority smallint,
  PRIMARY KEY (target_id, period)
);

-- Advokasi: visits to a household (target_id NULL) or one person. The id is
-- made by the client, so a phone that sends the same visit twice (a lost
-- answer on a weak signal) creates it once.
CREATE TABLE visits (
  id uuid PRIMARY KEY,
  kabupaten_code text NOT NULL,
  desa_code text NOT NULL,
  household text NOT NULL,
  target_id bigint REFERENCES targets (id),
  agent_id bigint REFERENCES agents (id),
  visited_on date NOT NULL,
  outcome text NOT NULL CHECK (
    outcome IN ('BERSEDIA', 'MENOLAK', 'TIDAK_DITEMUI', 'PINDAH', 'MENINGGAL', 'SUDAH_TERDAFTAR')
  ),
  refusal_reason text CHECK (
    refusal_reason IN (
      'TIDAK_MAMPU_BAYAR',
      'MERASA_SEHAT',
      'PUNYA_ASURANSI_LAIN',
      'KECEWA_LAYANAN',
      'FASKES_JAUH',
      'PROSEDUR_RUMIT',
      'MENUNGGU_KELUARGA',
      'LAINNYA'
    )
  ),
  refusal_note text,
  next_visit_on date,
  note text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome = 'MENOLAK') = (refusal_reason IS NOT NULL)),
  CHECK (next_visit_on IS NULL OR next_visit_on >= visited_on)
);
CREATE INDEX visits_desa_idx ON visits (desa_code, visited_on);
CREATE INDEX visits_agent_idx ON visits (agent_id, visited_on);

-- Sosialisasi: village meetings and other outreach.
CREATE TABLE outreach_events (
  id uuid PRIMARY KEY,
  kabupaten_code text NOT NULL,
  desa_code text NOT NULL,
  agent_id bigint REFERENCES agents (id),
  held_on date NOT NULL,
  place text NOT NULL,
  audience text NOT NULL,
  attendance integer NOT NULL CHECK (attendance >= 0),
  note text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outreach_events_desa_idx ON outreach_events (desa_code, held_on);

-- Registrasi: a proposal for one person or a household (self-paid
-- registration covers the whole family card). Client-generated id, as visits.
-- DIAJUKAN → DIVERIFIKASI → TERDAFTAR (noka per person) → TERKONFIRMASI_AKTIF
-- (set only by a reconciliation), or DITOLAK (with a reason).
CREATE TABLE proposals (
  id uuid PRIMARY KEY,
  kabupaten_code text NOT NULL,
  desa_code text NOT NULL,
  household text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ORANG', 'KELUARGA')),
  pathway text NOT NULL,
  segmen text NOT NULL CHECK (segmen IN ('PBI_APBN', 'PBI_APBD', 'PPU', 'PBPU', 'BP')),
  kelas smallint CHECK (kelas BETWEEN 1 AND 3),
  -- The checklist of the pathway's documents: { "KTP": true, "KK": false, … }.
  documents jsonb NOT NULL,
  status text NOT NULL CHECK (
    status IN ('DIAJUKAN', 'DIVERIFIKASI', 'TERDAFTAR', 'DITOLAK', 'TERKONFIRMASI_AKTIF')
  ),
  -- The period of the data the proposal was made from: only a later
  -- reconciliation can confirm it.
  base_period text NOT NULL,
  agent_id bigint REFERENCES agents (id),
  proposed_on date NOT NULL,
  proposed_by text NOT NULL,
  verified_by text,
  verified_at timestamptz,
  registered_on date,
  -- The first period whose extract should show the people active: the month
  -- of registration, a month later unless a UHC Prioritas district pays.
  expected_period text,
  rejected_reason text,
  confirmed_period text,
  -- A reconciliation of expected_period or later did not find them active.
  overdue_period text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'DITOLAK') = (rejected_reason IS NOT NULL))
);
CREATE INDEX proposals_desa_idx ON proposals (desa_code, status);
CREATE INDEX proposals_open_idx ON proposals (kabupaten_code)
  WHERE status IN ('DIAJUKAN', 'DIVERIFIKASI', 'TERDAFTAR');

-- The people of a proposal, each with its target, noka once registered, and
-- the period a reconciliation first saw them active.
CREATE TABLE proposal_people (
  proposal_id uuid NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  target_id bigint NOT NULL REFERENCES targets (id),
  desa_code text NOT NULL,
  source_id text NOT NULL,
  noka text CHECK (octet_length(noka) = 13),
  confirmed_period text,
  PRIMARY KEY (proposal_id, target_id)
);
CREATE INDEX proposal_people_person_idx ON proposal_people (desa_code, source_id);

-- Every transition of a proposal: who, when, from, to, and why.
CREATE TABLE proposal_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  proposal_id uuid NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  note text
);
CREATE INDEX proposal_events_proposal_idx ON proposal_events (proposal_id, id);

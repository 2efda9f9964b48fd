-- Who may do what, where: users, their (role, region) grants, login sessions,
-- API tokens, login attempts for throttling, and the append-only audit log of
-- every read, export and change of personal data.

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
  full_name text,
  -- argon2id (PHC string); NULL: no password login.
  password_hash text,
  password_changed_at timestamptz,
  disabled_at timestamptz,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL
);

-- A grant on a region covers everything below it. admin is system-wide
-- (no region); every other role is held on a region.
CREATE TABLE grants (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'provinsi', 'pemda', 'bpjs', 'operator_desa', 'agen')),
  region_code text REFERENCES regions (code),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  CHECK ((role = 'admin') = (region_code IS NULL))
);
CREATE UNIQUE INDEX grants_unique_idx ON grants (user_id, role, coalesce(region_code, ''));

-- Server-side sessions. The cookie holds a random id; only its SHA-256 is kept.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Machine clients. The token is shown once; only its SHA-256 is kept. Its
-- grants are a subset of its user's, and lapse with them.
CREATE TABLE api_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('admin', 'provinsi', 'pemda', 'bpjs', 'operator_desa', 'agen')),
  regions text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz
);

CREATE TABLE login_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  account text NOT NULL,
  ip text NOT NULL,
  ok boolean NOT NULL
);
CREATE INDEX login_attempts_account_idx ON login_attempts (account, at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);

-- Who did what to which personal data, when, from where and why. A list
-- records the NIKs it showed; an export or count records its query (scope,
-- period, filters), so a data-subject report can tell whether a person fell
-- inside it. Append-only: no UPDATE, DELETE or TRUNCATE.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'token', 'system')),
  via text NOT NULL CHECK (via IN ('http', 'cli')),
  ip text,
  action text NOT NULL,
  subject text NOT NULL,
  purpose text,
  query jsonb NOT NULL DEFAULT '{}',
  -- Region codes the query covered; NULL: the whole country.
  scope text[],
  period text,
  row_count integer,
  niks text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at);
CREATE INDEX audit_log_niks_idx ON audit_log USING gin (niks);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- 1502********0001: the first four digits (province and district) and the
-- last four; the rest hidden. For NIK (16) and noka (13).
CREATE FUNCTION pesiar_mask(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN value IS NULL OR length(value) <= 8 THEN value
    ELSE left(value, 4) || repeat('*', length(value) - 8) || right(value, 4) END
$$;

-- Retention: an import whose rows were purged keeps its history line.
ALTER TABLE imports DROP CONSTRAINT imports_status_check;
ALTER TABLE imports ADD CONSTRAINT imports_status_check
  CHECK (status IN ('committed', 'replaced', 'failed', 'purged'));
ALTER TABLE imports ADD COLUMN purged_at timestamptz;

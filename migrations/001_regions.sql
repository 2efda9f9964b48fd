-- Kemendagri regions: province (2 digits), kabupaten/kota (4), kecamatan (6),
-- desa/kelurahan (10). Codes are stored plain (digits only); they are shown
-- dotted. Loaded from idn-area-data on first start (src/regions).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE regions (
  code text COLLATE "C" PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{4})?)?)?$'),
  level text NOT NULL CHECK (level IN ('provinsi', 'kabupaten', 'kecamatan', 'desa')),
  parent_code text COLLATE "C" REFERENCES regions (code),
  name text NOT NULL,
  -- lower(unaccent(name)): unaccent() is not immutable, so it cannot sit in an
  -- index expression; the loader fills this column instead.
  name_search text NOT NULL,
  -- desa, kelurahan or desa adat, from the village's unit code.
  desa_kind text CHECK (desa_kind IN ('desa', 'kelurahan', 'desa_adat')),
  CHECK ((level = 'provinsi') = (parent_code IS NULL)),
  CHECK ((level = 'desa') = (desa_kind IS NOT NULL))
);
CREATE INDEX regions_parent_idx ON regions (parent_code);
CREATE INDEX regions_name_search_trgm_idx ON regions USING gin (name_search gin_trgm_ops);

-- Which reference data set the regions table holds (one row).
CREATE TABLE region_sources (
  source text PRIMARY KEY,
  version text NOT NULL,
  licence text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  region_count integer NOT NULL
);

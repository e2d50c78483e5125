/**
 * The PostgreSQL results store's schema: the SQLite schema's tables and columns (so the two
 * stores hold the same thing), plus what sharing a store between machines needs — run_files rows
 * `queued` until a worker stores their content, the queue job that will, and uploaded file bytes.
 * Versioned like the SQLite schema: migration N (1-based) takes version N - 1 to N, each in one
 * transaction under an advisory lock, so workers starting together upgrade it once.
 */
export const PG_SCHEMA_VERSION = 3;

export const PG_MIGRATIONS: string[] = [
  // 1: the first version (SQLite schema 4, with the distributed columns).
  `
CREATE TABLE runs (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  started_at    text NOT NULL,
  finished_at   text,
  status        text NOT NULL DEFAULT 'running',   -- running | finished | interrupted
  pid           integer,
  host          text,
  tool_version  text NOT NULL,
  extractor_version text,
  rules_version text,
  fingerprint   text NOT NULL,
  settings      text NOT NULL,
  paths         text NOT NULL,
  concurrency   integer,
  files_total   integer,
  processed     integer NOT NULL DEFAULT 0,
  reused        integer NOT NULL DEFAULT 0,
  failed        integer NOT NULL DEFAULT 0,
  uploaded      boolean NOT NULL DEFAULT false     -- file bytes are in the blobs table
);

CREATE TABLE extractions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256        text NOT NULL,
  extractor_version text NOT NULL,
  ocr           text NOT NULL,
  run_id        bigint NOT NULL REFERENCES runs(id),
  status        text NOT NULL,
  format        text,
  error_code    text,
  error_message text,
  document      bytea,
  json_bytes    integer,
  extracted_at  text NOT NULL,
  elapsed_ms    double precision,
  UNIQUE (sha256, extractor_version, ocr)
);

CREATE TABLE documents (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256        text NOT NULL,
  fingerprint   text NOT NULL,
  tool_version  text NOT NULL,
  extraction_id bigint REFERENCES extractions(id),
  extractor_version text,
  rules_version text,
  run_id        bigint NOT NULL REFERENCES runs(id),
  path          text NOT NULL,
  size          bigint,
  status        text NOT NULL,
  format        text,
  encoding      text,
  page_count    integer,
  department    text,
  year          integer,
  filing_date   text,
  self_score    text,
  title         text,
  province      text,
  city          text,
  county        text,
  region_code   text,
  meta          text NOT NULL,
  notices       text NOT NULL,
  timings       text,
  processed_at  text NOT NULL,
  elapsed_ms    double precision,
  host          text,                              -- the worker's machine
  UNIQUE (sha256, fingerprint)
);
CREATE INDEX documents_extraction ON documents(extraction_id);

CREATE TABLE pages (
  document_id   bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number        integer NOT NULL,
  source        text NOT NULL,
  needs_ocr     integer NOT NULL,
  width         double precision,
  height        double precision,
  line_count    integer NOT NULL,
  table_count   integer NOT NULL,
  char_count    integer NOT NULL,
  notices       text NOT NULL,
  PRIMARY KEY (document_id, number)
);

CREATE TABLE facts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id   bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq           integer NOT NULL,
  concept       text NOT NULL,
  funds         text NOT NULL,
  period        text NOT NULL,
  basis         text NOT NULL,
  value         text NOT NULL,
  unit          text NOT NULL,
  printed_unit  text,
  raw           text NOT NULL,
  label         text NOT NULL,
  subject       text NOT NULL DEFAULT '',
  table_id      text,
  table_title   text,
  measure       text,
  code          text,
  page          integer NOT NULL,
  line          integer NOT NULL,
  "column"      integer NOT NULL,
  locator       text,
  confidence    double precision,
  disputed_by   text,
  UNIQUE (document_id, seq)
);

CREATE TABLE findings (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id   bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq           integer NOT NULL,
  rule_id       text NOT NULL,
  severity      text NOT NULL,
  message       text NOT NULL,
  message_id    text NOT NULL,
  data          text NOT NULL,
  page          integer NOT NULL,
  line          integer NOT NULL,
  "column"      integer NOT NULL,
  locator       text,
  actual        text,
  expected      text,
  evidence      text NOT NULL,
  UNIQUE (document_id, seq)
);

CREATE TABLE errors (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id   bigint REFERENCES documents(id) ON DELETE CASCADE,
  run_id        bigint NOT NULL REFERENCES runs(id),
  path          text NOT NULL,
  sha256        text,
  code          text,
  message       text NOT NULL,
  page          integer
);
CREATE INDEX errors_document ON errors(document_id);
CREATE INDEX errors_run ON errors(run_id);

CREATE TABLE files (
  path          text PRIMARY KEY,
  sha256        text NOT NULL,
  size          bigint,
  mtime_ms      double precision,
  document_id   bigint REFERENCES documents(id) ON DELETE SET NULL,
  first_run_id  bigint NOT NULL,
  last_run_id   bigint NOT NULL
);
CREATE INDEX files_document ON files(document_id);

-- outcome: queued (waiting for a worker), new, reused, error.
CREATE TABLE run_files (
  run_id        bigint NOT NULL REFERENCES runs(id),
  path          text NOT NULL,
  sha256        text,
  size          bigint,
  mtime_ms      double precision,
  document_id   bigint REFERENCES documents(id) ON DELETE SET NULL,
  previous_document_id bigint,
  outcome       text NOT NULL,
  job_id        uuid,                              -- the queue job that stores this content
  resolved_at   timestamptz,                       -- when it stopped being queued
  PRIMARY KEY (run_id, path)
);
CREATE INDEX run_files_document ON run_files(document_id);
CREATE INDEX run_files_queued ON run_files(sha256) WHERE outcome = 'queued';

-- File bytes for workers without the enqueuing machine's filesystem (run --upload).
CREATE TABLE blobs (
  sha256        text PRIMARY KEY,
  bytes         bytea NOT NULL,
  stored_at     timestamptz NOT NULL DEFAULT now()
);
`,
  // 2: SQLite schema 5 — findings carry their fingerprint, documents their coverage ledger, and the
  // auditor's decisions keyed by fingerprint (pipeline/decisions).
  `
ALTER TABLE findings ADD COLUMN fingerprint text;
CREATE INDEX findings_fingerprint ON findings(fingerprint);
ALTER TABLE documents ADD COLUMN coverage text;
CREATE TABLE decisions (
  fingerprint   text PRIMARY KEY,
  state         text NOT NULL CHECK (state IN ('confirmed', 'dismissed', 'baseline')),
  reason        text,
  decided_by    text,
  decided_at    text NOT NULL,
  rule_id       text,
  path          text,
  message       text
);
`,
  // 3: SQLite schema 6 — facts carry their binding key.
  `
ALTER TABLE facts ADD COLUMN fact_key text;
`,
];

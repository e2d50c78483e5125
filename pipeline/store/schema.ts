/**
 * The SQLite schema of the results store (`budgetlint run --db …`).
 *
 * Two layers. An extraction is one file content (sha256) read by one extractor version in one
 * OCR mode: its Document (compressed), or why there is none. A document is one content analyzed
 * under one fingerprint (both layers' versions + rule ids + rule settings + OCR mode) from one
 * extraction: its facts and findings. A new severity makes new documents from the stored
 * extractions without reading a file. Paths are kept apart (`files`), so a renamed or copied file
 * with known content is reused, and a changed file gets a new extraction and document.
 * Everything a document yields (its extraction if new, pages, facts, findings, errors) is written
 * in the same transaction as its `documents` row: after `kill -9`, a document is wholly there or absent.
 */
import type Database from 'better-sqlite3';
import type { FileResult, Meta } from '../../model/result.js';
import { fingerprintFindings } from '../decisions/fingerprint.js';
import { disputingRules } from '../output.js';

export const SCHEMA_VERSION = 6;

/** SQL to run, or a step that needs code (a backfill). */
export type Migration = string | ((db: Database.Database) => void);

const EXTRACTIONS_SQL = `
CREATE TABLE extractions (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL,
  extractor_version TEXT NOT NULL,       -- hash of the extractors' code (pipeline/version.ts)
  ocr           TEXT NOT NULL,           -- tesseract | paddle | off
  run_id        INTEGER NOT NULL REFERENCES runs(id),
  status        TEXT NOT NULL,           -- ok | failed (content no extractor reads: corrupt, empty…)
  format        TEXT,
  error_code    TEXT,
  error_message TEXT,
  document      BLOB,                    -- the Document as JSON, Brotli-compressed (status ok)
  json_bytes    INTEGER,                 -- size of that JSON before compression
  extracted_at  TEXT NOT NULL,
  elapsed_ms    REAL,
  UNIQUE (sha256, extractor_version, ocr)
);
`;

/** Fills facts.disputed_by for documents stored before schema 4, from their findings. */
function backfillDisputes(db: Database.Database): void {
  const documents = db.prepare<[], { id: number }>('SELECT DISTINCT document_id AS id FROM findings').all();
  const facts = db.prepare<[number], { id: number; page: number; line: number; column: number; locator: string | null }>('SELECT id, page, line, "column", locator FROM facts WHERE document_id = ?');
  const findings = db.prepare<[number], { rule_id: string; severity: string; evidence: string }>('SELECT rule_id, severity, evidence FROM findings WHERE document_id = ? ORDER BY seq');
  const update = db.prepare('UPDATE facts SET disputed_by = ? WHERE id = ?');
  for (const { id } of documents) {
    const stated = findings.all(id).map((finding) => ({ ruleId: finding.rule_id, severity: finding.severity, evidence: JSON.parse(finding.evidence) as { page: number; line: number; column: number; locator?: string }[] }));
    for (const fact of facts.all(id)) {
      const rules = disputingRules({ page: fact.page, line: fact.line, column: fact.column, ...(fact.locator ? { locator: fact.locator } : {}) }, stated);
      if (rules.length > 0) update.run(rules.join(','), fact.id);
    }
  }
}

const DECISIONS_SQL = `
-- The auditor's decisions (pipeline/decisions), keyed by finding fingerprint: they outlive
-- documents, runs and rule versions. rule_id, path and message say what the finding was when decided.
CREATE TABLE decisions (
  fingerprint   TEXT PRIMARY KEY,
  state         TEXT NOT NULL CHECK (state IN ('confirmed', 'dismissed', 'baseline')),
  reason        TEXT,
  decided_by    TEXT,
  decided_at    TEXT NOT NULL,
  rule_id       TEXT,
  path          TEXT,
  message       TEXT
);
`;

/** Fills findings.fingerprint for documents stored before schema 5, from their facts and findings. */
function backfillFingerprints(db: Database.Database): void {
  const documents = db.prepare<[], { id: number; sha256: string; path: string; meta: string }>('SELECT id, sha256, path, meta FROM documents WHERE id IN (SELECT document_id FROM findings)').all();
  const facts = db.prepare<[number], { page: number; line: number; column: number; locator: string | null; subject: string }>('SELECT page, line, "column", locator, subject FROM facts WHERE document_id = ? ORDER BY seq');
  const findings = db.prepare<[number], { id: number; rule_id: string; message_id: string; data: string; evidence: string }>('SELECT id, rule_id, message_id, data, evidence FROM findings WHERE document_id = ? ORDER BY seq');
  const update = db.prepare('UPDATE findings SET fingerprint = ? WHERE id = ?');
  for (const document of documents) {
    const rows = findings.all(document.id);
    const fingerprints = fingerprintFindings({
      path: document.path,
      sha256: document.sha256,
      meta: JSON.parse(document.meta) as Meta,
      facts: facts.all(document.id).map((fact) => ({ ...fact, ...(fact.locator ? { locator: fact.locator } : { locator: undefined }), subject: fact.subject.split('/').filter(Boolean) })) as unknown as FileResult['facts'],
      findings: rows.map((row) => ({ ruleId: row.rule_id, messageId: row.message_id, data: JSON.parse(row.data), evidence: JSON.parse(row.evidence) })) as unknown as FileResult['findings'],
    });
    rows.forEach((row, index) => update.run(fingerprints[index], row.id));
  }
}

/** Upgrades from each older version, in order: version N → N + 1 is MIGRATIONS[N - 1]. */
export const MIGRATIONS: Migration[][] = [
  // 2: facts carry their subject (`一般公共服务支出/人大事务/行政运行`; empty for the department).
  [`ALTER TABLE facts ADD COLUMN subject TEXT NOT NULL DEFAULT '';`],
  // 3: facts from table cells carry their table, column path and 科目编码.
  [`ALTER TABLE facts ADD COLUMN table_id TEXT; ALTER TABLE facts ADD COLUMN table_title TEXT; ALTER TABLE facts ADD COLUMN measure TEXT; ALTER TABLE facts ADD COLUMN code TEXT;`],
  // 4: the extraction layer apart from the findings; facts carry OCR confidence and the rules that dispute them.
  // Documents of schema 3 keep their results (exported as before) but have no extraction: their
  // fingerprint (from the package version) matches no new one, so the next run reads them again.
  [
    EXTRACTIONS_SQL,
    `ALTER TABLE documents ADD COLUMN extraction_id INTEGER REFERENCES extractions(id);
     ALTER TABLE documents ADD COLUMN extractor_version TEXT;
     ALTER TABLE documents ADD COLUMN rules_version TEXT;
     CREATE INDEX documents_extraction ON documents(extraction_id);
     ALTER TABLE runs ADD COLUMN extractor_version TEXT;
     ALTER TABLE runs ADD COLUMN rules_version TEXT;
     ALTER TABLE facts ADD COLUMN confidence REAL;
     ALTER TABLE facts ADD COLUMN disputed_by TEXT;`,
    backfillDisputes,
  ],
  // 5: findings carry their fingerprint; the auditor's decisions; documents carry their coverage ledger
  // (documents of schema 4 have none until their next analysis).
  [
    `ALTER TABLE findings ADD COLUMN fingerprint TEXT; CREATE INDEX findings_fingerprint ON findings(fingerprint);
     ALTER TABLE documents ADD COLUMN coverage TEXT;`,
    DECISIONS_SQL,
    backfillFingerprints,
  ],
  // 6: facts carry their binding key (normalizers/fact-key): text facts and table cells of one quantity share it.
  [`ALTER TABLE facts ADD COLUMN fact_key TEXT;`],
];

export const SCHEMA_SQL = `
${EXTRACTIONS_SQL}
CREATE TABLE runs (
  id            INTEGER PRIMARY KEY,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  -- running | finished | interrupted (the process died before it could finish)
  status        TEXT NOT NULL DEFAULT 'running',
  pid           INTEGER,
  host          TEXT,
  tool_version  TEXT NOT NULL,
  extractor_version TEXT,
  rules_version TEXT,
  fingerprint   TEXT NOT NULL,
  settings      TEXT NOT NULL,           -- JSON: rule settings and OCR mode
  paths         TEXT NOT NULL,           -- JSON: the paths given on the command line
  concurrency   INTEGER,
  files_total   INTEGER,
  processed     INTEGER NOT NULL DEFAULT 0,
  reused        INTEGER NOT NULL DEFAULT 0,
  failed        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  tool_version  TEXT NOT NULL,
  extraction_id INTEGER REFERENCES extractions(id), -- what it was analyzed from (null: stored before schema 4)
  extractor_version TEXT,
  rules_version TEXT,
  run_id        INTEGER NOT NULL REFERENCES runs(id),
  path          TEXT NOT NULL,           -- the path it was processed from
  size          INTEGER,
  status        TEXT NOT NULL,           -- ok | failed
  format        TEXT,
  encoding      TEXT,
  page_count    INTEGER,
  department    TEXT,
  year          INTEGER,
  filing_date   TEXT,
  self_score    TEXT,
  title         TEXT,
  province      TEXT,
  city          TEXT,
  county        TEXT,
  region_code   TEXT,
  meta          TEXT NOT NULL,           -- JSON: the whole Meta
  notices       TEXT NOT NULL,           -- JSON array
  timings       TEXT,                    -- JSON: ms by stage
  coverage      TEXT,                    -- JSON: the coverage ledger (model/coverage.ts); null before schema 5
  processed_at  TEXT NOT NULL,
  elapsed_ms    REAL,
  UNIQUE (sha256, fingerprint)
);
CREATE INDEX documents_extraction ON documents(extraction_id);

CREATE TABLE pages (
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,
  source        TEXT NOT NULL,           -- text | text-layer | ocr
  needs_ocr     INTEGER NOT NULL,        -- 0 | 1
  width         REAL,
  height        REAL,
  line_count    INTEGER NOT NULL,
  table_count   INTEGER NOT NULL,
  char_count    INTEGER NOT NULL,
  notices       TEXT NOT NULL,           -- JSON array
  PRIMARY KEY (document_id, number)
);

CREATE TABLE facts (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,        -- order within the document's result
  concept       TEXT NOT NULL,
  funds         TEXT NOT NULL,
  period        TEXT NOT NULL,
  basis         TEXT NOT NULL,
  value         TEXT NOT NULL,           -- exact decimal, base unit (元 for money)
  unit          TEXT NOT NULL,           -- unit of value (元, %, 分…)
  printed_unit  TEXT,                    -- unit as printed or inherited (万元)
  raw           TEXT NOT NULL,
  label         TEXT NOT NULL,
  subject       TEXT NOT NULL DEFAULT '', -- what the figure is about, broadest first, joined by /
  table_id      TEXT,                    -- a table cell's table: its disclosure id (expense, sangong…)
  table_title   TEXT,                    -- …and title
  measure       TEXT,                    -- a table cell's column path, broadest first, joined by /
  code          TEXT,                    -- a table row's 科目编码
  fact_key      TEXT,                    -- binding key subject|measure|funds|basis|period: a text fact and its table cell share it
  page          INTEGER NOT NULL,
  line          INTEGER NOT NULL,
  "column"      INTEGER NOT NULL,
  locator       TEXT,
  confidence    REAL,                    -- OCR confidence 0..100 of the figure (OCR pages only)
  disputed_by   TEXT,                    -- rule ids of the error/warning findings whose evidence names this figure, comma-separated
  UNIQUE (document_id, seq)
);

CREATE TABLE findings (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq           INTEGER NOT NULL,
  rule_id       TEXT NOT NULL,
  severity      TEXT NOT NULL,
  message       TEXT NOT NULL,
  message_id    TEXT NOT NULL,
  data          TEXT NOT NULL,           -- JSON object
  page          INTEGER NOT NULL,
  line          INTEGER NOT NULL,
  "column"      INTEGER NOT NULL,
  locator       TEXT,
  actual        TEXT,
  expected      TEXT,
  evidence      TEXT NOT NULL,           -- JSON array
  fingerprint   TEXT,                    -- stable across re-runs (pipeline/decisions/fingerprint.ts); what decisions are keyed by
  UNIQUE (document_id, seq)
);
CREATE INDEX findings_fingerprint ON findings(fingerprint);
${DECISIONS_SQL}
-- Errors of a document (document_id set), and failures that have no document: a file that
-- could not be read, a path that does not exist, a time limit or memory guard hit. The latter
-- are not cached: the file is tried again by the next run.
CREATE TABLE errors (
  id            INTEGER PRIMARY KEY,
  document_id   INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  run_id        INTEGER NOT NULL REFERENCES runs(id),
  path          TEXT NOT NULL,
  sha256        TEXT,
  code          TEXT,
  message       TEXT NOT NULL,
  page          INTEGER
);
CREATE INDEX errors_document ON errors(document_id);
CREATE INDEX errors_run ON errors(run_id);

-- What each path held when last seen.
CREATE TABLE files (
  path          TEXT PRIMARY KEY,
  sha256        TEXT NOT NULL,
  size          INTEGER,
  mtime_ms      REAL,
  document_id   INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  first_run_id  INTEGER NOT NULL,
  last_run_id   INTEGER NOT NULL
);
CREATE INDEX files_document ON files(document_id);

-- Each run's outcome per path: new (processed by this run), reused, failed.
CREATE TABLE run_files (
  run_id        INTEGER NOT NULL REFERENCES runs(id),
  path          TEXT NOT NULL,
  sha256        TEXT,
  document_id   INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  previous_document_id INTEGER,          -- what the path held before (for "new findings")
  outcome       TEXT NOT NULL,
  PRIMARY KEY (run_id, path)
);
CREATE INDEX run_files_document ON run_files(document_id);
`;

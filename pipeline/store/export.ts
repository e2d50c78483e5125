/**
 * Tidy tables out of the results store, for `budgetlint export`: facts (one row per fact),
 * findings (one row per finding), documents (one row per path).
 *
 * Which: for each path, its latest outcome — the content it held when last seen, processed under
 * the latest fingerprint it was run with, or the failure that run recorded (`--run` narrows that
 * to the paths one run saw). In `documents` every path is a row, copies and failures included
 * (timed out, missing, unreadable); in `facts` and `findings` a content found at several paths is
 * one document, shown with the path seen most recently.
 */
import { placeOf } from '../output.js';
import { PUBLISHER_COLUMNS, documentHeadlines, fillPublishers, seenDocuments, withPublisher, type SeenDocument } from './dataset.js';
import { HEADLINE_COLUMNS } from './headlines.js';
import type { DatabaseHandle } from './store.js';

export type ExportTable = 'facts' | 'findings' | 'documents' | 'coverage';

export interface ExportOptions {
  /** Only the documents this run saw. */
  runId?: number;
}

export interface ExportData {
  columns: string[];
  rows: IterableIterator<Record<string, unknown>>;
}

/**
 * Concepts (from normalizers/concepts.ts) the documents table shows as columns: the department's
 * own figure (no subject), all funds before the 财政拨款 part, and among those the first that no
 * error or warning disputes; when every one is disputed, the first, with `<name>_disputed_by`.
 */
export const DOCUMENT_FIGURES = {
  income: { concept: 'income.total', period: 'current' },
  expense: { concept: 'expense.total', period: 'current' },
  carry_over: { concept: 'carryover.end', period: 'end' },
} as const;

const DOCUMENT_COLUMNS = ['document_id', 'path', 'department', 'province', 'city', 'county', 'region_code', 'year', ...PUBLISHER_COLUMNS];

export const COLUMNS: Record<ExportTable, string[]> = {
  facts: [...DOCUMENT_COLUMNS, 'concept', 'funds', 'period', 'basis', 'value', 'value_unit', 'printed_unit', 'raw', 'label', 'subject', 'table_id', 'table_title', 'measure', 'code', 'fact_key',
    'place', 'page', 'line', 'column', 'locator', 'confidence', 'disputed_by'],
  findings: [...DOCUMENT_COLUMNS, 'rule_id', 'severity', 'message', 'message_id', 'place', 'page', 'line', 'column', 'locator', 'actual', 'expected', 'data', 'evidence', 'fingerprint', 'decision', 'decision_reason', 'decided_by', 'decided_at'],
  // One row per document and family of checks (the coverage ledger), for aggregating what was checked.
  coverage: [...DOCUMENT_COLUMNS, 'kind', 'read', 'unread_pages', 'family', 'family_name', 'state', 'checks', 'findings', 'reason'],
  documents: [
    ...DOCUMENT_COLUMNS, 'publisher_note', 'copy_of', 'title', 'filing_date', 'sha256', 'format', 'pages', 'status', 'error_code', 'error',
    'income', 'income_disputed_by', 'expense', 'expense_disputed_by', 'carry_over', 'carry_over_disputed_by',
    ...HEADLINE_COLUMNS, 'self_score', 'facts', 'findings_error', 'findings_warning', 'findings_info',
    'processed_at', 'tool_version', 'extractor_version', 'rules_version',
  ],
};

/**
 * Each path's outcome: a CTE named `outcomes(run_id, path, sha256, document_id, outcome)`, the
 * latest per path, or one run's.
 */
function outcomes(options: ExportOptions): { sql: string; params: unknown[] } {
  if (options.runId !== undefined) {
    return { sql: `outcomes AS (SELECT run_id, path, sha256, document_id, outcome FROM run_files WHERE run_id = ?)`, params: [options.runId] };
  }
  return {
    sql: `ranked_outcomes AS (
        SELECT run_id, path, sha256, document_id, outcome, row_number() OVER (PARTITION BY path ORDER BY run_id DESC) AS n FROM run_files),
      outcomes AS (SELECT run_id, path, sha256, document_id, outcome FROM ranked_outcomes WHERE n = 1)`,
    params: [],
  };
}

/** The documents to export, each with the path to show: a CTE named `chosen(document_id, path)`. */
export function chosenDocuments(options: ExportOptions): { sql: string; params: unknown[] } {
  const from = outcomes(options);
  return {
    sql: `${from.sql},
      ranked AS (
        SELECT document_id, path, row_number() OVER (PARTITION BY document_id ORDER BY run_id DESC, path) AS n
        FROM outcomes WHERE document_id IS NOT NULL),
      chosen AS (SELECT document_id, path FROM ranked WHERE n = 1)`,
    params: from.params,
  };
}

/** A failure with no document, by its code, as the documents table's status. */
const FAILURE_STATUS = `CASE e.code WHEN 'timeout' THEN 'timeout' WHEN 'not-found' THEN 'missing' ELSE 'failed' END`;

const DOCUMENT_SELECT = `d.id AS document_id, c.path AS path, d.department, d.province, d.city, d.county, d.region_code, d.year`;

function figure(name: keyof typeof DOCUMENT_FIGURES): string {
  const { concept, period } = DOCUMENT_FIGURES[name];
  const pick = (column: string) => `(SELECT ${column} FROM facts x WHERE x.document_id = d.id AND x.concept = '${concept}' AND x.period = '${period}' AND x.basis = 'actual'
    ORDER BY x.subject = '' DESC, x.funds = 'all' DESC, x.disputed_by IS NOT NULL, x.seq LIMIT 1)`;
  return `${pick('value')} AS ${name}, ${pick('disputed_by')} AS ${name}_disputed_by`;
}

/**
 * Where a fact or finding is, honest for each format: `place` is `page:line` where the source has
 * pages or lines (PDF, scans, text), the locator where it has neither (Word `第 12 段`, `表 2 第 3 行`;
 * workbook rows) — and there page and line, which would be invented, are empty.
 */
function located(row: Record<string, unknown>): Record<string, unknown> {
  const locator = typeof row.locator === 'string' ? row.locator : undefined;
  const place = placeOf({ page: Number(row.page), line: Number(row.line), ...(locator ? { locator } : {}) });
  return locator ? { ...row, place, page: null, line: null } : { ...row, place };
}

export function exportData(db: DatabaseHandle, table: ExportTable, options: ExportOptions = {}): ExportData {
  const chosen = chosenDocuments(options);
  let sql: string;
  let parse: ((row: Record<string, unknown>) => Record<string, unknown>) | undefined;
  // Every table's rows carry the document's publisher columns (dataset.ts).
  switch (table) {
    case 'facts':
      sql = `WITH ${chosen.sql}
        SELECT ${DOCUMENT_SELECT}, f.concept, f.funds, f.period, f.basis, f.value, f.unit AS value_unit, f.printed_unit, f.raw, f.label, f.subject,
          f.table_id, f.table_title, f.measure, f.code, f.fact_key, f.page, f.line, f."column" AS "column", f.locator, f.confidence, f.disputed_by
        FROM chosen c JOIN documents d ON d.id = c.document_id JOIN facts f ON f.document_id = d.id
        ORDER BY c.path, d.id, f.seq`;
      parse = located;
      break;
    case 'findings':
      sql = `WITH ${chosen.sql}
        SELECT ${DOCUMENT_SELECT}, f.rule_id, f.severity, f.message, f.message_id, f.page, f.line, f."column" AS "column", f.locator,
          f.actual, f.expected, f.data, f.evidence, f.fingerprint, x.state AS decision, x.reason AS decision_reason, x.decided_by, x.decided_at
        FROM chosen c JOIN documents d ON d.id = c.document_id JOIN findings f ON f.document_id = d.id LEFT JOIN decisions x ON x.fingerprint = f.fingerprint
        ORDER BY c.path, d.id, f.seq`;
      parse = (row) => located({ ...row, data: JSON.parse(String(row.data)), evidence: JSON.parse(String(row.evidence)) });
      break;
    case 'coverage':
      // Documents stored before schema 5 have no ledger: they give no rows until analyzed again.
      sql = `WITH ${chosen.sql}
        SELECT ${DOCUMENT_SELECT}, json_extract(d.coverage, '$.kind') AS kind, json_extract(d.coverage, '$.read') AS read,
          (SELECT group_concat(p.value, ' ') FROM json_each(d.coverage, '$.unreadPages') p) AS unread_pages,
          json_extract(fam.value, '$.id') AS family, json_extract(fam.value, '$.name') AS family_name, json_extract(fam.value, '$.state') AS state,
          json_extract(fam.value, '$.checks') AS checks, json_extract(fam.value, '$.findings') AS findings, json_extract(fam.value, '$.reason') AS reason
        FROM chosen c JOIN documents d ON d.id = c.document_id JOIN json_each(d.coverage, '$.families') fam
        WHERE d.coverage IS NOT NULL
        ORDER BY c.path, d.id, fam.key`;
      break;
    case 'documents': {
      // Every path: those with a document (copies too: `copy_of` names the first path with the same
      // document), and those whose run recorded only a failure (time limit, missing, unreadable).
      const from = outcomes(options);
      sql = `WITH ${from.sql}
        SELECT d.id AS document_id, o.path AS path, d.department, d.province, d.city, d.county, d.region_code, d.year,
          (SELECT min(p.path) FROM outcomes p WHERE p.document_id = o.document_id AND p.path < o.path) AS copy_of,
          d.title, d.filing_date, coalesce(d.sha256, o.sha256) AS sha256, d.format, d.page_count AS pages,
          coalesce(d.status, ${FAILURE_STATUS}) AS status,
          coalesce((SELECT code FROM errors x WHERE x.document_id = d.id AND x.page IS NULL ORDER BY x.id LIMIT 1), e.code) AS error_code,
          coalesce((SELECT message FROM errors x WHERE x.document_id = d.id AND x.page IS NULL ORDER BY x.id LIMIT 1), e.message) AS error,
          ${figure('income')}, ${figure('expense')}, ${figure('carry_over')}, d.self_score,
          CASE WHEN d.id IS NULL THEN NULL ELSE (SELECT count(*) FROM facts x WHERE x.document_id = d.id) END AS facts,
          CASE WHEN d.id IS NULL THEN NULL ELSE (SELECT count(*) FROM findings x WHERE x.document_id = d.id AND x.severity = 'error') END AS findings_error,
          CASE WHEN d.id IS NULL THEN NULL ELSE (SELECT count(*) FROM findings x WHERE x.document_id = d.id AND x.severity = 'warning') END AS findings_warning,
          CASE WHEN d.id IS NULL THEN NULL ELSE (SELECT count(*) FROM findings x WHERE x.document_id = d.id AND x.severity = 'info') END AS findings_info,
          d.processed_at, d.tool_version, d.extractor_version, d.rules_version, d.meta
        FROM outcomes o LEFT JOIN documents d ON d.id = o.document_id
          LEFT JOIN errors e ON o.document_id IS NULL AND e.id = (SELECT max(y.id) FROM errors y WHERE y.document_id IS NULL AND y.run_id = o.run_id AND y.path = o.path)
        ORDER BY o.path`;
      // Publisher and region are filled across the documents seen together, so all rows are read first.
      const all = db.prepare(sql).all(...from.params) as Record<string, unknown>[];
      const filled = fillPublishers(all.filter((row) => row.document_id !== null) as unknown as SeenDocument[]);
      const rows = all.map((row) => {
        const { meta: _meta, ...rest } = row;
        const columns = row.document_id === null ? undefined : filled.get(Number(row.document_id));
        return columns ? { ...rest, ...columns, ...documentHeadlines(db, Number(row.document_id), columns.kind) } : rest;
      });
      return { columns: COLUMNS[table], rows: rows[Symbol.iterator]() };
    }
  }
  const filled = fillPublishers(seenDocuments(db, chosen));
  const rows = db.prepare(sql).iterate(...chosen.params) as IterableIterator<Record<string, unknown>>;
  return { columns: COLUMNS[table], rows: mapIterator(rows, (row) => withPublisher(parse ? parse(row) : row, filled)) };
}

function* mapIterator<T, U>(source: IterableIterator<T>, map: (value: T) => U): IterableIterator<U> {
  for (const value of source) yield map(value);
}

/** Whether the store has a run with this number. */
export function runExists(db: DatabaseHandle, runId: number): boolean {
  return db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId) !== undefined;
}

/** The last run's id, or undefined for an empty store. */
export function lastRunId(db: DatabaseHandle): number | undefined {
  const row = db.prepare<[], { id: number }>('SELECT max(id) AS id FROM runs').get();
  return row?.id ?? undefined;
}

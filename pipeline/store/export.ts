/**
 * Tidy tables out of the results store, for `budgetlint export`: facts (one row per fact),
 * findings (one row per finding), documents (one row per document).
 *
 * Which documents: for each path, the content it held when last seen, processed under the
 * latest fingerprint it was run with (`--run` narrows that to the files one run saw). A content
 * found at several paths is one document, shown with the path seen most recently.
 */
import type { DatabaseHandle } from './store.js';

export type ExportTable = 'facts' | 'findings' | 'documents';

export interface ExportOptions {
  /** Only the documents this run saw. */
  runId?: number;
}

export interface ExportData {
  columns: string[];
  rows: IterableIterator<Record<string, unknown>>;
}

/** Concepts (from normalizers/concepts.ts) the documents table shows as columns. */
export const DOCUMENT_FIGURES = {
  income: { concept: 'income.total', period: 'current' },
  expense: { concept: 'expense.total', period: 'current' },
  carry_over: { concept: 'carryover.end', period: 'end' },
} as const;

const DOCUMENT_COLUMNS = ['document_id', 'path', 'department', 'province', 'city', 'county', 'region_code', 'year'];

export const COLUMNS: Record<ExportTable, string[]> = {
  facts: [...DOCUMENT_COLUMNS, 'concept', 'funds', 'period', 'basis', 'value', 'value_unit', 'printed_unit', 'raw', 'label', 'subject', 'table_id', 'table_title', 'measure', 'code', 'page', 'line', 'column', 'locator'],
  findings: [...DOCUMENT_COLUMNS, 'rule_id', 'severity', 'message', 'message_id', 'page', 'line', 'column', 'locator', 'actual', 'expected', 'data', 'evidence'],
  documents: [
    ...DOCUMENT_COLUMNS, 'title', 'filing_date', 'sha256', 'format', 'pages', 'status', 'error',
    'income', 'expense', 'carry_over', 'self_score', 'facts', 'findings_error', 'findings_warning', 'findings_info',
    'processed_at', 'tool_version',
  ],
};

/** The documents to export, each with the path to show: a CTE named `chosen(document_id, path)`. */
export function chosenDocuments(options: ExportOptions): { sql: string; params: unknown[] } {
  if (options.runId !== undefined) {
    return {
      sql: `chosen AS (
        SELECT document_id, min(path) AS path FROM run_files WHERE run_id = ? AND document_id IS NOT NULL GROUP BY document_id)`,
      params: [options.runId],
    };
  }
  return {
    sql: `ranked AS (
        SELECT document_id, path, row_number() OVER (PARTITION BY document_id ORDER BY last_run_id DESC, path) AS n
        FROM files WHERE document_id IS NOT NULL),
      chosen AS (SELECT document_id, path FROM ranked WHERE n = 1)`,
    params: [],
  };
}

const DOCUMENT_SELECT = `d.id AS document_id, c.path AS path, d.department, d.province, d.city, d.county, d.region_code, d.year`;

function figure(name: keyof typeof DOCUMENT_FIGURES): string {
  const { concept, period } = DOCUMENT_FIGURES[name];
  return `(SELECT value FROM facts x WHERE x.document_id = d.id AND x.concept = '${concept}' AND x.period = '${period}' AND x.basis = 'actual'
    ORDER BY x.funds = 'all' DESC, x.seq LIMIT 1) AS ${name}`;
}

export function exportData(db: DatabaseHandle, table: ExportTable, options: ExportOptions = {}): ExportData {
  const chosen = chosenDocuments(options);
  let sql: string;
  let parse: ((row: Record<string, unknown>) => Record<string, unknown>) | undefined;
  switch (table) {
    case 'facts':
      sql = `WITH ${chosen.sql}
        SELECT ${DOCUMENT_SELECT}, f.concept, f.funds, f.period, f.basis, f.value, f.unit AS value_unit, f.printed_unit, f.raw, f.label, f.subject,
          f.table_id, f.table_title, f.measure, f.code, f.page, f.line, f."column" AS "column", f.locator
        FROM chosen c JOIN documents d ON d.id = c.document_id JOIN facts f ON f.document_id = d.id
        ORDER BY c.path, d.id, f.seq`;
      break;
    case 'findings':
      sql = `WITH ${chosen.sql}
        SELECT ${DOCUMENT_SELECT}, f.rule_id, f.severity, f.message, f.message_id, f.page, f.line, f."column" AS "column", f.locator,
          f.actual, f.expected, f.data, f.evidence
        FROM chosen c JOIN documents d ON d.id = c.document_id JOIN findings f ON f.document_id = d.id
        ORDER BY c.path, d.id, f.seq`;
      parse = (row) => ({ ...row, data: JSON.parse(String(row.data)), evidence: JSON.parse(String(row.evidence)) });
      break;
    case 'documents':
      sql = `WITH ${chosen.sql}
        SELECT ${DOCUMENT_SELECT}, d.title, d.filing_date, d.sha256, d.format, d.page_count AS pages, d.status,
          (SELECT message FROM errors e WHERE e.document_id = d.id AND e.page IS NULL ORDER BY e.id LIMIT 1) AS error,
          ${figure('income')}, ${figure('expense')}, ${figure('carry_over')}, d.self_score,
          (SELECT count(*) FROM facts x WHERE x.document_id = d.id) AS facts,
          (SELECT count(*) FROM findings x WHERE x.document_id = d.id AND x.severity = 'error') AS findings_error,
          (SELECT count(*) FROM findings x WHERE x.document_id = d.id AND x.severity = 'warning') AS findings_warning,
          (SELECT count(*) FROM findings x WHERE x.document_id = d.id AND x.severity = 'info') AS findings_info,
          d.processed_at, d.tool_version
        FROM chosen c JOIN documents d ON d.id = c.document_id
        ORDER BY c.path, d.id`;
      break;
  }
  const rows = db.prepare(sql).iterate(...chosen.params) as IterableIterator<Record<string, unknown>>;
  return { columns: COLUMNS[table], rows: parse ? mapIterator(rows, parse) : rows };
}

function* mapIterator<T, U>(source: IterableIterator<T>, map: (value: T) => U): IterableIterator<U> {
  for (const value of source) yield map(value);
}

/** The last run's id, or undefined for an empty store. */
export function lastRunId(db: DatabaseHandle): number | undefined {
  const row = db.prepare<[], { id: number }>('SELECT max(id) AS id FROM runs').get();
  return row?.id ?? undefined;
}

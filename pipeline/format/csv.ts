/**
 * One row per finding and per file that could not be read (severity `file-error`), with the
 * location as `页:行:列` and its parts; UTF-8 with BOM and CRLF as `export` writes, so Excel opens it,
 * with no cell a spreadsheet would take for a formula (csv-cell.ts).
 */
import { stringify } from 'csv-stringify/sync';
import type { Report } from '../../model/result.js';
import { csvOptions } from './csv-cell.js';
import { fileErrors, locationText } from './location.js';

const COLUMNS = ['path', 'location', 'page', 'line', 'column', 'severity', 'rule_id', 'message', 'actual', 'expected', 'fingerprint', 'decision', 'decision_reason', 'decided_by', 'decided_at'];

export function formatCsv(report: Report): string {
  const rows: unknown[][] = [];
  for (const file of report.files) {
    for (const error of fileErrors(file)) rows.push([file.path, '', '', '', '', 'file-error', error.code ?? '', error.message, '', '', '', '', '', '', '']);
    for (const f of file.findings) rows.push([file.path, locationText(f), f.page, f.line, f.column, f.severity, f.ruleId, f.message, f.actual ?? '', f.expected ?? '',
      f.fingerprint ?? '', f.decision?.state ?? '', f.decision?.reason ?? '', f.decision?.by ?? '', f.decision?.at ?? '']);
  }
  return stringify(rows, csvOptions(COLUMNS));
}

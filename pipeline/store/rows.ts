/** Stored rows back into the FileResult they were stored from: one mapping for the SQLite and PostgreSQL stores. */
import type { FileResult, Meta } from '../../model/result.js';
import { CoverageSchema } from '../../model/coverage.js';

type Row = Record<string, unknown>;

function optional<T>(key: string, value: T | null | undefined) {
  return value === null || value === undefined ? {} : { [key]: value };
}

export function fileResultOfRows(
  document: Row,
  facts: Row[],
  findings: Row[],
  errors: { message: string; code: string | null; page: number | null }[],
): FileResult & { status: string } {
  return {
    path: String(document.path),
    status: String(document.status),
    ...optional('format', document.format as string | null),
    sha256: String(document.sha256),
    ...optional('pages', document.page_count as number | null),
    ...optional('encoding', document.encoding as string | null),
    meta: JSON.parse(String(document.meta)) as Meta,
    facts: facts.map((fact) => ({
      concept: String(fact.concept),
      value: String(fact.value),
      unit: String(fact.unit),
      ...optional('printedUnit', fact.printed_unit as string | null),
      raw: String(fact.raw),
      page: Number(fact.page),
      line: Number(fact.line),
      column: Number(fact.column),
      ...optional('locator', fact.locator as string | null),
      ...optional('confidence', fact.confidence as number | null),
      scope: { funds: String(fact.funds), period: String(fact.period), basis: String(fact.basis) },
      subject: String(fact.subject ?? '').split('/').filter(Boolean),
      label: String(fact.label),
      ...optional('tableId', fact.table_id as string | null),
      ...optional('table', fact.table_title as string | null),
      ...(fact.measure === null || fact.measure === undefined ? {} : { measure: String(fact.measure).split('/').filter(Boolean) }),
      ...optional('code', fact.code as string | null),
      ...optional('key', fact.fact_key as string | null | undefined),
    })) as FileResult['facts'],
    findings: findings.map((finding) => ({
      ruleId: String(finding.rule_id),
      severity: finding.severity as 'error' | 'warning' | 'info',
      message: String(finding.message),
      messageId: String(finding.message_id),
      data: JSON.parse(String(finding.data)) as Record<string, string>,
      page: Number(finding.page),
      line: Number(finding.line),
      column: Number(finding.column),
      ...optional('locator', finding.locator as string | null),
      ...optional('actual', finding.actual as string | null),
      ...optional('expected', finding.expected as string | null),
      evidence: JSON.parse(String(finding.evidence)) as FileResult['findings'][number]['evidence'],
      ...optional('fingerprint', finding.fingerprint as string | null),
    })),
    errors: errors.map((error) => ({ message: error.message, ...optional('code', error.code), ...optional('page', error.page) })),
    notices: JSON.parse(String(document.notices)) as string[],
    ...(document.timings ? { timings: JSON.parse(String(document.timings)) as Record<string, number> } : {}),
    ...(document.coverage ? { coverage: CoverageSchema.parse(JSON.parse(String(document.coverage))) } : {}),
  };
}

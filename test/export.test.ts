/**
 * `budgetlint export` reads back what `budgetlint run` stored: CSV (BOM, CRLF, RFC 4180 quoting,
 * parsed back with csv-parse) and JSONL rows match the store and processFile's own output.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../model/result.js';
import { exportCommand } from '../pipeline/commands/export.js';
import { processFile } from '../pipeline/process.js';
import { runCollection } from '../pipeline/run/runner.js';
import { COLUMNS } from '../pipeline/store/export.js';
import { ResultStore } from '../pipeline/store/store.js';
import { departmentKey } from '../normalizers/department-name.js';

const FIXTURES = new URL('../fixtures/reports/', import.meta.url);
const REPORTS = readdirSync(FIXTURES).filter((name) => name.endsWith('.md')).sort();

let dir: string;
let docs: string;
let db: string;
/** What the store holds per path, read through the store's own API. */
let stored: { path: string; documentId: number; result: FileResult & { status: string } }[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-export-'));
  docs = join(dir, 'reports');
  db = join(dir, 'results.sqlite');
  mkdirSync(docs);
  for (const name of REPORTS) copyFileSync(new URL(name, FIXTURES), join(docs, name));
  writeFileSync(join(docs, 'broken.pdf'), '%PDF-1.4\nnot really a pdf\n');
  await runCollection({ paths: [docs], db, concurrency: 2, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024 });
  const store = ResultStore.openForReading(db);
  try {
    const files = store.db.prepare('SELECT path, document_id FROM files ORDER BY path').all() as { path: string; document_id: number }[];
    stored = files.map((file) => ({ path: file.path, documentId: file.document_id, result: store.loadResult(file.document_id)! }));
  } finally {
    store.close();
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function exportTo(args: string[]): Promise<{ code: number; text: string; bytes: Buffer }> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const code = await exportCommand.run(['--db', db, ...args, '-o', out]);
  const bytes = code === 0 ? readFileSync(out) : Buffer.alloc(0);
  return { code, text: bytes.toString('utf8'), bytes };
}

function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];
}

function region(result: FileResult) {
  const meta = result.meta;
  return {
    department: meta.department ?? null,
    province: meta.region?.province ?? null,
    city: meta.region?.city ?? null,
    county: meta.region?.county ?? null,
    region_code: meta.region?.code ?? null,
    year: meta.year ?? null,
    kind: meta.kind ?? null,
    level: meta.level ?? null,
    department_source: meta.departmentSource ?? null,
    region_source: meta.regionSource ?? null,
    department_key: meta.department ? departmentKey(meta.department) : null,
  };
}

/** The facts table as it should come out, from the store's FileResults and processFile's figures. */
async function expectedFacts() {
  const rows: Record<string, unknown>[] = [];
  for (const { path, documentId, result } of stored) {
    const { normalized } = await processFile(path);
    const figures = new Map((normalized?.figures ?? []).map((figure) => [figure.id, figure]));
    const printed = (normalized?.facts ?? []).flatMap((fact) => {
      const figure = figures.get(fact.figureId);
      return figure ? [figure.unit || null] : [];
    });
    result.facts.forEach((fact, index) => {
      // The error and warning findings whose evidence names this figure.
      const disputing = [...new Set(result.findings.filter((finding) => finding.severity !== 'info'
        && finding.evidence.some((item) => item.page === fact.page && item.line === fact.line && item.column === fact.column)).map((finding) => finding.ruleId))];
      rows.push({
        document_id: documentId, path, ...region(result),
        concept: fact.concept, funds: fact.scope.funds, period: fact.scope.period, basis: fact.scope.basis,
        value: fact.value, value_unit: fact.unit, printed_unit: printed[index] ?? null, raw: fact.raw, label: fact.label, subject: fact.subject.join('/'),
        table_id: fact.tableId ?? null, table_title: fact.table ?? null, measure: fact.measure ? fact.measure.join('/') : null, code: fact.code ?? null, fact_key: fact.key ?? null,
        place: `${fact.page}:${fact.line}`, page: fact.page, line: fact.line, column: fact.column, locator: fact.locator ?? null,
        confidence: fact.confidence ?? null, disputed_by: disputing.length > 0 ? disputing.join(',') : null,
      });
    });
  }
  return rows;
}

/** CSV holds text: what a typed row looks like once written to CSV. */
function asCsv(row: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)]));
}

describe('budgetlint export', () => {
  it('writes facts as CSV in UTF-8 with BOM and CRLF, one row per stored fact, matching the store', async () => {
    const { code, bytes, text } = await exportTo(['--what', 'facts']);
    expect(code).toBe(0);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.slice(1).split('\r\n')[0]).toBe(COLUMNS.facts.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    const expected = await expectedFacts();
    // The fixture reports are real reports: they state figures.
    expect(expected.length).toBeGreaterThan(REPORTS.length);
    expect(rows).toHaveLength(expected.length);
    expect(rows).toEqual(expected.map(asCsv));
  });

  it('writes facts as JSONL with typed values', async () => {
    const { code, text } = await exportTo(['--what', 'facts', '--format', 'jsonl']);
    expect(code).toBe(0);
    const rows = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toEqual(await expectedFacts());
  });

  it('writes findings with their data and evidence; CSV quoting survives the round trip', async () => {
    const expected = stored.flatMap(({ path, documentId, result }) => result.findings.map((finding) => ({
      document_id: documentId, path, ...region(result),
      rule_id: finding.ruleId, severity: finding.severity, message: finding.message, message_id: finding.messageId,
      place: `${finding.page}:${finding.line}`, page: finding.page, line: finding.line, column: finding.column, locator: finding.locator ?? null,
      actual: finding.actual ?? null, expected: finding.expected ?? null, data: finding.data, evidence: finding.evidence, outcome: finding.outcome ?? null,
      fingerprint: finding.fingerprint, decision: null, decision_reason: null, decided_by: null, decided_at: null,
    })));
    const jsonl = await exportTo(['--what', 'findings', '--format', 'jsonl']);
    expect(jsonl.text.split('\n').filter(Boolean).map((line) => JSON.parse(line))).toEqual(expected);
    const csv = await exportTo(['--what', 'findings']);
    const rows = parseCsv(csv.text);
    expect(rows).toEqual(expected.map(asCsv));
    for (const [index, row] of rows.entries()) expect(JSON.parse(row.evidence!)).toEqual(expected[index]!.evidence);
  });

  it('writes one row per document with its status, key figures and counts of findings', async () => {
    const { code, text } = await exportTo(['--what', 'documents', '--format', 'jsonl']);
    expect(code).toBe(0);
    const rows = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((row) => row.path)).toEqual(stored.map((entry) => entry.path));
    for (const [index, row] of rows.entries()) {
      const { result, documentId } = stored[index]!;
      const count = (severity: string) => result.findings.filter((finding) => finding.severity === severity).length;
      expect(row).toMatchObject({
        document_id: documentId, ...region(result), sha256: result.sha256, status: result.status,
        self_score: result.meta.selfScore ?? null, facts: result.facts.length,
        findings_error: count('error'), findings_warning: count('warning'), findings_info: count('info'),
      });
      // Income and expense are stated facts of the document (actual, current year).
      for (const [column, concept] of [['income', 'income.total'], ['expense', 'expense.total']] as const) {
        if (row[column] === null) continue;
        expect(result.facts.some((fact) => fact.concept === concept && fact.value === row[column] && fact.scope.period === 'current')).toBe(true);
      }
    }
    const broken = rows.find((row) => String(row.path).endsWith('broken.pdf'));
    expect(broken).toMatchObject({ status: 'failed', format: 'pdf', facts: 0 });
    expect(String(broken?.error)).toContain('PDF');
    const csv = await exportTo(['--what', 'documents']);
    expect(parseCsv(csv.text)).toEqual(rows.map(asCsv));
  });

  it('exports only the documents one run saw with --run', async () => {
    const one = join(dir, 'single');
    mkdirSync(one);
    copyFileSync(new URL(REPORTS[0]!, FIXTURES), join(one, REPORTS[0]!));
    await runCollection({ paths: [one], db, concurrency: 1, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024 });
    const last = await exportTo(['--what', 'documents', '--format', 'jsonl', '--run', 'last']);
    const rows = last.text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { path: string; document_id: number });
    expect(rows).toEqual([expect.objectContaining({ path: join(one, REPORTS[0]!), document_id: stored.find((entry) => entry.path === join(docs, REPORTS[0]!))!.documentId })]);
    const first = await exportTo(['--what', 'documents', '--format', 'jsonl', '--run', '1']);
    expect(first.text.split('\n').filter(Boolean)).toHaveLength(stored.length);
  });

  it('refuses unknown options and a missing store with exit code 2', async () => {
    expect((await exportTo(['--what', 'nothing'])).code).toBe(2);
    expect((await exportTo(['--format', 'xlsx'])).code).toBe(2);
    expect(await exportCommand.run(['--db', join(dir, 'missing.sqlite'), '-o', join(dir, 'x.csv')])).toBe(2);
  });
});

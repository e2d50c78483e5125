/**
 * `budgetlint export --what documents`: every path a row — copies, files that failed, timed out
 * or were missing — and income and expense only from figures no finding disputes, or marked.
 * Also the migration of a store of schema 3 (fixtures/store/schema3.sqlite, made by the
 * budgetlint before the store had layers) and places and OCR confidence in the facts export.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../pipeline/commands/export.js';
import { runCollection } from '../pipeline/run/runner.js';
import { ResultStore } from '../pipeline/store/store.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-export-paths-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function exportRows(db: string, args: string[]): Promise<Record<string, unknown>[]> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}.jsonl`);
  expect(await exportCommand.run(['--db', db, '--format', 'jsonl', ...args, '-o', out])).toBe(0);
  return readFileSync(out, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

const pick = (row: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((key) => [key, row[key]]));
const KEYS = ['path', 'copy_of', 'status', 'error_code', 'error', 'income', 'income_disputed_by', 'expense', 'expense_disputed_by'];

describe('the documents export', () => {
  it('has a row for every path: copies, a corrupt file, a time-out and a missing path, each with status and reason', async () => {
    const docs = join(dir, 'a');
    const db = join(dir, 'a.sqlite');
    mkdirSync(docs);
    copyFileSync('fixtures/reports/meizhou-ybj-2023.md', join(docs, 'meizhou.md'));
    copyFileSync('fixtures/reports/jinkouhe-ybj-2025.md', join(docs, 'jinkouhe.md'));
    copyFileSync('fixtures/reports/jinkouhe-ybj-2025.md', join(docs, 'jinkouhe-copy.md'));
    writeFileSync(join(docs, 'broken.pdf'), '%PDF-1.4\nnot really a pdf\n');
    const missing = join(dir, 'missing.md');
    await runCollection({ paths: [docs, missing], db, concurrency: 1, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024 });
    // A later run in which one file runs out of time (the test worker loops on loop.md).
    writeFileSync(join(docs, 'loop.md'), '# loop\n');
    await runCollection({ paths: [join(docs, 'loop.md')], db, concurrency: 1, rules: {}, timeLimitMs: 500, memoryLimitMb: 1024, workerScript: new URL('./run.runaway-worker.mjs', import.meta.url) });

    const rows = await exportRows(db, ['--what', 'documents']);
    expect(rows.map((row) => pick(row, KEYS))).toEqual([
      { path: join(docs, 'broken.pdf'), copy_of: null, status: 'failed', error_code: 'corrupt', error: 'PDF 文件不完整（文件末尾缺失，可能下载中断或被截断），无法读取',
        income: null, income_disputed_by: null, expense: null, expense_disputed_by: null },
      // 358.84 万元 is the only 支出 the report states, and two relations with it fail: given, and marked.
      { path: join(docs, 'jinkouhe-copy.md'), copy_of: null, status: 'ok', error_code: null, error: null,
        income: '3588400', income_disputed_by: null, expense: '3588400', expense_disputed_by: 'sum-mismatch,ratio-mismatch' },
      { path: join(docs, 'jinkouhe.md'), copy_of: join(docs, 'jinkouhe-copy.md'), status: 'ok', error_code: null, error: null,
        income: '3588400', income_disputed_by: null, expense: '3588400', expense_disputed_by: 'sum-mismatch,ratio-mismatch' },
      { path: join(docs, 'loop.md'), copy_of: null, status: 'timeout', error_code: 'timeout', error: '处理超时（超过 500 毫秒），已中止',
        income: null, income_disputed_by: null, expense: null, expense_disputed_by: null },
      // 1854.42 元 (line 117) is the unit slip unit-suspect reports: the expense is the 1854.42 万元 of line 123.
      { path: join(docs, 'meizhou.md'), copy_of: null, status: 'ok', error_code: null, error: null,
        income: '18343000', income_disputed_by: null, expense: '18544200', expense_disputed_by: null },
      { path: missing, copy_of: null, status: 'missing', error_code: 'not-found', error: '路径不存在或无法访问',
        income: null, income_disputed_by: null, expense: null, expense_disputed_by: null },
    ]);
    expect(rows[1]!.document_id).toBe(rows[2]!.document_id);

    // The slip itself stays a fact, marked.
    const facts = await exportRows(db, ['--what', 'facts']);
    const expense = facts.filter((row) => String(row.path).endsWith('meizhou.md') && row.concept === 'expense.total' && row.basis === 'actual');
    expect(expense.map((row) => pick(row, ['value', 'place', 'disputed_by']))).toEqual([
      { value: '1854.42', place: '1:117', disputed_by: 'unit-suspect' },
      { value: '18544200', place: '1:123', disputed_by: null },
    ]);

    // --run narrows to one run's paths; a run that does not exist is an error.
    expect((await exportRows(db, ['--what', 'documents', '--run', 'last'])).map((row) => pick(row, ['path', 'status']))).toEqual([{ path: join(docs, 'loop.md'), status: 'timeout' }]);
    const out = join(dir, 'none.csv');
    expect(await exportCommand.run(['--db', db, '--run', '99', '-o', out])).toBe(2);
  });

  it('gives Word facts their paragraph, not an invented page, and OCR facts their confidence', async () => {
    const docs = join(dir, 'b');
    const db = join(dir, 'b.sqlite');
    mkdirSync(docs);
    copyFileSync('fixtures/reports/meizhou-ybj-2023.docx', join(docs, 'meizhou.docx'));
    copyFileSync('fixtures/scanned/jinkouhe-ybj-2025-p2-crop.png', join(docs, 'scan.png'));
    await runCollection({ paths: [docs], db, concurrency: 2, rules: {}, timeLimitMs: 120_000, memoryLimitMb: 1024 });
    const facts = await exportRows(db, ['--what', 'facts']);
    const word = facts.filter((row) => String(row.path).endsWith('.docx') && row.concept === 'expense.total');
    expect(word.map((row) => pick(row, ['value', 'place', 'page', 'line', 'locator', 'disputed_by', 'confidence']))).toEqual([
      { value: '7837700', place: '第 47 段', page: null, line: null, locator: '第 47 段', disputed_by: null, confidence: null },
      { value: '1854.42', place: '第 47 段', page: null, line: null, locator: '第 47 段', disputed_by: 'unit-suspect', confidence: null },
      { value: '18544200', place: '第 50 段', page: null, line: null, locator: '第 50 段', disputed_by: null, confidence: null },
    ]);
    const scan = facts.filter((row) => String(row.path).endsWith('.png'));
    expect(scan.map((row) => pick(row, ['concept', 'value', 'place', 'page', 'confidence']))).toEqual([
      { concept: 'expense.project', value: '1826800', place: '1:4', page: 1, confidence: 85 },
    ]);
  });
});

describe('a store of schema 3', () => {
  it('is upgraded when run opens it: its results stay exported, disputes filled in; the next run reads its files again, once', async () => {
    const db = join(dir, 'old.sqlite');
    copyFileSync('fixtures/store/schema3.sqlite', db);
    ResultStore.open(db).close();
    const rows = await exportRows(db, ['--what', 'documents']);
    // Made from /tmp/bl-s3/reports (two reports, a copy, a corrupt PDF) and a missing path.
    expect(rows.map((row) => pick(row, KEYS))).toEqual([
      { path: '/tmp/bl-s3/missing.md', copy_of: null, status: 'missing', error_code: 'not-found', error: '路径不存在或无法访问',
        income: null, income_disputed_by: null, expense: null, expense_disputed_by: null },
      { path: '/tmp/bl-s3/reports/broken.pdf', copy_of: null, status: 'failed', error_code: 'corrupt', error: 'PDF 文件不完整（文件末尾缺失，可能下载中断或被截断），无法读取',
        income: null, income_disputed_by: null, expense: null, expense_disputed_by: null },
      { path: '/tmp/bl-s3/reports/jinkouhe-ybj-2025.md', copy_of: null, status: 'ok', error_code: null, error: null,
        income: '3588400', income_disputed_by: null, expense: '3588400', expense_disputed_by: 'sum-mismatch,ratio-mismatch' },
      { path: '/tmp/bl-s3/reports/meizhou-ybj-2023.md', copy_of: null, status: 'ok', error_code: null, error: null,
        income: '18343000', income_disputed_by: null, expense: '18544200', expense_disputed_by: null },
      { path: '/tmp/bl-s3/reports/zz-copy.md', copy_of: '/tmp/bl-s3/reports/jinkouhe-ybj-2025.md', status: 'ok', error_code: null, error: null,
        income: '3588400', income_disputed_by: null, expense: '3588400', expense_disputed_by: 'sum-mismatch,ratio-mismatch' },
    ]);
    expect(rows.map((row) => row.extractor_version)).toEqual([null, null, null, null, null]);

    // The same contents elsewhere: nothing of schema 3 is keyed by the code's versions, so each is read once and stored in both layers.
    const docs = join(dir, 'again');
    mkdirSync(docs);
    copyFileSync('fixtures/reports/jinkouhe-ybj-2025.md', join(docs, 'jinkouhe.md'));
    copyFileSync('fixtures/reports/jinkouhe-ybj-2025.md', join(docs, 'copy.md'));
    const run = await runCollection({ paths: [docs], db, concurrency: 1, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024 });
    expect(run).toMatchObject({ extracted: 1, reanalyzed: 0 });
    expect(run.counts).toMatchObject({ total: 2, processed: 1, fromStore: 1 });
    const store = ResultStore.openForReading(db);
    try {
      expect(store.db.prepare('SELECT count(*) AS n FROM extractions').get()).toEqual({ n: 1 });
      expect(store.db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 4 });
    } finally {
      store.close();
    }
  });
});

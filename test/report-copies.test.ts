/**
 * Copies in a run's review report and documents export: seven files of which five are copies are
 * seven rows, each copy marked as the copy of the first file with its content.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRunReport } from '../pipeline/report/run-report.js';
import { runCollection } from '../pipeline/run/runner.js';
import { exportData } from '../pipeline/store/export.js';
import { ResultStore } from '../pipeline/store/store.js';

const FIXTURES = new URL('../fixtures/reports/', import.meta.url);
let dir: string;
let db: string;
let docs: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-copies-'));
  docs = join(dir, 'docs');
  mkdirSync(join(docs, 'again'), { recursive: true });
  // jinkouhe: a.md and four copies; meixian: b.md and one copy.
  for (const name of ['a.md', 'a-copy1.md', 'a-copy2.md', 'again/a.md', 'again/a-copy3.md']) copyFileSync(new URL('jinkouhe-ybj-2025.md', FIXTURES), join(docs, name));
  for (const name of ['b.md', 'again/b.md']) copyFileSync(new URL('meixian-ybj-2025.md', FIXTURES), join(docs, name));
  db = join(dir, 'results.sqlite');
  await runCollection({ paths: [docs], db, concurrency: 1, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024 });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('copies', () => {
  it('are listed in the review report, one row each, marked as a copy of the first', async () => {
    const store = ResultStore.openForReading(db);
    try {
      const summary = await writeRunReport(store, { runId: 1, outDir: join(dir, 'report') });
      expect(summary).toMatchObject({ documents: 7, copies: 5 });
      const index = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
      expect(index).toContain('7 个文件（其中 5 个为副本）');
      expect(index).toContain('<h2>文件（7）</h2>');
      const rows = [...index.matchAll(/<tr class="doc-row( copy)?"[^>]*>\s*<td[^>]*><a href="([^"]+)">([^<]*)<\/a><div class="path">([^<]*)<\/div>(?:<div class="copy">([^<]*)<\/div>)?/g)]
        .map((m) => [m[2], m[3], m[4]!.slice(docs.length + 1), m[5] ? m[5].replace(docs + '/', '') : '']);
      expect(rows).toEqual([
        ['doc-1.html', '乐山市金口河区医疗保障局', 'a-copy1.md', ''],
        ['doc-1.html', '乐山市金口河区医疗保障局', 'a-copy2.md', '副本：与 a-copy1.md 内容相同'],
        ['doc-1.html', '乐山市金口河区医疗保障局', 'a.md', '副本：与 a-copy1.md 内容相同'],
        ['doc-1.html', '乐山市金口河区医疗保障局', 'again/a-copy3.md', '副本：与 a-copy1.md 内容相同'],
        ['doc-1.html', '乐山市金口河区医疗保障局', 'again/a.md', '副本：与 a-copy1.md 内容相同'],
        ['doc-2.html', '梅州市梅县区医疗保障局', 'again/b.md', ''],
        ['doc-2.html', '梅州市梅县区医疗保障局', 'b.md', '副本：与 again/b.md 内容相同'],
      ]);
    } finally {
      store.close();
    }
  });

  it('are rows of the documents export with `copy_of` the first path', () => {
    const store = ResultStore.openForReading(db);
    try {
      const rows = [...exportData(store.db, 'documents').rows].map((row) => [String(row.path).slice(docs.length + 1), row.copy_of === null ? null : String(row.copy_of).slice(docs.length + 1), row.department]);
      expect(rows).toEqual([
        ['a-copy1.md', null, '乐山市金口河区医疗保障局'],
        ['a-copy2.md', 'a-copy1.md', '乐山市金口河区医疗保障局'],
        ['a.md', 'a-copy1.md', '乐山市金口河区医疗保障局'],
        ['again/a-copy3.md', 'a-copy1.md', '乐山市金口河区医疗保障局'],
        ['again/a.md', 'a-copy1.md', '乐山市金口河区医疗保障局'],
        ['again/b.md', null, '梅州市梅县区医疗保障局'],
        ['b.md', 'again/b.md', '梅州市梅县区医疗保障局'],
      ]);
    } finally {
      store.close();
    }
  });
});

describe('a department without a place, in a folder that names it', () => {
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'budgetlint-path-'));
    mkdirSync(join(work, '上海市普陀区'));
    writeFileSync(join(work, '上海市普陀区', 'czj-2025.md'), '2025年部门预算\n\n预算主管部门：区财政局\n\n2025年收入预算合计 100.00 万元，支出预算合计 100.00 万元。\n');
    await runCollection({ paths: [work], db: join(work, 'results.sqlite'), concurrency: 1, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024 });
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('has the folder\'s region in the export (`region_source = path`) and in the review report', async () => {
    const store = ResultStore.openForReading(join(work, 'results.sqlite'));
    try {
      const [row] = [...exportData(store.db, 'documents').rows];
      expect(row).toMatchObject({ department: '区财政局', department_source: 'field', region_code: '310107', county: '普陀区', region_source: 'path', publisher_note: null, kind: 'department-budget', year: 2025 });
      await writeRunReport(store, { runId: 1, outDir: join(work, 'report') });
      const index = readFileSync(join(work, 'report', 'index.html'), 'utf8');
      expect(index).toContain('data-region="上海市 上海市 普陀区" data-year="2025" data-dept="区财政局"');
    } finally {
      store.close();
    }
  });
});

/**
 * `budgetlint run` over copies of fixtures/reports/*.md in a temp folder, with real worker
 * threads: what the store holds is what processFile returns for the same files; second runs
 * reuse; changed files are reprocessed; bad files fail alone; the guards stop runaway files.
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleIds } from '../analyzers/registry.js';
import type { FileResult } from '../model/result.js';
import { processFile } from '../pipeline/process.js';
import { runCollection, type RunOptions } from '../pipeline/run/runner.js';
import { ResultStore } from '../pipeline/store/store.js';

const FIXTURES = new URL('../fixtures/reports/', import.meta.url);
const REPORTS = readdirSync(FIXTURES).filter((name) => name.endsWith('.md')).sort();

let dir: string;
let docs: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-run-'));
  docs = join(dir, 'reports');
  db = join(dir, 'results.sqlite');
  mkdirSync(docs);
  for (const name of REPORTS) copyFileSync(new URL(name, FIXTURES), join(docs, name));
});

const opened: ResultStore[] = [];

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

function options(overrides: Partial<RunOptions> = {}): RunOptions {
  return { paths: [docs], db, concurrency: 2, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024, ...overrides };
}

/** Timings vary; `relations` (the count `check` prints for a clean file) is not kept by the store (yet). */
function withoutTimings(result: FileResult): Omit<FileResult, 'timings' | 'relations'> {
  const { timings: _timings, relations: _relations, ...rest } = result;
  return rest;
}

/** Reads the store the way a user would: which document each path points at, and what it holds. */
function readStore() {
  const store = ResultStore.openForReading(db);
  opened.push(store);
  {
    const q = <T>(sql: string, ...params: unknown[]) => store.db.prepare(sql).all(...params) as T[];
    const one = <T>(sql: string, ...params: unknown[]) => store.db.prepare(sql).get(...params) as T;
    const files = q<{ path: string; document_id: number | null; sha256: string }>('SELECT path, document_id, sha256 FROM files ORDER BY path');
    const results = new Map(files.map((file) => [file.path, file.document_id === null ? undefined : store.loadResult(file.document_id)]));
    return {
      files,
      results,
      count: (table: string) => one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).n,
      q,
      one,
    };
  }
}

async function expectStoreMatchesProcessFile(paths: string[]): Promise<void> {
  const stored = readStore();
  for (const path of paths) {
    const { result } = await processFile(path);
    const saved = stored.results.get(path);
    expect(saved, path).toBeDefined();
    const { status, ...rest } = saved!;
    expect(withoutTimings(rest), path).toEqual(withoutTimings(result));
    expect(status).toBe(result.errors.some((error) => error.page === undefined) ? 'failed' : 'ok');
  }
}

describe('budgetlint run', () => {
  it('stores for every file exactly what processFile returns, and a second run reuses everything', async () => {
    const first = await runCollection(options());
    expect(first.counts).toMatchObject({ total: REPORTS.length, processed: REPORTS.length, fromStore: 0 });
    const paths = REPORTS.map((name) => join(docs, name));
    await expectStoreMatchesProcessFile(paths);

    const store = readStore();
    expect(store.count('documents')).toBe(REPORTS.length);
    expect(store.files.map((file) => file.path)).toEqual(paths);
    // One pages row per page, one run_files row per file, the run finished.
    const pageTotal = [...store.results.values()].reduce((sum, result) => sum + (result?.pages ?? 0), 0);
    expect(store.count('pages')).toBe(pageTotal);
    expect(store.q<{ outcome: string }>('SELECT outcome FROM run_files WHERE run_id = ?', first.runId).map((row) => row.outcome)).toEqual(REPORTS.map(() => 'new'));
    expect(store.one<{ status: string; processed: number }>('SELECT status, processed FROM runs WHERE id = ?', first.runId)).toEqual({ status: 'finished', processed: REPORTS.length });
    // Summary figures come from the store.
    const findingTotal = [...store.results.values()].reduce((sum, result) => sum + (result?.findings.length ?? 0), 0);
    expect(Object.values(first.bySeverity).reduce((a, b) => a + b, 0)).toBe(findingTotal);
    expect(first.byRule.reduce((sum, rule) => sum + rule.count, 0)).toBe(findingTotal);
    expect(first.newFindings).toHaveLength(findingTotal);

    const factsBefore = store.count('facts');
    const findingsBefore = store.count('findings');
    const second = await runCollection(options());
    expect(second.counts).toMatchObject({ total: REPORTS.length, processed: 0, fromStore: REPORTS.length });
    expect(second.workersStarted).toBe(0);
    expect(second.newFindings).toEqual([]);
    expect(second.bySeverity).toEqual(first.bySeverity);
    const after = readStore();
    expect(after.count('documents')).toBe(REPORTS.length);
    expect(after.count('facts')).toBe(factsBefore);
    expect(after.count('findings')).toBe(findingsBefore);
    expect(after.q<{ outcome: string }>('SELECT outcome FROM run_files WHERE run_id = ?', second.runId).map((row) => row.outcome)).toEqual(REPORTS.map(() => 'reused'));
  });

  it('reprocesses a changed file only, and reports none of its unchanged findings as new', async () => {
    await runCollection(options());
    const changed = join(docs, REPORTS[0]!);
    const before = readStore().files.find((file) => file.path === changed)!;
    appendFileSync(changed, '\n附注：本段为测试追加的说明文字。\n');

    const run = await runCollection(options());
    expect(run.counts).toMatchObject({ total: REPORTS.length, processed: 1, fromStore: REPORTS.length - 1 });
    const store = readStore();
    expect(store.count('documents')).toBe(REPORTS.length + 1);
    const now = store.files.find((file) => file.path === changed)!;
    expect(now.sha256).not.toBe(before.sha256);
    expect(now.document_id).not.toBe(before.document_id);
    expect(store.one('SELECT previous_document_id AS p FROM run_files WHERE run_id = ? AND path = ?', run.runId, changed)).toEqual({ p: before.document_id });
    await expectStoreMatchesProcessFile([changed]);
    // The appended sentence has no figures: same findings as before, so none is new.
    expect(run.newFindings).toEqual([]);
  });

  it('reports as new exactly the findings the previous content of the same file did not have', async () => {
    await runCollection(options());
    const changed = join(docs, REPORTS[REPORTS.length - 1]!);
    const before = readStore();
    const oldId = before.files.find((file) => file.path === changed)!.document_id!;
    appendFileSync(changed, '\n附表补充：本年支出合计 200.00 万元，其中基本支出 100.00 万元，项目支出 50.00 万元。\n');

    const run = await runCollection(options());
    const after = readStore();
    const newId = after.files.find((file) => file.path === changed)!.document_id!;
    const key = (finding: { ruleId: string; messageId: string; data: Record<string, string> }) => `${finding.ruleId}|${finding.messageId}|${JSON.stringify(finding.data)}`;
    const old = new Set(before.results.get(changed)!.findings.map(key));
    const expected = after.results.get(changed)!.findings.filter((finding) => !old.has(key(finding)))
      .sort((a, b) => a.page - b.page || a.line - b.line || a.column - b.column);
    // The appended sentence does not add up (100 + 50 ≠ 200): at least that is new.
    expect(expected.length).toBeGreaterThan(0);
    expect(newId).not.toBe(oldId);
    expect(run.newFindings).toEqual(expected.map((finding) => ({
      path: changed, ruleId: finding.ruleId, severity: finding.severity, message: finding.message,
      page: finding.page, line: finding.line, column: finding.column, locator: finding.locator ?? null, fingerprint: finding.fingerprint,
    })));
  });

  it('reuses a renamed or copied file without processing it', async () => {
    await runCollection(options());
    const original = join(docs, REPORTS[1]!);
    const renamed = join(docs, `renamed-${REPORTS[1]!}`);
    const copy = join(docs, 'sub', `copy-${REPORTS[2]!}`);
    renameSync(original, renamed);
    mkdirSync(join(docs, 'sub'));
    copyFileSync(join(docs, REPORTS[2]!), copy);

    const run = await runCollection(options());
    expect(run.counts).toMatchObject({ total: REPORTS.length + 1, processed: 0, fromStore: REPORTS.length + 1 });
    const store = readStore();
    expect(store.count('documents')).toBe(REPORTS.length);
    const byPath = new Map(store.files.map((file) => [file.path, file.document_id]));
    expect(byPath.get(renamed)).toBe(byPath.get(original));
    expect(byPath.get(copy)).toBe(byPath.get(join(docs, REPORTS[2]!)));
  });

  it('processes the same content once when it appears at two paths in one run', async () => {
    copyFileSync(join(docs, REPORTS[0]!), join(docs, `zz-duplicate-${REPORTS[0]!}`));
    const run = await runCollection(options());
    expect(run.counts).toMatchObject({ total: REPORTS.length + 1, processed: REPORTS.length, fromStore: 1 });
    expect(readStore().count('documents')).toBe(REPORTS.length);
  });

  it('records a corrupt and an empty file as failed with their reasons; the others succeed; failures of content are not retried', async () => {
    const corrupt = join(docs, 'broken.pdf');
    const empty = join(docs, 'empty.md');
    writeFileSync(corrupt, '%PDF-1.7\n1 0 obj << /Type /Catalog garbage\n');
    writeFileSync(empty, '');
    const run = await runCollection(options());
    expect(run.counts.total).toBe(REPORTS.length + 2);
    expect(run.counts.processed).toBe(REPORTS.length + 2);
    const paths = REPORTS.map((name) => join(docs, name));
    await expectStoreMatchesProcessFile([...paths, corrupt, empty]);

    const store = readStore();
    const failed = store.q<{ path: string; status: string; code: string }>(`SELECT d.path, d.status, e.code FROM documents d JOIN errors e ON e.document_id = d.id
      WHERE d.status = 'failed' ORDER BY d.path`);
    const expectedFailed = [...paths, corrupt, empty].filter((path) => store.results.get(path)?.status === 'failed').sort();
    expect(failed.map((row) => row.path)).toEqual(expectedFailed);
    expect(failed.find((row) => row.path === corrupt)?.code).toBe('corrupt');
    expect(failed.find((row) => row.path === empty)?.code).toBe('empty');
    expect(run.counts.failed).toBe(expectedFailed.length);
    expect(run.failures.map((failure) => failure.path)).toEqual(expectedFailed);
    expect(run.counts.new).toBe(REPORTS.length + 2 - expectedFailed.length);

    const again = await runCollection(options());
    expect(again.counts).toMatchObject({ processed: 0, fromStore: REPORTS.length + 2, failed: expectedFailed.length });
  });

  it('records a missing path as failed and goes on', async () => {
    const missing = join(dir, 'no-such-folder');
    const run = await runCollection(options({ paths: [missing, docs] }));
    expect(run.counts).toMatchObject({ total: REPORTS.length + 1, processed: REPORTS.length, failed: 1 });
    expect(run.failures).toEqual([{ path: missing, code: 'not-found', message: '路径不存在或无法访问' }]);
    expect(readStore().one('SELECT count(*) AS n FROM errors WHERE document_id IS NULL AND path = ?', missing)).toEqual({ n: 1 });
  });

  it('reprocesses everything when the rule settings change (a new fingerprint), keeping the old results', async () => {
    await runCollection(options());
    const id = ruleIds()[0]!;
    const run = await runCollection(options({ rules: { severity: { [id]: 'off' } } }));
    expect(run.counts).toMatchObject({ processed: REPORTS.length, fromStore: 0 });
    const store = readStore();
    expect(store.count('documents')).toBe(REPORTS.length * 2);
    expect(store.one('SELECT count(DISTINCT fingerprint) AS n FROM documents')).toEqual({ n: 2 });
    expect(store.one('SELECT count(*) AS n FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.run_id = ? AND f.rule_id = ?', run.runId, id)).toEqual({ n: 0 });
  });
});

describe('budgetlint run guards', () => {
  const script = new URL('./run.runaway-worker.mjs', import.meta.url);

  it('stops a file that runs too long or takes too much memory, or kills its worker; replaces the worker; the run goes on; the next run retries', async () => {
    for (const name of ['loop.md', 'hog.md', 'crash.md']) writeFileSync(join(docs, name), `# ${name}\n`);
    const run = await runCollection(options({ concurrency: 1, timeLimitMs: 1000, memoryLimitMb: 24, workerScript: script }));
    expect(run.counts).toMatchObject({ total: REPORTS.length + 3, processed: REPORTS.length, failed: 3 });
    const reasons = Object.fromEntries(run.failures.map((failure) => [failure.path.slice(docs.length + 1), failure.code]));
    expect(reasons).toEqual({ 'loop.md': 'timeout', 'hog.md': 'out-of-memory', 'crash.md': 'worker-crashed' });
    expect(run.failures.find((failure) => failure.code === 'timeout')?.message).toBe('处理超时（超过 1 秒），已中止');
    // The first worker plus one replacement after each of the three failures (each is followed by other files).
    expect(run.workersStarted).toBe(4);
    const store = readStore();
    expect(store.count('documents')).toBe(REPORTS.length);
    expect(store.one('SELECT count(*) AS n FROM errors WHERE document_id IS NULL')).toEqual({ n: 3 });

    const again = await runCollection(options({ concurrency: 1, timeLimitMs: 1000, memoryLimitMb: 24, workerScript: script }));
    expect(again.counts).toMatchObject({ processed: 0, fromStore: REPORTS.length, failed: 3 });
  });

  it('records a result the store refuses as failed without losing the files committed with it', async () => {
    writeFileSync(join(docs, 'unstorable.md'), '# unstorable\n');
    const run = await runCollection(options({ concurrency: 2, workerScript: script }));
    expect(run.counts).toMatchObject({ total: REPORTS.length + 1, processed: REPORTS.length, failed: 1 });
    expect(run.failures).toEqual([{ path: join(docs, 'unstorable.md'), code: 'internal', message: expect.stringMatching(/^无法写入结果库：/) }]);
    const store = readStore();
    expect(store.count('documents')).toBe(REPORTS.length);
    expect(store.count('findings')).toBe(0);
  });
});

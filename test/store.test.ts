/** The results store on its own: schema checks, one transaction per document, fingerprints. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleIds } from '../analyzers/registry.js';
import type { FileResult } from '../model/result.js';
import { processFile } from '../pipeline/process.js';
import { ruleSetFingerprint } from '../pipeline/store/fingerprint.js';
import { summarizePages } from '../pipeline/store/records.js';
import { ResultStore, StoreError } from '../pipeline/store/store.js';
import { SCHEMA_VERSION } from '../pipeline/store/schema.js';

const REPORT = new URL('../fixtures/reports/huizhou-ybj-2022.md', import.meta.url).pathname;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function count(store: ResultStore, table: string): number {
  return (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('ResultStore', () => {
  it('creates the schema in WAL mode and reopens it', () => {
    const path = join(dir, 'nested', 'r.sqlite');
    const store = ResultStore.open(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['decisions', 'documents', 'errors', 'extractions', 'facts', 'files', 'findings', 'pages', 'run_files', 'runs']);
    store.close();
    ResultStore.open(path).close();
  });

  it('upgrades a store of schema 1 (facts without their subject or table) when run opens it; export asks for that first', () => {
    const path = join(dir, 'old.sqlite');
    ResultStore.open(path).close();
    const raw = new Database(path);
    // What schemas 2–6 added, taken away again.
    raw.exec('DROP TABLE decisions; DROP INDEX findings_fingerprint; ALTER TABLE findings DROP COLUMN fingerprint; ALTER TABLE documents DROP COLUMN coverage');
    raw.exec('DROP INDEX documents_extraction');
    for (const column of ['extraction_id', 'extractor_version', 'rules_version']) raw.exec(`ALTER TABLE documents DROP COLUMN ${column}`);
    for (const column of ['extractor_version', 'rules_version']) raw.exec(`ALTER TABLE runs DROP COLUMN ${column}`);
    raw.exec('DROP TABLE extractions');
    for (const column of ['subject', 'table_id', 'table_title', 'measure', 'code', 'fact_key', 'confidence', 'disputed_by']) raw.exec(`ALTER TABLE facts DROP COLUMN ${column}`);
    raw.pragma('user_version = 1');
    raw.close();
    expect(() => ResultStore.openForReading(path)).toThrow('为旧版本');
    const store = ResultStore.open(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const columns = (store.db.prepare('PRAGMA table_info(facts)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['subject', 'table_id', 'table_title', 'measure', 'code', 'fact_key', 'confidence', 'disputed_by']));
    store.close();
    ResultStore.openForReading(path).close();
  });

  it('refuses a database of something else and one from a newer budgetlint', () => {
    const other = join(dir, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE t (x)');
    foreign.close();
    expect(() => ResultStore.open(other)).toThrow(StoreError);
    expect(() => ResultStore.open(other)).toThrow('不是 budgetlint 结果库');

    const newer = join(dir, 'newer.sqlite');
    ResultStore.open(newer).close();
    const raw = new Database(newer);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => ResultStore.open(newer)).toThrow('由更新版本的 budgetlint 创建');
    expect(() => ResultStore.openForReading(join(dir, 'missing.sqlite'))).toThrow('不存在');
  });

  it('commits a document with all it yields, or nothing of it', async () => {
    const store = ResultStore.open(join(dir, 'r.sqlite'));
    const fingerprint = ruleSetFingerprint();
    const runId = store.startRun({ fingerprint, settings: {}, paths: [REPORT], concurrency: 1 });
    const { result, document } = await processFile(REPORT);
    expect(document).toBeDefined();
    const pages = summarizePages(document!);
    const record = { path: REPORT, sha256: result.sha256!, result, pages };

    // A finding that cannot be stored (no message) makes the whole document fail to commit.
    const broken: FileResult = { ...result, findings: [...result.findings, { ...result.findings[0]!, message: undefined as unknown as string }] };
    expect(result.findings.length).toBeGreaterThan(0);
    expect(() => store.recordProcessed(runId, fingerprint, { ...record, result: broken })).toThrow();
    for (const table of ['documents', 'pages', 'facts', 'findings', 'errors', 'files', 'run_files']) expect(count(store, table), table).toBe(0);

    expect(store.recordProcessed(runId, fingerprint, record).outcome).toBe('new');
    expect(count(store, 'documents')).toBe(1);
    expect(count(store, 'pages')).toBe(document!.pages.length);
    expect(count(store, 'facts')).toBe(result.facts.length);
    expect(count(store, 'findings')).toBe(result.findings.length);
    const page = store.db.prepare('SELECT number, source, needs_ocr, line_count FROM pages').get();
    expect(page).toEqual({ number: 1, source: 'text', needs_ocr: 0, line_count: document!.pages[0]!.lines.length });

    // The same content again (another process got there first): recorded as reused, not stored twice.
    expect(store.recordProcessed(runId, fingerprint, { ...record, path: `${REPORT}.copy` }).outcome).toBe('reused');
    expect(count(store, 'documents')).toBe(1);
    expect(count(store, 'files')).toBe(2);
    store.close();
  });

  it('marks a run left running by a dead process as interrupted', () => {
    const path = join(dir, 'r.sqlite');
    const store = ResultStore.open(path);
    const first = store.startRun({ fingerprint: 'x', settings: {}, paths: [], concurrency: 1 });
    // Pretend the run belonged to a process that is gone.
    store.db.prepare('UPDATE runs SET pid = ? WHERE id = ?').run(2 ** 22 + 12345, first);
    const second = store.startRun({ fingerprint: 'x', settings: {}, paths: [], concurrency: 1 });
    const statuses = store.db.prepare('SELECT id, status FROM runs ORDER BY id').all();
    expect(statuses).toEqual([{ id: first, status: 'interrupted' }, { id: second, status: 'running' }]);
    // A run of a live process (this one) is left alone.
    store.startRun({ fingerprint: 'x', settings: {}, paths: [], concurrency: 1 });
    expect(store.db.prepare('SELECT status FROM runs WHERE id = ?').get(second)).toEqual({ status: 'running' });
    store.close();
  });
});

describe('ruleSetFingerprint', () => {
  it('depends on rule settings and OCR mode, not on the order they were given in', () => {
    const [a, b] = ruleIds();
    expect(a && b).toBeTruthy();
    const base = ruleSetFingerprint();
    expect(ruleSetFingerprint({})).toBe(base);
    expect(ruleSetFingerprint({ rules: { severity: {} } })).toBe(base);
    const both = ruleSetFingerprint({ rules: { severity: { [a!]: 'off', [b!]: 'info' } } });
    expect(ruleSetFingerprint({ rules: { severity: { [b!]: 'info', [a!]: 'off' } } })).toBe(both);
    expect(both).not.toBe(base);
    expect(ruleSetFingerprint({ rules: { only: [a!, b!] } })).toBe(ruleSetFingerprint({ rules: { only: [b!, a!] } }));
    expect(ruleSetFingerprint({ rules: { only: [a!] } })).not.toBe(base);
    expect(ruleSetFingerprint({ ocr: 'off' })).not.toBe(base);
    expect(ruleSetFingerprint({ ocr: 'tesseract' })).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});

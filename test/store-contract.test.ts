/**
 * One suite, both stores: what `run` and the workers rely on holds for SQLite and PostgreSQL
 * alike — a document with everything it yields, once per content and fingerprint; reuse; file
 * failures; run counts; findings new since the path's previous content; the extraction layer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../model/result.js';
import { processFile } from '../pipeline/process.js';
import type { Store } from '../pipeline/store/api.js';
import { ruleSetFingerprint } from '../pipeline/store/fingerprint.js';
import { PostgresStore } from '../pipeline/store/postgres/store.js';
import { PG_SCHEMA_VERSION } from '../pipeline/store/postgres/schema.js';
import { encodeDocument, decodeDocument, summarizePages, type ProcessedRecord } from '../pipeline/store/records.js';
import { SqliteStore } from '../pipeline/store/sqlite-store.js';
import { createTestDatabase, postgresAvailable, query } from './helpers/postgres.js';

const HUIZHOU = new URL('../fixtures/reports/huizhou-ybj-2022.md', import.meta.url).pathname;
const JINKOUHE = new URL('../fixtures/reports/jinkouhe-ybj-2025.md', import.meta.url).pathname;
const VERSIONS = { extractor: 'x-test', rules: 'r-test' };

interface Backend {
  name: string;
  open: () => Promise<Store>;
  cleanup: () => Promise<void>;
}

const backends: Backend[] = [];
{
  let dir: string | undefined;
  backends.push({
    name: 'sqlite',
    open: async () => {
      dir ??= mkdtempSync(join(tmpdir(), 'budgetlint-contract-'));
      return SqliteStore.open(join(dir, `s${Math.random().toString(36).slice(2)}.sqlite`));
    },
    cleanup: async () => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  });
}
if (postgresAvailable()) {
  const drops: (() => Promise<void>)[] = [];
  backends.push({
    name: 'postgres',
    open: async () => {
      const database = await createTestDatabase();
      drops.push(database.drop);
      return PostgresStore.open(database.url);
    },
    cleanup: async () => {
      for (const drop of drops) await drop();
    },
  });
}

let huizhou: { record: Omit<ProcessedRecord, 'path'>; result: FileResult };
let jinkouhe: { record: Omit<ProcessedRecord, 'path'>; result: FileResult };

async function recordOf(path: string) {
  const { result, document } = await processFile(path);
  return { result, record: { sha256: result.sha256!, result, pages: summarizePages(document!), extraction: { ok: true as const, ...encodeDocument(document!) } } };
}

beforeAll(async () => {
  huizhou = await recordOf(HUIZHOU);
  jinkouhe = await recordOf(JINKOUHE);
});

describe.each(backends)('store contract: $name', (backend) => {
  afterAll(() => backend.cleanup());

  it('stores a document with its facts, findings and extraction once; the same content again is reused', async () => {
    const store = await backend.open();
    try {
      const fingerprint = ruleSetFingerprint({ versions: VERSIONS });
      const runId = await store.startRun({ fingerprint, versions: VERSIONS, settings: { ocr: 'tesseract' }, paths: ['x'], concurrency: 1 });
      const first = await store.recordProcessed(runId, fingerprint, { ...huizhou.record, path: '/a/huizhou.md' });
      expect(first.outcome).toBe('new');
      const again = await store.recordProcessed(runId, fingerprint, { ...huizhou.record, path: '/b/huizhou-copy.md' });
      expect(again).toEqual({ documentId: first.documentId, outcome: 'reused' });
      expect(await store.documentCount()).toBe(1);
      expect(await store.findDocument(huizhou.result.sha256!, fingerprint)).toEqual({ id: first.documentId, status: 'ok' });
      expect(await store.findDocument(huizhou.result.sha256!, 'another')).toBeUndefined();

      const loaded = await store.loadResult(first.documentId);
      expect(loaded?.facts).toEqual(huizhou.result.facts);
      expect(loaded?.findings).toEqual(huizhou.result.findings);
      expect(loaded?.meta).toEqual(huizhou.result.meta);
      expect(loaded?.path).toBe('/a/huizhou.md');

      const extraction = await store.findExtraction(huizhou.result.sha256!, VERSIONS.extractor, 'tesseract');
      expect(extraction).toMatchObject({ status: 'ok', format: null, errorCode: null });
      const blob = await store.extractionBlob(extraction!.id);
      expect(decodeDocument(blob!).sha256).toBe(huizhou.result.sha256);
      expect(await store.findExtraction(huizhou.result.sha256!, 'other-extractor', 'tesseract')).toBeUndefined();

      expect(await store.runCounts(runId)).toEqual({ total: 2, new: 1, reused: 1, failed: 0, processed: 1, fromStore: 1 });
    } finally {
      await store.close();
    }
  });

  it('a document that cannot be stored leaves nothing behind', async () => {
    const store = await backend.open();
    try {
      const fingerprint = ruleSetFingerprint({ versions: VERSIONS });
      const runId = await store.startRun({ fingerprint, versions: VERSIONS, settings: {}, paths: ['x'], concurrency: 1 });
      const broken: FileResult = { ...huizhou.result, findings: [...huizhou.result.findings, { ...huizhou.result.findings[0]!, message: undefined as unknown as string }] };
      await expect(store.recordProcessed(runId, fingerprint, { ...huizhou.record, path: '/a.md', result: broken })).rejects.toThrow();
      expect(await store.documentCount()).toBe(0);
      expect(await store.runCounts(runId)).toMatchObject({ total: 0 });
    } finally {
      await store.close();
    }
  });

  it('counts a run: new, reused from an earlier run, failed; lists failures, findings by rule and new findings', async () => {
    const store = await backend.open();
    try {
      const fingerprint = ruleSetFingerprint({ versions: VERSIONS });
      const first = await store.startRun({ fingerprint, versions: VERSIONS, settings: {}, paths: ['x'], concurrency: 1 });
      const stored = await store.recordProcessed(first, fingerprint, { ...huizhou.record, path: '/r/huizhou.md' });
      await store.finishRun(first);

      const second = await store.startRun({ fingerprint, versions: VERSIONS, settings: {}, paths: ['x'], concurrency: 1 });
      await store.recordReused(second, { path: '/r/huizhou.md', sha256: huizhou.result.sha256! }, stored.documentId);
      await store.recordProcessed(second, fingerprint, { ...jinkouhe.record, path: '/r/jinkouhe.md' });
      await store.recordFailure(second, { path: '/r/broken.pdf' }, { code: 'io', message: '无法读取文件：测试' });
      expect(await store.finishRun(second)).toEqual({ total: 3, new: 1, reused: 1, failed: 1, processed: 1, fromStore: 1 });
      expect(await store.failures(second)).toEqual([{ path: '/r/broken.pdf', code: 'io', message: '无法读取文件：测试' }]);
      expect(await store.previousRun(second)).toMatchObject({ id: first, status: 'finished' });

      const counts = await store.findingCounts(second);
      const expectedBySeverity: Record<string, number> = {};
      for (const finding of [...huizhou.result.findings, ...jinkouhe.result.findings]) expectedBySeverity[finding.severity] = (expectedBySeverity[finding.severity] ?? 0) + 1;
      expect(counts.bySeverity).toEqual(expectedBySeverity);
      expect(counts.byRule.reduce((sum, rule) => sum + rule.count, 0)).toBe(huizhou.result.findings.length + jinkouhe.result.findings.length);
      // Only the processed file's findings are new in run 2 (huizhou was reused).
      const fresh = await store.newFindings(second);
      expect(fresh.map((finding) => finding.path)).toEqual(jinkouhe.result.findings.map(() => '/r/jinkouhe.md'));
      expect(fresh.map((finding) => finding.ruleId).sort()).toEqual(jinkouhe.result.findings.map((finding) => finding.ruleId).sort());
    } finally {
      await store.close();
    }
  });
});

describe.runIf(backends.some((backend) => backend.name === 'postgres'))('PostgreSQL store migrations', () => {
  it('creates the schema at its version once, also when several processes open it at the same moment', async () => {
    const { createTestDatabase: create } = await import('./helpers/postgres.js');
    const database = await create();
    try {
      const stores = await Promise.all([1, 2, 3, 4].map(() => PostgresStore.open(database.url)));
      for (const store of stores) expect(await store.schemaVersion()).toBe(PG_SCHEMA_VERSION);
      const versions = await query<{ version: number }>(database.url, 'SELECT version FROM schema_version ORDER BY version');
      expect(versions.map((row) => row.version)).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, index) => index + 1));
      await Promise.all(stores.map((store) => store.close()));
      await query(database.url, 'INSERT INTO schema_version (version) VALUES ($1)', [PG_SCHEMA_VERSION + 1]);
      await expect(PostgresStore.open(database.url)).rejects.toThrow('由更新版本的 budgetlint 创建');
    } finally {
      await database.drop();
    }
  });
});

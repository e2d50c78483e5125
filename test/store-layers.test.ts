/**
 * The store's two layers: extracted Documents by content and extractor version, facts and
 * findings by rules version and settings. What is re-run when what changes, with real workers.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileResult } from '../model/result.js';
import { analyzeDocument, processFile } from '../pipeline/process.js';
import { runCollection, type RunOptions } from '../pipeline/run/runner.js';
import { decodeDocument, encodeDocument } from '../pipeline/store/records.js';
import { ResultStore } from '../pipeline/store/store.js';
import { hashLayer, LAYERS, layerVersions } from '../pipeline/version.js';

const FIXTURES = new URL('../fixtures/reports/', import.meta.url);
const REPORTS = readdirSync(FIXTURES).filter((name) => name.endsWith('.md')).sort();

let dir: string;
let docs: string;
let db: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-layers-'));
  docs = join(dir, 'reports');
  db = join(dir, 'results.sqlite');
  mkdirSync(docs);
  for (const name of REPORTS) copyFileSync(new URL(name, FIXTURES), join(docs, name));
  writeFileSync(join(docs, 'broken.pdf'), '%PDF-1.4\nnot really a pdf\n');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const FILES = REPORTS.length + 1;

function options(overrides: Partial<RunOptions> = {}): RunOptions {
  return { paths: [docs], db, concurrency: 2, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024, ...overrides };
}

/** Timings vary; `relations` (the count `check` prints for a clean file) is not kept by the store. */
function withoutTimings(result: FileResult): Omit<FileResult, 'timings' | 'relations'> {
  const { timings: _timings, relations: _relations, ...rest } = result;
  return rest;
}

function read<T>(sql: string, ...params: unknown[]): T[] {
  const store = ResultStore.openForReading(db);
  try {
    return store.db.prepare(sql).all(...params) as T[];
  } finally {
    store.close();
  }
}

/** Each path's stored result under the last run, and what processFile gives for it with the same rules. */
async function expectLastRunMatchesProcessFile(rules: RunOptions['rules']): Promise<void> {
  const store = ResultStore.openForReading(db);
  try {
    const rows = store.db.prepare('SELECT path, document_id FROM run_files WHERE run_id = (SELECT max(id) FROM runs) ORDER BY path').all() as { path: string; document_id: number }[];
    expect(rows).toHaveLength(FILES);
    for (const row of rows) {
      const { status: _status, ...stored } = store.loadResult(row.document_id)!;
      expect(withoutTimings(stored), row.path).toEqual(withoutTimings((await processFile(row.path, { rules })).result));
    }
  } finally {
    store.close();
  }
}

describe('the store in two layers', () => {
  it('a changed severity re-runs normalizing and rules on the stored Documents: no file is read again', async () => {
    const first = await runCollection(options());
    // Every file read once, the broken one too (its failure is kept like a Document).
    expect(first).toMatchObject({ extracted: FILES, reanalyzed: 0 });
    expect(read('SELECT status, count(*) AS n FROM extractions GROUP BY status ORDER BY status')).toEqual([{ status: 'failed', n: 1 }, { status: 'ok', n: REPORTS.length }]);

    const rules = { severity: { 'sum-mismatch': 'warning' as const } };
    const second = await runCollection(options({ rules }));
    expect(second).toMatchObject({ extracted: 0, reanalyzed: FILES });
    expect(second.counts).toMatchObject({ total: FILES, processed: REPORTS.length + 1, fromStore: 0 });
    expect(read<{ n: number }>('SELECT count(*) AS n FROM extractions')[0]!.n).toBe(FILES);
    // Each new document was analyzed from the extraction the first run stored.
    expect(read('SELECT count(*) AS n FROM documents d JOIN extractions e ON e.id = d.extraction_id WHERE d.run_id = ? AND e.run_id = ?', second.runId, first.runId)).toEqual([{ n: FILES }]);
    expect(read('SELECT DISTINCT severity FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.run_id = ? AND f.rule_id = ?', second.runId, 'sum-mismatch')).toEqual([{ severity: 'warning' }]);
    await expectLastRunMatchesProcessFile(rules);

    // Back to the first settings: the first documents are reused as they are.
    const third = await runCollection(options());
    expect(third).toMatchObject({ extracted: 0, reanalyzed: 0, workersStarted: 0 });
    expect(third.counts).toMatchObject({ processed: 0, fromStore: FILES });
  });

  it('a new rules version re-runs the rules only; a new extractor version reads every file again', async () => {
    await runCollection(options({ versions: { extractor: 'e1', rules: 'r1' } }));
    const rulesBumped = await runCollection(options({ versions: { extractor: 'e1', rules: 'r2' } }));
    expect(rulesBumped).toMatchObject({ extracted: 0, reanalyzed: FILES });
    expect(rulesBumped.counts).toMatchObject({ processed: FILES, fromStore: 0 });
    expect(read('SELECT extractor_version, rules_version, count(*) AS n FROM documents GROUP BY 1, 2 ORDER BY 2'))
      .toEqual([{ extractor_version: 'e1', rules_version: 'r1', n: FILES }, { extractor_version: 'e1', rules_version: 'r2', n: FILES }]);
    await expectLastRunMatchesProcessFile({});

    const extractorBumped = await runCollection(options({ versions: { extractor: 'e2', rules: 'r2' } }));
    expect(extractorBumped).toMatchObject({ extracted: FILES, reanalyzed: 0 });
    expect(read('SELECT extractor_version, count(*) AS n FROM extractions GROUP BY 1 ORDER BY 1')).toEqual([{ extractor_version: 'e1', n: FILES }, { extractor_version: 'e2', n: FILES }]);
    await expectLastRunMatchesProcessFile({});
  });

  it('keeps the Documents compressed: under half their JSON', async () => {
    await runCollection(options());
    const rows = read<{ json_bytes: number; stored: number }>("SELECT json_bytes, length(document) AS stored FROM extractions WHERE status = 'ok'");
    expect(rows).toHaveLength(REPORTS.length);
    for (const row of rows) expect(row.stored).toBeLessThan(row.json_bytes / 2);
  });
});

describe('a stored Document', () => {
  it('analyzed again gives what processFile gives, for text, PDF, Word and workbook files', async () => {
    for (const path of ['fixtures/reports/huizhou-ybj-2022.md', 'fixtures/reports/huizhou-ybj-2022.pdf', 'fixtures/reports/meizhou-ybj-2023.docx', 'fixtures/office/budget-two-sheets.xlsx']) {
      const processed = await processFile(path);
      expect(processed.document, path).toBeDefined();
      const { blob } = encodeDocument(processed.document!);
      const again = analyzeDocument(path, decodeDocument(blob));
      expect(withoutTimings(again.result), path).toEqual(withoutTimings(processed.result));
      expect(Object.keys(again.result.timings ?? {})).toEqual(['normalize', 'analyze']);
    }
  });

  it('that does not fit the model is refused', () => {
    const { blob } = encodeDocument({ path: 'x', format: 'markdown', sha256: 'nope', pageNumbersKnown: false, pages: [], notices: [] });
    expect(() => decodeDocument(blob)).toThrow();
  });
});

describe('layer versions', () => {
  it('are hashes of the sources under vitest, one per layer', () => {
    const versions = layerVersions();
    expect(versions.extractor).toMatch(/^[0-9a-f]{16}$/);
    expect(versions.rules).toMatch(/^[0-9a-f]{16}$/);
    expect(versions.extractor).not.toBe(versions.rules);
    const root = new URL('../', import.meta.url).pathname;
    const dependencies = JSON.stringify((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    expect(hashLayer(root, LAYERS.extractor, '.ts', dependencies)).toBe(versions.extractor);
    expect(hashLayer(root, LAYERS.rules, '.ts', dependencies)).toBe(versions.rules);
  });

  it('change with the built files of their own layer only, from a dist/ folder', async () => {
    // A miniature install: package.json, dist/pipeline/version.js (compiled from the source), one module per layer.
    const root = mkdtempSync(join(tmpdir(), 'budgetlint-dist-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'budgetlint', version: '9.9.9', dependencies: { a: '1' } }));
      for (const folder of ['pipeline', 'extractors/ocr', 'normalizers', 'analyzers/rules', 'model']) mkdirSync(join(root, 'dist', folder), { recursive: true });
      const source = readFileSync(new URL('../pipeline/version.ts', import.meta.url), 'utf8');
      const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
      writeFileSync(join(root, 'dist', 'pipeline', 'version.js'), compiled);
      writeFileSync(join(root, 'dist', 'extractors', 'ocr', 'index.js'), 'export const a = 1;');
      writeFileSync(join(root, 'dist', 'extractors', 'index.d.ts'), 'export {};');
      writeFileSync(join(root, 'dist', 'normalizers', 'index.js'), 'export const b = 1;');
      writeFileSync(join(root, 'dist', 'analyzers', 'rules', 'x.js'), 'export const c = 1;');
      writeFileSync(join(root, 'dist', 'model', 'document.js'), 'export const d = 1;');
      let generation = 0;
      const load = async () => {
        const module = (await import(`${pathToFileURL(join(root, 'dist', 'pipeline', 'version.js')).href}?${++generation}`)) as typeof import('../pipeline/version.js');
        return { versions: module.layerVersions(), tool: module.TOOL_VERSION };
      };
      const base = await load();
      expect(base.tool).toBe('9.9.9');
      expect(base.versions.extractor).toMatch(/^[0-9a-f]{16}$/);
      expect((await load()).versions).toEqual(base.versions);

      writeFileSync(join(root, 'dist', 'extractors', 'ocr', 'index.js'), 'export const a = 2;');
      const extractorChanged = (await load()).versions;
      expect(extractorChanged.extractor).not.toBe(base.versions.extractor);
      expect(extractorChanged.rules).toBe(base.versions.rules);

      writeFileSync(join(root, 'dist', 'analyzers', 'rules', 'x.js'), 'export const c = 2;');
      const rulesChanged = (await load()).versions;
      expect(rulesChanged.extractor).toBe(extractorChanged.extractor);
      expect(rulesChanged.rules).not.toBe(base.versions.rules);

      // The Document model is read by both layers.
      writeFileSync(join(root, 'dist', 'model', 'document.js'), 'export const d = 2;');
      const modelChanged = (await load()).versions;
      expect(modelChanged.extractor).not.toBe(rulesChanged.extractor);
      expect(modelChanged.rules).not.toBe(rulesChanged.rules);

      // Type declarations and the package version are not code that runs.
      writeFileSync(join(root, 'dist', 'extractors', 'index.d.ts'), 'export declare const z: 1;');
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'budgetlint', version: '9.9.10', dependencies: { a: '1' } }));
      expect((await load()).versions).toEqual(modelChanged);
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'budgetlint', version: '9.9.10', dependencies: { a: '2' } }));
      const dependencyChanged = (await load()).versions;
      expect(dependencyChanged.extractor).not.toBe(modelChanged.extractor);
      expect(dependencyChanged.rules).not.toBe(modelChanged.rules);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

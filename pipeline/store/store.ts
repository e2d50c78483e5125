/**
 * The results store: SQLite through better-sqlite3, WAL mode. One writer (the main thread of
 * `budgetlint run`); each document is committed in one transaction with everything it yields.
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openStoreReadOnly } from './read-only.js';
import { CoverageSchema } from '../../model/coverage.js';
import type { FileResult, Meta } from '../../model/result.js';
import { disputingRules } from '../output.js';
import { layerVersions, TOOL_VERSION, type LayerVersions } from '../version.js';
import { MIGRATIONS, SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import type { FileSeen, ProcessedRecord } from './records.js';
import { processAlive } from '../../extractors/process-alive.js';
import { isFailed } from './records.js';
import { fileResultOfRows } from './rows.js';

export { isFailed, summarizePages } from './records.js';
export type { ExtractionRecord, FileSeen, PageSummary, ProcessedRecord } from './records.js';

export type DatabaseHandle = Database.Database;

export type RunOutcome = 'new' | 'reused' | 'error';

export class StoreError extends Error {}

export interface RunStartInfo {
  fingerprint: string;
  /** The layers' versions this run works with (default: this build's). */
  versions?: LayerVersions;
  settings: unknown;
  paths: string[];
  concurrency: number;
  filesTotal?: number;
}

export interface RunCounts {
  total: number;
  /** Processed by this run without a file-level error. */
  new: number;
  /** Taken from the store, without a file-level error. */
  reused: number;
  /** Files with a file-level error: processed now, taken from the store, or not processable at all. */
  failed: number;
  /** Documents processed by this run (the worker ran), failed or not. */
  processed: number;
  /** Files whose result was taken from the store, failed or not. */
  fromStore: number;
}

function now(): string {
  return new Date().toISOString();
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export class ResultStore {
  readonly db: DatabaseHandle;
  readonly path: string;
  private readonly statements;
  private readonly reuseTransaction: Database.Transaction<(runId: number, items: { file: FileSeen & { sha256: string }; documentId: number }[]) => void>;
  private readonly processedTransaction: Database.Transaction<(runId: number, fingerprint: string, records: ProcessedRecord[]) => { documentId: number; outcome: RunOutcome }[]>;

  private constructor(db: DatabaseHandle, path: string) {
    this.db = db;
    this.path = path;
    this.processedTransaction = db.transaction((runId: number, fingerprint: string, records: ProcessedRecord[]) =>
      records.map((record) => this.recordProcessedInTransaction(runId, fingerprint, record)));
    this.reuseTransaction = db.transaction((runId: number, items: { file: FileSeen & { sha256: string }; documentId: number }[]) => {
      for (const { file, documentId } of items) this.recordReusedInTransaction(runId, file, documentId);
    });
    this.statements = {
      findDocument: db.prepare<[string, string], { id: number; status: string }>('SELECT id, status FROM documents WHERE sha256 = ? AND fingerprint = ?'),
      findExtraction: db.prepare<[string, string, string], StoredExtraction>(`SELECT id, status, format, error_code AS errorCode, error_message AS errorMessage
        FROM extractions WHERE sha256 = ? AND extractor_version = ? AND ocr = ?`),
      extractionBlob: db.prepare<[number], { document: Buffer | null }>('SELECT document FROM extractions WHERE id = ?'),
      // The extractor version and OCR mode are the run's (runs.extractor_version, runs.settings).
      insertExtraction: db.prepare(`INSERT INTO extractions (sha256, extractor_version, ocr, run_id, status, format, error_code, error_message, document, json_bytes, extracted_at, elapsed_ms)
        SELECT @sha256, r.extractor_version, coalesce(json_extract(r.settings, '$.ocr'), 'tesseract'), r.id, @status, @format, @error_code, @error_message, @document, @json_bytes, @extracted_at, @elapsed_ms
        FROM runs r WHERE r.id = @run_id
        ON CONFLICT (sha256, extractor_version, ocr) DO NOTHING`),
      extractionOf: db.prepare<{ sha256: string; run_id: number }, { id: number }>(`SELECT e.id FROM extractions e JOIN runs r ON r.id = @run_id
        WHERE e.sha256 = @sha256 AND e.extractor_version = r.extractor_version AND e.ocr = coalesce(json_extract(r.settings, '$.ocr'), 'tesseract')`),
      fileState: db.prepare<[string], { sha256: string; document_id: number | null }>('SELECT sha256, document_id FROM files WHERE path = ?'),
      insertDocument: db.prepare(`INSERT INTO documents (sha256, fingerprint, tool_version, extraction_id, extractor_version, rules_version, run_id, path, size, status, format, encoding, page_count,
          department, year, filing_date, self_score, title, province, city, county, region_code, meta, notices, timings, coverage, processed_at, elapsed_ms)
        SELECT @sha256, @fingerprint, @tool_version, @extraction_id, r.extractor_version, r.rules_version, @run_id, @path, @size, @status, @format, @encoding, @page_count,
          @department, @year, @filing_date, @self_score, @title, @province, @city, @county, @region_code, @meta, @notices, @timings, @coverage, @processed_at, @elapsed_ms
        FROM runs r WHERE r.id = @run_id`),
      insertPage: db.prepare(`INSERT INTO pages (document_id, number, source, needs_ocr, width, height, line_count, table_count, char_count, notices)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertFact: db.prepare(`INSERT INTO facts (document_id, seq, concept, funds, period, basis, value, unit, printed_unit, raw, label, subject, page, line, "column", locator, table_id, table_title, measure, code, fact_key, confidence, disputed_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertFinding: db.prepare(`INSERT INTO findings (document_id, seq, rule_id, severity, message, message_id, data, page, line, "column", locator, actual, expected, evidence, fingerprint)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertError: db.prepare('INSERT INTO errors (document_id, run_id, path, sha256, code, message, page) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      upsertFile: db.prepare(`INSERT INTO files (path, sha256, size, mtime_ms, document_id, first_run_id, last_run_id) VALUES (@path, @sha256, @size, @mtime_ms, @document_id, @run_id, @run_id)
        ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, mtime_ms = excluded.mtime_ms,
          document_id = excluded.document_id, last_run_id = excluded.last_run_id`),
      insertRunFile: db.prepare(`INSERT OR REPLACE INTO run_files (run_id, path, sha256, document_id, previous_document_id, outcome)
        VALUES (?, ?, ?, ?, ?, ?)`),
    };
  }

  /** Opens (creating if needed) the store at `path`. Throws StoreError with a one-line Chinese message. */
  static open(path: string): ResultStore {
    const absolute = resolve(path);
    let db: DatabaseHandle;
    try {
      mkdirSync(dirname(absolute), { recursive: true });
      db = new Database(absolute);
    } catch (error) {
      throw new StoreError(`无法打开结果库 ${path}：${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a committed transaction survives the process being killed (not a power cut).
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 15000');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version === 0) {
        const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
        if (tables.n > 0) throw new StoreError(`${path} 不是 budgetlint 结果库（已有其他数据表）`);
        db.transaction(() => {
          db.exec(SCHEMA_SQL);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        }).immediate();
      } else if (version > SCHEMA_VERSION) {
        throw new StoreError(`结果库 ${path} 由更新版本的 budgetlint 创建（库版本 ${version}，本程序支持 ${SCHEMA_VERSION}），请升级`);
      } else if (version < SCHEMA_VERSION) {
        db.transaction(() => {
          for (const steps of MIGRATIONS.slice(version - 1, SCHEMA_VERSION - 1)) {
            for (const step of steps) {
              if (typeof step === 'string') db.exec(step);
              else step(db);
            }
          }
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        }).immediate();
      }
    } catch (error) {
      db.close();
      if (error instanceof StoreError) throw error;
      throw new StoreError(`无法打开结果库 ${path}：${error instanceof Error ? error.message : String(error)}`);
    }
    return new ResultStore(db, absolute);
  }

  /** Opens an existing store for reading (export). Throws StoreError with a one-line Chinese message. */
  static openForReading(path: string): ResultStore {
    const absolute = resolve(path);
    let db: DatabaseHandle;
    try {
      db = openStoreReadOnly(absolute).db;
    } catch (error) {
      const missing = (error as { code?: string }).code === 'SQLITE_CANTOPEN';
      throw new StoreError(missing ? `结果库 ${path} 不存在（先用 budgetlint run 生成）` : `无法打开结果库 ${path}：${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      db.pragma('busy_timeout = 15000');
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version === 0) throw new StoreError(`${path} 不是 budgetlint 结果库`);
      if (version > SCHEMA_VERSION) throw new StoreError(`结果库 ${path} 由更新版本的 budgetlint 创建（库版本 ${version}，本程序支持 ${SCHEMA_VERSION}），请升级`);
      if (version < SCHEMA_VERSION) throw new StoreError(`结果库 ${path} 为旧版本（库版本 ${version}），请先用本版本的 budgetlint run 打开一次以升级`);
    } catch (error) {
      db.close();
      if (error instanceof StoreError) throw error;
      throw new StoreError(`无法读取结果库 ${path}：${error instanceof Error ? error.message : String(error)}`);
    }
    return new ResultStore(db, absolute);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Starts a run; runs left `running` by a process that no longer exists are marked interrupted. */
  startRun(info: RunStartInfo): number {
    const host = hostname();
    return this.db.transaction(() => {
      const stale = this.db.prepare<[string], { id: number; pid: number | null }>("SELECT id, pid FROM runs WHERE status = 'running' AND host = ?").all(host);
      for (const run of stale) {
        if (run.pid === null || !processAlive(run.pid)) {
          this.finishRunCounts(run.id);
          this.db.prepare("UPDATE runs SET status = 'interrupted' WHERE id = ?").run(run.id);
        }
      }
      const versions = info.versions ?? layerVersions();
      const inserted = this.db.prepare(`INSERT INTO runs (started_at, status, pid, host, tool_version, extractor_version, rules_version, fingerprint, settings, paths, concurrency, files_total)
        VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(now(), process.pid, host, TOOL_VERSION, versions.extractor, versions.rules, info.fingerprint,
        json(info.settings), json(info.paths), info.concurrency, info.filesTotal ?? null);
      return Number(inserted.lastInsertRowid);
    }).immediate();
  }

  setFilesTotal(runId: number, total: number): void {
    this.db.prepare('UPDATE runs SET files_total = ? WHERE id = ?').run(total, runId);
  }

  finishRun(runId: number): RunCounts {
    return this.db.transaction(() => {
      const counts = this.finishRunCounts(runId);
      this.db.prepare("UPDATE runs SET status = 'finished', finished_at = ? WHERE id = ?").run(now(), runId);
      return counts;
    }).immediate();
  }

  private finishRunCounts(runId: number): RunCounts {
    const counts = this.runCounts(runId);
    this.db.prepare('UPDATE runs SET processed = ?, reused = ?, failed = ? WHERE id = ?').run(counts.processed, counts.fromStore, counts.failed, runId);
    return counts;
  }

  runCounts(runId: number): RunCounts {
    const row = this.db.prepare<[number], { total: number; new_ok: number | null; reused_ok: number | null; failed: number | null; processed: number | null; from_store: number | null }>(`
      SELECT count(*) AS total,
        sum(rf.outcome = 'new' AND d.status = 'ok') AS new_ok,
        sum(rf.outcome = 'reused' AND d.status = 'ok') AS reused_ok,
        sum(rf.outcome = 'error' OR d.status = 'failed') AS failed,
        sum(rf.outcome = 'new') AS processed,
        sum(rf.outcome = 'reused') AS from_store
      FROM run_files rf LEFT JOIN documents d ON d.id = rf.document_id WHERE rf.run_id = ?`).get(runId);
    return {
      total: row?.total ?? 0,
      new: row?.new_ok ?? 0,
      reused: row?.reused_ok ?? 0,
      failed: row?.failed ?? 0,
      processed: row?.processed ?? 0,
      fromStore: row?.from_store ?? 0,
    };
  }

  /** The stored document for this content under this fingerprint, if any. */
  findDocument(sha256: string, fingerprint: string): { id: number; status: string } | undefined {
    return this.statements.findDocument.get(sha256, fingerprint);
  }

  /** The stored extraction of this content by this extractor version in this OCR mode, if any. */
  findExtraction(sha256: string, extractorVersion: string, ocr: string): StoredExtraction | undefined {
    return this.statements.findExtraction.get(sha256, extractorVersion, ocr);
  }

  /** The compressed Document of a successful extraction (decode it with decodeDocument). */
  extractionBlob(id: number): Buffer | undefined {
    return this.statements.extractionBlob.get(id)?.document ?? undefined;
  }

  /**
   * Stores a freshly processed file: the document and everything it yields, the path's new
   * content and this run's outcome, in one transaction. When the same content under the same
   * fingerprint is already there (another process got there first), the file is recorded as reused.
   */
  recordProcessed(runId: number, fingerprint: string, record: ProcessedRecord): { documentId: number; outcome: RunOutcome } {
    return this.recordProcessedMany(runId, fingerprint, [record])[0]!;
  }

  /**
   * Several processed files in one transaction (a group commit): each document is still stored
   * whole or not at all, and one commit instead of many halves what storing costs the main thread.
   */
  recordProcessedMany(runId: number, fingerprint: string, records: ProcessedRecord[]): { documentId: number; outcome: RunOutcome }[] {
    return this.processedTransaction.immediate(runId, fingerprint, records);
  }

  private recordProcessedInTransaction(runId: number, fingerprint: string, record: ProcessedRecord): { documentId: number; outcome: RunOutcome } {
    const { result } = record;
    {
      const existing = this.statements.findDocument.get(record.sha256, fingerprint);
      if (existing) {
        this.recordReusedInTransaction(runId, { path: record.path, sha256: record.sha256, size: record.size, mtimeMs: record.mtimeMs }, existing.id);
        return { documentId: existing.id, outcome: 'reused' as const };
      }
      const meta: Meta = result.meta ?? {};
      const extractionId = this.storeExtraction(runId, record);
      const inserted = this.statements.insertDocument.run({
        sha256: record.sha256,
        fingerprint,
        tool_version: TOOL_VERSION,
        extraction_id: extractionId,
        run_id: runId,
        path: record.path,
        size: record.size ?? null,
        status: isFailed(result) ? 'failed' : 'ok',
        format: result.format ?? null,
        encoding: result.encoding ?? null,
        page_count: result.pages ?? null,
        department: meta.department ?? null,
        year: meta.year ?? null,
        filing_date: meta.filingDate ?? null,
        self_score: meta.selfScore ?? null,
        title: meta.title ?? null,
        province: meta.region?.province ?? null,
        city: meta.region?.city ?? null,
        county: meta.region?.county ?? null,
        region_code: meta.region?.code ?? null,
        meta: json(meta),
        notices: json(result.notices ?? []),
        timings: result.timings ? json(result.timings) : null,
        coverage: result.coverage ? json(result.coverage) : null,
        processed_at: now(),
        elapsed_ms: record.elapsedMs ?? null,
      });
      const documentId = Number(inserted.lastInsertRowid);
      for (const page of record.pages) {
        this.statements.insertPage.run(documentId, page.number, page.source, page.needsOcr ? 1 : 0, page.width ?? null, page.height ?? null,
          page.lineCount, page.tableCount, page.charCount, json(page.notices));
      }
      result.facts.forEach((fact, seq) => {
        const disputed = disputingRules(fact, result.findings);
        this.statements.insertFact.run(documentId, seq, fact.concept, fact.scope.funds, fact.scope.period, fact.scope.basis, fact.value, fact.unit,
          fact.printedUnit ?? null, fact.raw, fact.label, fact.subject.join('/'), fact.page, fact.line, fact.column, fact.locator ?? null,
          fact.tableId ?? null, fact.table ?? null, fact.measure ? fact.measure.join('/') : null, fact.code ?? null, fact.key ?? null,
          fact.confidence ?? null, disputed.length > 0 ? disputed.join(',') : null);
      });
      result.findings.forEach((finding, seq) => {
        this.statements.insertFinding.run(documentId, seq, finding.ruleId, finding.severity, finding.message, finding.messageId, json(finding.data),
          finding.page, finding.line, finding.column, finding.locator ?? null, finding.actual ?? null, finding.expected ?? null, json(finding.evidence), finding.fingerprint ?? null);
      });
      for (const error of result.errors) {
        this.statements.insertError.run(documentId, runId, record.path, record.sha256, error.code ?? null, error.message, error.page ?? null);
      }
      const previous = this.statements.fileState.get(record.path);
      this.statements.upsertFile.run({ path: record.path, sha256: record.sha256, size: record.size ?? null, mtime_ms: record.mtimeMs ?? null, document_id: documentId, run_id: runId });
      this.statements.insertRunFile.run(runId, record.path, record.sha256, documentId, previous?.document_id ?? null, 'new');
      return { documentId, outcome: 'new' as const };
    }
  }

  /** The extraction a record was analyzed from: stored before (its id), new (stored now, once per content), or none. */
  private storeExtraction(runId: number, record: ProcessedRecord): number | null {
    const extraction = record.extraction;
    if (!extraction) return null;
    if ('id' in extraction) return extraction.id;
    this.statements.insertExtraction.run({
      sha256: record.sha256,
      run_id: runId,
      status: extraction.ok ? 'ok' : 'failed',
      format: extraction.ok ? null : (extraction.format ?? null),
      error_code: extraction.ok ? null : (extraction.error.code ?? null),
      error_message: extraction.ok ? null : extraction.error.message,
      document: extraction.ok ? Buffer.from(extraction.blob.buffer, extraction.blob.byteOffset, extraction.blob.byteLength) : null,
      json_bytes: extraction.ok ? (extraction.jsonBytes ?? null) : null,
      extracted_at: now(),
      elapsed_ms: extraction.elapsedMs ?? null,
    });
    return this.statements.extractionOf.get({ sha256: record.sha256, run_id: runId })?.id ?? null;
  }

  /** A file whose content is known under this fingerprint: the path now points at that document. */
  recordReused(runId: number, file: FileSeen & { sha256: string }, documentId: number): void {
    this.recordReusedMany(runId, [{ file, documentId }]);
  }

  /** Several reused files in one transaction (a reused file costs no processing; its commit dominates). */
  recordReusedMany(runId: number, items: { file: FileSeen & { sha256: string }; documentId: number }[]): void {
    if (items.length === 0) return;
    this.reuseTransaction.immediate(runId, items);
  }


  private recordReusedInTransaction(runId: number, file: FileSeen & { sha256: string }, documentId: number): void {
    const previous = this.statements.fileState.get(file.path);
    this.statements.upsertFile.run({ path: file.path, sha256: file.sha256, size: file.size ?? null, mtime_ms: file.mtimeMs ?? null, document_id: documentId, run_id: runId });
    this.statements.insertRunFile.run(runId, file.path, file.sha256, documentId, previous?.document_id ?? null, 'reused');
  }

  /**
   * A file that yielded no document: unreadable, missing, or stopped by the time limit or the
   * memory guard. Not cached: the next run tries it again.
   */
  recordFailure(runId: number, file: FileSeen, error: { code: string; message: string }): void {
    this.db.transaction(() => {
      this.statements.insertError.run(null, runId, file.path, file.sha256 ?? null, error.code, error.message, null);
      const previous = this.statements.fileState.get(file.path);
      this.statements.insertRunFile.run(runId, file.path, file.sha256 ?? null, null, previous?.document_id ?? null, 'error');
    }).immediate();
  }

  /** A stored document back as the FileResult it was stored from (for `check`-style output and tests). */
  loadResult(documentId: number): (FileResult & { status: string }) | undefined {
    const row = this.db.prepare<[number], Record<string, unknown>>('SELECT * FROM documents WHERE id = ?').get(documentId);
    if (!row) return undefined;
    return fileResultOfRows(row,
      this.db.prepare<[number], Record<string, unknown>>('SELECT * FROM facts WHERE document_id = ? ORDER BY seq').all(documentId),
      this.db.prepare<[number], Record<string, unknown>>('SELECT * FROM findings WHERE document_id = ? ORDER BY seq').all(documentId),
      this.db.prepare<[number], { message: string; code: string | null; page: number | null }>('SELECT message, code, page FROM errors WHERE document_id = ? ORDER BY id').all(documentId));
  }

  /** The previous run (any status) before `runId`, if any. */
  previousRun(runId: number): { id: number; started_at: string; status: string } | undefined {
    return this.db.prepare<[number], { id: number; started_at: string; status: string }>('SELECT id, started_at, status FROM runs WHERE id < ? ORDER BY id DESC LIMIT 1').get(runId);
  }

  /** Findings of this run's files, counted by severity and by rule (each document once). */
  findingCounts(runId: number): { bySeverity: Record<string, number>; byRule: { ruleId: string; severity: string; count: number }[] } {
    const documents = 'SELECT DISTINCT document_id FROM run_files WHERE run_id = ? AND document_id IS NOT NULL';
    const bySeverity: Record<string, number> = {};
    for (const row of this.db.prepare<[number], { severity: string; n: number }>(`SELECT severity, count(*) AS n FROM findings WHERE document_id IN (${documents}) GROUP BY severity`).all(runId)) {
      bySeverity[row.severity] = row.n;
    }
    const byRule = this.db.prepare<[number], { ruleId: string; severity: string; count: number }>(`SELECT rule_id AS ruleId, severity, count(*) AS count
      FROM findings WHERE document_id IN (${documents}) GROUP BY rule_id, severity ORDER BY count DESC, rule_id`).all(runId);
    return { bySeverity, byRule };
  }

  /**
   * Findings of the documents this run processed that the previous content of the same path did
   * not have (same rule, message and figures). A path seen for the first time has only new findings.
   */
  newFindings(runId: number): NewFinding[] {
    return this.db.prepare<[number], NewFinding>(`
      SELECT rf.path AS path, f.rule_id AS ruleId, f.severity AS severity, f.message AS message, f.page AS page, f.line AS line, f."column" AS "column", f.locator AS locator, f.fingerprint AS fingerprint
      FROM run_files rf JOIN findings f ON f.document_id = rf.document_id
      WHERE rf.run_id = ? AND rf.outcome = 'new'
        AND (rf.previous_document_id IS NULL OR NOT EXISTS (SELECT 1 FROM findings p WHERE p.document_id = rf.previous_document_id
          -- unary + keeps SQLite on the document index (the rule index would scan every finding of the rule)
          AND +p.rule_id = f.rule_id AND +p.message_id = f.message_id AND p.data = f.data))
      ORDER BY rf.path, f.page, f.line, f."column", f.seq`).all(runId);
  }

  /** This run's file-level failures with their reasons. */
  failures(runId: number): { path: string; code: string | null; message: string }[] {
    return this.db.prepare<[number], { path: string; code: string | null; message: string }>(`
      SELECT rf.path AS path, e.code AS code, e.message AS message FROM run_files rf
      JOIN errors e ON (rf.document_id IS NOT NULL AND e.document_id = rf.document_id AND e.page IS NULL)
        OR (rf.document_id IS NULL AND e.document_id IS NULL AND e.run_id = rf.run_id AND e.path = rf.path)
      WHERE rf.run_id = ? AND (rf.outcome = 'error' OR rf.document_id IN (SELECT id FROM documents WHERE status = 'failed'))
      ORDER BY rf.path, e.id`).all(runId);
  }
}

/** An extraction as the runner needs it to decide: analyze its Document again, or its failure. */
export interface StoredExtraction {
  id: number;
  status: 'ok' | 'failed';
  format: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface NewFinding {
  path: string;
  ruleId: string;
  severity: string;
  message: string;
  page: number;
  line: number;
  column: number;
  locator: string | null;
  fingerprint: string | null;
}

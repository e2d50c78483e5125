/**
 * `budgetlint run`: a collection into the results store. Every file is hashed; files whose
 * content was already processed under the same fingerprint are reused; a content whose Document
 * is stored (same extractor version and OCR mode) is only analyzed again; the others are read.
 * Both kinds of work go to worker threads (p-queue keeps `concurrency` of them busy) and each
 * result is committed in one transaction as it arrives.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import PQueue from 'p-queue';
import type { RuleSettings } from '../../analyzers/index.js';
import { collectFiles } from '../files.js';
import { resultOfFailure, sha256Hex } from '../process.js';
import { canonicalSettings, ocrMode, ruleSetFingerprint } from '../store/fingerprint.js';
import type { FileSeen, ProcessedRecord } from '../store/records.js';
import { ResultStore, type NewFinding, type RunCounts, type StoredExtraction } from '../store/store.js';
import { layerVersions, type LayerVersions } from '../version.js';
import { WorkerPool } from './pool.js';

export interface RunOptions {
  paths: string[];
  db: string;
  concurrency: number;
  rules: RuleSettings;
  ocr?: 'tesseract' | 'paddle' | 'off';
  ocrWorkers?: number;
  /** ZIP containers inflating past this many bytes are refused (extractors/zip-guard.ts). */
  maxInflatedBytes?: number;
  /** Per-file time limit (ms). */
  timeLimitMs: number;
  /** Per-worker JS heap limit (MiB). */
  memoryLimitMb: number;
  onProgress?: (progress: RunProgress) => void;
  /** Another worker module; for tests of the guards. */
  workerScript?: URL;
  /** The layers' versions to key the store by (default: this build's code); tests bump them. */
  versions?: LayerVersions;
  forwardWorkerOutput?: boolean;
}

export interface RunProgress {
  total: number;
  done: number;
  /** Processed by this run without a file-level error (the summary's 新处理); failures count under `failed` only. */
  processed: number;
  reused: number;
  failed: number;
  /** Pages of the documents processed so far. */
  pages: number;
  elapsedMs: number;
}

export interface RunReport {
  runId: number;
  db: string;
  counts: RunCounts;
  pagesProcessed: number;
  elapsedMs: number;
  bySeverity: Record<string, number>;
  byRule: { ruleId: string; severity: string; count: number }[];
  newFindings: NewFinding[];
  failures: { path: string; code: string | null; message: string }[];
  previousRun?: { id: number; started_at: string; status: string };
  workersStarted: number;
  /** Files this run read with the extractors (counted where the extractors are called). */
  extracted: number;
  /** Files analyzed again from their stored Document (new rules or settings), without being read. */
  reanalyzed: number;
  /** budgetlint's own reports the walk passed over (pipeline/files.ts). */
  skippedReports: string[];
}

/** Failures that depend on the moment (time, memory, I/O), not on the content: never cached. */
// A refused ZIP bomb too: the limit is a setting, and checking costs seconds.
export const TRANSIENT_CODES = new Set(['timeout', 'out-of-memory', 'worker-crashed', 'io', 'decompression-bomb']);

const WHOLE_READ_LIMIT = 16 * 1024 * 1024;
const REUSE_BATCH = 200;
/** Group commits of processed files: at most this many, waiting at most this long. */
const COMMIT_GROUP = 16;
const COMMIT_DELAY_MS = 25;

/**
 * Content hash of a file. Small files are read synchronously: four thread-pool round trips per
 * file (open, stat, read, close) cost more than the read itself, and an all-reused run is mostly this.
 */
export async function hashFile(path: string): Promise<{ sha256: string; size: number; mtimeMs: number }> {
  const info = statSync(path);
  if (!info.isFile()) throw Object.assign(new Error('不是普通文件'), { code: 'not-a-file' });
  if (info.size <= WHOLE_READ_LIMIT) {
    return { sha256: sha256Hex(readFileSync(path)), size: info.size, mtimeMs: info.mtimeMs };
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return { sha256: hash.digest('hex'), size: info.size, mtimeMs: info.mtimeMs };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

export async function runCollection(options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const store = ResultStore.open(options.db);
  const pool = new WorkerPool({
    size: options.concurrency,
    timeoutMs: options.timeLimitMs,
    memoryLimitMb: options.memoryLimitMb,
    ...(options.workerScript ? { script: options.workerScript } : {}),
    ...(options.forwardWorkerOutput ? { forwardOutput: true } : {}),
  });
  try {
    const versions = options.versions ?? layerVersions();
    const fingerprintInput = { rules: options.rules, ...(options.ocr ? { ocr: options.ocr } : {}), versions };
    const fingerprint = ruleSetFingerprint(fingerprintInput);
    const ocr = ocrMode(fingerprintInput);
    const runId = store.startRun({ fingerprint, versions, settings: canonicalSettings(fingerprintInput), paths: options.paths, concurrency: options.concurrency });
    let extracted = 0;
    let reanalyzed = 0;
    const { files, problems, skipped } = await collectFiles(options.paths);
    const total = files.length + problems.length;
    store.setFilesTotal(runId, total);

    const queue = new PQueue({ concurrency: options.concurrency });
    const inFlight = new Map<string, Promise<void>>();
    // A failure of the store itself (disk full…) ends the run; everything committed so far stays.
    let fatal: { error: unknown } | undefined;
    const progress: RunProgress = { total, done: 0, processed: 0, reused: 0, failed: 0, pages: 0, elapsedMs: 0 };
    const report = () => {
      progress.elapsedMs = performance.now() - started;
      options.onProgress?.({ ...progress });
    };
    const fail = (file: FileSeen, error: { code: string; message: string }) => {
      store.recordFailure(runId, file, error);
      progress.failed++;
      progress.done++;
      report();
    };
    // Reused files are written in batches: one commit each would cost more than everything else a
    // reused file needs. A batch lost to a kill costs nothing: the next run records those files again.
    let reusedBatch: { file: FileSeen & { sha256: string }; documentId: number; failed: boolean }[] = [];
    const flushReused = () => {
      if (reusedBatch.length === 0) return;
      const batch = reusedBatch;
      reusedBatch = [];
      store.recordReusedMany(runId, batch);
      for (const item of batch) {
        if (item.failed) progress.failed++;
        else progress.reused++;
        progress.done++;
      }
      report();
    };
    const reuse = (file: FileSeen & { sha256: string }, document: { id: number; status: string }, batched = false) => {
      reusedBatch.push({ file, documentId: document.id, failed: document.status === 'failed' });
      if (!batched || reusedBatch.length >= REUSE_BATCH) flushReused();
    };

    for (const problem of problems) fail({ path: problem.path }, { code: problem.code, message: problem.message });

    const processOptions = {
      rules: options.rules,
      ...(options.ocr ? { ocr: options.ocr } : {}),
      // Documents already run in parallel: one OCR worker each unless told otherwise.
      ocrWorkers: options.ocrWorkers ?? 1,
      ...(options.maxInflatedBytes ? { maxInflatedBytes: options.maxInflatedBytes } : {}),
    };
    // Processed files are committed in small groups (a group commit): each document whole or not at
    // all, as before, but one commit per group halves what storing costs the main thread. A group
    // still waiting when the process is killed is simply processed again by the next run.
    let commitGroup: { record: ProcessedRecord; done: () => void }[] = [];
    let commitTimer: NodeJS.Timeout | undefined;
    const countStored = (record: ProcessedRecord, outcome: 'new' | 'reused' | 'error') => {
      if (outcome === 'new') {
        progress.pages += record.result.pages ?? 0;
        if (record.result.errors.some((error) => error.page === undefined)) progress.failed++;
        else progress.processed++;
      } else if (outcome === 'reused') {
        progress.reused++;
      } else {
        progress.failed++;
      }
      progress.done++;
    };
    const flushProcessed = () => {
      if (commitTimer) clearTimeout(commitTimer);
      commitTimer = undefined;
      if (commitGroup.length === 0) return;
      const group = commitGroup;
      commitGroup = [];
      try {
        let outcomes: ('new' | 'reused' | 'error')[];
        try {
          outcomes = store.recordProcessedMany(runId, fingerprint, group.map((item) => item.record)).map((stored) => stored.outcome);
        } catch {
          // One record the store refuses must not take the others down: store them one by one.
          outcomes = group.map(({ record }) => {
            try {
              return store.recordProcessed(runId, fingerprint, record).outcome;
            } catch (error) {
              store.recordFailure(runId, record, { code: 'internal', message: `无法写入结果库：${describe(error)}` });
              return 'error' as const;
            }
          });
        }
        group.forEach((item, index) => countStored(item.record, outcomes[index]!));
        report();
      } catch (error) {
        // The store itself fails (disk full…): end the run; everything committed so far stays.
        fatal ??= { error };
        queue.clear();
      } finally {
        for (const item of group) item.done();
      }
    };
    // Never flushed synchronously here: the worker that sent this result gets its next file first
    // (dispatch happens in microtasks), then the group is written.
    let flushScheduled = false;
    const commit = (record: ProcessedRecord) => new Promise<void>((resolve) => {
      commitGroup.push({ record, done: resolve });
      if (commitGroup.length >= COMMIT_GROUP && !flushScheduled) {
        flushScheduled = true;
        setImmediate(() => {
          flushScheduled = false;
          flushProcessed();
        });
      } else {
        commitTimer ??= setTimeout(flushProcessed, COMMIT_DELAY_MS);
      }
    });
    /** Content → its pending commit, so the same content at another path waits for it. */
    const commits = new Map<string, Promise<void>>();

    let taskId = 0;
    /** Reads the file (no usable extraction stored), or analyzes its stored Document again. */
    const processNew = async (file: FileSeen & { sha256: string }) => {
      const stored: StoredExtraction | undefined = store.findExtraction(file.sha256, versions.extractor, ocr);
      if (stored?.status === 'failed') {
        // Content no extractor reads: its error stands under any rules; nothing to run.
        reanalyzed++;
        const result = resultOfFailure(file.path, file.sha256, stored.format ?? undefined, { message: stored.errorMessage ?? '', ...(stored.errorCode ? { code: stored.errorCode } : {}) });
        commits.set(file.sha256, commit({ ...file, result, pages: [], extraction: { id: stored.id } }));
        return;
      }
      const blob = stored ? store.extractionBlob(stored.id) : undefined;
      const outcome = await pool.run({ id: ++taskId, path: file.path, options: processOptions, ...(blob ? { document: blob } : {}) });
      if (!outcome.ok) return fail(file, { code: outcome.code, message: outcome.message });
      const { result, pages, elapsedMs, extraction } = outcome.message;
      extracted += outcome.message.extractorCalls ?? 0;
      const transient = result.errors.find((error) => error.code && TRANSIENT_CODES.has(error.code) && error.page === undefined);
      if (transient) return fail(file, { code: transient.code ?? 'internal', message: transient.message });
      // The file may have changed between hashing and processing: store what was actually read.
      const sha256 = result.sha256 ?? file.sha256;
      if (stored && blob) reanalyzed++;
      const from = stored && blob ? { extraction: { id: stored.id } } : extraction ? { extraction } : {};
      // Not awaited: the worker takes the next file while this result waits for its group commit.
      commits.set(file.sha256, commit({ ...file, sha256, result, pages, elapsedMs, ...from }));
    };

    const guarded = (task: () => Promise<void>) => async () => {
      if (fatal) return;
      try {
        await task();
      } catch (error) {
        fatal ??= { error };
        queue.clear();
      }
    };
    for (const path of files) {
      if (fatal) break;
      let file: FileSeen & { sha256: string };
      try {
        file = { path, ...(await hashFile(path)) };
      } catch (error) {
        fail({ path }, { code: 'io', message: `无法读取文件：${describe(error)}` });
        continue;
      }
      const known = store.findDocument(file.sha256, fingerprint);
      if (known) {
        reuse(file, known, true);
        continue;
      }
      flushReused();
      const earlier = inFlight.get(file.sha256);
      if (earlier) {
        // Same content at another path in this run: wait for the first one, then reuse it.
        void queue.add(guarded(async () => {
          await earlier;
          await commits.get(file.sha256);
          const document = store.findDocument(file.sha256, fingerprint);
          if (document) reuse(file, document);
          else await processNew(file);
        }));
      } else {
        inFlight.set(file.sha256, queue.add(guarded(() => processNew(file))));
      }
      // Keep hashing only a little ahead of the workers.
      await queue.onSizeLessThan(options.concurrency * 2);
    }
    flushReused();
    await queue.onIdle();
    flushProcessed();
    if (fatal) throw fatal.error;

    const counts = store.finishRun(runId);
    const { bySeverity, byRule } = store.findingCounts(runId);
    const previousRun = store.previousRun(runId);
    return {
      runId,
      db: store.path,
      counts,
      pagesProcessed: progress.pages,
      elapsedMs: performance.now() - started,
      bySeverity,
      byRule,
      newFindings: store.newFindings(runId),
      failures: store.failures(runId),
      ...(previousRun ? { previousRun } : {}),
      workersStarted: pool.started,
      extracted,
      reanalyzed,
      skippedReports: skipped,
    };
  } finally {
    await pool.close();
    store.close();
  }
}

/**
 * `budgetlint run --db postgres://…`: one job per file into the shared queue, then — unless
 * `--no-work` — this process works on the queue too until every file of its run is stored or
 * failed, showing the whole run's progress (all workers' files, not only its own).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { collectFiles } from '../files.js';
import type { RunOptions, RunReport } from '../run/runner.js';
import { hashFile } from '../run/runner.js';
import { describeDb } from '../store/api.js';
import { canonicalSettings, ruleSetFingerprint } from '../store/fingerprint.js';
import { PostgresStore } from '../store/postgres/store.js';
import { runStatusOf, type RunStatus } from './status.js';
import { layerVersions, type LayerVersions } from '../version.js';
import { jobIdOf, openQueue, sendFileJob } from './queue.js';
import { persist, runWorker, type WorkerStats } from './worker.js';

/** What a local run is told about files, rules and limits, the same here (pipeline/run/runner.ts). */
export interface DistributedRunOptions extends Pick<RunOptions, 'paths' | 'db' | 'concurrency' | 'rules' | 'ocr' | 'ocrWorkers' | 'timeLimitMs' | 'memoryLimitMb' | 'maxInflatedBytes'> {
  /** Only enqueue; workers elsewhere do the work. */
  noWork: boolean;
  /** Store each file's bytes in PostgreSQL for workers without this filesystem. */
  upload: boolean;
  /** A job held longer than this by a worker is taken to be lost (its worker killed) and retried. */
  jobExpirySeconds: number;
  /** The whole run's state, about every second while it is worked on, and once at the end. */
  onStatus?: (status: RunStatus) => void;
  /** Every file is queued (or found stored); the work starts next. */
  onEnqueued?: (enqueue: EnqueueReport) => void;
  log?: (line: string) => void;
  versions?: LayerVersions;
  workerScript?: URL;
}

export interface EnqueueReport {
  runId: number;
  files: number;
  queued: number;
  reused: number;
  failed: number;
  /** Jobs that already existed (the same content queued by this or another run). */
  alreadyQueued: number;
}

export async function runDistributed(options: DistributedRunOptions): Promise<{ enqueue: EnqueueReport; report?: RunReport; worker?: WorkerStats }> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const store = await PostgresStore.open(options.db);
  try {
    const boss = await openQueue(options.db, { supervise: !options.noWork, onError: () => {} });
    const versions = options.versions ?? layerVersions();
    const fingerprintInput = { rules: options.rules, ...(options.ocr ? { ocr: options.ocr } : {}), versions };
    const fingerprint = ruleSetFingerprint(fingerprintInput);
    const runId = await store.startRun({ fingerprint, versions, settings: canonicalSettings(fingerprintInput), paths: options.paths, concurrency: options.concurrency, uploaded: options.upload });
    const enqueue: EnqueueReport = { runId, files: 0, queued: 0, reused: 0, failed: 0, alreadyQueued: 0 };
    try {
      const { files, problems } = await collectFiles(options.paths);
      enqueue.files = files.length + problems.length;
      await store.setFilesTotal(runId, enqueue.files);
      for (const problem of problems) {
        await store.recordFailure(runId, { path: problem.path }, { code: problem.code, message: problem.message });
        enqueue.failed++;
      }
      for (const path of files) {
        let file;
        try {
          file = { path, ...(await hashFile(path)) };
        } catch (error) {
          await store.recordFailure(runId, { path }, { code: 'io', message: `无法读取文件：${error instanceof Error ? error.message : String(error)}` });
          enqueue.failed++;
          continue;
        }
        // Bytes first: a worker may take the job the moment it is sent.
        if (options.upload) {
          const bytes = readFileSync(path);
          await persist(() => store.uploadBlob(file.sha256, bytes), log);
        }
        const jobId = jobIdOf(file.sha256, fingerprint);
        if ((await persist(() => store.enqueueFile(runId, fingerprint, file, jobId), log)) === 'reused') {
          enqueue.reused++;
          continue;
        }
        enqueue.queued++;
        const job = { runId, path, sha256: file.sha256, size: file.size, mtimeMs: file.mtimeMs, fingerprint, uploaded: options.upload };
        const sent = await persist(() => sendFileJob(boss, job, { expireInSeconds: options.jobExpirySeconds }), log);
        if (!sent) {
          enqueue.alreadyQueued++;
          // Its job may have finished between our look and our row: then the document is there now.
          await persist(() => store.resolveStored(file.sha256, fingerprint), log);
        }
      }
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => {});
    }
    options.onEnqueued?.(enqueue);
    if (options.noWork) return { enqueue };

    const runRow = async () => (await store.runProgress([runId]))[0]!;
    const report = () => runRow().then((row) => options.onStatus?.(runStatusOf(row, Date.now() / 1000)), () => {});
    const timer = setInterval(() => void report(), 1000);
    let worker: WorkerStats;
    try {
      worker = await runWorker({
        db: options.db,
        concurrency: options.concurrency,
        watch: false,
        timeLimitMs: options.timeLimitMs,
        memoryLimitMb: options.memoryLimitMb,
        ...(options.ocrWorkers ? { ocrWorkers: options.ocrWorkers } : {}),
        ...(options.maxInflatedBytes ? { maxInflatedBytes: options.maxInflatedBytes } : {}),
        versions,
        log,
        ...(options.workerScript ? { workerScript: options.workerScript } : {}),
        until: async () => (await runRow()).queued === 0,
      });
      // Other workers may still hold the last files: wait for them.
      while ((await persist(runRow, log)).queued > 0) await sleep(500);
    } finally {
      clearInterval(timer);
    }
    const finalRow = await persist(runRow, log);
    options.onStatus?.(runStatusOf(finalRow, Date.now() / 1000));
    const counts = await store.finishRun(runId);
    const { bySeverity, byRule } = await store.findingCounts(runId);
    const previousRun = await store.previousRun(runId);
    return {
      enqueue,
      worker,
      report: {
        runId,
        // Walks happen on the enqueuing machine; a distributed run reports none skipped here.
        skippedReports: [],
        db: describeDb(options.db),
        counts,
        pagesProcessed: worker.pages,
        elapsedMs: performance.now() - started,
        bySeverity,
        byRule,
        newFindings: await store.newFindings(runId),
        failures: await store.failures(runId),
        ...(previousRun ? { previousRun } : {}),
        workersStarted: worker.workersStarted,
        extracted: worker.extracted,
        reanalyzed: worker.reanalyzed,
      },
    };
  } finally {
    await store.close().catch(() => {});
  }
}

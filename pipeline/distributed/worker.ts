/**
 * `budgetlint worker`: takes file jobs from the queue and stores their results in the shared
 * PostgreSQL store, `concurrency` files at a time on worker threads (the same pool, time limit
 * and memory guard as `budgetlint run`).
 *
 * At-least-once with idempotent writes: a job is completed only after its document is committed
 * (one transaction, keyed by content and fingerprint); a job whose worker dies is expired by
 * pg-boss and given to another worker, which stores the content once — or finds it stored and
 * only records it. A failure that repeats (a crash, a time limit) fails the job; after the retry
 * limit the dead-letter queue turns it into the file's error record.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import type { RuleSettings } from '../../analyzers/index.js';
import { resultOfFailure } from '../process.js';
import { WorkerPool } from '../run/pool.js';
import { TRANSIENT_CODES } from '../run/runner.js';
import { ocrMode, ruleSetFingerprint } from '../store/fingerprint.js';
import { isConnectionError, PostgresStore } from '../store/postgres/store.js';
import type { ProcessedRecord } from '../store/records.js';
import { layerVersions, type LayerVersions } from '../version.js';
import { FAILED_QUEUE, FILE_QUEUE, FileJobSchema, openQueue, type FileJob } from './queue.js';

export interface WorkerOptions {
  db: string;
  concurrency: number;
  /** Keep waiting for jobs when the queue is empty (until stopped). */
  watch: boolean;
  timeLimitMs: number;
  memoryLimitMb: number;
  /** OCR threads per file (default 1: files already run in parallel). */
  ocrWorkers?: number;
  /** A container inflating to more than this is refused (config `maxUnzippedMb`), as in a local run. */
  maxInflatedBytes?: number;
  /** Stop once this says so (checked when there is no job to take): `run` stops when its own files are done. */
  until?: () => Promise<boolean>;
  /** Stop taking jobs; jobs in hand are finished. */
  signal?: AbortSignal;
  /** One line per event worth a log line (Chinese). */
  log?: (line: string) => void;
  versions?: LayerVersions;
  /** Another worker-thread module (tests of crashes). */
  workerScript?: URL;
  /** How often to look for jobs when there are none (ms). */
  pollMs?: number;
}

export interface WorkerStats {
  /** Jobs completed: stored, found stored, or failed for good (content no extractor reads). */
  completed: number;
  /** Documents this worker stored. */
  stored: number;
  /** Jobs this worker failed (they are retried, or go to the dead-letter queue). */
  failedTries: number;
  /** Files turned into error records after the retry limit. */
  deadLettered: number;
  extracted: number;
  reanalyzed: number;
  pages: number;
  workersStarted: number;
}

/** The canonical settings stored with a run (fingerprint.ts canonicalSettings), read back. */
const RunSettingsSchema = z.object({
  severity: z.array(z.tuple([z.string(), z.string()])),
  only: z.array(z.string()).nullable(),
  ocr: z.enum(['tesseract', 'paddle', 'off']),
});

interface RunContext {
  rules: RuleSettings;
  ocr: 'tesseract' | 'paddle' | 'off';
  fingerprint: string;
  uploaded: boolean;
}

/** A job that must be tried again (by this or another worker); its message becomes the job's output. */
class RetryableFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

/** Runs `work` until it succeeds, waiting out a PostgreSQL restart (connection errors only; others are thrown). */
export async function persist<T>(work: () => Promise<T>, log: (line: string) => void, signal?: AbortSignal, patienceMs = 10 * 60_000): Promise<T> {
  const started = performance.now();
  let warned = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await work();
      if (warned) log('已重新连接 PostgreSQL');
      return result;
    } catch (error) {
      if (!isConnectionError(error) || performance.now() - started > patienceMs) throw error;
      if (!warned) log(`PostgreSQL 暂时无法连接（${describe(error)}），等待重连…`);
      warned = true;
      if (signal?.aborted && performance.now() - started > 30_000) throw error;
      await sleep(Math.min(5000, 250 * 2 ** Math.min(attempt, 4)));
    }
  }
}

export async function runWorker(options: WorkerOptions): Promise<WorkerStats> {
  const log = options.log ?? (() => {});
  const versions = options.versions ?? layerVersions();
  const store = await persist(() => PostgresStore.open(options.db, { max: Math.max(2, options.concurrency + 1) }), log);
  let boss: PgBoss | undefined;
  const pool = new WorkerPool({
    size: options.concurrency,
    timeoutMs: options.timeLimitMs,
    memoryLimitMb: options.memoryLimitMb,
    ...(options.workerScript ? { script: options.workerScript } : {}),
  });
  const stats: WorkerStats = { completed: 0, stored: 0, failedTries: 0, deadLettered: 0, extracted: 0, reanalyzed: 0, pages: 0, workersStarted: 0 };
  const runs = new Map<number, RunContext>();
  let taskId = 0;

  const runContext = async (runId: number): Promise<RunContext> => {
    const cached = runs.get(runId);
    if (cached) return cached;
    const run = await store.runInfo(runId);
    if (!run) throw new RetryableFailure('internal', `结果库中没有第 ${runId} 次运行`);
    const settings = RunSettingsSchema.parse(JSON.parse(run.settings));
    const rules: RuleSettings = {
      ...(settings.severity.length > 0 ? { severity: Object.fromEntries(settings.severity) as RuleSettings['severity'] } : {}),
      ...(settings.only ? { only: settings.only } : {}),
    };
    const fingerprint = ruleSetFingerprint({ rules, ocr: settings.ocr, versions });
    const context = { rules, ocr: settings.ocr, fingerprint, uploaded: run.uploaded };
    runs.set(runId, context);
    return context;
  };

  /** One file job: processed and stored, or found stored; throws RetryableFailure to fail the try. */
  const handle = async (job: FileJob): Promise<void> => {
    const run = await runContext(job.runId);
    if (run.fingerprint !== job.fingerprint) {
      // Another build of budgetlint enqueued it: its results would be keyed by other versions.
      throw new RetryableFailure('version-mismatch', '本 worker 的程序版本与入队时不同，留给同版本的 worker 处理');
    }
    // Stored already (a job sent again after its first one was archived): only record it. The plain
    // look-up first; the locked resolution only when there is something to resolve.
    const known = await persist(() => store.findDocument(job.sha256, job.fingerprint), log, options.signal);
    if (known && (await persist(() => store.resolveStored(job.sha256, job.fingerprint), log, options.signal))) {
      stats.completed++;
      return;
    }
    const file = { path: job.path, sha256: job.sha256, ...(job.size !== undefined ? { size: job.size } : {}), ...(job.mtimeMs !== undefined ? { mtimeMs: job.mtimeMs } : {}) };
    const processOptions = { rules: run.rules, ocr: run.ocr, ocrWorkers: options.ocrWorkers ?? 1, ...(options.maxInflatedBytes ? { maxInflatedBytes: options.maxInflatedBytes } : {}) };
    const stored = await persist(() => store.findExtraction(job.sha256, versions.extractor, ocrMode({ ocr: run.ocr })), log, options.signal);
    let record: ProcessedRecord;
    if (stored?.status === 'failed') {
      stats.reanalyzed++;
      const result = resultOfFailure(job.path, job.sha256, stored.format ?? undefined, { message: stored.errorMessage ?? '', ...(stored.errorCode ? { code: stored.errorCode } : {}) });
      record = { ...file, result, pages: [], extraction: { id: stored.id } };
    } else {
      const document = stored ? await persist(() => store.extractionBlob(stored.id), log, options.signal) : undefined;
      let bytes: Uint8Array | undefined;
      if (!document && job.uploaded) {
        const blob = await persist(() => store.blob(job.sha256), log, options.signal);
        if (!blob) {
          await persist(() => store.failQueued(job.sha256, job.fingerprint, { code: 'io', message: '结果库中没有该文件上传的内容（run --upload）' }), log, options.signal);
          stats.completed++;
          return;
        }
        bytes = new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
      }
      const outcome = await pool.run({ id: ++taskId, path: job.path, options: processOptions, ...(document ? { document } : {}), ...(bytes ? { bytes } : {}) });
      if (!outcome.ok) throw new RetryableFailure(outcome.code, outcome.message);
      const { result, pages, elapsedMs, extraction } = outcome.message;
      stats.extracted += outcome.message.extractorCalls ?? 0;
      const transient = result.errors.find((error) => error.code && TRANSIENT_CODES.has(error.code) && error.page === undefined);
      if (transient) throw new RetryableFailure(transient.code ?? 'internal', transient.message);
      if (result.sha256 && result.sha256 !== job.sha256) {
        // The file changed after it was enqueued: what was read is not what the run asked for.
        await persist(() => store.failQueued(job.sha256, job.fingerprint, { code: 'io', message: '文件在入队后已被修改，请重新运行' }), log, options.signal);
        stats.completed++;
        return;
      }
      if (document) stats.reanalyzed++;
      const from = stored && document ? { extraction: { id: stored.id } } : extraction ? { extraction } : {};
      record = { ...file, result, pages, elapsedMs, ...from };
    }
    const saved = await persist(() => store.recordProcessed(job.runId, job.fingerprint, record), log, options.signal);
    if (saved.outcome === 'new') {
      stats.stored++;
      stats.pages += record.result.pages ?? 0;
    }
    stats.completed++;
  };

  /** A job out of tries: its file's error record, in every run that queued the content. */
  const handleDead = async (job: PgBoss.JobWithMetadata<unknown>): Promise<void> => {
    const data = FileJobSchema.parse(job.data);
    const output = z.object({ code: z.string().optional(), message: z.string().optional(), value: z.object({ message: z.string() }).partial().optional() }).passthrough().nullable().catch(null).parse(job.output);
    const expired = /timeout in active state/.test(output?.value?.message ?? '');
    const reason = expired ? '处理进程在处理中途消失（被终止、崩溃或超过任务时限）' : (output?.message ?? '未知原因');
    const tries = (job.retryLimit ?? 0) + 1;
    await persist(() => store.failQueued(data.sha256, data.fingerprint, { code: expired ? 'worker-crashed' : (output?.code ?? 'internal'), message: `尝试 ${tries} 次均失败：${reason}` }), log, options.signal);
    stats.deadLettered++;
  };

  const fetchOne = async (): Promise<{ queue: string; job: PgBoss.JobWithMetadata<unknown> } | undefined> => {
    for (const queue of [FILE_QUEUE, FAILED_QUEUE]) {
      const [job] = await boss!.fetch<unknown>(queue, { batchSize: 1, includeMetadata: true });
      if (job) return { queue, job };
    }
    return undefined;
  };

  /** Nothing left anywhere: no job waiting, retrying or held by a worker (a held one may still expire and come back). */
  const queueEmpty = async (): Promise<boolean> => {
    const [files, failed] = await Promise.all([boss!.getQueueSize(FILE_QUEUE, { before: 'completed' }), boss!.getQueueSize(FAILED_QUEUE, { before: 'completed' })]);
    return files + failed === 0;
  };

  const slot = async (): Promise<void> => {
    while (!options.signal?.aborted) {
      let taken;
      try {
        taken = await fetchOne();
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        log(`PostgreSQL 暂时无法连接（${describe(error)}），稍后重试取任务`);
        await sleep(1000);
        continue;
      }
      if (!taken) {
        try {
          if (options.until && (await options.until())) return;
          if (!options.watch && !options.until && (await queueEmpty())) return;
        } catch (error) {
          if (!isConnectionError(error)) throw error;
        }
        await sleep(options.pollMs ?? 1000, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {});
        continue;
      }
      const { queue, job } = taken;
      try {
        if (queue === FAILED_QUEUE) await handleDead(job);
        else await handle(FileJobSchema.parse(job.data));
        await persist(() => boss!.complete(queue, job.id), log, options.signal);
      } catch (error) {
        const failure = error instanceof RetryableFailure ? { code: error.code, message: error.message } : { code: 'internal', message: describe(error) };
        stats.failedTries++;
        log(`${(job.data as { path?: string }).path ?? job.id}：${failure.message}（${failure.code}），任务失败，将按重试上限重试`);
        await persist(() => boss!.fail(queue, job.id, failure), log, options.signal).catch(() => {});
      }
    }
  };

  try {
    boss = await persist(() => openQueue(options.db, { onError: (error) => { if (!isConnectionError(error)) log(`队列错误：${describe(error)}`); } }), log);
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, () => slot()));
    return stats;
  } finally {
    stats.workersStarted = pool.started;
    await pool.close();
    await boss?.stop({ graceful: false, wait: true }).catch(() => {});
    await store.close().catch(() => {});
  }
}

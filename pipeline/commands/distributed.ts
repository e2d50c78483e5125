/**
 * The PostgreSQL side of the command line: `run --db postgres://…` (enqueue, and work unless
 * --no-work), `worker` and `status`. Kept apart from the SQLite commands, which stay as they are.
 */
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { runDistributed } from '../distributed/run.js';
import { formatRunStatus, runStatusOf, type RunStatus } from '../distributed/status.js';
import { runWorker } from '../distributed/worker.js';
import { formatSummaryJson, formatSummaryText } from '../run/summary.js';
import { describeDb, isPostgresUrl } from '../store/api.js';
import { PostgresStore } from '../store/postgres/store.js';
import { StoreError } from '../store/store.js';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, EXIT_HELP, exitCodeOf, readAnalysisOptions } from './analysis-options.js';
import { reviewRunDecisionsPg, runDecisionsText } from './run-decisions.js';
import type { Command } from './types.js';
import { parseCommandLine, positiveNumber, UsageError } from './types.js';

/** `--db`, else BUDGETLINT_DB, else the default SQLite file. */
export function dbOption(value: string | undefined): string {
  return value ?? process.env.BUDGETLINT_DB ?? 'results.sqlite';
}

function postgresDb(value: string | undefined, command: string): string {
  const db = dbOption(value);
  if (!isPostgresUrl(db)) throw new UsageError(`${command} 需要 PostgreSQL 结果库：--db postgres://用户@主机/库名（或环境变量 BUDGETLINT_DB）`);
  return db;
}

/** Tests swap the worker-thread module (a file that crashes the process) through this variable. */
function workerScript(): URL | undefined {
  const script = process.env.BUDGETLINT_WORKER_SCRIPT;
  return script ? pathToFileURL(script) : undefined;
}

function stderrLog(prefix: string): (line: string) => void {
  return (line) => process.stderr.write(`${prefix}: ${line}\n`);
}

export const DISTRIBUTED_RUN_HELP = `PostgreSQL 结果库（多台机器共用，--db postgres://… 或环境变量 BUDGETLINT_DB）:
  --no-work               只把文件放入队列，不在本机处理（由各机器上的 budgetlint worker 处理）
  --upload                把文件内容存入 PostgreSQL（worker 所在机器看不到这些文件时）
  --job-expiry SECONDS    worker 持有任务超过此时长即视为丢失，交给其他 worker（默认 时限×2+60 秒）`;

export const DISTRIBUTED_RUN_OPTIONS = {
  'no-work': { type: 'boolean', default: false },
  upload: { type: 'boolean', default: false },
  'job-expiry': { type: 'string' },
} as const;

/** `run` on a PostgreSQL store; called by the run command once its options are read. */
export async function runOnPostgres(args: {
  db: string;
  paths: string[];
  values: { 'no-work'?: boolean; upload?: boolean; 'job-expiry'?: string; format?: string; 'progress-every'?: string; 'memory-limit'?: string; 'prune-decisions'?: boolean } & Record<
    string,
    unknown
  >;
  settings: ReturnType<typeof readAnalysisOptions>;
}): Promise<number> {
  const { db, paths, values, settings } = args;
  const { rules = {}, ocr, ocrWorkers, maxInflatedBytes } = settings.process;
  const concurrency = settings.concurrency ?? availableParallelism();
  const memoryLimit = positiveNumber(values['memory-limit'], '--memory-limit', true) ?? 1024;
  const every = positiveNumber(values['progress-every'], '--progress-every', true) ?? 50;
  const expiry = positiveNumber(values['job-expiry'], '--job-expiry', true) ?? Math.round(settings.timeLimit * 2 + 60);
  for (const path of paths) {
    try {
      statSync(path);
    } catch {
      throw new UsageError(`路径不存在：${path}`);
    }
  }
  // The whole run's state (all workers), as `status` shows it: redrawn on a terminal, otherwise a line every N files.
  const tty = Boolean(process.stderr.isTTY);
  let lastStep = -1;
  let drawn = false;
  const showStatus = (status: RunStatus) => {
    const line = `budgetlint run: ${formatRunStatus(status)}`;
    const finished = status.queued + status.running === 0;
    if (tty) {
      process.stderr.write(`\r\x1b[K${line}${finished ? '\n' : ''}`);
      drawn = !finished;
      return;
    }
    const step = Math.floor((status.done + status.failed) / every);
    if (step > lastStep || finished) process.stderr.write(`${line}\n`);
    lastStep = step;
  };
  const outcome = await runDistributed({
    paths,
    db,
    concurrency,
    rules,
    ...(ocr ? { ocr } : {}),
    ...(ocrWorkers ? { ocrWorkers } : {}),
    ...(maxInflatedBytes ? { maxInflatedBytes } : {}),
    timeLimitMs: Math.round(settings.timeLimit * 1000),
    memoryLimitMb: memoryLimit,
    noWork: values['no-work'] === true,
    upload: values.upload === true,
    jobExpirySeconds: expiry,
    onStatus: showStatus,
    onEnqueued: (enqueue) => process.stderr.write(`budgetlint run: 第 ${enqueue.runId} 次运行：${enqueue.files} 个文件，入队 ${enqueue.queued}（其中 ${enqueue.alreadyQueued} 个内容已在队列中），`
      + `库中已有 ${enqueue.reused}，无法读取 ${enqueue.failed}（结果库 ${describeDb(db)}）\n`),
    log: stderrLog('budgetlint run'),
    ...(workerScript() ? { workerScript: workerScript()! } : {}),
  });
  const { enqueue } = outcome;
  if (!outcome.report) {
    process.stdout.write(`已入队。在各台机器上运行 budgetlint worker --db … 处理，用 budgetlint status --db … --run ${enqueue.runId} 查看进度。\n`);
    return 0;
  }
  if (drawn) process.stderr.write('\n');
  const report = outcome.report;
  // The auditor's decisions apply as in a local run: dismissed and baseline findings are not new and do not count.
  const store = await PostgresStore.open(db);
  let review;
  try {
    review = await reviewRunDecisionsPg(store, report.runId, values['prune-decisions'] === true);
  } finally {
    await store.close();
  }
  const { suppressedFingerprints, ...decisions } = review;
  report.newFindings = report.newFindings.filter((finding) => !finding.fingerprint || !suppressedFingerprints.has(finding.fingerprint));
  process.stdout.write(values.format === 'json' ? formatSummaryJson({ ...report, decisions }) : formatSummaryText(report) + runDecisionsText(review));
  const counted = (severity: string) => (report.bySeverity[severity] ?? 0) - (decisions.suppressedBySeverity[severity] ?? 0);
  return exitCodeOf({ files: report.counts.total, failed: report.counts.failed, incomplete: decisions.incomplete.length, error: counted('error'), warning: counted('warning') }, settings.exit);
}

const WORKER_USAGE = 'budgetlint worker --db postgres://… [--concurrency N] [--watch]';

const WORKER_HELP = `用法: ${WORKER_USAGE}

  从 PostgreSQL 队列中取出 budgetlint run --db postgres://… 放入的文件并处理，结果写入同一个库。
  可在任意多台机器上同时运行；默认队列清空后退出，--watch 则一直等待新任务，直到被终止。
  收到 SIGTERM 或 Ctrl-C 时不再取新任务，处理完手上的文件后退出。

选项:
  --db URL                PostgreSQL 结果库（或环境变量 BUDGETLINT_DB）
  --concurrency N         同时处理的文件数（默认 CPU 核数）
  --watch                 队列为空时继续等待
  --time-limit SECONDS    单个文件的处理时限（默认 300 秒）；超时的任务按重试上限重试，之后记为该文件失败
  --memory-limit MB       每个处理线程的内存上限（默认 1024 MiB）
  --ocr-workers N         每个文件的 OCR 线程数（默认 1）
  -h, --help              显示帮助`;

export const workerCommand: Command = {
  usage: WORKER_USAGE,
  async run(args) {
    const parsed = parseCommandLine('worker', WORKER_USAGE, WORKER_HELP, args, {
      db: { type: 'string' },
      concurrency: { type: 'string' },
      watch: { type: 'boolean', default: false },
      'time-limit': { type: 'string' },
      'memory-limit': { type: 'string' },
      'ocr-workers': { type: 'string' },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const stop = new AbortController();
    const onSignal = (signal: string) => {
      if (stop.signal.aborted) return;
      process.stderr.write(`budgetlint worker: 收到 ${signal}，处理完手上的文件后退出\n`);
      stop.abort();
    };
    const onTerm = () => onSignal('SIGTERM');
    const onInt = () => onSignal('SIGINT');
    try {
      if (positionals.length > 0) throw new UsageError(`多余的参数 "${positionals[0]}"（worker 从队列取文件）`);
      const db = postgresDb(values.db, 'worker');
      const concurrency = positiveNumber(values.concurrency, '--concurrency', true) ?? availableParallelism();
      const timeLimit = positiveNumber(values['time-limit'], '--time-limit', false) ?? 300;
      const memoryLimit = positiveNumber(values['memory-limit'], '--memory-limit', true) ?? 1024;
      const ocrWorkers = positiveNumber(values['ocr-workers'], '--ocr-workers', true);
      process.on('SIGTERM', onTerm);
      process.on('SIGINT', onInt);
      const log = stderrLog('budgetlint worker');
      log(`开始处理队列（结果库 ${describeDb(db)}，并发 ${concurrency}${values.watch ? '，持续等待' : ''}）`);
      const stats = await runWorker({
        db,
        concurrency,
        watch: values.watch === true,
        timeLimitMs: Math.round(timeLimit * 1000),
        memoryLimitMb: memoryLimit,
        ...(ocrWorkers ? { ocrWorkers } : {}),
        signal: stop.signal,
        log,
        ...(workerScript() ? { workerScript: workerScript()! } : {}),
      });
      log(`结束：完成 ${stats.completed} 个任务（新存入 ${stats.stored} 份文档，${stats.pages} 页），失败重试 ${stats.failedTries} 次，记为失败 ${stats.deadLettered} 个文件`);
      return 0;
    } catch (error) {
      if (error instanceof UsageError || error instanceof StoreError) {
        process.stderr.write(`budgetlint worker: ${error.message}\n`);
        return 2;
      }
      throw error;
    } finally {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
    }
  },
};

const STATUS_USAGE = 'budgetlint status --db postgres://… [--run N] [--watch] [--format text|json]';

const STATUS_HELP = `用法: ${STATUS_USAGE}

  显示 PostgreSQL 结果库中各次运行的进度：排队、处理中、完成、失败的文件数，全部 worker 合计的
  每秒文件数，以及预计剩余时间。

选项:
  --db URL                PostgreSQL 结果库（或环境变量 BUDGETLINT_DB）
  --run N                 只看第 N 次运行（默认最近 10 次）
  --watch                 每 2 秒刷新一次，直到该运行的文件全部完成
  --format text|json      输出格式（默认 text）
  -h, --help              显示帮助`;

async function readStatus(store: PostgresStore, runId: number | undefined): Promise<RunStatus[]> {
  const rows = runId !== undefined ? await store.runProgress([runId]) : (await store.runProgress()).slice(-10);
  return rows.map((row) => runStatusOf(row, Date.now() / 1000));
}

export const statusCommand: Command = {
  usage: STATUS_USAGE,
  async run(args) {
    const parsed = parseCommandLine('status', STATUS_USAGE, STATUS_HELP, args, {
      db: { type: 'string' },
      run: { type: 'string' },
      watch: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    let store: PostgresStore | undefined;
    try {
      if (positionals.length > 0) throw new UsageError(`多余的参数 "${positionals[0]}"`);
      if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`未知输出格式 "${values.format}"（可选 text、json）`);
      if (values.run !== undefined && !/^[1-9]\d*$/.test(values.run)) throw new UsageError(`--run 需要运行编号，收到 "${values.run}"`);
      const db = postgresDb(values.db, 'status');
      store = await PostgresStore.open(db, { max: 2 });
      const runId = values.run !== undefined ? Number(values.run) : undefined;
      for (;;) {
        const statuses = await readStatus(store, runId);
        if (runId !== undefined && statuses.length === 0) throw new StoreError(`结果库中没有第 ${runId} 次运行`);
        if (values.format === 'json') process.stdout.write(`${JSON.stringify(statuses)}\n`);
        else process.stdout.write(statuses.length === 0 ? '结果库中还没有任何运行记录\n' : `${statuses.map(formatRunStatus).join('\n')}\n`);
        if (!values.watch || statuses.every((status) => status.status === 'done')) return 0;
        await sleep(2000);
      }
    } catch (error) {
      if (error instanceof UsageError || error instanceof StoreError) {
        process.stderr.write(`budgetlint status: ${error.message}\n`);
        return 2;
      }
      throw error;
    } finally {
      await store?.close().catch(() => {});
    }
  },
};


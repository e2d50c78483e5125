/**
 * A distributed run's state as `status` and the enqueuing terminal show it: files queued (no
 * worker holds them), running (a worker holds their job), done and failed; files per second
 * since the run started, across all workers, and the time left at that rate.
 */
import { clock } from '../run/progress.js';
import type { RunProgressRow } from '../store/postgres/store.js';

export interface RunStatus {
  runId: number;
  startedAt: string;
  host: string | null;
  status: string;
  files: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
  filesPerSecond: number | null;
  etaSeconds: number | null;
}

/**
 * A run's state: queued counts what no worker holds. Files/s is measured from the first file a
 * worker finished (workers may start long after `run --no-work`) to now, or to the last one when
 * the run is done.
 */
export function runStatusOf(row: RunProgressRow, nowSeconds: number): RunStatus {
  const end = row.queued > 0 ? nowSeconds : (row.lastResolved ?? nowSeconds);
  const span = row.firstResolved === null ? 0 : end - row.firstResolved;
  const rate = row.worked >= 2 && span > 0 ? (row.worked - 1) / span : null;
  return {
    runId: row.runId,
    startedAt: row.startedAt,
    host: row.host,
    status: row.queued > 0 ? 'running' : 'done',
    files: Math.max(row.files, row.filesTotal ?? 0),
    queued: row.queued - row.running,
    running: row.running,
    done: row.done,
    failed: row.failed,
    filesPerSecond: rate,
    etaSeconds: row.queued === 0 ? 0 : rate ? row.queued / rate : null,
  };
}

export function formatRunStatus(status: RunStatus): string {
  return `第 ${status.runId} 次运行（${status.startedAt.slice(0, 19).replace('T', ' ')}，${status.host ?? '?'}）：共 ${status.files} 个文件 · 排队 ${status.queued} · 处理中 ${status.running} · `
    + `完成 ${status.done} · 失败 ${status.failed} · ${status.filesPerSecond === null ? '--' : status.filesPerSecond.toFixed(2)} 文件/秒 · 剩余 ${clock(status.etaSeconds === null ? Number.NaN : status.etaSeconds * 1000)}`;
}


/**
 * A fixed set of worker threads for `budgetlint run`, each processing one file at a time, with
 * a per-file time limit and a memory guard. A worker that runs out of time or memory, or dies,
 * is discarded and a fresh one started for the next file: the file gets a failure, the run goes on.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ExtendMessage, ReadyMessage, ResultMessage, TaskMessage } from './protocol.js';
import { workerEntry } from '../../extractors/worker-entry.js';

export type TaskFailureCode = 'timeout' | 'out-of-memory' | 'worker-crashed';

export type TaskOutcome =
  | { ok: true; message: ResultMessage }
  | { ok: false; code: TaskFailureCode; message: string };

export interface PoolOptions {
  size: number;
  /** Per-file time limit in ms. */
  timeoutMs: number;
  /** Per-worker JS heap limit in MiB (V8 old generation). */
  memoryLimitMb: number;
  /** Forward what workers print (pdf.js warnings…) to stderr; dropped otherwise. */
  forwardOutput?: boolean;
  /** Another worker module (plain JS) speaking the same protocol; for tests of the guards. */
  script?: URL;
}

interface Pending {
  task: TaskMessage;
  resolve: (outcome: TaskOutcome) => void;
  timer: NodeJS.Timeout;
  /** When the task was posted, and its limit (the worker extends it for scans: ExtendMessage). */
  startedAt?: number;
  limitMs?: number;
}

interface Slot {
  worker?: Worker;
  /** The worker has loaded its modules and said so: the time limit counts from then on. */
  ready?: boolean;
  onReady?: () => void;
  pending?: Pending;
}

/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1 - 5000;

/** How long a new worker may take to load before it counts as broken. */
const STARTUP_MS = 60_000;

/** After the time limit the worker's own AbortSignal fires; give it this long (≤ 2 s) to answer before it is stopped. */
function graceMs(timeoutMs: number): number {
  return Math.min(2000, Math.max(50, Math.round(timeoutMs / 10)));
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} 秒` : `${ms} 毫秒`;
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly idle: Slot[];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private readonly entry: { script: string | URL; options: WorkerOptions };
  private closed = false;
  /** Workers started so far (replacements included). */
  started = 0;

  constructor(private readonly options: PoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => ({}));
    this.idle = [...this.slots];
    this.entry = options.script ? { script: options.script, options: {} } : workerEntry(import.meta.url, 'worker');
  }

  async run(task: Omit<TaskMessage, 'type' | 'timeoutMs'>): Promise<TaskOutcome> {
    if (this.closed) throw new Error('worker pool is closed');
    const slot = this.idle.pop() ?? (await new Promise<Slot>((resolve) => this.waiting.push(resolve)));
    try {
      return await this.runOn(slot, { ...task, type: 'task', timeoutMs: this.options.timeoutMs });
    } finally {
      const next = this.waiting.shift();
      if (next) next(slot);
      else this.idle.push(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map(async (slot) => {
      const worker = slot.worker;
      slot.worker = undefined;
      if (worker) await worker.terminate();
    }));
  }

  private spawn(slot: Slot): Worker {
    const worker = new Worker(this.entry.script, {
      ...this.entry.options,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryLimitMb },
      stdout: true,
      stderr: true,
    });
    this.started++;
    slot.ready = false;
    for (const stream of [worker.stdout, worker.stderr]) {
      if (this.options.forwardOutput) stream.pipe(process.stderr, { end: false });
      else stream.resume();
    }
    worker.on('message', (message: ResultMessage | ReadyMessage | ExtendMessage) => {
      if (slot.worker !== worker) return;
      if (message.type === 'extend') {
        if (slot.pending && message.id === slot.pending.task.id) this.extend(slot, message.timeoutMs);
      } else if (message.type === 'ready') {
        slot.ready = true;
        const onReady = slot.onReady;
        slot.onReady = undefined;
        onReady?.();
      } else if (slot.pending && message.id === slot.pending.task.id) {
        this.settle(slot, { ok: true, message }, false);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const outcome: TaskOutcome = outOfMemory
        ? { ok: false, code: 'out-of-memory', message: `内存超限（工作线程堆上限 ${this.options.memoryLimitMb} MiB），已中止` }
        : { ok: false, code: 'worker-crashed', message: `处理线程出错：${(error.message ?? String(error)).split('\n')[0]}` };
      this.settle(slot, outcome, true);
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      this.settle(slot, { ok: false, code: 'worker-crashed', message: `处理线程意外退出（退出码 ${code}）` }, true);
    });
    return worker;
  }

  private runOn(slot: Slot, task: TaskMessage): Promise<TaskOutcome> {
    return new Promise<TaskOutcome>((resolve) => {
      const worker = (slot.worker ??= this.spawn(slot));
      const pending: Pending = { task, resolve, timer: setTimeout(() => undefined, 0) };
      const start = () => {
        if (slot.worker !== worker || slot.pending !== pending) return;
        pending.startedAt = Date.now();
        this.arm(slot, pending, task.timeoutMs);
        worker.postMessage(task);
      };
      slot.pending = pending;
      if (slot.ready) {
        start();
      } else {
        pending.timer = setTimeout(() => {
          this.settle(slot, { ok: false, code: 'worker-crashed', message: `处理线程未能在 ${seconds(STARTUP_MS)}内启动` }, true);
        }, Math.max(STARTUP_MS, task.timeoutMs));
        slot.onReady = start;
      }
    });
  }

  /** (Re)sets the time limit of a running task, counted from its start. */
  private arm(slot: Slot, pending: Pending, limitMs: number): void {
    clearTimeout(pending.timer);
    pending.limitMs = limitMs;
    const left = (pending.startedAt ?? Date.now()) + limitMs + graceMs(limitMs) - Date.now();
    pending.timer = setTimeout(() => {
      this.settle(slot, { ok: false, code: 'timeout', message: `处理超时（超过 ${seconds(limitMs)}），已中止` }, true);
    }, Math.max(0, left));
  }

  /** A scan's limit grows with its pages (the worker asks); it never shrinks. */
  private extend(slot: Slot, limitMs: number): void {
    const pending = slot.pending;
    if (!pending || pending.startedAt === undefined || limitMs <= (pending.limitMs ?? 0)) return;
    this.arm(slot, pending, Math.min(limitMs, MAX_TIMER_MS));
  }

  /** Ends the slot's current task; a worker that misbehaved is stopped and will be replaced on next use. */
  private settle(slot: Slot, outcome: TaskOutcome, discard: boolean): void {
    const pending = slot.pending;
    if (discard) {
      const worker = slot.worker;
      slot.worker = undefined;
      slot.ready = false;
      slot.onReady = undefined;
      if (worker) void worker.terminate();
    }
    if (!pending) return;
    slot.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(outcome);
  }
}

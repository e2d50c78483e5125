/**
 * A pool of OCR worker threads (one engine instance each), about one per core.
 *
 * - Each worker is replaced after `recycleAfter` pages, so engine memory (the WebAssembly heap
 *   grows with the largest page seen and never shrinks) stays bounded over long batches.
 * - A page that fails, hangs past `pageTimeoutMs`, or kills its worker fails alone: the caller
 *   gets an OcrPageError for that page and the pool carries on with a fresh worker.
 * - Idle workers are unref'd, so a process that is done exits even if the pool is not closed.
 *   Workers drop their own stdout/stderr (quiet.ts): engine diagnostics must never reach the
 *   user's terminal or a `--format json` stdout.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FromWorker, OcrEngineName, OcrInput, OcrResult, OcrWorkerConfig, ToWorker } from './protocol.js';
import { workerEntry } from './worker-entry.js';

export interface OcrPoolOptions {
  engine: OcrEngineName;
  /** Number of worker threads (default: available cores). */
  size?: number;
  /** Replace a worker after it has recognized this many pages (default 20). */
  recycleAfter?: number;
  /** Per-page limit in ms, rendering excluded (default 180 s). */
  pageTimeoutMs?: number;
  /** Time a new worker may take to load its engine (default 60 s). */
  startTimeoutMs?: number;
  /** Extra worker settings (tesseract page segmentation mode, test hooks). */
  worker?: Partial<OcrWorkerConfig>;
}

/** A page the engine could not read; `message` is one line in Chinese. */
export class OcrPageError extends Error {
  constructor(
    message: string,
    readonly code: 'failed' | 'timeout' | 'crashed' | 'unavailable' | 'aborted',
  ) {
    super(message);
    this.name = 'OcrPageError';
  }
}

interface Task {
  id: number;
  input: OcrInput;
  resolve: (result: OcrResult) => void;
  reject: (error: OcrPageError) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  pages: number;
  task?: Task;
  timer?: NodeJS.Timeout;
}

const ENGINE_MODULE: Record<OcrEngineName, string> = {
  tesseract: 'tesseract-worker',
  paddle: 'paddle-worker',
};

const ENGINE_LABEL: Record<OcrEngineName, string> = { tesseract: 'Tesseract', paddle: 'PaddleOCR' };

function firstLine(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

export class OcrPool {
  readonly size: number;
  private readonly recycleAfter: number;
  private readonly pageTimeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly config: OcrWorkerConfig;
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when a worker could not load its engine: later pages fail at once with this message. */
  private broken: string | undefined;
  /** Workers started so far (replacements included), for tests and benchmarks. */
  started = 0;

  constructor(options: OcrPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
    this.recycleAfter = Math.max(1, options.recycleAfter ?? 20);
    this.pageTimeoutMs = options.pageTimeoutMs ?? 180_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 60_000;
    this.config = { ...options.worker, engine: options.engine };
  }

  get engine(): OcrEngineName {
    return this.config.engine;
  }

  /** Recognizes one page image. Rejects with OcrPageError; never with anything else. */
  recognize(input: OcrInput, signal?: AbortSignal): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new OcrPageError('OCR 已关闭', 'aborted'));
    if (this.broken) return Promise.reject(new OcrPageError(this.broken, 'unavailable'));
    if (signal?.aborted) return Promise.reject(new OcrPageError('OCR 已取消（超时或中止）', 'aborted'));
    return new Promise<OcrResult>((resolve, reject) => {
      const task: Task = { id: this.nextId++, input, resolve, reject, signal };
      if (signal) {
        task.onAbort = () => this.abort(task);
        signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.pump();
    });
  }

  /** Stops all workers; queued and running pages fail with code `aborted`. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.queue.splice(0)) this.finish(task, new OcrPageError('OCR 已关闭', 'aborted'));
    const workers = [...this.slots].map((slot) => {
      if (slot.task) this.finish(slot.task, new OcrPageError('OCR 已关闭', 'aborted'));
      clearTimeout(slot.timer);
      return slot.worker.terminate();
    });
    this.slots.clear();
    this.idle.length = 0;
    await Promise.allSettled(workers);
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.idle.pop();
      if (!slot) {
        if (this.slots.size >= this.size) return;
        slot = this.spawn();
      }
      const task = this.queue.shift()!;
      this.assign(slot, task);
    }
  }

  private spawn(): Slot {
    const { script, options } = workerEntry(ENGINE_MODULE[this.config.engine]);
    // The worker silences its own output (quiet.ts): piped stdio would keep the process alive.
    const worker = new Worker(script, { ...options, workerData: this.config });
    this.started++;
    let markReady!: () => void;
    let markFailed!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    ready.catch(() => {});
    const slot: Slot = { worker, ready, pages: 0 };
    this.slots.add(slot);
    const startTimer = setTimeout(() => markFailed(new Error(`${ENGINE_LABEL[this.config.engine]} 引擎启动超时`)), this.startTimeoutMs);
    startTimer.unref();
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        clearTimeout(startTimer);
        markReady();
      } else if (message.type === 'init-failed') {
        clearTimeout(startTimer);
        markFailed(new Error(message.message));
      } else if (message.type === 'result' || message.type === 'error') {
        const task = slot.task;
        if (!task || task.id !== message.id) return;
        this.release(slot);
        if (message.type === 'result') this.finish(task, undefined, message.result);
        else this.finish(task, new OcrPageError(`OCR 识别失败（${firstLine(message.message)}）`, 'failed'));
      }
    });
    worker.on('error', (error: Error) => {
      clearTimeout(startTimer);
      markFailed(error);
      this.discard(slot, new OcrPageError(`OCR 线程出错（${firstLine(error.message ?? String(error))}）`, 'crashed'));
    });
    worker.on('exit', (code) => {
      clearTimeout(startTimer);
      markFailed(new Error(`exit ${code}`));
      this.discard(slot, new OcrPageError(`OCR 线程意外退出（退出码 ${code}）`, 'crashed'));
    });
    return slot;
  }

  private assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    slot.ready.then(
      () => {
        if (slot.task !== task) return;
        slot.timer = setTimeout(() => {
          this.discard(slot, new OcrPageError(`OCR 单页超时（超过 ${Math.round(this.pageTimeoutMs / 1000)} 秒），已跳过此页`, 'timeout'));
        }, this.pageTimeoutMs);
        const message: ToWorker = { type: 'ocr', id: task.id, input: task.input };
        slot.worker.postMessage(message);
      },
      (error: Error) => {
        // The engine could not load: every later page would fail the same way.
        this.broken = `无法启动 ${ENGINE_LABEL[this.config.engine]} OCR 引擎（${firstLine(error.message)}）`;
        this.discard(slot, new OcrPageError(this.broken, 'unavailable'));
        for (const queued of this.queue.splice(0)) this.finish(queued, new OcrPageError(this.broken, 'unavailable'));
      },
    );
  }

  /** The slot's page is done: recycle the worker if it has done enough, else make it idle. */
  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.pages++;
    if (slot.pages >= this.recycleAfter || this.closed) {
      this.slots.delete(slot);
      void slot.worker.terminate();
    } else {
      slot.worker.unref();
      this.idle.push(slot);
    }
    this.pump();
  }

  /** Stops a worker that misbehaved; its page (if any) fails with `error`. */
  private discard(slot: Slot, error: OcrPageError): void {
    if (!this.slots.has(slot)) return;
    this.slots.delete(slot);
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
    clearTimeout(slot.timer);
    const task = slot.task;
    slot.task = undefined;
    void slot.worker.terminate();
    if (task) this.finish(task, error);
    this.pump();
  }

  private abort(task: Task): void {
    const at = this.queue.indexOf(task);
    if (at >= 0) {
      this.queue.splice(at, 1);
      this.finish(task, new OcrPageError('OCR 已取消（超时或中止）', 'aborted'));
      return;
    }
    for (const slot of this.slots) {
      if (slot.task === task) this.discard(slot, new OcrPageError('OCR 已取消（超时或中止）', 'aborted'));
    }
  }

  private finish(task: Task, error?: OcrPageError, result?: OcrResult): void {
    if (task.signal && task.onAbort) task.signal.removeEventListener('abort', task.onAbort);
    if (error) task.reject(error);
    else task.resolve(result!);
  }
}

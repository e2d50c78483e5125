/** Messages between the batch runner (main thread) and its worker threads. */
import type { FileResult } from '../../model/result.js';
import type { ProcessOptions } from '../process.js';
import type { PageSummary } from '../store/records.js';

/** What a worker needs to process one file; everything structured-cloneable. */
export interface TaskMessage {
  type: 'task';
  id: number;
  path: string;
  /** The document itself when it has no file (`budgetlint check -`, stdin); `path` is then its name. */
  bytes?: Uint8Array;
  options: Omit<ProcessOptions, 'signal'>;
  /** The worker aborts cooperative work (OCR, conversion) after this long; the pool stops the worker soon after. */
  timeoutMs: number;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  result: FileResult;
  pages: PageSummary[];
  elapsedMs: number;
}

/** Sent once by a new worker when its modules are loaded: the time limit starts counting at the first task after it. */
export interface ReadyMessage {
  type: 'ready';
}

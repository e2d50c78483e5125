/** Messages between the batch runner (main thread) and its worker threads. */
import type { FileResult } from '../../model/result.js';
import type { ProcessOptions } from '../process.js';
import type { ExtractionRecord, PageSummary } from '../store/records.js';

/**
 * What a worker needs to process one file; everything structured-cloneable. Without `document`
 * the worker reads and extracts the file; with it (a stored extraction, compressed) it only
 * normalizes and runs the rules.
 */
export interface TaskMessage {
  type: 'task';
  id: number;
  path: string;
  /** The document itself when it has no file (`budgetlint check -`, stdin); `path` is then its name. */
  bytes?: Uint8Array;
  options: Omit<ProcessOptions, 'signal' | 'onOcrPages'>;
  /** A stored Document (encodeDocument) to analyze instead of reading the file. */
  document?: Uint8Array;
  /** The worker aborts cooperative work (OCR, conversion) after this long; the pool stops the worker soon after. */
  timeoutMs: number;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  result: FileResult;
  pages: PageSummary[];
  elapsedMs: number;
  /** What the worker extracted, for the store's extraction layer (absent when it analyzed a stored Document, or failed midway). */
  extraction?: ExtractionRecord;
  /** Times the extractors were called for this task (0 when a stored Document was analyzed). */
  extractorCalls: number;
}

/**
 * Sent by a worker when a file turns out to need OCR of N pages: its time limit is now `timeoutMs`
 * from the task's start (the limit plus a budget per page, pipeline/notices.ts).
 */
export interface ExtendMessage {
  type: 'extend';
  id: number;
  timeoutMs: number;
}

/** Sent once by a new worker when its modules are loaded: the time limit starts counting at the first task after it. */
export interface ReadyMessage {
  type: 'ready';
}

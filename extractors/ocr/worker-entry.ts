/** How to start one of the OCR worker modules (next to this file) in a worker thread. */
import type { WorkerOptions } from 'node:worker_threads';
import { workerEntry as siblingWorker } from '../worker-entry.js';

export function workerEntry(name: string): { script: string | URL; options: WorkerOptions } {
  return siblingWorker(import.meta.url, name);
}

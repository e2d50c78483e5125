/**
 * Worker thread of `budgetlint run`: processes one file at a time with `processFile` and posts
 * the result back; the main thread stores it. Never throws past a task: `processFile` doesn't.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { processBytes, processFile } from '../process.js';
import { summarizePages } from '../store/records.js';
import type { ReadyMessage, ResultMessage, TaskMessage } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('pipeline/run/worker.js must run in a worker thread');

port.on('message', (task: TaskMessage) => {
  void handle(task);
});
port.postMessage({ type: 'ready' } satisfies ReadyMessage);

async function handle(task: TaskMessage): Promise<void> {
  const started = performance.now();
  const signal = AbortSignal.timeout(Math.max(1, task.timeoutMs));
  const options = { ...task.options, signal };
  const { result, document } = task.bytes ? await processBytes(task.path, task.bytes, options) : await processFile(task.path, options);
  const message: ResultMessage = {
    type: 'result',
    id: task.id,
    result,
    pages: document ? summarizePages(document) : [],
    elapsedMs: Math.round((performance.now() - started) * 100) / 100,
  };
  port!.postMessage(message);
}

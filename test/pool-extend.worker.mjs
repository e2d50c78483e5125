// A worker for test/bounded-cost.test.ts speaking the pipeline/run protocol: a file named scan-N.pdf
// asks for N pages of OCR time (an ExtendMessage) and answers after 3 s; any other file answers
// after 3 s without asking.
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (task) => {
  const pages = /^scan-(\d+)\.pdf$/.exec(basename(task.path))?.[1];
  if (pages) parentPort.postMessage({ type: 'extend', id: task.id, timeoutMs: task.timeoutMs + 30_000 * Number(pages) });
  setTimeout(() => {
    parentPort.postMessage({
      type: 'result',
      id: task.id,
      result: { path: task.path, format: 'pdf', pages: Number(pages ?? 1), meta: {}, facts: [], findings: [], errors: [], notices: [] },
      pages: [],
      elapsedMs: 3000,
      extractorCalls: 1,
    });
  }, 3000);
});
parentPort.postMessage({ type: 'ready' });

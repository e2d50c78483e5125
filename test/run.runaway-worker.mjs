// A worker for test/run.test.ts speaking the pipeline/run protocol: files named loop/hog/crash
// really loop forever, allocate without bound, or exit; unstorable.md gets a result the store refuses;
// any other file gets a minimal valid result.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (task) => {
  const name = basename(task.path);
  if (name === 'loop.md') for (;;);
  if (name === 'hog.md') {
    const kept = [];
    for (;;) kept.push(new Array(100_000).fill(kept.length));
  }
  if (name === 'crash.md') process.exit(3);
  const sha256 = createHash('sha256').update(readFileSync(task.path)).digest('hex');
  // A finding without a message: the store's NOT NULL constraint refuses it.
  const findings = name === 'unstorable.md'
    ? [{ ruleId: 'x', severity: 'error', message: null, messageId: 'x', data: {}, page: 1, line: 1, column: 1, evidence: [] }]
    : [];
  parentPort.postMessage({
    type: 'result',
    id: task.id,
    result: { path: task.path, format: 'markdown', sha256, pages: 1, meta: {}, facts: [], findings, errors: [], notices: [] },
    pages: [{ number: 1, source: 'text', needsOcr: false, lineCount: 1, tableCount: 0, charCount: 1, notices: [] }],
    printedUnits: [],
    elapsedMs: 0,
  });
});
parentPort.postMessage({ type: 'ready' });

// A worker thread for test/distributed.test.ts speaking the pipeline/run protocol, fast and
// controllable: a file named *poison* kills the whole worker process (SIGKILL, as a native crash
// would), *slow* files take BUDGETLINT_TEST_SLOW_MS, every file BUDGETLINT_TEST_DELAY_MS; any file
// gets a minimal valid result with one fact, keyed by the content's real SHA-256.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (task) => {
  const name = basename(task.path);
  if (name.includes('poison')) process.kill(process.pid, 'SIGKILL');
  const delay = Number(process.env.BUDGETLINT_TEST_DELAY_MS ?? 0) + (name.includes('slow') ? Number(process.env.BUDGETLINT_TEST_SLOW_MS ?? 3000) : 0);
  setTimeout(() => {
    const bytes = task.bytes ?? readFileSync(task.path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    parentPort.postMessage({
      type: 'result',
      id: task.id,
      result: {
        path: task.path, format: 'markdown', sha256, pages: 1, meta: {}, errors: [], notices: [],
        facts: [{ concept: 'test', value: String(bytes.length), unit: '元', raw: String(bytes.length), page: 1, line: 1, column: 1, scope: { funds: 'all', period: 'current', basis: 'actual' }, subject: [], label: name }],
        findings: [],
      },
      pages: [{ number: 1, source: 'text', needsOcr: false, lineCount: 1, tableCount: 0, charCount: bytes.length, notices: [] }],
      elapsedMs: delay,
      extractorCalls: 1,
    });
  }, delay);
});
parentPort.postMessage({ type: 'ready' });

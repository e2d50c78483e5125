/**
 * Worker thread of `budgetlint run`: processes one file at a time and posts the result back;
 * the main thread stores it. A task either reads the file (`processFile`, then the Document is
 * compressed here, off the main thread, for the store) or analyzes a stored Document again
 * (`analyzeDocument`). Never throws past a task: neither does.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { analyzeDocument, extractionCount, processBytes, processFile, resultOfFailure } from '../process.js';
import { decodeDocument, encodeDocument, summarizePages, type ExtractionRecord } from '../store/records.js';
import { limitWithOcrPages, readingDeadline, timeoutMessage } from '../notices.js';
import type { ExtendMessage, ReadyMessage, ResultMessage, TaskMessage } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('pipeline/run/worker.js must run in a worker thread');

port.on('message', (task: TaskMessage) => {
  void handle(task);
});
port.postMessage({ type: 'ready' } satisfies ReadyMessage);

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

function analyzeStored(task: TaskMessage): Pick<ResultMessage, 'result' | 'pages'> {
  try {
    const document = decodeDocument(task.document!);
    return { result: analyzeDocument(task.path, document, task.options).result, pages: summarizePages(document) };
  } catch (error) {
    return { result: resultOfFailure(task.path, undefined, undefined, { message: `结果库中的抽取结果无法读取：${describe(error)}`, code: 'internal' }), pages: [] };
  }
}

async function handle(task: TaskMessage): Promise<void> {
  const started = performance.now();
  const callsBefore = extractionCount();
  let reply: Pick<ResultMessage, 'result' | 'pages' | 'extraction'>;
  if (task.document) {
    reply = analyzeStored(task);
  } else {
    // Reading (OCR above all) stops a little before the time limit, between pages, so that the pages
    // read are still checked and sent back before the pool ends the worker (issue 27).
    const controller = new AbortController();
    const signal = controller.signal;
    let limitMs = task.timeoutMs;
    const arm = () => setTimeout(() => controller.abort(), Math.max(1, readingDeadline(limitMs) - (performance.now() - started)));
    let timer = arm();
    // A scan gets OCR time per page on top of the limit: the pool is told, and moves its own deadline.
    const onOcrPages = (pages: number) => {
      const wanted = limitWithOcrPages(task.timeoutMs, pages);
      if (wanted <= limitMs || signal.aborted) return;
      limitMs = wanted;
      clearTimeout(timer);
      timer = arm();
      port!.postMessage({ type: 'extend', id: task.id, timeoutMs: limitMs } satisfies ExtendMessage);
    };
    const options = { ...task.options, signal, onOcrPages };
    // A document from stdin comes as bytes; a file is read by the worker.
    const { result, document } = task.bytes ? await processBytes(task.path, task.bytes, options) : await processFile(task.path, options);
    clearTimeout(timer);
    let extraction: ExtractionRecord | undefined;
    const extractMs = result.timings?.extract;
    if (signal.aborted) {
      // Out of time midway (OCR stops between pages): a partial Document must not be kept (the next
      // run tries the file again), but the pages read were checked: their findings stay in the
      // result `check` prints, and the message says which pages were not read.
      result.errors.push({ message: timeoutMessage(limitMs, document), code: 'timeout' });
    } else if (document) {
      extraction = { ok: true, ...encodeDocument(document), ...(extractMs !== undefined ? { elapsedMs: extractMs } : {}) };
    } else if (result.sha256 && result.errors.length === 1 && result.errors[0]!.code !== 'internal') {
      // Content no extractor reads (corrupt, empty, encrypted…): kept, so new rules don't read it again.
      extraction = { ok: false, error: result.errors[0]!, ...(result.format ? { format: result.format } : {}), ...(extractMs !== undefined ? { elapsedMs: extractMs } : {}) };
    }
    reply = { result, pages: document ? summarizePages(document) : [], ...(extraction ? { extraction } : {}) };
  }
  const message: ResultMessage = {
    type: 'result',
    id: task.id,
    ...reply,
    elapsedMs: Math.round((performance.now() - started) * 100) / 100,
    extractorCalls: extractionCount() - callsBefore,
  };
  port!.postMessage(message);
}

/**
 * The worker side of the OCR pool's protocol, for every engine: start the engine once (posting
 * `ready` or `init-failed`), then answer each `ocr` message with its result or its error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, OcrEngineName, OcrInput, OcrResult, OcrWorkerConfig, ToWorker } from './protocol.js';

export interface OcrEngine<Service> {
  start(config: OcrWorkerConfig): Promise<Service>;
  recognize(service: Service, input: OcrInput, config: OcrWorkerConfig): Promise<OcrResult>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Serves the pool when this module runs in a worker thread; does nothing in the main thread (tests import the engines). */
export function serveOcr<Service>(name: OcrEngineName, engine: OcrEngine<Service>): void {
  const port = parentPort;
  if (!port) return;
  const post = (message: FromWorker) => port.postMessage(message);
  const config = (workerData ?? { engine: name }) as OcrWorkerConfig;
  const ready = engine.start(config);
  ready.then(
    () => post({ type: 'ready' }),
    (error: unknown) => post({ type: 'init-failed', message: describe(error) }),
  );
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'ocr') return;
    ready
      .then((service) => engine.recognize(service, message.input, config))
      .then(
        (result) => post({ type: 'result', id: message.id, result }),
        (error: unknown) => post({ type: 'error', id: message.id, message: describe(error) }),
      );
  });
}

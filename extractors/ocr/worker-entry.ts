/**
 * How to start one of the OCR worker modules in a worker thread. Built code runs the compiled
 * `.js` next to this file; from the TypeScript sources (tests) a small bootstrap registers tsx
 * in the worker first (the same arrangement as pipeline/run/pool.ts).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

export function workerEntry(name: string): { script: string | URL; options: WorkerOptions } {
  const own = import.meta.url;
  if (!own.endsWith('.ts')) return { script: new URL(`./${name}.js`, own), options: {} };
  const require = createRequire(own);
  const api = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const target = new URL(`./${name}.ts`, own).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
  return { script: code, options: { eval: true, execArgv: [] } };
}

/**
 * How to start a worker-thread module that sits next to the caller. Built code runs the compiled
 * `.js`; from the TypeScript sources (tests, `node --import tsx pipeline/cli.ts`) a small bootstrap
 * registers tsx in the worker first. Used by the OCR pool and the batch runner's pool.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/** `base` is the caller's `import.meta.url`; `name` the sibling module without extension. */
export function workerEntry(base: string, name: string): { script: string | URL; options: WorkerOptions } {
  if (!base.endsWith('.ts')) return { script: new URL(`./${name}.js`, base), options: {} };
  const require = createRequire(base);
  const api = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const target = new URL(`./${name}.ts`, base).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
  return { script: code, options: { eval: true, execArgv: [] } };
}

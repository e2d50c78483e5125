/**
 * Imported first by the OCR worker modules: whatever the engines print (Tesseract's
 * "Estimating resolution…", onnxruntime warnings) is dropped inside the worker thread, so it
 * never reaches the user's terminal or a `--format json` stdout. (Piping worker stdio to the
 * main thread instead would keep the process alive after the work is done.)
 */
const drop = (): boolean => true;
process.stdout.write = drop as typeof process.stdout.write;
process.stderr.write = drop as typeof process.stderr.write;
for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[name] = () => {};

export {};

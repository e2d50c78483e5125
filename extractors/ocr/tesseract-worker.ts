/**
 * OCR worker thread running tesseract.js 7 (Tesseract 5 compiled to WebAssembly).
 *
 * tesseract.js's own worker script is used in this thread (its `dispatchHandlers`), with an
 * adapter that never touches the network or the disk cache: the language data (`chi_sim`,
 * `eng`, LSTM models from the @tesseract.js-data packages) is read from node_modules here and
 * handed over as bytes, so nothing is downloaded and no `*.traineddata` cache file is written.
 *
 * Messages: see protocol.ts. One page at a time; the pool recycles the thread after N pages.
 */
import './quiet.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BBox } from '../../model/document.js';
import { findRulings, type ImageRuling } from './lines.js';
import { encodePgm } from './raster.js';
import type { OcrInput, OcrLine, OcrResult, OcrWord, OcrWorkerConfig } from './protocol.js';
import { serveOcr } from './serve.js';

const require = createRequire(import.meta.url);

interface TessPacketResponse {
  status: 'resolve' | 'reject' | 'progress';
  data: unknown;
}
interface TessWorkerScript {
  dispatchHandlers(packet: { workerId: string; jobId: string; action: string; payload?: unknown }, send: (r: TessPacketResponse) => void): void;
  setAdapter(adapter: Record<string, unknown>): void;
}

/** Tesseract's JSON output (`GetJSONText`), the parts used here. */
interface TessBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessSymbol {
  text: string;
  confidence: number;
  bbox: TessBox;
}
interface TessWord {
  text: string;
  confidence: number;
  bbox: TessBox;
  symbols?: TessSymbol[];
}
interface TessLine {
  text: string;
  bbox: TessBox;
  baseline?: TessBox;
  words: TessWord[];
}
interface TessParagraph {
  lines: TessLine[];
}
interface TessBlock {
  paragraphs: TessParagraph[];
}

/** The traineddata of one language, from its @tesseract.js-data package (LSTM-only "best_int" data). */
export function languageData(code: string): Uint8Array {
  const pkg = dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
  const gz = readFileSync(join(pkg, '4.0.0_best_int', `${code}.traineddata.gz`));
  return gunzipSync(gz);
}

function noNetwork(): never {
  throw new Error('tesseract.js tried to fetch over the network; budgetlint loads language data locally');
}

const script = require('tesseract.js/src/worker-script/index.js') as TessWorkerScript;
/**
 * The LSTM-only WebAssembly build with SIMD (every Node this package supports has wasm SIMD).
 * tesseract.js's own chooser passes `lstmOnly` where it expects an OEM and so loads the build
 * with the legacy engine, which reads some digits differently from native Tesseract (measured
 * on the corpus scans: `50.92%。` → `50.920%0`); this build reads them as native Tesseract does.
 */
const fromTesseractJs = createRequire(require.resolve('tesseract.js/package.json'));
const getCore = async (): Promise<unknown> => fromTesseractJs('tesseract.js-core/tesseract-core-simd-lstm.js') as unknown;
script.setAdapter({
  getCore,
  gunzip: gunzipSync,
  fetch: noNetwork,
  // The cache is never used (cacheMethod 'none'); these make sure of it.
  readCache: async () => undefined,
  writeCache: async () => undefined,
  deleteCache: async () => undefined,
  checkCache: async () => false,
});

let job = 0;
function call<T>(action: string, payload?: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    script.dispatchHandlers({ workerId: 'budgetlint', jobId: `job-${++job}`, action, payload }, (r) => {
      if (r.status === 'resolve') resolve(r.data as T);
      else if (r.status === 'reject') reject(new Error(String(r.data)));
    });
  });
}

const LANGS = (process.env.BL_LANGS ?? 'chi_sim+eng').split('+');
/** OEM 1: LSTM only (the data packages used carry no legacy model). */
const OEM_LSTM_ONLY = 1;

async function init(config: OcrWorkerConfig): Promise<void> {
  await call('load', { options: { lstmOnly: true, corePath: undefined, logging: false } });
  await call('loadLanguage', {
    langs: LANGS.map((code) => ({ code, data: languageData(code) })),
    options: { cacheMethod: 'none', gzip: false, lstmOnly: true },
  });
  await call('initialize', { langs: LANGS.join('+'), oem: OEM_LSTM_ONLY, config: {} });
  await call('setParameters', {
    params: {
      tessedit_pageseg_mode: String(config.psm ?? 3),
      preserve_interword_spaces: '1',
      ...config.tesseractParams,
    },
  });
}

function box(b: TessBox): BBox {
  return { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 };
}

/** Tesseract's JSON → engine-neutral lines. A word's confidence is its least sure symbol's. */
export function fromTesseract(blocks: TessBlock[] | null, width: number, height: number, ms: number): OcrResult {
  const lines: OcrLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        const words: OcrWord[] = [];
        for (const w of line.words ?? []) {
          const text = w.text.trim();
          if (!text) continue;
          const symbolConf = (w.symbols ?? []).map((s) => s.confidence);
          const confidence = Math.max(0, Math.min(100, symbolConf.length ? Math.min(w.confidence, ...symbolConf) : w.confidence));
          words.push({ text, bbox: box(w.bbox), confidence: Math.round(confidence * 10) / 10 });
        }
        if (words.length === 0) continue;
        const out: OcrLine = { bbox: box(line.bbox), words };
        if (line.baseline) out.baseline = { x0: line.baseline.x0, y0: line.baseline.y0, x1: line.baseline.x1, y1: line.baseline.y1 };
        lines.push(out);
      }
    }
  }
  return { width, height, lines, ms };
}

interface TessRecognizeResult {
  blocks: TessBlock[] | null;
}

/** Encoded inputs (TIFF) carry no size the worker knows; the caller takes it from the image header. */
async function recognize(input: OcrInput, config: OcrWorkerConfig): Promise<OcrResult> {
  let bytes: Uint8Array;
  let width = 0;
  let height = 0;
  let rulings: ImageRuling[] | undefined;
  let options: Record<string, string> = {};
  if (input.kind === 'grey') {
    rulings = findRulings(input.image, config.eraseRulings === true);
    // A ruled table: automatic page segmentation takes the grid for a picture and reads
    // nothing in it; sparse-text mode finds the words in the cells (the layout regroups them).
    if (isTable(rulings)) options = { tessedit_pageseg_mode: String(config.tablePsm ?? 11) };
    bytes = encodePgm(input.image);
    width = input.image.width;
    height = input.image.height;
  } else {
    bytes = input.image.bytes;
  }
  const hooks = config.testHooks;
  if (hooks && input.kind === 'grey') {
    const landscape = input.image.width > input.image.height;
    if (input.image.width === hooks.failWidth || (hooks.failLandscape && landscape)) throw new Error('test hook: this page fails on purpose');
    if (input.image.width === hooks.crashWidth) process.exit(70);
    if (input.image.width === hooks.hangWidth) await new Promise(() => {});
  }
  const started = performance.now();
  const result = await call<TessRecognizeResult>('recognize', { image: bytes, options, output: { text: false, blocks: true } });
  const ms = Math.round(performance.now() - started);
  const out = fromTesseract(result.blocks, width, height, ms);
  if (rulings?.length) out.rulings = rulings;
  return out;
}

/** At least two horizontal and two vertical rulings: a ruled table (or a frame worth reading as one). */
export function isTable(rulings: readonly ImageRuling[]): boolean {
  return rulings.filter((r) => r.dir === 'h').length >= 2 && rulings.filter((r) => r.dir === 'v').length >= 2;
}

serveOcr('tesseract', { start: init, recognize: (_, input, config) => recognize(input, config) });

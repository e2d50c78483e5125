/**
 * PDF reader: a text layer → lines and tables, page by page.
 *
 * The engine is PDFium (WebAssembly, extractors/pdfium.ts): its characters, with measured
 * origins and advances, become tokens (pdf/pdfium-page.ts), its path and image objects the
 * page's rulings and image tally. pdf.js (extractors/pdfjs.ts) is the other engine: its text
 * items become tokens (pdf/text.ts) and its operator list the rulings (pdf/rulings.ts); it reads
 * files PDFium cannot open, and callers may ask for it. From tokens and rulings on, both go the
 * same way: rulings become table grids (grid.ts), tokens inside a grid become cells and
 * table-row lines, the rest are grouped into lines by baseline (page.ts). Then over the whole
 * document: page numbers and running headers/footers are dropped (furniture.ts), tables get
 * their caption and unit and are joined across page breaks (tables.ts), wrapped lines are marked
 * `continues` (flow.ts), and everything is numbered (assemble.ts).
 *
 * Pages without a usable text layer are marked `needsOcr` with a notice; OCR is not run here.
 * Page resources are released after each page, so memory does not grow with page count.
 */
import type { Document, ExtractResult } from '../model/document.js';
import { finishPages } from './pdf/assemble.js';
import { findGrids, type Grid } from './pdf/grid.js';
import { layoutPage, looksLikeProse, type PageDraft } from './pdf/page.js';
import { readGraphics, type OpCodes, type PageGraphics } from './pdf/rulings.js';
import { MAX_IMAGE_PIXELS } from './pixel-budget.js';
import { groupLines, tokensFromItems, type FontStyleLike, type TextItemLike, type Token } from './pdf/text.js';
import { closePdf, loadPdfJs, mapPdfError, openPdf, PdfOpenError, type PDFDocumentProxy, type PDFPageProxy } from './pdfjs.js';
import { loadPdfium, openPdfiumDocument, releasePdfiumIfLarge, type PdfiumEngine } from './pdfium.js';
import { displayMatrix } from './pdf/geometry.js';
import { readPdfiumGraphics, readPdfiumTokens } from './pdf/pdfium-page.js';
import type { ExtractInput, ExtractOptions } from './types.js';

/** Which library reads the PDF: PDFium (the default) or pdf.js (kept for comparison and as a fallback). */
export type PdfEngine = 'pdfium' | 'pdfjs';

export interface PdfReadOptions extends ExtractOptions {
  /** User password for encrypted PDFs. */
  password?: string;
  /** The engine; unset means PDFium, with pdf.js for a file PDFium cannot parse. */
  engine?: PdfEngine;
}

/** Notice for a page that has no text layer worth reading. */
export function needsOcrNotice(page: number): string {
  return `第 ${page} 页无可用文本层，需要 OCR`;
}

/** Characters that mean "glyph without a Unicode mapping": private use, replacement, controls. */
const UNMAPPED_RE = /[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000E-\u001F]/g;

/** Fewer characters than this over a page-sized image: a scan with a stamp, not a text page. */
const TINY_TEXT = 20;

/** Share of unmapped characters above which a page's text layer is not usable. */
const UNMAPPED_LIMIT = 0.5;

export async function extractPdf(input: ExtractInput, options: PdfReadOptions): Promise<ExtractResult> {
  if (input.bytes.length === 0) return fail('文件为空（0 字节）', 'empty');
  const engine = options.engine ?? 'pdfium';
  const read = engine === 'pdfium' ? readWithPdfium : readWithPdfJs;
  try {
    const drafts = await read(input.bytes, options);
    if (drafts === 'timeout') return timeout();
    return finish(input, drafts);
  } catch (error) {
    const mapped = error instanceof PdfOpenError ? error : mapPdfError(error);
    // A file one engine cannot parse may still open in the other (each repairs different damage).
    if (engine === 'pdfium' && mapped.code === 'corrupt' && !options.engine) {
      const fallback = await extractPdf(input, { ...options, engine: 'pdfjs' });
      if (fallback.ok) return fallback;
    }
    if (mapped.code === 'corrupt' && looksTruncated(input.bytes)) {
      return fail('PDF 文件不完整（文件末尾缺失，可能下载中断或被截断），无法读取', 'corrupt');
    }
    return fail(mapped.message, mapped.code);
  }
}

/** Page drafts → the Document, or the file error when no page could be read. */
function finish(input: ExtractInput, drafts: PageDraft[]): ExtractResult {
  if (drafts.length === 0) return fail('PDF 文件中没有页面', 'corrupt');
  const failed = drafts.filter((d) => d.unreadable);
  if (failed.length === drafts.length) return fail(`PDF 文件已损坏，所有页面都无法读取（${failed[0]!.unreadable}）`, 'corrupt');
  const document: Document = {
    path: input.path,
    format: 'pdf',
    sha256: input.sha256,
    pageNumbersKnown: true,
    pages: finishPages(drafts),
    notices: [],
  };
  const ocrPages = drafts.filter((d) => d.needsOcr).length;
  if (ocrPages === drafts.length) document.notices.push(`PDF 没有可用的文本层（共 ${ocrPages} 页），需要 OCR`);
  return { ok: true, document };
}

/** A page that could not be read at all: a draft with the reason, so the other pages still count. */
function unreadablePage(number: number, error: unknown): PageDraft {
  const detail = oneLine(mapPdfError(error).detail ?? String(error));
  return { number, width: 0, height: 0, lines: [], tables: [], source: 'text-layer', notices: [`第 ${number} 页无法读取（${detail}）`], unreadable: detail };
}

async function readWithPdfium(bytes: Uint8Array, options: PdfReadOptions): Promise<PageDraft[] | 'timeout'> {
  const engine = await loadPdfium();
  const doc = openPdfiumDocument(engine, bytes, options.password);
  const fn = engine.fn;
  const scratch = { ptr: fn.malloc(64) };
  try {
    const drafts: PageDraft[] = [];
    const context: ReadContext = { sawText: false };
    for (let index = 0; index < doc.pageCount; index++) {
      // Let a time limit (an abort from a timer) through between pages.
      if (index % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
      if (options.signal?.aborted) return 'timeout';
      const number = index + 1;
      const page = fn.FPDF_LoadPage(doc.handle, index);
      if (!page) {
        drafts.push(unreadablePage(number, new Error(`PDFium 无法载入该页（错误 ${fn.FPDF_GetLastError()}）`)));
        continue;
      }
      let textPage = 0;
      try {
        const view = pdfiumView(engine, page, scratch.ptr);
        textPage = fn.FPDFText_LoadPage(page);
        const tokens = textPage ? readPdfiumTokens(engine, textPage, view.transform, scratch) : [];
        drafts.push(
          await draftPage({ number, width: view.width, height: view.height, tokens, graphics: () => readPdfiumGraphics(engine, page, view.transform, scratch) }, context),
        );
      } catch (error) {
        drafts.push(unreadablePage(number, error));
      } finally {
        if (textPage) fn.FPDFText_ClosePage(textPage);
        fn.FPDF_ClosePage(page);
      }
    }
    return drafts;
  } finally {
    fn.free(scratch.ptr);
    doc.close();
    releasePdfiumIfLarge(engine);
  }
}

/** The page's visible box and rotation as a display matrix (as pdf.js's viewport at scale 1). */
function pdfiumView(engine: PdfiumEngine, page: number, scratch: number): ReturnType<typeof displayMatrix> {
  const fn = engine.fn;
  let box: [number, number, number, number] = [0, 0, 612, 792];
  if (fn.FPDF_GetPageBoundingBox(page, scratch)) {
    const f32 = engine.heap().f32;
    const k = scratch >> 2;
    // FS_RECTF: left, top, right, bottom.
    const left = f32[k]!;
    const top = f32[k + 1]!;
    const right = f32[k + 2]!;
    const bottom = f32[k + 3]!;
    box = [Math.min(left, right), Math.min(top, bottom), Math.max(left, right), Math.max(top, bottom)];
  }
  return displayMatrix(box, fn.FPDFPage_GetRotation(page) * 90);
}

async function readWithPdfJs(bytes: Uint8Array, options: PdfReadOptions): Promise<PageDraft[] | 'timeout'> {
  let doc: PDFDocumentProxy | undefined;
  try {
    doc = await openPdf(bytes, { password: options.password });
    const pdfjs = await loadPdfJs();
    const OPS = pdfjs.OPS as unknown as OpCodes;
    const drafts: PageDraft[] = [];
    const context: ReadContext = { sawText: false };
    for (let n = 1; n <= doc.numPages; n++) {
      if (options.signal?.aborted) return 'timeout';
      let page: PDFPageProxy | undefined;
      try {
        page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        const items = content.items.filter((item): item is TextItemLike & typeof item => 'str' in item);
        const tokens = tokensFromItems(items, content.styles as Record<string, FontStyleLike>, viewport.transform);
        const current = page;
        drafts.push(
          await draftPage(
            { number: n, width: viewport.width, height: viewport.height, tokens, graphics: async () => readGraphics(await current.getOperatorList(), OPS, viewport.transform) },
            context,
          ),
        );
      } catch (error) {
        drafts.push(unreadablePage(n, error));
      } finally {
        page?.cleanup();
      }
    }
    return drafts;
  } finally {
    await closePdf(doc);
  }
}

/** A complete PDF ends with `%%EOF` (give or take trailing whitespace or junk). */
function looksTruncated(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  return !tail.includes('%%EOF');
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}

function fail(message: string, code: string): ExtractResult {
  return { ok: false, error: { message, code } };
}

function timeout(): ExtractResult {
  return fail('PDF 读取超时，已停止', 'timeout');
}

interface ReadContext {
  /** Some earlier page had a usable text layer. */
  sawText: boolean;
}

/** One page as an engine hands it over: its tokens now, its drawing when asked (it costs). */
interface PageSource {
  number: number;
  width: number;
  height: number;
  tokens: Token[];
  graphics(): PageGraphics | Promise<PageGraphics>;
}

/** Lays out one page: prose without its drawing, tables from rulings, scans marked for OCR. */
async function draftPage(source: PageSource, context: ReadContext): Promise<PageDraft> {
  const { number, width, height } = source;
  // Text set outside the page's visible box is not on the printed page.
  const tokens = source.tokens.filter((t) => onPage(t, width, height));
  const usable = textLayerUsable(tokens);
  if (!usable) {
    const draft: PageDraft = { number, width, height, lines: [], tables: [], source: 'text-layer', notices: [] };
    // A page without text may just be blank: look for images or drawn shapes, in a scan too
    // (a blank page sent to OCR costs seconds and reads nothing). Should the look fail, OCR decides.
    let scan = tokens.length > 0;
    let tooLarge: { width: number; height: number } | undefined;
    if (!scan) {
      try {
        const graphics = await source.graphics();
        scan = graphics.images > 0 || graphics.paths > 50;
        const most = graphics.mostPixels;
        if (most && most.width * most.height > MAX_IMAGE_PIXELS) tooLarge = most;
      } catch {
        scan = true;
      }
    }
    if (tooLarge) {
      // pdf.js does not decode it (maxImageSize): OCR would read a page without its image.
      draft.notices.push(`第 ${number} 页的图像过大（${tooLarge.width}×${tooLarge.height} 像素，上限 ${MAX_IMAGE_PIXELS / 10_000} 万像素），未读取`);
    } else if (scan) {
      draft.needsOcr = true;
      draft.notices.push(needsOcrNotice(number));
    } else if (!context.sawText) {
      draft.notices.push(`第 ${number} 页为空白页（无文字、无图像），未做 OCR`);
    }
    return draft;
  }
  context.sawText = true;
  const lines = groupLines(tokens);
  if (looksLikeProse(lines)) return layoutPage(number, width, height, tokens, [], lines);
  let grids: Grid[] = [];
  let notice: string | undefined;
  try {
    const graphics = await source.graphics();
    // A scan with a line or two of real text (a scanner's page stamp) still needs OCR.
    const chars = tokens.reduce((n, t) => n + t.text.length, 0);
    // Its few lines are kept (they may be all there is, with OCR off).
    if (chars < TINY_TEXT && graphics.largestImage >= 0.5 * width * height) {
      const draft = layoutPage(number, width, height, tokens, [], lines);
      draft.needsOcr = true;
      draft.notices.push(needsOcrNotice(number));
      return draft;
    }
    grids = findGrids(graphics.rulings);
  } catch (error) {
    // The text is there; only the drawing could not be read. Tables then come from alignment.
    notice = `第 ${number} 页的图形（表格线）无法读取，表格按文字对齐识别（${oneLine(mapPdfError(error).detail ?? String(error))}）`;
  }
  const draft = layoutPage(number, width, height, tokens, grids, lines);
  if (notice) draft.notices.push(notice);
  return draft;
}

/** A token is on the page when its middle is, and its baseline too (a line cut off at the edge is not). */
function onPage(token: Token, width: number, height: number): boolean {
  const x = (token.x0 + token.x1) / 2;
  const y = token.rotated ? (token.top + token.bottom) / 2 : token.baseline;
  return x >= 0 && x <= width && y >= 0 && y <= height;
}

/** A text layer is usable when it has text and most of its characters map to Unicode. */
function textLayerUsable(tokens: Token[]): boolean {
  let total = 0;
  let unmapped = 0;
  for (const t of tokens) {
    total += t.text.length;
    unmapped += t.text.match(UNMAPPED_RE)?.length ?? 0;
  }
  return total > 0 && unmapped / total <= UNMAPPED_LIMIT;
}

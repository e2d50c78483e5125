/**
 * PDF reader: pdf.js text layer → lines and tables, page by page.
 *
 * Per page: text items become tokens with boxes (extractors/pdf/text.ts), ruling lines from
 * the operator list become table grids (rulings.ts, grid.ts), tokens inside a grid become
 * cells and table-row lines, the rest are grouped into lines by baseline (page.ts). Then over
 * the whole document: page numbers and running headers/footers are dropped (furniture.ts),
 * tables get their caption and unit and are joined across page breaks (tables.ts), wrapped
 * lines are marked `continues` (flow.ts), and everything is numbered (assemble.ts).
 *
 * Pages without a usable text layer are marked `needsOcr` with a notice; OCR is not run here.
 * Page resources are released after each page, so memory does not grow with page count.
 */
import type { Document, ExtractResult } from '../model/document.js';
import { finishPages } from './pdf/assemble.js';
import { findGrids, type Grid } from './pdf/grid.js';
import { layoutPage, looksLikeProse, type PageDraft } from './pdf/page.js';
import { readGraphics, type OpCodes, type PageGraphics } from './pdf/rulings.js';
import { groupLines, tokensFromItems, type FontStyleLike, type TextItemLike, type Token } from './pdf/text.js';
import { closePdf, loadPdfJs, mapPdfError, openPdf, PdfOpenError, type PDFDocumentProxy, type PDFPageProxy } from './pdfjs.js';
import type { ExtractInput, ExtractOptions } from './types.js';

export interface PdfReadOptions extends ExtractOptions {
  /** User password for encrypted PDFs. */
  password?: string;
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
  let doc: PDFDocumentProxy | undefined;
  try {
    doc = await openPdf(input.bytes, { password: options.password });
    if (options.signal?.aborted) return timeout();
    const pdfjs = await loadPdfJs();
    const OPS = pdfjs.OPS as unknown as OpCodes;
    const drafts: PageDraft[] = [];
    const context: ReadContext = { sawText: false };
    let failed = 0;
    let firstFailure = '';
    for (let n = 1; n <= doc.numPages; n++) {
      if (options.signal?.aborted) return timeout();
      try {
        drafts.push(await readPage(doc, n, OPS, context));
      } catch (error) {
        failed++;
        const detail = mapPdfError(error).detail ?? String(error);
        firstFailure ||= detail;
        drafts.push({ number: n, width: 0, height: 0, lines: [], tables: [], source: 'text-layer', notices: [`第 ${n} 页无法读取（${oneLine(detail)}）`] });
      }
    }
    if (doc.numPages === 0) return fail('PDF 文件中没有页面', 'corrupt');
    if (failed === doc.numPages) return fail(`PDF 文件已损坏，所有页面都无法读取（${oneLine(firstFailure)}）`, 'corrupt');

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
  } catch (error) {
    const mapped = error instanceof PdfOpenError ? error : mapPdfError(error);
    if (mapped.code === 'corrupt' && looksTruncated(input.bytes)) {
      return fail('PDF 文件不完整（文件末尾缺失，可能下载中断或被截断），无法读取', 'corrupt');
    }
    return fail(mapped.message, mapped.code);
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

/** Reads one page into a draft and frees the page's resources. */
async function readPage(doc: PDFDocumentProxy, number: number, OPS: OpCodes, context: ReadContext): Promise<PageDraft> {
  const page: PDFPageProxy = await doc.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.filter((item): item is TextItemLike & typeof item => 'str' in item);
    const tokens = tokensFromItems(items, content.styles as Record<string, FontStyleLike>, viewport.transform);
    const usable = textLayerUsable(tokens);
    if (!usable) {
      const draft: PageDraft = { number, width: viewport.width, height: viewport.height, lines: [], tables: [], source: 'text-layer', notices: [] };
      // In a document with text, a page without any may just be blank: look for images or
      // drawn shapes. In a scan (no text so far) skip that look, which decodes every image.
      const scan = tokens.length > 0 || !context.sawText || (await readOperators(page, OPS, viewport.transform, (g) => g.images > 0 || g.paths > 50));
      if (scan) {
        draft.needsOcr = true;
        draft.notices.push(needsOcrNotice(number));
      }
      return draft;
    }
    context.sawText = true;
    const lines = groupLines(tokens);
    if (looksLikeProse(lines)) return layoutPage(number, viewport.width, viewport.height, tokens, [], lines);
    let grids: Grid[] = [];
    let notice: string | undefined;
    try {
      const graphics = await readOperators(page, OPS, viewport.transform, (g) => g);
      // A scan with a line or two of real text (a scanner's page stamp) still needs OCR.
      const chars = tokens.reduce((n, t) => n + t.text.length, 0);
      // Its few lines are kept (they may be all there is, with OCR off).
      if (chars < TINY_TEXT && graphics.largestImage >= 0.5 * viewport.width * viewport.height) {
        const draft = layoutPage(number, viewport.width, viewport.height, tokens, [], lines);
        draft.needsOcr = true;
        draft.notices.push(needsOcrNotice(number));
        return draft;
      }
      grids = findGrids(graphics.rulings);
    } catch (error) {
      // The text is there; only the drawing could not be read. Tables then come from alignment.
      notice = `第 ${number} 页的图形（表格线）无法读取，表格按文字对齐识别（${oneLine(mapPdfError(error).detail ?? String(error))}）`;
    }
    const draft = layoutPage(number, viewport.width, viewport.height, tokens, grids, lines);
    if (notice) draft.notices.push(notice);
    return draft;
  } finally {
    page.cleanup();
  }
}

async function readOperators<T>(page: PDFPageProxy, OPS: OpCodes, transform: number[], use: (g: PageGraphics) => T): Promise<T> {
  const ops = await page.getOperatorList();
  return use(readGraphics(ops, OPS, transform));
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

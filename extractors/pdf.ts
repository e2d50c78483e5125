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
import { assemblePages } from './pdf/assemble.js';
import { findGrids } from './pdf/grid.js';
import { markContinuations } from './pdf/flow.js';
import { removeFurniture } from './pdf/furniture.js';
import { layoutPage, type PageDraft } from './pdf/page.js';
import { readGraphics, type OpCodes, type PageGraphics } from './pdf/rulings.js';
import { labelTables, linkContinuedTables } from './pdf/tables.js';
import { tokensFromItems, type FontStyleLike, type TextItemLike, type Token } from './pdf/text.js';
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
    let failed = 0;
    let firstFailure = '';
    for (let n = 1; n <= doc.numPages; n++) {
      if (options.signal?.aborted) return timeout();
      try {
        drafts.push(await readPage(doc, n, OPS));
      } catch (error) {
        failed++;
        const detail = mapPdfError(error).detail ?? String(error);
        firstFailure ||= detail;
        drafts.push({ number: n, width: 0, height: 0, lines: [], tables: [], source: 'text-layer', notices: [`第 ${n} 页无法读取（${oneLine(detail)}）`] });
      }
    }
    if (doc.numPages === 0) return fail('PDF 文件中没有页面', 'corrupt');
    if (failed === doc.numPages) return fail(`PDF 文件已损坏，所有页面都无法读取（${oneLine(firstFailure)}）`, 'corrupt');

    removeFurniture(drafts);
    for (const draft of drafts) labelTables(draft);
    linkContinuedTables(drafts);
    markContinuations(drafts);
    const document: Document = {
      path: input.path,
      format: 'pdf',
      sha256: input.sha256,
      pageNumbersKnown: true,
      pages: assemblePages(drafts),
      notices: [],
    };
    const ocrPages = drafts.filter((d) => d.needsOcr).length;
    if (ocrPages === drafts.length) document.notices.push(`PDF 没有可用的文本层（共 ${ocrPages} 页），需要 OCR`);
    return { ok: true, document };
  } catch (error) {
    const mapped = error instanceof PdfOpenError ? error : mapPdfError(error);
    return fail(mapped.message, mapped.code);
  } finally {
    await closePdf(doc);
  }
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

/** Reads one page into a draft and frees the page's resources. */
async function readPage(doc: PDFDocumentProxy, number: number, OPS: OpCodes): Promise<PageDraft> {
  const page: PDFPageProxy = await doc.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.filter((item): item is TextItemLike & typeof item => 'str' in item);
    const tokens = tokensFromItems(items, content.styles as Record<string, FontStyleLike>, viewport.transform);
    const usable = textLayerUsable(tokens);
    if (!usable) {
      const graphics = await readOperators(page, OPS, viewport.transform);
      const draft: PageDraft = { number, width: viewport.width, height: viewport.height, lines: [], tables: [], source: 'text-layer', notices: [] };
      // A blank page is just blank; one with images or drawn shapes but no text is a scan.
      if (graphics.images > 0 || graphics.paths > 50 || tokens.length > 0) {
        draft.needsOcr = true;
        draft.notices.push(needsOcrNotice(number));
      }
      return draft;
    }
    const graphics = await readOperators(page, OPS, viewport.transform);
    const grids = findGrids(graphics.rulings);
    return layoutPage(number, viewport.width, viewport.height, tokens, grids);
  } finally {
    page.cleanup();
  }
}

async function readOperators(page: PDFPageProxy, OPS: OpCodes, transform: number[]): Promise<PageGraphics> {
  const ops = await page.getOperatorList();
  return readGraphics(ops, OPS, transform);
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

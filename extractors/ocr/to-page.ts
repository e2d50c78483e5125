/**
 * OCR output → the document model, through the PDF reader's own layout code.
 *
 * Each OCR word (after digit repair) becomes a token with a box in page units, exactly like a
 * run of text from a PDF text layer; the PDF reader's layout (extractors/pdf/) then groups
 * tokens into lines by baseline, joins CJK without spaces and wide gaps with tabs, builds
 * tables from ruling lines, drops page numbers and running headers, and marks soft-wrapped
 * lines `continues`. So OCR pages and text-layer pages look the same to the normalizer, and
 * every segment additionally carries the OCR confidence of its word.
 */
import type { BBox, Page, Segment } from '../../model/document.js';
import { assemblePages } from '../pdf/assemble.js';
import { markContinuations } from '../pdf/flow.js';
import { removeFurniture } from '../pdf/furniture.js';
import { roundBox } from '../pdf/geometry.js';
import type { Grid } from '../pdf/grid.js';
import { layoutPage, type PageDraft } from '../pdf/page.js';
import { labelTables, linkContinuedTables } from '../pdf/tables.js';
import { isCjk, type Token } from '../pdf/text.js';
import { repairLine, type RepairedWord } from './digits.js';
import type { OcrResult } from './protocol.js';

/** One recognized page, ready for layout. */
export interface OcrPageInput {
  number: number;
  result: OcrResult;
  /** Image pixels per page unit (render scale for PDF pages, 1 for image files). */
  scale: number;
  /** Page size in page units. */
  width: number;
  height: number;
  /** Table grids found on the page image, in page units. */
  grids?: Grid[];
  notices?: string[];
}

function keyOf(box: BBox): string {
  const b = roundBox(box);
  return `${b.x0},${b.y0},${b.x1},${b.y1}`;
}

/** Baseline y at x for a line, from the engine's baseline or the line box. */
function baselineAt(line: OcrResult['lines'][number], x: number): number {
  const b = line.baseline;
  if (!b || b.x1 === b.x0) return line.bbox.y1;
  const t = Math.max(0, Math.min(1, (x - b.x0) / (b.x1 - b.x0)));
  return b.y0 + t * (b.y1 - b.y0);
}

/**
 * Chinese has no spaces between words; the engine's word boxes inside a run of Chinese are an
 * artefact of its segmentation. Adjacent words whose touching characters are both CJK (and
 * that are not far apart) are joined into one run, as a PDF text item would hold it.
 */
export function joinCjkRuns(words: readonly RepairedWord[], lineHeight: number): RepairedWord[] {
  const out: RepairedWord[] = [];
  for (const word of words) {
    const previous = out[out.length - 1];
    if (previous && isCjk(lastChar(previous.text)) && isCjk(firstChar(word.text)) && word.bbox.x0 - previous.bbox.x1 < 0.8 * lineHeight) {
      previous.text += word.text;
      previous.bbox = {
        x0: Math.min(previous.bbox.x0, word.bbox.x0),
        y0: Math.min(previous.bbox.y0, word.bbox.y0),
        x1: Math.max(previous.bbox.x1, word.bbox.x1),
        y1: Math.max(previous.bbox.y1, word.bbox.y1),
      };
      previous.confidence = Math.min(previous.confidence, word.confidence);
      continue;
    }
    out.push({ ...word });
  }
  return out;
}

function firstChar(s: string): string | undefined {
  return Array.from(s)[0];
}
function lastChar(s: string): string | undefined {
  const chars = Array.from(s);
  return chars[chars.length - 1];
}

/** OCR words → tokens in page units, and the confidence of each token by its box. */
export function tokensFromOcr(result: OcrResult, scale: number): { tokens: Token[]; confidence: Map<string, number> } {
  const tokens: Token[] = [];
  const confidence = new Map<string, number>();
  let item = 0;
  for (const line of result.lines) {
    const height = Math.max(1, line.bbox.y1 - line.bbox.y0);
    for (const word of joinCjkRuns(repairLine(line.words, height), height)) {
      const cx = (word.bbox.x0 + word.bbox.x1) / 2;
      const token: Token = {
        text: word.text,
        x0: word.bbox.x0 / scale,
        x1: word.bbox.x1 / scale,
        top: word.bbox.y0 / scale,
        bottom: word.bbox.y1 / scale,
        baseline: baselineAt(line, cx) / scale,
        size: height / scale,
        item: item++,
        spaceBefore: false,
        rotated: false,
      };
      tokens.push(token);
      confidence.set(keyOf({ x0: token.x0, y0: token.top, x1: token.x1, y1: token.bottom }), word.confidence);
    }
  }
  return { tokens, confidence };
}

function withConfidence(segments: Segment[] | undefined, confidence: Map<string, number>): void {
  for (const segment of segments ?? []) {
    const c = confidence.get(keyOf(segment.bbox));
    if (c !== undefined) segment.confidence = c;
  }
}

/**
 * Lays out recognized pages (one document's, in page order) and returns them as model pages
 * with `source: 'ocr'`. Table indexes start at `firstTableIndex`.
 */
export function ocrPagesToModel(inputs: OcrPageInput[], firstTableIndex = 0): Page[] {
  const confidence = new Map<string, number>();
  const drafts: PageDraft[] = inputs.map((input) => {
    const { tokens, confidence: own } = tokensFromOcr(input.result, input.scale);
    for (const [k, v] of own) confidence.set(k, v);
    const draft = layoutPage(input.number, input.width, input.height, tokens, input.grids ?? []);
    draft.notices.push(...(input.notices ?? []));
    return draft;
  });
  removeFurniture(drafts);
  markContinuations(drafts);
  for (const draft of drafts) labelTables(draft);
  linkContinuedTables(drafts);
  const pages = assemblePages(drafts);
  for (const page of pages) {
    page.source = 'ocr';
    for (const line of page.lines) withConfidence(line.segments, confidence);
    for (const table of page.tables) table.index += firstTableIndex;
  }
  return pages;
}

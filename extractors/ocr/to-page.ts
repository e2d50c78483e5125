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
import { findGrids, type Grid } from '../pdf/grid.js';
import type { Ruling } from '../pdf/rulings.js';
import { layoutPage, type PageDraft } from '../pdf/page.js';
import { labelTables, linkContinuedTables } from '../pdf/tables.js';
import { charEm, isCjk, type Token } from '../pdf/text.js';
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
  /** Table grids in page units (default: from the rulings the engine found in the image). */
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
 * that are not far apart) are joined into one run, as a PDF text item would hold it. Justified
 * lines and clipped character boxes leave gaps of up to about an em; a column gap is two.
 */
export function joinCjkRuns(words: readonly RepairedWord[], lineHeight: number): RepairedWord[] {
  const out: RepairedWord[] = [];
  for (const word of words) {
    const previous = out[out.length - 1];
    if (previous && isCjk(lastChar(previous.text)) && isCjk(firstChar(word.text)) && word.bbox.x0 - previous.bbox.x1 < 1.5 * lineHeight) {
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

/**
 * The page's skew as a slope (dy/dx, y down): from long horizontal rulings when there are
 * some (length-weighted), else the median slope of long text baselines.
 */
export function estimateSkew(result: OcrResult): number {
  let weight = 0;
  let sum = 0;
  for (const r of result.rulings ?? []) {
    if (r.dir !== 'h') continue;
    const length = r.x1 - r.x0;
    if (length <= 0) continue;
    sum += ((r.y1 - r.y0) / length) * length;
    weight += length;
  }
  if (weight > 0.3 * result.width) return sum / weight;
  const slopes: number[] = [];
  for (const line of result.lines) {
    const b = line.baseline;
    if (!b || b.x1 - b.x0 < 0.2 * result.width) continue;
    slopes.push((b.y1 - b.y0) / (b.x1 - b.x0));
  }
  if (slopes.length < 3) return 0;
  slopes.sort((a, b) => a - b);
  return slopes[slopes.length >> 1]!;
}

/** Rotation that levels a page of the given skew: (x, y) → (x', y'). */
function deskewer(slope: number): (x: number, y: number) => [number, number] {
  if (Math.abs(slope) < 0.0009) return (x, y) => [x, y]; // < 0.05°
  const theta = Math.atan(slope);
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return (x, y) => [x * c + y * s, -x * s + y * c];
}

/** Moves a box so its centre lands where the rotation puts it (small angles: size unchanged). */
function moveBox(box: BBox, rotate: (x: number, y: number) => [number, number]): BBox {
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const [nx, ny] = rotate(cx, cy);
  const dx = nx - cx;
  const dy = ny - cy;
  return { x0: box.x0 + dx, y0: box.y0 + dy, x1: box.x1 + dx, y1: box.y1 + dy };
}

/** Image rulings → PDF-reader rulings in page units (deskewed). */
export function rulingsFromOcr(result: OcrResult, scale: number): Ruling[] {
  const rotate = deskewer(estimateSkew(result));
  const out: Ruling[] = [];
  for (const r of result.rulings ?? []) {
    const [ax, ay] = rotate(r.x0, r.y0);
    const [bx, by] = rotate(r.x1, r.y1);
    if (r.dir === 'h') out.push({ dir: 'h', pos: (ay + by) / 2 / scale, from: Math.min(ax, bx) / scale, to: Math.max(ax, bx) / scale });
    else out.push({ dir: 'v', pos: (ax + bx) / 2 / scale, from: Math.min(ay, by) / scale, to: Math.max(ay, by) / scale });
  }
  return out;
}

/**
 * Words that run across a vertical table ruling (an engine that reads a whole cell row as one
 * box, or takes the border for a character: `|396.3564`, `6396.3564`) are cut at the ruling,
 * and the character drawn on the ruling itself is dropped. Character positions inside a word
 * are estimated from character widths.
 */
export function splitAtRulings<T extends OcrResult['lines'][number]['words'][number]>(words: readonly T[], rulings: OcrResult['rulings']): T[] {
  const verticals = (rulings ?? []).filter((r) => r.dir === 'v');
  if (verticals.length === 0) return [...words];
  const out: T[] = [];
  for (const word of words) {
    const cy = (word.bbox.y0 + word.bbox.y1) / 2;
    const cuts = verticals
      .filter((r) => cy >= r.y0 && cy <= r.y1)
      .map((r) => r.x0 + ((cy - r.y0) / Math.max(1, r.y1 - r.y0)) * (r.x1 - r.x0))
      .filter((x) => x > word.bbox.x0 + 1 && x < word.bbox.x1 - 1)
      .sort((a, b) => a - b);
    if (cuts.length === 0) {
      out.push(word);
      continue;
    }
    const chars = Array.from(word.text);
    const total = chars.reduce((sum, ch) => sum + charEm(ch), 0) || 1;
    const unit = (word.bbox.x1 - word.bbox.x0) / total;
    let x = word.bbox.x0;
    let part: { text: string; x0: number; x1: number } | undefined;
    const flush = () => {
      if (part?.text) out.push({ ...word, text: part.text, bbox: { ...word.bbox, x0: part.x0, x1: part.x1 } });
      part = undefined;
    };
    for (const ch of chars) {
      const w = charEm(ch) * unit;
      const onRuling = cuts.some((c) => c >= x && c <= x + w);
      if (onRuling) {
        flush(); // the character is the border (or hides it): dropped
      } else {
        if (part && cuts.some((c) => c > part!.x1 && c < x + w / 2)) flush();
        part ??= { text: '', x0: x, x1: x };
        part.text += ch;
        part.x1 = x + w;
      }
      x += w;
    }
    flush();
  }
  return out;
}

/** A footer `— 7 —` read as `一7一` (the ideograph for one): dashes again, so furniture removal knows it. */
export function pageNumberDashes(words: RepairedWord[]): RepairedWord[] {
  const text = words.map((w) => w.text).join('');
  if (!/^[一—-]\d{1,4}[一—-]$/.test(text)) return words;
  return words.map((w) => ({ ...w, text: w.text.replace(/一/g, '—') }));
}

/** Median height of the page's line boxes (0 without lines). */
function bodyHeight(result: OcrResult): number {
  const heights = result.lines.map((l) => l.bbox.y1 - l.bbox.y0).filter((h) => h > 0).sort((a, b) => a - b);
  return heights.length ? heights[heights.length >> 1]! : 0;
}

/** Below this confidence a word with nothing readable in it is taken for noise. */
const NOISE_CONFIDENCE = 50;

/**
 * Noise the engine read as text: a line with neither a Chinese character nor a digit in which no
 * word is confident (a garbled page number `— 13 —` read as `a foi`, a speck read as `oi`), a
 * short unsure line centred at the foot of the page (the page number read as `Asli 1%`), and
 * specks inside lines (a word a fraction of the line's height, low confidence). Such words hold
 * no figure of the report; kept, they would stand between a table and its continuation.
 */
export function withoutNoise(line: OcrResult['lines'][number], bodyHeight: number, page?: { width: number; height: number }): OcrResult['lines'][number]['words'] {
  const readable = (text: string) => /[\p{Script=Han}\d]/u.test(text);
  const words = line.words;
  const unsure = words.every((w) => w.confidence < NOISE_CONFIDENCE);
  if (unsure && !words.some((w) => readable(w.text))) return [];
  if (unsure && page && isFolioPlace(line.bbox, page) && words.map((w) => w.text).join('').length <= 8) return [];
  const reference = bodyHeight > 0 ? bodyHeight : line.bbox.y1 - line.bbox.y0;
  // A small word may be a decimal point or a comma the engine set apart: those stay.
  return words.filter((w) => /[\d.,，．%]/.test(w.text) || !(w.confidence < 30 && w.bbox.y1 - w.bbox.y0 < 0.25 * reference));
}

/** Where a page number is printed: the bottom tenth of the page, centred. */
function isFolioPlace(box: BBox, page: { width: number; height: number }): boolean {
  const centre = (box.x0 + box.x1) / 2;
  return box.y0 >= 0.9 * page.height && Math.abs(centre - page.width / 2) <= 0.1 * page.width;
}

/** OCR words → tokens in page units (deskewed), and the confidence of each token by its box. */
export function tokensFromOcr(result: OcrResult, scale: number): { tokens: Token[]; confidence: Map<string, number> } {
  const tokens: Token[] = [];
  const confidence = new Map<string, number>();
  const rotate = deskewer(estimateSkew(result));
  const body = bodyHeight(result);
  let item = 0;
  for (const line of result.lines) {
    const own = Math.max(1, line.bbox.y1 - line.bbox.y0);
    // A line box's height varies with what it holds (brackets, digits only); the layout reads
    // it as a font size, so lines close to the page's usual height get exactly that height.
    const height = body > 0 && Math.abs(own - body) <= 0.3 * body ? body : own;
    const kept = withoutNoise(line, body, result);
    if (kept.length === 0) continue;
    const words = splitAtRulings(kept, result.rulings);
    for (const repaired of joinCjkRuns(pageNumberDashes(repairLine(words, height)), height)) {
      const cx = (repaired.bbox.x0 + repaired.bbox.x1) / 2;
      const box = moveBox(repaired.bbox, rotate);
      const baseline = baselineAt(line, cx) + (box.y1 - repaired.bbox.y1);
      const word = { ...repaired, bbox: box };
      const token: Token = {
        text: word.text,
        x0: word.bbox.x0 / scale,
        x1: word.bbox.x1 / scale,
        top: word.bbox.y0 / scale,
        bottom: word.bbox.y1 / scale,
        baseline: baseline / scale,
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
    const grids = input.grids ?? findGrids(rulingsFromOcr(input.result, input.scale));
    const draft = layoutPage(input.number, input.width, input.height, tokens, grids);
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

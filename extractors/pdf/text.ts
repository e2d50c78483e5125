/**
 * pdf.js text items → tokens (whitespace-free runs with a box on the page) → visual lines → text.
 *
 * All coordinates are display units of the page (PDF points at scale 1, rotation applied),
 * origin top-left, y down. pdf.js gives one transform and one width per item, not per glyph,
 * so a token's horizontal extent inside its item is estimated from character classes
 * (CJK = 1 em, digits = ½ em, …) scaled to the item's real width.
 */
import type { BBox, Segment } from '../../model/document.js';
import { multiply, roundBox, union } from './geometry.js';

export interface Token {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  baseline: number;
  /** Font size in display units. */
  size: number;
  /** Index of the pdf.js item the token came from. */
  item: number;
  /** Whitespace separated it from the previous token of the same item. */
  spaceBefore: boolean;
  /** Text that does not run left-to-right in display space (rotated, vertical). */
  rotated: boolean;
}

/** The subset of a pdf.js TextItem the reader uses. */
export interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

export interface FontStyleLike {
  ascent?: number;
  descent?: number;
  vertical?: boolean;
}

const CJK_RE = /[\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3100-\u31FF\u3200-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFE10-\uFE1F\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD87E][\uDC00-\uDFFF]/;
/** Punctuation that Chinese text sets without spaces around it. */
const CJK_PUNCT_RE = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\uFE10-\uFE1F\uFE30-\uFE4F“”‘’—…·]/;
const IDEOGRAPH_RE = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]|[\uD840-\uD87E][\uDC00-\uDFFF]/;

export function isCjk(ch: string | undefined): boolean {
  return !!ch && (CJK_RE.test(ch) || CJK_PUNCT_RE.test(ch));
}
export function isCjkPunct(ch: string | undefined): boolean {
  return !!ch && CJK_PUNCT_RE.test(ch);
}
export function isIdeograph(ch: string | undefined): boolean {
  return !!ch && IDEOGRAPH_RE.test(ch);
}

/** Rough advance of a character in em, used only to place tokens inside an item. */
export function charEm(ch: string): number {
  if (isCjk(ch)) return 1;
  if (/[0-9]/.test(ch)) return 0.5;
  if (/[.,:;!|'`ilj]/.test(ch)) return 0.28;
  if (/[%@MW]/.test(ch)) return 0.85;
  if (/[-()[\]{}]/.test(ch)) return 0.33;
  if (/[A-Z]/.test(ch)) return 0.67;
  return 0.5;
}

/** Whitespace that separates tokens, the ideographic space included. */
export const WHITESPACE_RE = /[\s\u00A0\u2000-\u200B\u3000]/;

/** Font ascent and descent in em when a font gives none usable (descent below the baseline, positive). */
export const DEFAULT_ASCENT = 0.86;
export const DEFAULT_DESCENT = 0.14;

/**
 * Splits pdf.js items into tokens in display coordinates. `viewportTransform` is
 * `page.getViewport({ scale: 1 }).transform`.
 */
export function tokensFromItems(
  items: readonly TextItemLike[],
  styles: Record<string, FontStyleLike>,
  viewportTransform: readonly number[],
): Token[] {
  const tokens: Token[] = [];
  items.forEach((item, index) => {
    const str = item.str;
    if (!str || !/\S/.test(str)) return;
    const m = multiply(viewportTransform, item.transform);
    const scaleX = Math.hypot(m[0], m[1]);
    const size = Math.hypot(m[2], m[3]) || scaleX || item.height;
    if (!(size > 0)) return;
    const style = styles[item.fontName] ?? {};
    const ascent = style.ascent && style.ascent > 0.5 && style.ascent < 1.2 ? style.ascent : DEFAULT_ASCENT;
    const descent = style.descent && style.descent < 0 && style.descent > -0.6 ? style.descent : -DEFAULT_DESCENT;
    const horizontal = !style.vertical && m[0] > 0 && Math.abs(m[1]) <= 0.02 * scaleX && Math.abs(m[2]) <= 0.02 * size;
    // Text set at a slant (watermarks such as 内部资料, stamps) is not part of the page's text.
    const upright = Math.abs(m[1]) <= 0.02 * scaleX || Math.abs(m[0]) <= 0.02 * scaleX;
    if (!upright) return;
    // Display-space width: item.width is in page units along the text direction.
    const width = Math.abs(item.width) * Math.hypot(viewportTransform[0] ?? 1, viewportTransform[1] ?? 0);
    if (!horizontal) {
      // Keep rotated text as one token with the box of its rotated rectangle.
      const dirX = m[0] / (scaleX || 1);
      const dirY = m[1] / (scaleX || 1);
      const upX = -m[2] / size;
      const upY = -m[3] / size;
      const corners: Array<[number, number]> = [
        [m[4] - upX * descent * size, m[5] - upY * descent * size],
        [m[4] + upX * ascent * size, m[5] + upY * ascent * size],
      ];
      corners.push([corners[0]![0] + dirX * width, corners[0]![1] + dirY * width]);
      corners.push([corners[1]![0] + dirX * width, corners[1]![1] + dirY * width]);
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      const text = str.replace(/\s+/g, ' ').trim();
      tokens.push({
        text,
        x0: Math.min(...xs),
        x1: Math.max(...xs),
        top: Math.min(...ys),
        bottom: Math.max(...ys),
        baseline: Math.max(...ys),
        size,
        item: index,
        spaceBefore: false,
        rotated: true,
      });
      return;
    }
    const x = m[4];
    const baseline = m[5];
    const top = baseline - ascent * size;
    const bottom = baseline - descent * size;
    const chars = Array.from(str);
    let nonSpaceEm = 0;
    let spaces = 0;
    for (const ch of chars) {
      if (WHITESPACE_RE.test(ch)) spaces++;
      else nonSpaceEm += charEm(ch);
    }
    const estimated = nonSpaceEm * size;
    let scale = 1;
    let spaceWidth = 0;
    if (spaces === 0 || estimated >= width) {
      scale = estimated > 0 ? width / estimated : 1;
    } else {
      spaceWidth = (width - estimated) / spaces;
    }
    let cursor = x;
    let current = '';
    let start = x;
    let sawSpace = false;
    let first = true;
    const flush = () => {
      if (!current) return;
      tokens.push({ text: current, x0: start, x1: cursor, top, bottom, baseline, size, item: index, spaceBefore: !first && sawSpace, rotated: false });
      first = false;
      current = '';
      sawSpace = false;
    };
    for (const ch of chars) {
      if (WHITESPACE_RE.test(ch)) {
        flush();
        sawSpace = true;
        cursor += spaceWidth;
        continue;
      }
      if (!current) start = cursor;
      current += ch;
      cursor += charEm(ch) * size * scale;
    }
    flush();
  });
  return tokens;
}

export interface VisualLine {
  tokens: Token[];
  top: number;
  bottom: number;
  baseline: number;
  size: number;
  x0: number;
  x1: number;
}

/** Groups tokens into visual lines by baseline (tolerance relative to font size), each ordered by x. */
export function groupLines(tokens: readonly Token[]): VisualLine[] {
  const sorted = [...tokens].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const lines: VisualLine[] = [];
  for (const token of sorted) {
    let target: VisualLine | undefined;
    // Only the last few lines can still take a token (sorted by baseline).
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 4; i--) {
      const line = lines[i]!;
      if (token.rotated !== (line.tokens[0]?.rotated ?? false)) continue;
      const tolerance = 0.35 * Math.min(token.size, line.size);
      const overlap = Math.min(token.bottom, line.bottom) - Math.max(token.top, line.top);
      const sameBaseline = Math.abs(token.baseline - line.baseline) <= tolerance;
      // A smaller raised or lowered run (superscript, footnote mark) that sits inside the line's body.
      const inside = token.size < 0.8 * line.size && overlap >= 0.6 * (token.bottom - token.top);
      if (token.rotated ? overlapsHorizontally(token, line) && Math.abs(token.x0 - line.x0) < 0.5 * token.size : sameBaseline || inside) {
        target = line;
        break;
      }
    }
    if (!target) {
      lines.push({ tokens: [token], top: token.top, bottom: token.bottom, baseline: token.baseline, size: token.size, x0: token.x0, x1: token.x1 });
      continue;
    }
    target.tokens.push(token);
    target.top = Math.min(target.top, token.top);
    target.bottom = Math.max(target.bottom, token.bottom);
    if (token.size > target.size) {
      target.size = token.size;
      target.baseline = token.baseline;
    }
    target.x0 = Math.min(target.x0, token.x0);
    target.x1 = Math.max(target.x1, token.x1);
  }
  for (const line of lines) {
    line.tokens.sort((a, b) => (a.rotated ? a.top - b.top : a.x0 - b.x0));
    line.tokens = dropOverprint(line.tokens);
  }
  return lines.sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

function overlapsHorizontally(a: { x0: number; x1: number }, b: { x0: number; x1: number }): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
}

/** Text drawn twice at almost the same place (fake bold, shadows) is kept once. */
function dropOverprint(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  for (const token of tokens) {
    // Sorted by x: a twin is among the last few tokens kept.
    let twin = false;
    for (let k = kept.length - 1; k >= 0 && k >= kept.length - 8; k--) {
      const other = kept[k]!;
      if (other.text === token.text && Math.abs(other.x0 - token.x0) < 0.25 * token.size && Math.abs(other.baseline - token.baseline) < 0.25 * token.size) {
        twin = true;
        break;
      }
    }
    if (!twin) kept.push(token);
  }
  return kept;
}

/** A gap of this many em between tokens on one line separates columns (written as a tab). */
export const COLUMN_GAP_EM = 2;
/** A gap wider than this many em (between items) is a space. */
const SPACE_GAP_EM = 0.2;

export interface JoinedText {
  text: string;
  segments: Segment[];
  bbox: BBox | undefined;
}

/**
 * Joins tokens of one line (or one table cell) into text with segments.
 * `tabs`: wide gaps become `\t` (text lines); in a table cell they are plain spaces.
 * CJK is joined without spaces; spaces between CJK characters survive only where the source
 * set a real space between words (a single space between longer runs, as in titles).
 */
export function joinTokens(tokens: readonly Token[], options: { tabs: boolean; cell?: boolean }): JoinedText {
  if (tokens.length === 0) return { text: '', segments: [], bbox: undefined };
  const seps: string[] = [''];
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1]!;
    const b = tokens[i]!;
    const em = Math.max(a.size, b.size);
    const gap = a.rotated || b.rotated ? b.top - a.bottom : b.x0 - a.x1;
    let sep = '';
    if (options.tabs && gap >= COLUMN_GAP_EM * em) sep = '\t';
    else if ((b.spaceBefore && b.item === a.item) || gap > SPACE_GAP_EM * em) sep = ' ';
    seps.push(sep);
  }
  tidySeparators(tokens, seps, options.cell ?? false);
  let text = '';
  const segments: Segment[] = [];
  let bbox: BBox | undefined;
  tokens.forEach((token, i) => {
    text += seps[i] ?? '';
    const start = text.length;
    text += token.text;
    const box = { x0: token.x0, y0: token.top, x1: token.x1, y1: token.bottom };
    segments.push({ start, end: text.length, bbox: roundBox(box) });
    bbox = union(bbox, box);
  });
  return { text, segments, bbox };
}

function firstChar(s: string): string | undefined {
  const code = s.codePointAt(0);
  return code === undefined ? undefined : String.fromCodePoint(code);
}
function lastChar(s: string): string | undefined {
  if (!s) return undefined;
  const low = s.charCodeAt(s.length - 1);
  // A surrogate pair (CJK extension B…) ends with a low surrogate.
  return low >= 0xdc00 && low <= 0xdfff && s.length >= 2 ? s.slice(-2) : s.slice(-1);
}

/** Removes spaces that letter-spacing or justification put into Chinese text (in place). */
function tidySeparators(tokens: readonly Token[], seps: string[], cell: boolean): void {
  const n = tokens.length;
  // A line made only of single CJK characters spread out ("目    录", "合  计") is one word.
  if (n >= 2 && tokens.every((t) => Array.from(t.text).length === 1 && isCjk(t.text)) && !seps.slice(1).includes('\t')) {
    for (let i = 1; i < n; i++) seps[i] = '';
    return;
  }
  if (n >= 2 && tokens.every((t) => Array.from(t.text).length === 1 && isIdeograph(t.text))) {
    for (let i = 1; i < n; i++) seps[i] = '';
    return;
  }
  const cjkPair: boolean[] = [false];
  for (let i = 1; i < n; i++) {
    const sep = seps[i];
    if (sep !== ' ') {
      cjkPair.push(false);
      continue;
    }
    const left = lastChar(tokens[i - 1]!.text);
    const right = firstChar(tokens[i]!.text);
    if (isCjkPunct(left) || isCjkPunct(right)) {
      seps[i] = '';
      cjkPair.push(false);
      continue;
    }
    cjkPair.push(isCjk(left) && isCjk(right));
  }
  // Runs of CJK tokens joined by spaces: letter-spaced if the run is long or has one-character tokens.
  let i = 1;
  while (i < n) {
    if (!cjkPair[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && cjkPair[j]) j++;
    // separators i..j-1 link tokens i-1..j-1
    const runTokens = tokens.slice(i - 1, j);
    // In a table cell a space between Chinese words is a wrap or padding artefact.
    const spaced = cell || runTokens.length >= 3 || runTokens.some((t) => Array.from(t.text).length === 1);
    if (spaced) for (let k = i; k < j; k++) seps[k] = '';
    i = j;
  }
}

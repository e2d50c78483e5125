/**
 * Paragraph flow: marks a text line `continues` when it is soft-wrapped into the next one,
 * on the same page or across a page break. A wrapped line runs to the right edge of the text
 * block and the next line starts at the left edge (not indented as a new paragraph would be).
 */
import { median } from './geometry.js';
import type { DraftLine, PageDraft } from './page.js';
import { charEm, isCjkPunct } from './text.js';

interface Block {
  left: number;
  right: number;
}

/** Starts of numbered items and headings: such a line starts something new. */
const LIST_START_RE = /^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,3}\s*[、.．](?!\d)|第[一二三四五六七八九十\d]{1,3}[章节部分条]|[①-⑳]|附[件表])/;
const SENTENCE_END_RE = /[。！？；：:;!?]$/;

function bodyLines(page: PageDraft): DraftLine[] {
  return page.lines.filter((l) => l.kind === 'text' && !l.text.includes('\t'));
}

/** Mode of values rounded to `bin`, preferring values seen at least twice. */
function modeOf(values: number[], bin: number): number | undefined {
  // One pass, no iteration over the Map: iterating it here sent V8 into a deoptimization loop
  // (thousands of bail-outs, a fifth of the reading time of a long document).
  const counts = new Map<number, number>();
  let best: number | undefined;
  let bestCount = 1;
  for (let i = 0; i < values.length; i++) {
    const k = Math.round(values[i]! / bin);
    const c = (counts.get(k) ?? 0) + 1;
    counts.set(k, c);
    // The most frequent key (seen twice at least); of equally frequent ones the smallest.
    if (c > bestCount || (c === bestCount && best !== undefined && k < best)) {
      best = k;
      bestCount = c;
    }
  }
  return best === undefined ? undefined : best * bin;
}

function measure(lines: DraftLine[]): Block | undefined {
  const long = lines.filter((l) => l.text.length >= 6);
  if (long.length < 2) return undefined;
  const size = median(long.map((l) => l.size)) || 12;
  const left = modeOf(long.map((l) => l.bbox.x0), size / 4) ?? Math.min(...long.map((l) => l.bbox.x0));
  // The right edge: where most full lines end; justified text ends exactly there.
  const rights = long.map((l) => l.bbox.x1);
  const maxRight = Math.max(...rights);
  const right = modeOf(rights.filter((r) => r >= maxRight - 2 * size), size / 4) ?? maxRight;
  return { left: Math.min(left, Math.min(...long.map((l) => l.bbox.x0)) + size * 0.25), right: Math.max(right, maxRight - size) };
}

/**
 * Width (in em) of what the next line starts with that could not be broken: a number or Latin
 * word, or one Chinese character with the punctuation that may not start a line.
 */
function leadingRunEm(text: string): number {
  const latin = /^[A-Za-z0-9.,%‰+\-/()（）:：]+/.exec(text);
  if (latin) return Array.from(latin[0]).reduce((sum, ch) => sum + charEm(ch), 0);
  const chars = Array.from(text);
  let em = chars.length ? 1 : 0;
  for (let i = 1; i < chars.length && isCjkPunct(chars[i]); i++) em += 1;
  return em;
}

/** The line ends where the block ends, or so close that the next line's first word did not fit. */
function reachesRight(line: DraftLine, block: Block, next: DraftLine): boolean {
  const room = block.right - line.bbox.x1;
  if (room <= 1.6 * line.size) return true;
  return room <= (leadingRunEm(next.text) + 1) * line.size && room <= 10 * line.size;
}

function startsLeft(line: DraftLine, block: Block): boolean {
  return line.bbox.x0 <= block.left + 0.6 * line.size;
}

function wraps(a: DraftLine, b: DraftLine, blockA: Block, blockB: Block): boolean {
  if (a.kind !== 'text' || b.kind !== 'text') return false;
  if (a.text.includes('\t') || b.text.includes('\t')) return false;
  if (Math.abs(a.size - b.size) > 0.15 * Math.max(a.size, b.size)) return false;
  if (!reachesRight(a, blockA, b) || !startsLeft(b, blockB)) return false;
  if (SENTENCE_END_RE.test(a.text.trim()) && LIST_START_RE.test(b.text)) return false;
  // A wrapped line is as wide as the block (a short centred title is not).
  if (a.bbox.x0 > blockA.left + 4 * a.size) return false;
  return true;
}

/** Sets `continues` on lines of all pages (call after furniture is removed). */
export function markContinuations(pages: PageDraft[]): void {
  const docBlock = measure(pages.flatMap(bodyLines));
  const blocks = pages.map((page) => {
    const own = measure(bodyLines(page));
    if (!own) return docBlock;
    if (bodyLines(page).length < 5 && docBlock) return { left: Math.min(own.left, docBlock.left), right: Math.max(own.right, docBlock.right) };
    return own;
  });
  pages.forEach((page, p) => {
    const block = blocks[p];
    if (!block) return;
    const lines = page.lines;
    for (let i = 0; i + 1 < lines.length; i++) {
      const a = lines[i]!;
      const b = lines[i + 1]!;
      if (!wraps(a, b, block, block)) continue;
      // Same paragraph: the next line follows at normal line spacing.
      const gap = b.bbox.y0 - a.bbox.y1;
      if (gap > 1.5 * a.size || gap < -0.5 * a.size) continue;
      a.continues = true;
    }
    // Across the page break.
    const next = pages[p + 1];
    const nextBlock = blocks[p + 1];
    const last = lines[lines.length - 1];
    const first = next?.lines[0];
    if (last && first && nextBlock && !next?.needsOcr && wraps(last, first, block, nextBlock)) last.continues = true;
  });
}

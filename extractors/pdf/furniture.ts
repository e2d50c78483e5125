/**
 * Running headers, footers and page numbers: recognised by position (top or bottom band of
 * the page, first or last lines) and by text (a page-number pattern, or the same text on
 * many pages), then removed so they do not split paragraphs or become figures.
 */
import type { DraftLine, PageDraft } from './page.js';

const PAGE_NUMBER_PATTERNS = [
  /^[-—–－―~·•_=\s]*\d{1,4}[-—–－―~·•_=\s]*$/, // — 3 —, -3-, 3
  /^[-—–－\s]*第\s*\d{1,4}\s*页[-—–－\s]*([,，/、\s]*共\s*\d{1,4}\s*页)?$/, // 第3页, 第 3 页 共 20 页
  /^共\s*\d{1,4}\s*页[,，\s]*第\s*\d{1,4}\s*页$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/, // 3/20
  /^page\s*\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i,
  /^[-—–－]\s*[ivxlc]{1,6}\s*[-—–－]$/i, // — iv —
];

export function isPageNumberText(text: string): boolean {
  const t = text.replace(/\t/g, ' ').trim();
  return t.length > 0 && t.length <= 24 && PAGE_NUMBER_PATTERNS.some((re) => re.test(t));
}

/** Fraction of the page height at the top/bottom where headers and footers live. */
const TOP_BAND = 0.12;
const BOTTOM_BAND = 0.86;
/** How many lines from the top/bottom of a page can be furniture. */
const EDGE_LINES = 3;

function edgeLines(page: PageDraft): { top: DraftLine[]; bottom: DraftLine[] } {
  const text = page.lines;
  const top = text.slice(0, EDGE_LINES).filter((l) => l.kind !== 'table-row' && l.bbox.y1 <= page.height * TOP_BAND);
  const bottom = text.slice(-EDGE_LINES).filter((l) => l.kind !== 'table-row' && l.bbox.y0 >= page.height * BOTTOM_BAND);
  return { top, bottom };
}

function repeatKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/\d+/g, '#');
}

/** Removes page numbers and repeated header/footer lines from every page (in place). */
export function removeFurniture(pages: PageDraft[]): void {
  const drop = new Set<DraftLine>();
  const counts = new Map<string, number>();
  const candidates: Array<{ line: DraftLine; key: string }> = [];
  for (const page of pages) {
    const { top, bottom } = edgeLines(page);
    const seen = new Set<string>();
    for (const line of [...top, ...bottom]) {
      if (isPageNumberText(line.text)) {
        drop.add(line);
        continue;
      }
      const band = top.includes(line) ? 'top:' : 'bottom:';
      const key = band + repeatKey(line.text);
      candidates.push({ line, key });
      if (!seen.has(key)) {
        seen.add(key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const withText = pages.filter((p) => p.lines.length > 0).length;
  const needed = Math.max(3, Math.ceil(withText * 0.4));
  for (const { line, key } of candidates) {
    if ((counts.get(key) ?? 0) < needed) continue;
    if (/单位/.test(line.text)) continue; // a unit line repeated above every table is content
    drop.add(line);
  }
  if (drop.size === 0) return;
  for (const page of pages) page.lines = page.lines.filter((l) => !drop.has(l));
}

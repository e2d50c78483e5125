/**
 * Notices summarised per kind: a 2,000-page scan read without OCR says `第 3–2000 页无可用文本层，
 * 需要 OCR（共 1998 页）` once, not 1,998 lines. Notices that name one page (`第 N 页…`) are grouped
 * by the rest of their text, consecutive pages joined into ranges; every other notice stays as it is,
 * in order, and a group takes the place of its first page's notice.
 */

import type { Document } from '../model/document.js';

const PAGE_NOTICE = /^第 (\d+) 页(.+)$/s;
/** Ranges listed before `等`: a group of scattered pages stays one readable line. */
const MAX_RANGES = 12;

/** Page numbers as ranges: `3–5、8、10–12` (cut after MAX_RANGES with `等`). */
export function pageRanges(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.length > MAX_RANGES ? `${parts.slice(0, MAX_RANGES).join('、')} 等` : parts.join('、');
}

export function summarizeNotices(notices: readonly string[]): string[] {
  const groups = new Map<string, number[]>();
  const order: ({ kind: 'group'; rest: string } | { kind: 'plain'; text: string })[] = [];
  for (const notice of notices) {
    const match = PAGE_NOTICE.exec(notice);
    if (!match) {
      order.push({ kind: 'plain', text: notice });
      continue;
    }
    const rest = match[2]!;
    const pages = groups.get(rest);
    if (pages) pages.push(Number(match[1]));
    else {
      groups.set(rest, [Number(match[1])]);
      order.push({ kind: 'group', rest });
    }
  }
  return order.map((item) => {
    if (item.kind === 'plain') return item.text;
    const pages = [...new Set(groups.get(item.rest)!)];
    if (pages.length === 1) return `第 ${pages[0]} 页${item.rest}`;
    return `第 ${pageRanges(pages)} 页${item.rest}（共 ${pages.length} 页）`;
  });
}

/** OCR time per page a file gets on top of its time limit: a 2,000-page scan is not one number of seconds. */
export const OCR_MS_PER_PAGE = 30_000;

/** A file's time limit once it is known to need OCR of `pages` pages. */
export function limitWithOcrPages(timeoutMs: number, pages: number): number {
  return timeoutMs + OCR_MS_PER_PAGE * Math.max(0, pages);
}

/** When reading stops: the time limit less a tenth of it (at most 30 s), kept for checking the pages read. */
export function readingDeadline(timeoutMs: number): number {
  return timeoutMs >= 10_000 ? timeoutMs - Math.min(30_000, timeoutMs / 10) : timeoutMs;
}

/** The error of a file out of time: which pages were not read when some were (OCR stops between pages). */
export function timeoutMessage(timeoutMs: number, document: Pick<Document, 'pages'> | undefined): string {
  const limit = `处理超时（超过 ${Math.round(timeoutMs / 100) / 10} 秒）`;
  const unread = document?.pages.filter((page) => page.needsOcr).map((page) => page.number) ?? [];
  const read = (document?.pages.length ?? 0) - unread.length;
  if (unread.length === 0 || read === 0) return `${limit}，已中止`;
  return `${limit}：第 ${pageRanges(unread)} 页未读取（共 ${unread.length} 页），只核对了已读的 ${read} 页`;
}

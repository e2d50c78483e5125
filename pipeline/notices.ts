/**
 * Notices summarised per kind: a 2,000-page scan read without OCR says `第 3–2000 页无可用文本层，
 * 需要 OCR（共 1998 页）` once, not 1,998 lines. Notices that name one page (`第 N 页…`) are grouped
 * by the rest of their text, consecutive pages joined into ranges; every other notice stays as it is,
 * in order, and a group takes the place of its first page's notice.
 */

const PAGE_NOTICE = /^第 (\d+) 页(.+)$/s;
/** Ranges listed before `等`: a group of scattered pages stays one readable line. */
const MAX_RANGES = 12;

function ranges(pages: number[]): string {
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
    return `第 ${ranges(pages)} 页${item.rest}（共 ${pages.length} 页）`;
  });
}

/**
 * Table context across the document: captions and `单位：…` lines above a table, and tables
 * that continue on the next page (same columns, nothing but headers/footers between them).
 */
import type { DraftCell, DraftLine, DraftTable, PageDraft } from './page.js';

const UNIT_RE = /(?:金额|计量|货币)?单位\s*[:：]\s*([\u4e00-\u9fa5A-Za-z%‰]{1,4})/;

/** The unit named by a `单位：万元` text, if any. */
export function unitFromText(text: string): string | undefined {
  const m = UNIT_RE.exec(text);
  if (!m) return undefined;
  return m[1]!.replace(/[）)]+$/, '');
}

/** `公开表一`, `附表2`, `表 3`: a table's number, not its title. */
const BARE_LABEL_RE = /^(?:公开|附)?表\s*[一二三四五六七八九十\d\-—.．]+\s*[:：]?$/;

function isUnitOnly(text: string): boolean {
  return /^[（(]?\s*(?:金额|计量|货币)?单位\s*[:：]\s*[\u4e00-\u9fa5A-Za-z%‰]{1,4}\s*[)）]?$/.test(text.trim());
}

function tableTop(table: DraftTable): number {
  return table.bbox.y0;
}

/** Finds each table's caption and unit among the lines just above it (and its first row). */
export function labelTables(page: PageDraft): void {
  for (const table of page.tables) {
    const firstLine = table.rowLines.find((l) => l);
    if (!firstLine) continue;
    const index = page.lines.indexOf(firstLine);
    const above: DraftLine[] = [];
    for (let i = index - 1; i >= 0 && above.length < 5; i--) {
      const line = page.lines[i]!;
      if (line.kind === 'table-row') break;
      const distance = tableTop(table) - line.bbox.y1;
      if (distance > 10 * Math.max(line.size, 10)) break;
      // A paragraph above the table ends the search.
      if (line.continues || /[。；]$/.test(line.text.trim())) break;
      above.push(line);
    }
    let unitLine: DraftLine | undefined;
    for (const line of above) {
      const unit = unitFromText(line.text);
      if (unit) {
        table.unit = unit;
        unitLine = line;
        break;
      }
    }
    if (!table.unit) {
      // `单位：万元` written in the table's first row
      for (const cell of table.rows.slice(0, 2).flat()) {
        const unit = unitFromText(cell.text);
        if (unit) {
          table.unit = unit;
          break;
        }
      }
    }
    // The title: the nearest line naming a table that is more than a label (公开表一), else the
    // nearest short line that is not part of a paragraph.
    const standalone = above.filter((l) => !l.continues && !page.lines[page.lines.indexOf(l) - 1]?.continues);
    const captionLine =
      standalone.find((l) => /表/.test(l.text) && !isUnitOnly(l.text) && !BARE_LABEL_RE.test(l.text.trim())) ??
      standalone.find((l) => l !== unitLine && !isUnitOnly(l.text) && !/[。；;]$/.test(l.text.trim()) && l.text.length <= 40);
    if (captionLine) {
      table.caption = captionLine.text.replace(/\t+/g, ' ').trim();
      captionLine.kind = 'caption';
    }
    if (unitLine) unitLine.kind = 'caption';
  }
}

/**
 * Whether two tables have the same columns. Ruled tables share their column lines, but a scan
 * places each page a little differently on the glass: the whole grid may move sideways by a
 * few points, so a common shift (up to 3 % of the page width) is allowed and the lines are
 * compared after it. Aligned tables match only roughly (text decides their edges).
 */
export function sameColumns(a: Pick<DraftTable, 'columns' | 'grid' | 'xs'>, b: Pick<DraftTable, 'columns' | 'grid' | 'xs'>, pageWidth: number): boolean {
  if (a.columns !== b.columns || !a.grid !== !b.grid || a.xs.length !== b.xs.length) return false;
  if (!a.grid) return a.xs.every((x, i) => Math.abs(x - b.xs[i]!) <= 12);
  const offsets = a.xs.map((x, i) => b.xs[i]! - x).sort((p, q) => p - q);
  const shift = offsets[offsets.length >> 1] ?? 0;
  if (Math.abs(shift) > 0.03 * pageWidth) return false;
  return a.xs.every((x, i) => Math.abs(x + shift - b.xs[i]!) <= 4);
}

function nonEmpty(row: DraftCell[] | undefined): DraftCell[] {
  return (row ?? []).filter((c) => c.text !== '');
}

/**
 * Whether the first row of `next` is the rest of the last row of `previous`, cut by the page
 * break: it only has text in columns whose cells above were wrapped over several lines.
 */
export function isSplitRow(previousRow: DraftCell[] | undefined, nextRow: DraftCell[] | undefined): boolean {
  const before = nonEmpty(previousRow);
  const after = nonEmpty(nextRow);
  if (after.length === 0 || before.length === 0 || after.length > before.length) return false;
  return after.every((cell) => {
    const above = before.find((c) => c.col === cell.col);
    return above !== undefined && above.lineCount >= 2;
  });
}

/** Links a table at the top of a page to the table that ends the previous page. */
export function linkContinuedTables(pages: PageDraft[]): void {
  for (let p = 1; p < pages.length; p++) {
    const previous = pages[p - 1]!;
    const page = pages[p]!;
    const first = page.tables[0];
    const last = previous.tables[previous.tables.length - 1];
    if (!first || !last) continue;
    // Nothing but the table's own caption may stand between the two parts.
    const lastLine = previous.lines[previous.lines.length - 1];
    if (!lastLine || lastLine.table !== last) continue;
    const firstIndex = page.lines.findIndex((l) => l.table === first);
    if (firstIndex < 0) continue;
    const head = last.continuationOf ?? last;
    const before = page.lines.slice(0, firstIndex);
    // Repeated title or unit lines are fine; a new title means a new table.
    const squash = (t: string | undefined) => (t ?? '').replace(/\s+/g, '');
    const repeatsCaption = before.every(
      (l) => squash(l.text) === squash(head.caption) || (unitFromText(l.text) !== undefined && unitFromText(l.text) === head.unit && !/表/.test(l.text)),
    );
    if (!repeatsCaption) continue;
    if (first.caption && squash(first.caption) !== squash(head.caption)) continue;
    if (!sameColumns(last, first, page.width)) continue;
    first.continuationOf = head;
    head.parts.push({ page: page.number, table: first });
    first.unit ??= head.unit;
    head.unit ??= first.unit;
    first.caption ??= head.caption;
  }
}

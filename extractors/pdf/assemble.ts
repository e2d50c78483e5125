/**
 * Page drafts → the document model: numbered lines, and tables whose cells point at spans of
 * their row lines. A table continued over several pages is one table stored on its first
 * page; `pages` lists every page it covers and each span of a row on a later page carries
 * that `page` (see CellSpan).
 */
import type { Cell, CellSpan, Line, Page, Table } from '../../model/document.js';
import { markContinuations } from './flow.js';
import { removeFurniture } from './furniture.js';
import type { DraftLine, DraftTable, PageDraft } from './page.js';
import { isSplitRow, labelTables, linkContinuedTables } from './tables.js';

/**
 * The document pass over laid-out pages (text layer or OCR): drop page numbers and running
 * headers/footers, mark wrapped lines, label tables and join them across page breaks, then
 * number everything into model pages.
 */
export function finishPages(drafts: PageDraft[]): Page[] {
  removeFurniture(drafts);
  markContinuations(drafts);
  for (const draft of drafts) labelTables(draft);
  linkContinuedTables(drafts);
  return assemblePages(drafts);
}

export function assemblePages(drafts: PageDraft[]): Page[] {
  // Line numbers first: spans of continued tables refer to lines on later pages.
  const numbers = new Map<DraftLine, number>();
  for (const draft of drafts) draft.lines.forEach((line, i) => numbers.set(line, i + 1));

  let tableIndex = 0;
  const pages: Page[] = drafts.map((draft) => ({
    number: draft.number,
    // A page that could not be read has no size.
    ...(draft.width > 0 && draft.height > 0 ? { width: round2(draft.width), height: round2(draft.height) } : {}),
    lines: draft.lines.map((line, i) => toLine(line, i + 1)),
    tables: [],
    source: draft.source,
    ...(draft.needsOcr ? { needsOcr: true } : {}),
    notices: [...draft.notices],
  }));
  drafts.forEach((draft, p) => {
    for (const table of draft.tables) {
      if (table.continuationOf) continue;
      if (!table.rowLines.some((l) => l)) continue;
      pages[p]!.tables.push(toTable(table, tableIndex++, numbers));
    }
  });
  return pages;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function toLine(draft: DraftLine, number: number): Line {
  const line: Line = { number, text: draft.text, kind: draft.kind, bbox: draft.bbox, segments: draft.segments };
  if (draft.continues) line.continues = true;
  return line;
}

function toTable(head: DraftTable, index: number, numbers: Map<DraftLine, number>): Table {
  const rows: Cell[][] = [];
  const pages = [head.page];
  const parts: Array<{ page: number; table: DraftTable }> = [{ page: head.page, table: head }, ...head.parts];
  let previousLastRow: Cell[] | undefined;
  let previousDraftRow: DraftTable['rows'][number] | undefined;
  for (const { page, table } of parts) {
    if (!pages.includes(page)) pages.push(page);
    table.rows.forEach((draftRow, r) => {
      const line = table.rowLines[r];
      const lineNumber = line ? numbers.get(line) : undefined;
      const span = (start: number, end: number): CellSpan[] => {
        if (lineNumber === undefined || end <= start) return [];
        const s: CellSpan = { line: lineNumber, start, end };
        if (page !== head.page) s.page = page;
        return [s];
      };
      // The first row of a continuation that is the rest of the row cut by the page break.
      if (r === 0 && table !== head && previousLastRow && isSplitRow(previousDraftRow, draftRow)) {
        for (const cell of draftRow) {
          if (!cell.text) continue;
          const target = previousLastRow.find((c) => c.col === cell.col);
          if (!target) continue;
          target.text = joinCellText(target.text, cell.text);
          target.spans.push(...span(cell.start, cell.end));
        }
        return;
      }
      const rowIndex = rows.length;
      const cells: Cell[] = draftRow.map((cell) => ({
        text: cell.text,
        row: rowIndex,
        col: cell.col,
        rowSpan: cell.rowSpan,
        colSpan: cell.colSpan,
        spans: span(cell.start, cell.end),
        bbox: cell.bbox,
      }));
      rows.push(cells);
      previousLastRow = cells;
      previousDraftRow = draftRow;
    });
    // Only the last row of a part can be continued by the next part.
    previousDraftRow = table.rows[table.rows.length - 1];
  }
  const result: Table = { index, rows, bbox: head.bbox };
  if (head.caption) result.caption = head.caption;
  if (head.unit) result.unit = head.unit;
  if (pages.length > 1) result.pages = pages;
  return result;
}

function joinCellText(a: string, b: string): string {
  if (!a) return b;
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

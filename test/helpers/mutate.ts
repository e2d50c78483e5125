/**
 * One cell of a real table changed: the cell's text and the line it is printed on, so that the
 * figure read from it is the new one, at the same place on the same page.
 */
import type { Document } from '../../model/document.js';

export function withCell(document: Document, table: number, row: number, col: number, text: string): Document {
  const copy = structuredClone(document);
  for (const page of copy.pages) {
    const found = page.tables.find((t) => t.index === table);
    if (!found) continue;
    const cell = found.rows.flat().find((c) => c.row === row && c.col === col);
    const span = cell?.spans[0];
    if (!cell || !span) throw new Error(`no printed cell at table ${table} row ${row} col ${col}`);
    const linePage = copy.pages.find((p) => p.number === (span.page ?? page.number))!;
    const line = linePage.lines.find((l) => l.number === span.line)!;
    const delta = text.length - (span.end - span.start);
    line.text = line.text.slice(0, span.start) + text + line.text.slice(span.end);
    // Cells printed after it on the same line move by the change in length (a table continued from an
    // earlier page is stored on that page, its spans naming this one).
    for (const owner of copy.pages) {
      for (const t of owner.tables) {
        for (const other of t.rows.flat()) {
          for (const s of other.spans) if ((s.page ?? owner.number) === linePage.number && s.line === span.line && s.start > span.start) { s.start += delta; s.end += delta; }
        }
      }
    }
    for (const segment of line.segments ?? []) {
      if (segment.start > span.start) { segment.start += delta; segment.end += delta; } else if (segment.end >= span.end) segment.end += delta;
    }
    cell.text = text;
    span.end += delta;
    return copy;
  }
  throw new Error(`no table ${table}`);
}

/** A real table's title changed: its caption and the line it is printed on (a title of the same length keeps every position). */
export function withCaption(document: Document, table: number, text: string): Document {
  const copy = structuredClone(document);
  for (const page of copy.pages) {
    const found = page.tables.find((t) => t.index === table);
    if (!found?.caption) continue;
    const old = found.caption;
    const line = page.lines.find((l) => l.kind !== 'table-row' && l.text.includes(old));
    if (!line) throw new Error(`no line holds the title of table ${table}`);
    if (text.length !== old.length) throw new Error('a new title must have the length of the old one');
    line.text = line.text.replace(old, text);
    found.caption = text;
    return copy;
  }
  throw new Error(`no table ${table} with a title`);
}

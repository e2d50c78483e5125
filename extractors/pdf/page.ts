/**
 * One page's layout: tokens + grids → drafts of lines (text lines and table rows) in reading
 * order. Drafts keep geometry so the document pass can drop running headers/footers, mark
 * soft-wrapped lines, and join tables across pages before lines are numbered.
 */
import type { BBox, Segment } from '../../model/document.js';
import { roundBox, union } from './geometry.js';
import { findAlignedTables, type AlignedTable } from './aligned.js';
import { buildGrid, type Grid, type GridCell } from './grid.js';
import type { Ruling } from './rulings.js';
import { COLUMN_GAP_EM, groupLines, joinTokens, type Token, type VisualLine } from './text.js';

export interface DraftCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** Offsets of the cell's text in its row's line text (absent for an empty cell). */
  start: number;
  end: number;
  bbox: BBox;
  /** Number of text lines in the cell (a wrapped cell has several). */
  lineCount: number;
}

export interface DraftLine {
  kind: 'text' | 'table-row' | 'caption';
  text: string;
  segments: Segment[];
  bbox: BBox;
  /** Dominant font size. */
  size: number;
  /** For table rows: which draft table and grid row. */
  table?: DraftTable;
  row?: number;
  continues?: boolean;
}

export interface DraftTable {
  /** The ruling grid, for tables drawn with lines. */
  grid: Grid | undefined;
  /** Column boundaries, left to right (columns + 1 values). */
  xs: number[];
  /** Rows of cells (all grid rows, including empty ones). */
  rows: DraftCell[][];
  /** The line of each row (undefined for an empty row). */
  rowLines: Array<DraftLine | undefined>;
  bbox: BBox;
  columns: number;
  caption?: string;
  unit?: string;
  /** Set when this table continues a table of the previous page. */
  continuationOf?: DraftTable;
  /** Extra pages this table runs onto (filled on the first part). */
  parts: Array<{ page: number; table: DraftTable }>;
  page: number;
}

export interface PageDraft {
  number: number;
  width: number;
  height: number;
  lines: DraftLine[];
  tables: DraftTable[];
  source: 'text-layer';
  needsOcr?: boolean;
  /** Why the page could not be read at all (then it has no lines). */
  unreadable?: string;
  notices: string[];
}

/**
 * Joins the visual lines of one table cell: Chinese without spaces, Latin words with one. A
 * number wrapped in a narrow cell (`396.356` / `4`) is glued back; two numbers on lines that
 * do not fill the cell are two values and keep a space between them.
 */
function joinCell(tokens: Token[], width: number): { text: string; segments: Segment[]; lines: number } {
  const lines = groupLines(tokens);
  let text = '';
  const segments: Segment[] = [];
  let previous: VisualLine | undefined;
  for (const line of lines) {
    const part = joinTokens(line.tokens, { tabs: false, cell: true });
    if (!part.text) continue;
    if (text && /[A-Za-z]$/.test(text) && /^[A-Za-z]/.test(part.text)) text += ' ';
    else if (text && /\d$/.test(text) && /^\d/.test(part.text) && previous && previous.x1 - previous.x0 < 0.75 * width) text += ' ';
    previous = line;
    const offset = text.length;
    text += part.text;
    for (const s of part.segments) segments.push({ ...s, start: s.start + offset, end: s.end + offset });
  }
  return { text, segments, lines: lines.length };
}

function tokenCenter(t: Token): [number, number] {
  return [(t.x0 + t.x1) / 2, (t.top + t.bottom) / 2];
}

function inside(box: BBox, x: number, y: number, tolerance = 0): boolean {
  return x >= box.x0 - tolerance && x <= box.x1 + tolerance && y >= box.y0 - tolerance && y <= box.y1 + tolerance;
}

const AMOUNT_RE = /^[-+(（]?\d[\d,，]*(\.\d+)?%?[)）]?$/;

/**
 * Tables drawn without rules between their rows put several records into one grid row. When a
 * cell of a row holds amounts stacked on separate lines (each a whole number, none filling the
 * cell, as a wrapped one would), the row is cut between those lines wherever no text crosses.
 */
export function splitStackedRows(grid: Grid, tokens: Token[]): Grid {
  const cols = grid.xs.length - 1;
  const cuts: number[] = [];
  for (const cell of grid.cells) {
    if (cell.rowSpan !== 1) continue;
    const mine = tokens.filter((t) => inside(cell.bbox, (t.x0 + t.x1) / 2, (t.top + t.bottom) / 2));
    if (mine.length < 2) continue;
    const lines = groupLines(mine);
    if (lines.length < 2) continue;
    const width = cell.bbox.x1 - cell.bbox.x0;
    const stacked = lines.every((l) => AMOUNT_RE.test(l.tokens.map((t) => t.text).join('')) && l.x1 - l.x0 < 0.75 * width);
    if (!stacked) continue;
    for (let i = 1; i < lines.length; i++) cuts.push((lines[i - 1]!.bottom + lines[i]!.top) / 2);
  }
  if (cuts.length === 0) return grid;
  cuts.sort((a, b) => a - b);
  const unique = cuts.filter((y, i) => i === 0 || y - cuts[i - 1]! > 2);
  const extra: Ruling[] = [];
  for (const y of unique) {
    // Rule every column at y except where text crosses it (a cell spanning several records).
    for (let c = 0; c < cols; c++) {
      const x0 = grid.xs[c]!;
      const x1 = grid.xs[c + 1]!;
      const crossed = tokens.some((t) => t.top < y - 0.5 && t.bottom > y + 0.5 && (t.x0 + t.x1) / 2 > x0 && (t.x0 + t.x1) / 2 < x1);
      if (!crossed) extra.push({ dir: 'h', pos: y, from: x0, to: x1 });
    }
  }
  return buildGrid([...grid.rulings, ...extra]) ?? grid;
}

/** Builds a table's rows and row lines from a grid and the tokens inside it. */
function tableFromGrid(ruled: Grid, tokens: Token[], page: number): DraftTable {
  const grid = splitStackedRows(ruled, tokens);
  const cols = grid.xs.length - 1;
  const rows = grid.ys.length - 1;
  // grid cell → merged cell
  const owner: Array<GridCell | undefined> = new Array(rows * cols);
  for (const cell of grid.cells) {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) for (let c = cell.col; c < cell.col + cell.colSpan; c++) owner[r * cols + c] = cell;
  }
  const byCell = new Map<GridCell, Token[]>();
  const locate = (values: number[], v: number) => {
    for (let i = 0; i + 1 < values.length; i++) if (v < values[i + 1]!) return i;
    return values.length - 2;
  };
  for (const token of tokens) {
    const [cx, cy] = tokenCenter(token);
    const cell = owner[locate(grid.ys, cy) * cols + locate(grid.xs, cx)];
    if (!cell) continue;
    const list = byCell.get(cell) ?? [];
    list.push(token);
    byCell.set(cell, list);
  }
  const table: DraftTable = { grid, xs: grid.xs, rows: [], rowLines: [], bbox: grid.bbox, columns: cols, parts: [], page };
  for (let r = 0; r < rows; r++) {
    const rowCells = grid.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
    const fields: string[] = new Array(cols).fill('');
    const built = rowCells.map((cell) => ({ cell, joined: joinCell(byCell.get(cell) ?? [], cell.bbox.x1 - cell.bbox.x0) }));
    for (const { cell, joined } of built) fields[cell.col] = joined.text;
    // offsets of each column's field in the row text
    const starts: number[] = [];
    let offset = 0;
    for (let c = 0; c < cols; c++) {
      starts.push(offset);
      offset += fields[c]!.length + 1;
    }
    const text = fields.join('\t');
    const segments: Segment[] = [];
    const cells: DraftCell[] = [];
    for (const { cell, joined } of built) {
      const start = starts[cell.col]!;
      for (const s of joined.segments) segments.push({ ...s, start: s.start + start, end: s.end + start });
      cells.push({
        row: r,
        col: cell.col,
        rowSpan: cell.rowSpan,
        colSpan: cell.colSpan,
        text: joined.text,
        start,
        end: start + joined.text.length,
        bbox: roundBox(cell.bbox),
        lineCount: joined.lines,
      });
    }
    segments.sort((a, b) => a.start - b.start);
    table.rows.push(cells);
    if (text.replace(/\t/g, '').trim() === '') {
      table.rowLines.push(undefined);
      continue;
    }
    const sizes = built.flatMap(({ cell }) => (byCell.get(cell) ?? []).map((t) => t.size));
    const line: DraftLine = {
      kind: 'table-row',
      text,
      segments,
      bbox: roundBox({ x0: grid.xs[0]!, y0: grid.ys[r]!, x1: grid.xs[cols]!, y1: grid.ys[r + 1]! }),
      size: sizes.length ? Math.max(...sizes) : 0,
      table,
      row: r,
    };
    table.rowLines.push(line);
  }
  return table;
}

/** A table found by column alignment: one row per line, one cell per column. */
function tableFromAligned(aligned: AlignedTable, page: number): DraftTable {
  const cols = aligned.columns;
  const table: DraftTable = { grid: undefined, xs: aligned.xs, rows: [], rowLines: [], bbox: roundBox(aligned.bbox), columns: cols, parts: [], page };
  aligned.rows.forEach((fields, r) => {
    const visual = aligned.lines[r]!;
    const joined = new Map(fields.map((f) => [f.col, { field: f, text: joinTokens(f.tokens, { tabs: false, cell: true }) }]));
    let text = '';
    const segments: Segment[] = [];
    const cells: DraftCell[] = [];
    for (let c = 0; c < cols; c++) {
      if (c > 0) text += '\t';
      const entry = joined.get(c);
      const start = text.length;
      if (entry) {
        text += entry.text.text;
        for (const seg of entry.text.segments) segments.push({ ...seg, start: seg.start + start, end: seg.end + start });
      }
      const covered = fields.some((f) => f.col < c && c < f.col + f.colSpan);
      if (covered) continue;
      const span = entry?.field.colSpan ?? 1;
      cells.push({
        row: r,
        col: c,
        rowSpan: 1,
        colSpan: span,
        text: entry?.text.text ?? '',
        start,
        end: text.length,
        bbox: roundBox({ x0: aligned.xs[c]!, y0: visual.top, x1: aligned.xs[c + span]!, y1: visual.bottom }),
        lineCount: 1,
      });
    }
    table.rows.push(cells);
    table.rowLines.push({
      kind: 'table-row',
      text,
      segments,
      bbox: roundBox({ x0: aligned.bbox.x0, y0: visual.top, x1: aligned.bbox.x1, y1: visual.bottom }),
      size: visual.size,
      table,
      row: r,
    });
  });
  return table;
}

function textLine(line: VisualLine): DraftLine {
  const joined = joinTokens(line.tokens, { tabs: true });
  return {
    kind: 'text',
    text: joined.text,
    segments: joined.segments,
    bbox: roundBox(joined.bbox ?? { x0: line.x0, y0: line.top, x1: line.x1, y1: line.bottom }),
    size: line.size,
  };
}

/**
 * A page of running text: every line starts near the left edge (paragraph or indent), no line
 * has a column gap, and most lines run to the right edge. Such a page has no table worth its
 * ruling lines, so the reader skips the operator list for it (half the cost of a page).
 */
export function looksLikeProse(lines: VisualLine[]): boolean {
  const body = lines.filter((l) => l.tokens.reduce((n, t) => n + t.text.length, 0) >= 4);
  if (body.length < 3) return false;
  const left = Math.min(...body.map((l) => l.x0));
  const right = Math.max(...body.map((l) => l.x1));
  let full = 0;
  for (const line of body) {
    if (line.tokens.some((t) => t.rotated)) return false;
    if (line.x0 > left + 4 * line.size) return false;
    for (let i = 1; i < line.tokens.length; i++) {
      if (line.tokens[i]!.x0 - line.tokens[i - 1]!.x1 >= COLUMN_GAP_EM * line.size) return false;
    }
    if (line.x1 >= right - 2 * line.size) full++;
  }
  return full >= 0.5 * body.length;
}

/** Lays out one page from its tokens and table grids (`grouped`: the tokens' lines, when known and no grid). */
export function layoutPage(number: number, width: number, height: number, tokens: Token[], grids: Grid[], grouped?: VisualLine[]): PageDraft {
  const tables: DraftTable[] = [];
  let rest = tokens;
  for (const grid of grids) {
    const mine: Token[] = [];
    const others: Token[] = [];
    for (const token of rest) {
      const [cx, cy] = tokenCenter(token);
      (inside(grid.bbox, cx, cy, 0.5) ? mine : others).push(token);
    }
    if (mine.length === 0) continue; // an empty frame: no table to report
    rest = others;
    tables.push(tableFromGrid(grid, mine, number));
  }
  let visual = grouped && tables.length === 0 ? grouped : groupLines(rest);
  for (const aligned of findAlignedTables(visual)) {
    tables.push(tableFromAligned(aligned, number));
    const used = new Set(aligned.lines);
    visual = visual.filter((l) => !used.has(l));
  }
  tables.sort((a, b) => a.bbox.y0 - b.bbox.y0);
  const lines: DraftLine[] = visual.map(textLine).filter((l) => l.text.trim() !== '');
  for (const table of tables) for (const line of table.rowLines) if (line) lines.push(line);
  lines.sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
  return { number, width, height, lines, tables, source: 'text-layer', notices: [] };
}

export function bboxOf(lines: DraftLine[]): BBox | undefined {
  let box: BBox | undefined;
  for (const l of lines) box = union(box, l.bbox);
  return box;
}

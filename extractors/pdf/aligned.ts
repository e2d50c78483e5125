/**
 * Tables without ruling lines: consecutive lines split into fields by wide gaps, whose gaps
 * line up (a white "river" down the block). The rivers are the column boundaries; a field
 * that crosses one (a header over two columns) spans those columns.
 */
import type { BBox } from '../../model/document.js';
import { COLUMN_GAP_EM, type Token, type VisualLine } from './text.js';

export interface AlignedField {
  tokens: Token[];
  x0: number;
  x1: number;
  col: number;
  colSpan: number;
}

export interface AlignedTable {
  lines: VisualLine[];
  /** Fields of each line, in column order. */
  rows: AlignedField[][];
  columns: number;
  /** Column boundaries, left to right (columns + 1 values). */
  xs: number[];
  bbox: BBox;
}

/** A line's fields: token runs separated by column gaps. */
export function fieldsOf(line: VisualLine): Array<{ tokens: Token[]; x0: number; x1: number }> {
  const fields: Array<{ tokens: Token[]; x0: number; x1: number }> = [];
  for (const token of line.tokens) {
    const last = fields[fields.length - 1];
    if (last && token.x0 - last.x1 < COLUMN_GAP_EM * Math.max(token.size, line.size * 0.8)) {
      last.tokens.push(token);
      last.x1 = Math.max(last.x1, token.x1);
    } else {
      fields.push({ tokens: [token], x0: token.x0, x1: token.x1 });
    }
  }
  return fields;
}

const NUMBER_RE = /^[-+(（]?\d[\d,，]*(\.\d+)?%?[)）]?$/;
const UNIT_LINE_RE = /单位\s*[:：]/;
/** How far (em) a token may run past its column border (bold totals, estimated widths). */
const OVERHANG_EM = 0.6;

/** Finds blocks of at least three aligned lines among `lines` (sorted top to bottom). */
export function findAlignedTables(lines: VisualLine[]): AlignedTable[] {
  const tables: AlignedTable[] = [];
  const fields = lines.map(fieldsOf);
  let i = 0;
  while (i < lines.length) {
    if ((fields[i]?.length ?? 0) < 2 || lines[i]!.tokens.some((t) => t.rotated)) {
      i++;
      continue;
    }
    // Grow a block of multi-field lines at normal line spacing.
    let j = i + 1;
    while (j < lines.length) {
      const previous = lines[j - 1]!;
      const line = lines[j]!;
      if ((fields[j]?.length ?? 0) < 2 || line.tokens.some((t) => t.rotated)) break;
      // Empty table rows leave a gap; a paragraph between two tables would be a line here.
      if (line.top - previous.bottom > 6 * Math.max(previous.size, line.size)) break;
      j++;
    }
    // A `单位：…` line on top is the table's caption, not its first row.
    while (i < j && UNIT_LINE_RE.test(lines[i]!.tokens.map((t) => t.text).join(''))) i++;
    let table = j - i >= 3 ? buildTable(lines.slice(i, j)) : undefined;
    // Rows after a run of empty rows (a total under blank lines): take them when they fit the columns.
    while (table && j < lines.length && (fields[j]?.length ?? 0) >= 2 && fitsColumns(lines[j]!, table.xs)) {
      const gap = lines[j]!.top - lines[j - 1]!.bottom;
      if (gap > 15 * lines[j]!.size) break;
      const longer = buildTable(lines.slice(i, j + 1));
      if (!longer || longer.columns !== table.columns) break;
      table = longer;
      j++;
    }
    if (table) tables.push(table);
    i = j;
  }
  return tables;
}

/** Every token of the line lies inside one column. */
function fitsColumns(line: VisualLine, xs: number[]): boolean {
  return line.tokens.every((t) => {
    const c = columnOf(xs, (t.x0 + t.x1) / 2);
    const slack = OVERHANG_EM * t.size;
    return t.x0 >= xs[c]! - slack && t.x1 <= xs[c + 1]! + slack;
  });
}

function isNumeric(token: Token | undefined): boolean {
  return !!token && NUMBER_RE.test(token.text);
}

/** Narrowest gap, in em, that can run down a block as a column break. */
const RIVER_EM = 0.25;
/** Width of a coverage bin, in display units. */
const BIN = 0.25;

function buildTable(lines: VisualLine[]): AlignedTable | undefined {
  const left = Math.min(...lines.map((l) => l.x0));
  const right = Math.max(...lines.map((l) => l.x1));
  const sizes = lines.flatMap((l) => l.tokens.map((t) => t.size)).sort((a, b) => a - b);
  const size = sizes[sizes.length >> 1] ?? 10;
  // Coverage of x (bins of a quarter unit) by tokens; rivers are runs covered by (almost) no
  // line. Tokens, not fields: a right-aligned amount and the label of the next column may be
  // only a cell padding apart, yet the gap between them runs straight down the block.
  const bins = Math.ceil((right - left) / BIN) + 1;
  const cover = new Uint16Array(bins);
  for (const line of lines) {
    for (const t of line.tokens) {
      const to = Math.min(bins, Math.ceil((t.x1 - left) / BIN));
      for (let x = Math.max(0, Math.floor((t.x0 - left) / BIN)); x < to; x++) cover[x]!++;
    }
  }
  // A bold total or a wide header may cross a river on one line in five.
  const allowed = lines.length >= 5 ? Math.max(1, Math.floor(lines.length * 0.2)) : 0;
  const rivers: Array<[number, number]> = [];
  let start = -1;
  for (let x = 0; x <= bins; x++) {
    const open = x < bins && cover[x]! <= allowed;
    if (open && start < 0) start = x;
    if (!open && start >= 0) {
      // A right-aligned amount and the next column's label can be one cell padding apart: with
      // measured advances (PDFium) that is a third of an em, at 12 pt about 4 units.
      if (start > 0 && x < bins && (x - start) * BIN >= RIVER_EM * size) rivers.push([left + start * BIN, left + x * BIN]);
      start = -1;
    }
  }
  const breaks = rivers.filter(([a, b]) => isColumnBreak(lines, a, b, size));
  const firstNumeric = lines.findIndex((line) => line.tokens.some(isNumeric));
  const firstBodyRow = firstNumeric < 0 ? 0 : firstNumeric;
  // A column with text on only one or two lines (a header centred over two columns) is not a
  // column: drop its narrower border.
  for (;;) {
    const xs = [left, ...breaks.map(([a, b]) => (a + b) / 2), right];
    const filled = new Array(xs.length - 1).fill(0);
    const body = new Array(xs.length - 1).fill(0);
    lines.forEach((line, index) => {
      const cols = new Set(line.tokens.map((t) => columnOf(xs, (t.x0 + t.x1) / 2)));
      for (const c of cols) {
        filled[c]++;
        if (index >= firstBodyRow) body[c]++;
      }
    });
    // Headers centred over a column may not overlap its numbers; a column of header text
    // only belongs to a neighbour.
    const sparse = filled.findIndex((n, c) => n < Math.max(2, 0.25 * lines.length) || (firstBodyRow > 0 && body[c] === 0));
    if (sparse < 0 || breaks.length === 0) break;
    const leftBreak = sparse - 1; // index into breaks of the column's left border
    const rightBreak = sparse; // … and of its right border
    const width = (k: number) => (breaks[k] ? breaks[k]![1] - breaks[k]![0] : Infinity);
    const drop = leftBreak < 0 ? rightBreak : rightBreak >= breaks.length ? leftBreak : width(leftBreak) <= width(rightBreak) ? leftBreak : rightBreak;
    breaks.splice(drop, 1);
  }
  const xs: number[] = [left, ...breaks.map(([a, b]) => (a + b) / 2), right];
  const columns = xs.length - 1;
  if (columns < 2) return undefined;
  const numeric = lines.filter((line) => line.tokens.some(isNumeric)).length;
  if (columns < 3 && numeric < lines.length / 2) return undefined;
  const rows: AlignedField[][] = lines.map((line) => {
    const fields: AlignedField[] = [];
    for (const token of line.tokens) {
      const slack = Math.min(OVERHANG_EM * token.size, (token.x1 - token.x0) / 2);
      const first = columnOf(xs, token.x0 + slack);
      const last = Math.max(first, columnOf(xs, token.x1 - slack));
      const open = fields[fields.length - 1];
      if (open && first < open.col + open.colSpan) {
        open.tokens.push(token);
        open.x1 = Math.max(open.x1, token.x1);
        open.colSpan = Math.max(open.colSpan, last - open.col + 1);
      } else {
        fields.push({ tokens: [token], x0: token.x0, x1: token.x1, col: first, colSpan: last - first + 1 });
      }
    }
    return fields;
  });
  return {
    lines,
    rows,
    columns,
    xs,
    bbox: { x0: left, y0: Math.min(...lines.map((l) => l.top)), x1: right, y1: Math.max(...lines.map((l) => l.bottom)) },
  };
}

/**
 * A river is a column break when it is wide, or when most lines either leave a wide gap
 * there or have an amount just left of it (a right-aligned number column).
 */
function isColumnBreak(lines: VisualLine[], a: number, b: number, size: number): boolean {
  if (b - a >= 1.5 * size) return true;
  let votes = 0;
  for (const line of lines) {
    const before = [...line.tokens].reverse().find((t) => t.x1 <= b);
    const after = line.tokens.find((t) => t.x0 >= a);
    const gap = (after?.x0 ?? Infinity) - (before?.x1 ?? -Infinity);
    if (gap >= COLUMN_GAP_EM * line.size || isNumeric(before)) votes++;
  }
  return votes >= 0.6 * lines.length;
}

function columnOf(xs: number[], x: number): number {
  for (let c = 0; c + 1 < xs.length; c++) if (x < xs[c + 1]!) return c;
  return xs.length - 2;
}

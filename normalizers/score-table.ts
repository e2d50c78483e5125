/**
 * Score tables flattened to text: a 自评表's indicator block (一级指标 / 二级指标 / 三级指标 / 分值 /
 * 得分) that a PDF converter or a web page printed as lines of text — cells separated by `|` or by
 * spaces, or one cell per line. The table is put back as a table of the document, its cells pointing
 * at the same line spans, so everything that reads score tables (the self-evaluation rows behind
 * weights-sum, score-exceeds-max and score-sum-mismatch, the table sums) reads it as it reads a
 * table the source marked up.
 *
 * The header fixes the columns: indicator levels first, in their order, then the value columns
 * (分值/权重, 得分, and any 指标值 / 完成值 between them) in whatever order the header gives. A row may
 * leave out the names of a merged cell on its left (`产出 | 数量 | 完成数 | 20 | 18` then
 * `时效 | 按时完成 | 10 | 10`): its cells are aligned from the right. One cell per line, a row is
 * its names followed by one cell per value column. The 总分/合计 row ends the table.
 */
import type { Cell, Document, Line, Page, Table } from '../model/document.js';
import { SCORE_HEADER as SCORE, WEIGHT_HEADER as WEIGHT } from './table-words.js';

const LEVEL = /^(?:[一二三]级指标|指标名称|指标)$/;
/** A leading row-number column (序号): its cells are numbers, yet they name the row. */
const INDEX = /^(?:序号|编号)$/;
/** Value columns between a row's names and its scores: targets and outcomes. */
const MEASURE = /^(?:年度)?(?:指标值|目标值|预期值|实际完成值|完成值|实际值|全年实际值|偏差原因)$/;
const TOTAL = /^(?:总分|合计|总计|自评总分)$/;
/** A value cell: a number, optionally after a comparator (`≥95%`, `≤30天`), or a dash for none. */
const VALUE = /^(?:[≥≤<>=＞＜]?\s*-?\d|[—–\-/／]+$)/;
/** Sentence punctuation: a line with it is prose, not a row. */
const PROSE = /[，。；：,;:！？]/;

interface LineCell {
  text: string;
  page: number;
  line: number;
  start: number;
  end: number;
}

/** The cells of a line: split at `|` when it has one, else at runs of spaces. */
function cellsOf(page: Page, line: Line): LineCell[] {
  const text = line.text;
  const separator = /[|｜]/.test(text) ? /[|｜]/g : /[\s\u3000]+/g;
  const cells: LineCell[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) cells.push({ text: trimmed, page: page.number, line: line.number, start: start + lead, end: start + lead + trimmed.length });
  };
  for (const match of text.matchAll(separator)) {
    push(match.index);
    start = match.index + match[0].length;
  }
  push(text.length);
  return cells;
}

type HeaderKind = 'index' | 'level' | 'weight' | 'score' | 'measure';

function headerKind(text: string): HeaderKind | undefined {
  const plain = text.replace(/\s+/g, '');
  if (INDEX.test(plain)) return 'index';
  if (LEVEL.test(plain)) return 'level';
  if (WEIGHT.test(plain)) return 'weight';
  if (SCORE.test(plain)) return 'score';
  if (MEASURE.test(plain)) return 'measure';
  return undefined;
}

interface PlacedLine {
  page: Page;
  line: Line;
  cells: LineCell[];
}

/**
 * A header read from `lines[at]` on (one line, or one cell per line): its cells when it names at
 * least one level, the weight and the score, levels before values.
 */
function readHeader(lines: PlacedLine[], at: number): { cells: LineCell[]; kinds: HeaderKind[]; next: number } | undefined {
  const cells: LineCell[] = [];
  const kinds: HeaderKind[] = [];
  let i = at;
  for (; i < lines.length; i++) {
    const { line, cells: lineCells } = lines[i]!;
    if (line.kind !== 'text' || lineCells.length === 0 || PROSE.test(line.text)) break;
    const lineKinds = lineCells.map((cell) => headerKind(cell.text));
    if (lineKinds.some((kind) => kind === undefined)) break;
    cells.push(...lineCells);
    kinds.push(...(lineKinds as HeaderKind[]));
    // A header on one line is whole; one cell per line goes on while lines are header cells.
    if (lineCells.length > 1) {
      i++;
      break;
    }
  }
  if (!isScoreHeader(kinds)) return undefined;
  return { cells, kinds, next: i };
}

/** An optional 序号 first, levels next, then one weight and one score column among the values. */
function isScoreHeader(kinds: (HeaderKind | undefined)[]): kinds is HeaderKind[] {
  const levels = kinds.filter((kind) => kind === 'level' || kind === 'index').length;
  return (
    levels > kinds.filter((kind) => kind === 'index').length &&
    kinds.lastIndexOf('index') <= 0 &&
    kinds.findIndex((kind) => kind !== 'level' && kind !== 'index') === levels &&
    !kinds.includes(undefined) &&
    kinds.filter((kind) => kind === 'weight').length === 1 &&
    kinds.filter((kind) => kind === 'score').length === 1
  );
}

const isValue = (cell: { text: string }) => VALUE.test(cell.text);

/**
 * The columns of a row's cells under a score header: aligned from the right (merged names on the left
 * left out), the total's word in the first column; undefined when the cells do not fit (a name under a
 * value column's place, a figure under a name's).
 */
function alignRow(cells: { text: string }[], kinds: HeaderKind[]): number[] | undefined {
  const levels = kinds.filter((kind) => kind === 'level' || kind === 'index').length;
  const values = kinds.length - levels;
  const width = kinds.length;
  if (cells.length === 0) return undefined;
  if (TOTAL.test(cells[0]!.text.replace(/\s+/g, ''))) {
    const rest = cells.length - 1;
    if (rest < 1 || rest > values || !cells.slice(1).every(isValue)) return undefined;
    return [0, ...cells.slice(1).map((_, j) => width - rest + j)];
  }
  if (cells.length > width || cells.length <= values) return undefined;
  const cols = cells.map((_, j) => width - cells.length + j);
  const nameFits = (cell: { text: string }, col: number) => (kinds[col] === 'index' ? /^\d{1,3}$/.test(cell.text) : !isValue(cell));
  return cells.every((cell, j) => (cols[j]! < levels ? nameFits(cell, cols[j]!) : true)) && cells.slice(-values).some(isValue) ? cols : undefined;
}

/** The rows under a header, each with the columns its cells go to, until prose, a line that does not fit or the total row (blank lines are skipped). */
function readRows(lines: PlacedLine[], from: number, kinds: HeaderKind[]): { rows: { cells: LineCell[]; cols: number[] }[]; next: number } {
  const levels = kinds.filter((kind) => kind === 'level' || kind === 'index').length;
  const values = kinds.length - levels;
  const rows: { cells: LineCell[]; cols: number[] }[] = [];
  /** Cells of a row printed one per line, gathered until the row is whole. */
  let pending: LineCell[] = [];
  let i = from;
  let ended = false;
  for (; i < lines.length && !ended; i++) {
    const { line, cells } = lines[i]!;
    if (line.kind !== 'text') break;
    if (cells.length === 0) continue;
    if (PROSE.test(line.text)) break;
    const total = TOTAL.test(cells[0]!.text.replace(/\s+/g, ''));
    if (cells.length > 1) {
      if (pending.length > 0) break;
      const cols = alignRow(cells, kinds);
      if (!cols) break;
      rows.push({ cells, cols });
      if (total) ended = true;
      continue;
    }
    // One cell per line: names, then one cell per value column.
    const cell = cells[0]!;
    if (TOTAL.test(cell.text.replace(/\s+/g, '')) && pending.length === 0) {
      const totalCells = [cell];
      let j = i + 1;
      for (; j < lines.length && totalCells.length <= values; j++) {
        const next = lines[j]!;
        if (next.line.kind !== 'text' || next.cells.length !== 1 || !isValue(next.cells[0]!)) break;
        totalCells.push(next.cells[0]!);
      }
      const cols = alignRow(totalCells, kinds);
      if (!cols) break;
      rows.push({ cells: totalCells, cols });
      i = j - 1;
      ended = true;
      continue;
    }
    // A row's names, its 序号 (a number first in the row) among them.
    const isNameAt = (c: LineCell, at: number) => (kinds[0] === 'index' && at === 0 ? /^\d{1,3}$/.test(c.text) : !isValue(c));
    const names = pending.filter((c, at) => isNameAt(c, at)).length;
    const nameHere = isNameAt(cell, pending.length);
    if (nameHere && pending.length > names) break;
    if (nameHere && names >= levels) break;
    pending.push(cell);
    if (pending.length - names === values) {
      const cols = alignRow(pending, kinds);
      if (!cols) break;
      rows.push({ cells: pending, cols });
      pending = [];
    }
  }
  // An unfinished row ends the table before it.
  const next = pending.length > 0 ? lines.indexOf(lines.find((l) => l.cells.includes(pending[0]!))!) : i;
  return { rows, next };
}

function toCell(cell: LineCell, row: number, col: number, tablePage: number): Cell {
  return {
    text: cell.text,
    row,
    col,
    rowSpan: 1,
    colSpan: 1,
    spans: [{ ...(cell.page !== tablePage ? { page: cell.page } : {}), line: cell.line, start: cell.start, end: cell.end }],
  };
}

/**
 * The document with its flattened score tables restored as tables (a new document; the input is not
 * changed). A document without one is returned as it is.
 */
export function restoreScoreTables(document: Document): Document {
  const lines: PlacedLine[] = document.pages.flatMap((page) => page.lines.map((line) => ({ page, line, cells: line.kind === 'text' ? cellsOf(page, line) : [] })));
  const found: { page: Page; first: number; table: Table; lines: Set<Line> }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.cells.some((cell) => headerKind(cell.text) === 'level' || headerKind(cell.text) === 'index')) continue;
    const header = readHeader(lines, i);
    if (!header) continue;
    const { rows, next } = readRows(lines, header.next, header.kinds);
    // Two items and a score at least: fewer is not a table.
    if (rows.filter((row) => !TOTAL.test(row.cells[0]!.text)).length < 2) continue;
    const page = lines[i]!.page;
    const tableRows: Cell[][] = [header.cells.map((cell, col) => toCell(cell, 0, col, page.number))];
    rows.forEach((row, r) => tableRows.push(row.cells.map((cell, j) => toCell(cell, r + 1, row.cols[j]!, page.number))));
    const used = new Set(lines.slice(i, next).map((l) => l.line));
    found.push({ page, first: lines[i]!.line.number, table: { index: 0, rows: tableRows }, lines: used });
    i = next - 1;
  }
  const realigned = new Map(
    document.pages.flatMap((page) =>
      page.tables.flatMap((table) => {
        const aligned = alignScoreTable(table);
        return aligned ? [[table, aligned] as const] : [];
      }),
    ),
  );
  if (found.length === 0 && realigned.size === 0) return document;
  const usedLines = new Set(found.flatMap((f) => [...f.lines]));
  let index = 0;
  const pages = document.pages.map((page) => {
    const restored = found.filter((f) => f.page === page);
    // Tables in reading order, numbered anew through the document.
    const tables = [
      ...page.tables.map((table) => ({ table: realigned.get(table) ?? table, first: firstLine(table) })),
      ...restored.map((f) => ({ table: f.table, first: f.first })),
    ]
      .sort((a, b) => a.first - b.first)
      .map(({ table }) => ({ ...table, index: index++ }));
    return { ...page, tables, lines: page.lines.map((line) => (usedLines.has(line) ? { ...line, kind: 'table-row' as const } : line)) };
  });
  return { ...document, pages };
}

/**
 * A score table the source marked up (a pipe table) whose rows leave out merged names on the left: the
 * same table with those rows aligned from the right, as the header's columns say. Undefined when
 * nothing moves.
 */
function alignScoreTable(table: Table): Table | undefined {
  const headerAt = table.rows.findIndex((row) => row.length > 1 && isScoreHeader(row.map((cell) => headerKind(cell.text))));
  if (headerAt < 0) return undefined;
  const kinds = table.rows[headerAt]!.map((cell) => headerKind(cell.text)) as HeaderKind[];
  const rows = table.rows.map((row, r) => {
    // Only rows short of the header: in a full row (empty cells kept) each cell is where it stands.
    if (r <= headerAt || row.length >= kinds.length || row.some((cell) => cell.colSpan > 1)) return row;
    const filled = row.filter((cell) => cell.text.trim() !== '');
    const cols = alignRow(filled, kinds);
    if (!cols) return row;
    if (cols.every((col, j) => col === filled[j]!.col)) return row;
    return filled.map((cell, j) => ({ ...cell, col: cols[j]! }));
  });
  return rows.some((row, r) => row !== table.rows[r]) ? { ...table, rows } : undefined;
}

function firstLine(table: Table): number {
  for (const row of table.rows) for (const cell of row) for (const span of cell.spans) if (span.page === undefined) return span.line;
  return Number.MAX_SAFE_INTEGER;
}

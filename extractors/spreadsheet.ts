/**
 * Workbooks → Document, read in JS by SheetJS (@e965/xlsx): .xls (BIFF5/8, also WPS .et,
 * which is BIFF), .xlsx/.xlsm, Excel 2003 XML and OpenDocument spreadsheets. No LibreOffice.
 *
 * Every sheet with text, in workbook order (hidden sheets too), becomes a level-1 heading with
 * its name and one table; html.ts's `appendBlocks` turns them into lines and tables, as for
 * any HTML table. A table covers the sheet's cells with text: leading and trailing empty rows
 * and columns are dropped, and so are empty rows between (locators count table rows:
 * `工作表“收支总表” 表中第 3 行`). Merged cells keep their spans; cells under a merge are absent,
 * as in HTML. A cell's text is what the sheet shows (`1,234.50`, `50.92%`); numbers in the
 * General format are written with up to 15 significant digits (SheetJS's General keeps 11:
 * `123456789.1`), which also removes floating-point noise (`358.84000000000003` → `358.84`).
 *
 * Work is bounded: rows past `maxRows` and columns past `maxColumns` of a sheet are not read,
 * and the tables of a workbook hold at most `maxCells` cells; each cut is a notice. A sheet is
 * read from its cells, never from its declared range (`!ref` may claim A1:XFD1048576).
 */
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import type { CellObject, Range, WorkSheet } from '@e965/xlsx';
import type { Document, Page } from '../model/document.js';
import { appendBlocks, collapse, joinParts, type HtmlBlock, type TableBlock, type TableCellBlock } from './html.js';
import type { ExtractInput, ExtractResult } from './types.js';

// Code pages for BIFF5 and older files, whose strings are not Unicode (GBK in Chinese ones).
XLSX.set_cptable(cptable);

export interface SpreadsheetLimits {
  /** Rows of a sheet read (counted from row 1, empty rows included). */
  maxRows: number;
  /** Columns of a sheet read (counted from column A). */
  maxColumns: number;
  /** Cells (empty ones included) of all the tables of a workbook together. */
  maxCells: number;
}

export const SPREADSHEET_LIMITS: SpreadsheetLimits = { maxRows: 20_000, maxColumns: 1_000, maxCells: 500_000 };

/** Merge-cover work allowed per sheet, in cells: a crafted file may stack many huge merges. */
const MERGE_WORK_PER_CELL = 4;

function fail(message: string, code: string): ExtractResult {
  return { ok: false, error: { message, code } };
}

/** A number as written with up to 15 significant digits, without exponent where possible. */
function plainNumber(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(Number(value.toPrecision(15)));
  return /e/i.test(text) ? undefined : text;
}

function rawText(value: CellObject['v']): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return plainNumber(value) ?? String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * The text a cell shows: SheetJS's formatted text (`w`), except for numbers in the General
 * format (or with no formatted text, or one that is just the raw value) which are written
 * plainly. Line breaks inside the cell are joined as html.ts joins a cell's lines.
 */
export function cellDisplayText(cell: CellObject | undefined): string {
  if (!cell) return '';
  let text: string;
  if (cell.t === 'n' && typeof cell.v === 'number' && (cell.w === undefined || cell.z === 'General' || cell.w === String(cell.v))) {
    text = plainNumber(cell.v) ?? cell.w ?? String(cell.v);
  } else {
    text = cell.w ?? rawText(cell.v);
  }
  if (text === '') return '';
  return joinParts(text.split(/\r\n|\r|\n/).map(collapse));
}

/** Row-major key of a cell: exact in a double for any sheet size. */
const STRIDE = 1 << 15;
const key = (r: number, c: number) => r * STRIDE + c;

interface SheetCells {
  /** Text of the non-empty cells, by `key(r, c)`. */
  texts: Map<number, string>;
  /** Text was found at or past row `maxRows` / column `maxColumns`. */
  moreRows: boolean;
  moreColumns: boolean;
}

function readCells(sheet: WorkSheet, limits: SpreadsheetLimits): SheetCells {
  const texts = new Map<number, string>();
  let moreRows = false;
  let moreColumns = false;
  const add = (r: number, c: number, cell: CellObject | undefined) => {
    const text = cellDisplayText(cell);
    if (text === '') return;
    if (r >= limits.maxRows) moreRows = true;
    else if (c >= limits.maxColumns) moreColumns = true;
    else texts.set(key(r, c), text);
  };
  const dense = sheet['!data'];
  if (Array.isArray(dense)) {
    // One row and one column past the limits are looked at, to tell that there is more.
    const rows = Math.min(dense.length, limits.maxRows + 1);
    for (let r = 0; r < rows; r++) {
      const row = dense[r];
      if (!row) continue;
      const columns = Math.min(row.length, limits.maxColumns + 1);
      for (let c = 0; c < columns; c++) add(r, c, row[c]);
    }
  } else {
    for (const address of Object.keys(sheet)) {
      if (address.startsWith('!')) continue;
      const { r, c } = XLSX.utils.decode_cell(address);
      if (r <= limits.maxRows && c <= limits.maxColumns) add(r, c, sheet[address] as CellObject);
    }
  }
  return { texts, moreRows, moreColumns };
}

/** Rows (ascending) and the column range that hold text. */
function bounds(texts: Map<number, string>): { rows: number[]; c0: number; c1: number } {
  const rows = new Set<number>();
  let c0 = Infinity;
  let c1 = -1;
  for (const k of texts.keys()) {
    const c = k % STRIDE;
    rows.add((k - c) / STRIDE);
    c0 = Math.min(c0, c);
    c1 = Math.max(c1, c);
  }
  return { rows: [...rows].sort((a, b) => a - b), c0, c1 };
}

/** Index of the first element of ascending `values` that is ≥ `target`. */
function lowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? Infinity) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A merge in table coordinates: its top-left cell and spans over the kept rows and columns. */
interface PlacedMerge {
  raw: Range;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

interface Grid {
  rows: number[];
  c0: number;
  width: number;
  /** For each table position, the index in `merges` of the merge covering it, or -1. */
  owner: Int32Array;
  merges: PlacedMerge[];
}

/** Lay the merges over the table of `rows` × [c0, c0 + width): which merge covers each position. */
function layMerges(rows: number[], c0: number, width: number, merges: readonly Range[]): Grid {
  const owner = new Int32Array(rows.length * width).fill(-1);
  const placed: PlacedMerge[] = [];
  let work = MERGE_WORK_PER_CELL * owner.length;
  for (const raw of merges) {
    const i0 = lowerBound(rows, raw.s.r);
    const i1 = lowerBound(rows, raw.e.r + 1) - 1;
    const j0 = Math.max(raw.s.c, c0) - c0;
    const j1 = Math.min(raw.e.c, c0 + width - 1) - c0;
    if (i0 > i1 || j0 > j1) continue;
    // Overlapping merges (invalid, but possible in a file): the first one keeps the cells.
    if ((owner[i0 * width + j0] ?? -1) !== -1) continue;
    const area = (i1 - i0 + 1) * (j1 - j0 + 1);
    if (area > work) break;
    work -= area;
    const index = placed.length;
    placed.push({ raw, row: i0, col: j0, rowSpan: i1 - i0 + 1, colSpan: j1 - j0 + 1 });
    for (let i = i0; i <= i1; i++) {
      for (let j = j0; j <= j1; j++) if (owner[i * width + j] === -1) owner[i * width + j] = index;
    }
  }
  return { rows, c0, width, owner, merges: placed };
}

interface SheetTable {
  table?: TableBlock;
  notices: string[];
  cells: number;
}

/** One sheet → its table (none when it has no text), within `cellBudget` cells. */
function sheetTable(sheet: WorkSheet, name: string, limits: SpreadsheetLimits, cellBudget: number): SheetTable {
  const notices: string[] = [];
  const { texts, moreRows, moreColumns } = readCells(sheet, limits);
  if (moreRows) notices.push(`工作表“${name}”超过 ${limits.maxRows} 行，只读取了前 ${limits.maxRows} 行`);
  if (moreColumns) notices.push(`工作表“${name}”超过 ${limits.maxColumns} 列，只读取了前 ${limits.maxColumns} 列`);
  if (texts.size === 0) return { notices, cells: 0 };
  const merges = (sheet['!merges'] ?? []).filter((m) => m.s.r <= m.e.r && m.s.c <= m.e.c && m.s.r < limits.maxRows && m.s.c < limits.maxColumns);

  const layout = (): { grid?: Grid; notice?: string } => {
    const { rows, c0, c1 } = bounds(texts);
    const width = c1 - c0 + 1;
    const fit = Math.floor(cellBudget / width);
    if (fit === 0) return { notice: `工作表“${name}”未读取：表格的单元格已超过 ${limits.maxCells} 个` };
    let notice: string | undefined;
    if (fit < rows.length) {
      notice = `工作表“${name}”过大：表格的单元格已超过 ${limits.maxCells} 个，只读取了前 ${fit} 个有文字的行`;
      rows.length = fit;
    }
    return { grid: layMerges(rows, c0, width, merges), ...(notice ? { notice } : {}) };
  };

  let laid = layout();
  // Text in a cell under a merge (not its top-left cell) is not shown: drop it and lay out again.
  if (laid.grid && merges.length > 0) {
    const grid = laid.grid;
    let hidden = false;
    for (const k of [...texts.keys()]) {
      const c = k % STRIDE;
      const r = (k - c) / STRIDE;
      const i = lowerBound(grid.rows, r);
      if (grid.rows[i] !== r || c - grid.c0 >= grid.width) continue;
      const merge = grid.merges[grid.owner[i * grid.width + (c - grid.c0)] ?? -1];
      if (merge && (merge.raw.s.r !== r || merge.raw.s.c !== c)) {
        texts.delete(k);
        hidden = true;
      }
    }
    if (hidden) laid = texts.size > 0 ? layout() : {};
  }
  if (laid.notice) notices.push(laid.notice);
  const grid = laid.grid;
  if (!grid) return { notices, cells: 0 };

  const { rows, c0, width, owner } = grid;
  const tableRows: TableCellBlock[][] = rows.map((r, i) => {
    const row: TableCellBlock[] = [];
    for (let j = 0; j < width; j++) {
      const merge = grid.merges[owner[i * width + j] ?? -1];
      if (!merge) {
        row.push({ text: texts.get(key(r, c0 + j)) ?? '', row: i, col: j, rowSpan: 1, colSpan: 1, header: false });
      } else if (merge.row === i && merge.col === j) {
        const text = texts.get(key(merge.raw.s.r, merge.raw.s.c)) ?? '';
        row.push({ text, row: i, col: j, rowSpan: merge.rowSpan, colSpan: merge.colSpan, header: false });
      }
    }
    return row;
  });
  return { table: { type: 'table', rows: tableRows, columns: width }, notices, cells: rows.length * width };
}

/** `.xls 表格`, `OpenDocument 表格`. */
function sheetKind(kindName: string): string {
  return kindName.endsWith('表格') ? kindName : `${kindName} 表格`;
}

function readError(error: unknown, kindName: string): ExtractResult {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  if (/password|encrypt/i.test(message)) return fail('文件有打开密码（已加密），无法读取：请去除密码后重试', 'encrypted');
  // SheetJS's own messages say what is wrong; a TypeError from deep inside does not.
  const reason = error instanceof Error && error.constructor === Error && message ? `（${message.slice(0, 120)}）` : '';
  return fail(`${sheetKind(kindName)}无法读取，文件可能已损坏或不完整${reason}`, 'corrupt');
}

/**
 * A workbook's bytes → Document. `kindName` names the format in notices and errors (`.xls`,
 * `.xlsx`, `Excel 2003 XML`, `OpenDocument 表格`). Never throws.
 */
export function extractSpreadsheet(input: ExtractInput, kindName: string, limits: SpreadsheetLimits = SPREADSHEET_LIMITS): ExtractResult {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), {
      type: 'buffer',
      dense: true,
      sheetRows: limits.maxRows + 1,
      cellNF: true,
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      cellDates: false,
      // BIFF5 files without a code page record: Chinese ones are GBK.
      codepage: 936,
    });
  } catch (error) {
    return readError(error, kindName);
  }
  try {
    const blocks: HtmlBlock[] = [];
    const sheetNames: string[] = [];
    const notices: string[] = [`已读取 ${sheetKind(kindName)}（无页码，定位为工作表和表中行序，空行不计）`];
    let budget = limits.maxCells;
    workbook.SheetNames.forEach((name, index) => {
      const sheet = workbook.Sheets[name];
      if (!sheet) return;
      const label = collapse(name) || `第 ${index + 1} 个工作表`;
      const { table, notices: sheetNotices, cells } = sheetTable(sheet, label, limits, budget);
      notices.push(...sheetNotices);
      if (!table) return;
      budget -= cells;
      if (workbook.Workbook?.Sheets?.[index]?.Hidden) notices.push(`工作表“${label}”是隐藏的工作表，也已读取`);
      sheetNames.push(label);
      blocks.push({ type: 'paragraph', lines: [label], headingLevel: 1 }, table);
    });
    if (blocks.length === 0) return fail('表格中没有文字内容', 'empty');
    const page: Page = { number: 1, lines: [], tables: [], source: 'text', notices: [] };
    // Each sheet is one heading (paragraph n) and one table (table n).
    appendBlocks(page, blocks, {
      dropPageNumbers: false,
      locate: (place) => {
        const name = sheetNames[(place.kind === 'table-row' ? place.table : place.paragraph) - 1];
        return place.kind === 'table-row' ? `工作表“${name}” 表中第 ${place.row} 行` : `工作表“${name}”`;
      },
    });
    const document: Document = { path: input.path, format: 'html', sha256: input.sha256, pageNumbersKnown: false, pages: [page], notices };
    return { ok: true, document };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return fail(`读取 ${sheetKind(kindName)}时出错：${message}`, 'internal');
  }
}

/** A table seen as columns: header text per column, and the unit that applies to a cell. */
import type { Cell, Table } from '../model/document.js';
import { COUNT_UNITS } from './figures.js';
import { normalizeChars } from './text.js';

export interface TableView {
  table: Table;
  page: number;
  /** Number of rows before the first row holding a number. */
  headerRows: number;
  cell(row: number, col: number): Cell | undefined;
  /** Header text of a column (header rows joined). */
  header(col: number): string;
  /** Header text of a column for a row, from the nearest header row above it (tables with section headers). */
  headerAt(row: number, col: number): string;
  /** First column whose header matches. */
  findColumn(pattern: RegExp): number | undefined;
  unitFor(row: number, col: number): { unit: string; source: 'table' | 'caption' | 'context' } | undefined;
}

const UNIT_TOKENS = new Set(['元', '万元', '亿元', '千元', '%', '％', '分', ...COUNT_UNITS]);
/** Headings of money columns (a 自评表's 年初预算数, 全年执行数): they take a unit their heading row's title states. */
const MONEY_HEADING = /预算(?:数|金额)|执行数|决算数|^金额$/;
const NOT_QUANTITY_HEADER = /序号|行次|编码|代码|编号|年度|年份|日期|时间|电话|^类$|^款$|^项$/;

export function tableColumns(table: Table, page: number): TableView {
  const byPosition = new Map<string, Cell>();
  for (const row of table.rows) for (const cell of row) byPosition.set(`${cell.row}:${cell.col}`, cell);
  let headerRows = 0;
  for (const row of table.rows) {
    if (row.some((cell) => /^\s*[-+]?\d[\d,]*(\.\d+)?\s*%?\s*$/.test(cell.text))) break;
    headerRows++;
  }
  if (headerRows === table.rows.length) headerRows = Math.min(1, table.rows.length);
  const cell = (row: number, col: number) => byPosition.get(`${row}:${col}`);
  const header = (col: number) => {
    const parts: string[] = [];
    for (let r = 0; r < headerRows; r++) {
      const text = table.rows[r]?.find((c) => c.col <= col && col < c.col + c.colSpan)?.text;
      if (text) parts.push(text);
    }
    // Headers are read in the normalized script: `預算數（萬元）` is 预算数（万元）.
    return normalizeChars(parts.join(' '));
  };
  // Rows inside the table that head a new section (`一级指标 二级指标 … 权重 实际完成指标值`).
  const sectionHeaders = table.rows
    .map((row, index) => ({ row, index }))
    .filter(({ row, index }) => index >= headerRows && row.filter((c) => c.text.trim()).length >= 3 && !row.some((c) => /\d/.test(c.text)) && row.some((c) => /指标|权重|分值|单位|名称/.test(c.text)))
    .map(({ index }) => index);
  const headerAt = (row: number, col: number) => {
    const section = sectionHeaders.filter((index) => index < row).at(-1);
    if (section === undefined) return header(col);
    return normalizeChars(table.rows[section]?.find((c) => c.col <= col && col < c.col + c.colSpan)?.text ?? '');
  };
  /** The unit a title cell left of `col` states in the heading row over `row` (the nearest row above, header or section header, with text at `col`). */
  const rowTitleUnit = (row: number, col: number): string | undefined => {
    const rows = [...Array(headerRows).keys(), ...sectionHeaders].filter((index) => index < row).sort((a, b) => b - a);
    const heading = rows.map((index) => table.rows[index]).find((cells) => cells?.some((c) => c.col <= col && col < c.col + c.colSpan && c.text.trim()));
    for (const cell of heading ?? []) {
      if (cell.col + cell.colSpan > col) break;
      const unit = /[（(]\s*(亿元|万元|千元|元)\s*[)）]/.exec(normalizeChars(cell.text));
      if (unit) return unit[1];
    }
    // …or the table's caption, when a flattened table's title row became its caption (`资金情况 (万元)`).
    return /[（(]\s*(亿元|万元|千元|元)\s*[)）]/.exec(normalizeChars(table.caption ?? ''))?.[1];
  };
  const unitColumn = (() => {
    for (let col = 0; col < 40; col++) if (/^(绩效)?(度量|计量)?单位$/.test(header(col).trim().split(' ').at(-1) ?? '')) return col;
    return undefined;
  })();
  return {
    table,
    page,
    headerRows,
    cell,
    header,
    headerAt,
    findColumn(pattern) {
      const width = Math.max(0, ...table.rows.map((row) => row.reduce((w, c) => Math.max(w, c.col + c.colSpan), 0)));
      for (let col = 0; col < width; col++) if (pattern.test(header(col))) return col;
      return undefined;
    },
    unitFor(row, col) {
      const head = headerAt(row, col);
      if (row < headerRows) return undefined;
      // A money column under a heading row whose title cell states the unit (`项目资金（万元） | 年初预算数 | 全年预算数`),
      // whatever title rows (`（2024年度）`) the sheet's header joins above it.
      const ownUnit = /[（(]\s*(?:亿元|万元|千元|元|%)\s*[)）]|单位\s*[:：]?\s*(?:亿元|万元|千元|元)/.test(head);
      const titled = !ownUnit && MONEY_HEADING.test(head.split(' ').at(-1) ?? '') ? rowTitleUnit(row, col) : undefined;
      if (titled) return { unit: titled, source: 'table' };
      if (NOT_QUANTITY_HEADER.test(head)) return undefined;
      const inHeader = /[（(]\s*(亿元|万元|千元|元|%)\s*[)）]|单位\s*[:：]?\s*(亿元|万元|千元|元)/.exec(head);
      if (inHeader) return { unit: (inHeader[1] ?? inHeader[2])!, source: 'table' };
      if (/权重|比例|比率|率$/.test(head)) return undefined;
      const right = cell(row, col + 1)?.text.trim();
      if (right && UNIT_TOKENS.has(right)) return { unit: right, source: 'context' };
      if (unitColumn !== undefined && unitColumn !== col) {
        const stated = cell(row, unitColumn)?.text.trim();
        if (stated && UNIT_TOKENS.has(stated)) return { unit: stated, source: 'context' };
        if (col > unitColumn - 3 && col < unitColumn) return undefined;
      }
      if (/指标值|目标值|完成值|分值|得分|满分/.test(head)) return undefined;
      if (table.unit) return { unit: table.unit, source: 'caption' };
      return undefined;
    },
  };
}

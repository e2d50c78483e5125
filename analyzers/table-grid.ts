/**
 * A table as rules read it: the figure in each cell, each body row's label, and the rows' structure
 * (a 合计 row, `其中` rows under the row above them). Built once per table and shared by the rules
 * that check tables (sums over rows, growth rows, rate columns).
 */
import type { Figure } from '../model/figure.js';
import type { NormalizedDocument } from '../normalizers/index.js';
import type { TableView } from '../normalizers/tables.js';
import { normalizeChars } from '../normalizers/text.js';
import { hasChinese, isPartLabel, isPlainTotal, readHierarchy, sharedHead, withoutPartWord } from '../normalizers/row-hierarchy.js';
import { CHANGE_RATE_LABEL, yearOf } from '../normalizers/table-words.js';

export { CHANGE_RATE_LABEL, yearOf };

export interface GridRow {
  index: number;
  label: string;
  /** The label without its `其中` (`其中：公车购置` → `公车购置`): how the row is named as a part. */
  name: string;
  /** `其中：…` rows and the rows after them that share their parent's name: parts of `parent`. */
  parent?: GridRow;
  /** A `减：` row (and the rows after it up to `加：`): it subtracts from its parent. */
  subtracts?: boolean;
  /** The table's 合计/总计 row. */
  isTotal: boolean;
  /** In a `list` table: the row's group, by the label-only row that heads it (`…补助资金(万元)`). */
  group?: string;
  /**
   * In a `list` table: the same row of the group this row's group is a part of (the groups after a
   * `其中:` row add up, row by row, to the group before it).
   */
  groupWhole?: GridRow;
}

export interface TableGrid {
  view: TableView;
  rows: GridRow[];
  /** Columns holding figures in body rows, left to right. */
  columns: number[];
  figure(row: number, col: number): Figure | undefined;
  /** The cell's text is empty (a blank is not a printed 0, but adds as 0). */
  blank(row: number, col: number): boolean;
}

const grids = new WeakMap<TableView, TableGrid>();

export { sharedHead };

export function tableGrid(document: NormalizedDocument, view: TableView): TableGrid {
  const cached = grids.get(view);
  if (cached) return cached;
  const figures = new Map<string, Figure>();
  for (const figure of document.figures) {
    if (figure.cell?.table === view.table.index) figures.set(`${figure.cell.row}:${figure.cell.col}`, figure);
  }
  const rows: GridRow[] = [];
  const printed: string[] = [];
  const columns = new Set<number>();
  for (const cells of view.table.rows.slice(view.headerRows)) {
    const index = cells[0]?.row;
    if (index === undefined) continue;
    const labelCell = cells.find((cell) => hasChinese(cell.text) && !figures.has(`${cell.row}:${cell.col}`));
    const label = normalizeChars(labelCell?.text ?? '').replace(/\s+/g, '').replace(/[:：]$/, '');
    for (const cell of cells) if (figures.has(`${cell.row}:${cell.col}`)) columns.add(cell.col);
    rows.push({ index, label, name: withoutPartWord(label), isTotal: isPlainTotal(label) });
    printed.push(labelCell?.text ?? '');
  }
  // Parents as the table model reads them (normalizers/row-hierarchy): the rows of the model's panel
  // that holds these labels, else the same reading of the labels themselves.
  const byIndex = new Map(rows.map((row) => [row.index, row]));
  const panel = document.tableModels
    ?.find((model) => model.view === view)
    ?.panels.filter((candidate) => candidate.rows.some((row) => row.label))
    .sort((a, b) => b.rows.filter((row) => byIndex.get(row.index)?.label === row.label).length - a.rows.filter((row) => byIndex.get(row.index)?.label === row.label).length)[0];
  if (panel && panel.rows.filter((row) => byIndex.get(row.index)?.label === row.label).length >= rows.filter((row) => row.label).length / 2) {
    for (const modelRow of panel.rows) {
      const row = byIndex.get(modelRow.index);
      const parent = modelRow.parent && byIndex.get(modelRow.parent.index);
      if (row && parent && !parent.isTotal) row.parent = parent;
      if (row && modelRow.sign === -1) row.subtracts = true;
    }
  } else {
    const hierarchy = readHierarchy(printed.map((label) => ({ label })));
    hierarchy.rows.forEach((shape, i) => {
      const parent = shape.parent === undefined ? undefined : rows[shape.parent];
      if (parent && !parent.isTotal) rows[i]!.parent = parent;
      if (shape.sign === -1) rows[i]!.subtracts = true;
    });
  }
  if (view.table.layout === 'list') readListGroups(rows, (row) => [...columns].some((col) => figures.has(`${row.index}:${col}`)));
  const grid: TableGrid = {
    view,
    rows,
    columns: [...columns].sort((a, b) => a - b),
    figure: (row, col) => figures.get(`${row}:${col}`),
    blank: (row, col) => !(view.cell(row, col)?.text.trim()),
  };
  grids.set(view, grid);
  return grid;
}

/** List rows match across groups by their names without brackets, colons or spaces, one ending the other. */
const bare = (row: GridRow) => row.name.replace(/[()（）:：\s]/g, '');
const sameListRow = (a: GridRow, b: GridRow) => {
  const [x, y] = [bare(a), bare(b)];
  return x !== '' && y !== '' && (x.endsWith(y) || y.endsWith(x));
};

/**
 * The structure of a label–value list, from its label-only rows: they split it into groups and
 * head them. In a group, a `其中` row right after the first row makes every row after the first a
 * part of it (`年度预算资金总额` over `其中:中央补助`, `市级资金`, `本级资金`). The groups after a `其中:`
 * row, when their rows match the group before it row by row, are its parts, row by row.
 */
function readListGroups(rows: GridRow[], hasFigure: (row: GridRow) => boolean): void {
  interface Group { title?: string; rows: GridRow[]; afterQizhong: boolean }
  const groups: Group[] = [];
  let open: Group | undefined;
  let title: string | undefined;
  let qizhong = false;
  for (const row of rows) {
    delete row.parent;
    if (!hasFigure(row)) {
      if (isPartLabel(row.label) && withoutPartWord(row.label) === '') qizhong = true;
      else title = row.label;
      open = undefined;
      continue;
    }
    if (!open) {
      open = { rows: [], afterQizhong: qizhong, ...(title ? { title } : {}) };
      groups.push(open);
      title = undefined;
      qizhong = false;
    }
    if (open.title) row.group = open.title;
    open.rows.push(row);
  }
  let whole: Group | undefined;
  for (const group of groups) {
    const [first, second] = group.rows;
    if (first && second && group.rows.length >= 3 && isPartLabel(second.label)) for (const row of group.rows.slice(1)) row.parent = first;
    if (!group.afterQizhong) {
      whole = group;
      continue;
    }
    if (!whole || whole.rows.length !== group.rows.length || !group.rows.every((row, k) => sameListRow(row, whole!.rows[k]!))) continue;
    group.rows.forEach((row, k) => (row.groupWhole = whole!.rows[k]));
  }
}

/**
 * A column's own name: the lowest header row's text over it (`全年执行数（B）` under `资金情况`), as seen from
 * `row` when the table has section headers; '' when it has none.
 */
export function columnName(view: TableView, col: number, row?: number): string {
  const header = row === undefined ? view.header(col) : view.headerAt(row, col);
  return header.split(' ').filter(Boolean).at(-1) ?? '';
}


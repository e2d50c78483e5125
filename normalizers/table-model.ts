/**
 * A table read as data: what it is (its disclosure id), its header as a tree of column paths
 * (`本年支出 / 基本支出`), its panels (a table may print two lists side by side: 收入 | 金额 | 支出 |
 * 金额), and in each panel every row's code, name and place in the hierarchy (类/款/项 from the
 * 科目编码, or 一、/1. outline markers). Every figure cell becomes a fact whose subject is its row path
 * and whose measure is its column path.
 */
import type { Cell } from '../model/document.js';
import type { Figure } from '../model/figure.js';
import { classifyTable, fundsOf, type DisclosureTable, type Funds } from './disclosure.js';
import type { TableView } from './tables.js';
import { matchConcept } from './concepts.js';
import { canonicalName } from './subjects.js';
import { normalizeChars, outlineMarker } from './text.js';
import { printsNegatives, readCode, readHierarchy, type RowLevel } from './row-hierarchy.js';
import { namesASignedQuantity } from './table-words.js';

export interface HeaderNode {
  label: string;
  /** Columns covered, end exclusive. */
  start: number;
  end: number;
  children: HeaderNode[];
}

export interface ModelRow {
  index: number;
  /** The row's own label in its panel (the last label cell), as printed, spaces dropped. */
  label: string;
  /** Labels of the group cells before it (a merged `一般公共预算资金` over its `小计`), broadest first. */
  groups: string[];
  /** The name as a subject: outline marker, `其中` and quotes dropped. */
  name: string;
  /** 科目编码 (digits only; `201 | 13 | 01` joined), when the row has one. */
  code?: string;
  /** Outline rank of a `一、` / `1.` / `（1）` marker (lower is broader). */
  rank?: number;
  /** `其中：…`: a part that need not complete its whole. */
  partial: boolean;
  /** The row totals its panel or a part of it: 合计, 总计, 小计, 本年收入合计. */
  total: 'total' | 'subtotal' | undefined;
  /** Subject path: the ancestors' names (by code, numbering, indentation or `其中`) then its own. */
  subject: string[];
  /** The row's level (类/款/项, 第N级 of a numbered or indented list, 其中, or the total word) and depth. */
  level: RowLevel;
  /** The row this one is a part of (by code, numbering, indentation or `其中`), in the same panel. */
  parent?: ModelRow;
  /** -1 for a `减：` row (and the rows after it up to `加：`): it subtracts from its total. */
  sign: 1 | -1;
  /** A statement's result row (`二、营业利润`, `三、本期盈余`): the rows it is the signed sum of (normalizers/row-hierarchy). */
  terms?: { row: ModelRow; sign: 1 | -1 }[];
  /** Other readings of `terms` (rows after a `其中：` that may be further parts of it): the figures decide. */
  alternatives?: { row: ModelRow; sign: 1 | -1 }[][];
}

export interface Panel {
  labelColumns: number[];
  codeColumns: number[];
  valueColumns: number[];
  /** Body rows that have a label in this panel, top to bottom. */
  rows: ModelRow[];
  /** The panel's header: what its list is (`收入`, `支出`), from the header cell over its label column. */
  heading: string;
  /** Readings of the rows' structure that disagree (a code under another 类's row): its sums are not certain. */
  conflicts: string[];
  /** The rows are a statement's (利润表, 收入费用表: result rows of signed rows above them). */
  statement?: boolean;
}

export interface TableModel {
  view: TableView;
  index: number;
  page: number;
  disclosure?: DisclosureTable;
  /** The top-level header nodes, left to right. */
  roots: HeaderNode[];
  /** A column's header path, broadest first (`本年支出`, `基本支出`). */
  columnPath(col: number): string[];
  panels: Panel[];
  figure(row: number, col: number): Figure | undefined;
  /** The cell at a position, merged cells included. */
  cellAt(row: number, col: number): Cell | undefined;
  /** Nothing is printed where a figure would be (not a printed 0). */
  blank(row: number, col: number): boolean;
  /** The table says negatives are printed with a minus (`（减少以“-”号填列）`): a `-12.00` is a figure, not a dash and a number. */
  negativesPrinted: boolean;
  /**
   * A cell may hold a negative amount: the table's title or a note, its column's header or its row's label
   * says negatives are printed there, or the row or column is a quantity that may fall below zero (结余,
   * 差额, 净额, 利润). Elsewhere in a table of income or spending a negative is not a value to take on trust.
   */
  mayBeNegative(row: ModelRow, col: number): boolean;
}

/** A 科目编码: three digits for a 类 and two more for each level below. */
const CODE = /^\d{3}(?:\d{2}){0,2}$/;
const CODE_HEADER = /编码|代码|^类$|^款$|^项$/;
const CJK = /[\u4e00-\u9fff]/;

const clean = (text: string) => normalizeChars(text).replace(/\s+/g, '');

export function buildTableModel(view: TableView, figures: ReadonlyMap<string, Figure>): TableModel {
  const { table } = view;
  const occupancy = new Map<string, Cell>();
  let width = 0;
  for (const row of table.rows) {
    for (const cell of row) {
      width = Math.max(width, cell.col + cell.colSpan);
      for (let r = cell.row; r < cell.row + cell.rowSpan; r++) for (let c = cell.col; c < cell.col + cell.colSpan; c++) if (!occupancy.has(`${r}:${c}`)) occupancy.set(`${r}:${c}`, cell);
    }
  }
  const cellAt = (row: number, col: number) => occupancy.get(`${row}:${col}`);
  const figure = (row: number, col: number) => figures.get(`${row}:${col}`);
  const headerRows = view.headerRows;
  const bodyRows = table.rows.slice(headerRows).map((cells) => cells[0]?.row).filter((r): r is number => r !== undefined);

  // Header: one node per distinct header cell, under the node above that covers its columns.
  const roots: HeaderNode[] = [];
  const nodesAbove: HeaderNode[] = [];
  for (const cells of table.rows.slice(0, headerRows)) {
    const added: HeaderNode[] = [];
    for (const cell of cells) {
      const label = clean(cell.text);
      if (!label) continue;
      const node: HeaderNode = { label, start: cell.col, end: cell.col + cell.colSpan, children: [] };
      const parent = [...nodesAbove].reverse().find((above) => above.start <= node.start && node.end <= above.end && above !== node);
      (parent ? parent.children : roots).push(node);
      added.push(node);
    }
    nodesAbove.push(...added);
  }
  const pathCache = new Map<number, string[]>();
  const columnPath = (col: number) => {
    let path = pathCache.get(col);
    if (!path) {
      path = [];
      let level = roots;
      for (;;) {
        const node = level.find((n) => n.start <= col && col < n.end);
        if (!node) break;
        path.push(node.label);
        level = node.children;
      }
      pathCache.set(col, path);
    }
    return path;
  };

  // Column roles, from the header and the body.
  const roles: ('code' | 'label' | 'value' | undefined)[] = [];
  for (let col = 0; col < width; col++) {
    const texts = bodyRows.map((r) => {
      const cell = cellAt(r, col);
      return cell && cell.col === col ? cell.text.trim() : '';
    });
    const nonEmpty = texts.filter(Boolean);
    const header = columnPath(col).at(-1) ?? '';
    // `302 1` (a 款 printed without its leading zero) is a code as much as `30201`.
    const codes = nonEmpty.filter((text) => readCode([text]) !== undefined || /^\d{1,2}$/.test(text));
    if ((CODE_HEADER.test(header) && codes.length >= nonEmpty.length / 2) || (nonEmpty.length > 0 && codes.length === nonEmpty.length && codes.some((t) => t.length >= 3) && !bodyRows.some((r) => figure(r, col)?.kind === 'amount'))) {
      roles.push('code');
    } else if (bodyRows.some((r) => figure(r, col) && cellAt(r, col)?.col === col)) {
      roles.push('value');
    } else if (nonEmpty.some((text) => CJK.test(text))) {
      roles.push('label');
    } else roles.push(undefined);
  }
  // A column left blank in every row, under the same heading as columns of figures, holds amounts too.
  for (let col = 0; col < width; col++) {
    if (roles[col] !== undefined) continue;
    const root = roots.find((node) => node.start <= col && col < node.end);
    if (root && root.end - root.start > 1 && roles.some((role, other) => role === 'value' && root.start <= other && other < root.end) && !CODE_HEADER.test(columnPath(col).at(-1) ?? '')) roles[col] = 'value';
  }

  // Panels: label and code columns, then the value columns after them.
  const panels: Panel[] = [];
  let open: Panel | undefined;
  for (let col = 0; col < width; col++) {
    const role = roles[col];
    if (role === 'code' || role === 'label') {
      if (!open || open.valueColumns.length > 0) {
        open = { labelColumns: [], codeColumns: [], valueColumns: [], rows: [], heading: '', conflicts: [] };
        panels.push(open);
      }
      (role === 'code' ? open.codeColumns : open.labelColumns).push(col);
    } else if (role === 'value' && open) open.valueColumns.push(col);
  }
  // Figures with no label or code column before them (支出预算总表: one row under 合计 | 基本支出 | 项目支出).
  const valueColumns = roles.flatMap((role, col) => (role === 'value' ? [col] : []));
  if (valueColumns.length > 0 && (panels.length === 0 || valueColumns[0]! < (panels[0]!.labelColumns[0] ?? panels[0]!.codeColumns[0] ?? 0))) {
    panels.unshift({ labelColumns: [], codeColumns: [], valueColumns: valueColumns.filter((col) => !panels.some((p) => p.valueColumns.includes(col))), rows: [], heading: '', conflicts: [] });
  }
  for (const panel of panels) {
    if (panel.valueColumns.length === 0) continue;
    if (panel.labelColumns.length === 0 && panel.codeColumns.length === 0) {
      panel.rows = bodyRows.map((index) => ({ index, label: '', groups: [], name: '', partial: false, total: undefined, subject: [], level: { name: '', depth: 0, source: 'none' }, sign: 1 }));
      continue;
    }
    const first = panel.labelColumns[0] ?? panel.codeColumns[0]!;
    panel.heading = columnPath(first)[0] ?? '';
    panel.rows = readRows(panel, bodyRows, cellAt);
  }
  const disclosure = classifyTable(table.caption);
  // The table's own words on signs: its title, or a note row (words and no figure) in its body.
  const noteSaysNegatives =
    printsNegatives(table.caption ?? '') || bodyRows.some((r) => table.rows.find((cells) => cells[0]?.row === r)?.every((cell) => !figure(r, cell.col)) && table.rows.find((cells) => cells[0]?.row === r)!.some((cell) => printsNegatives(cell.text)));
  const mayBeNegative = (row: ModelRow, col: number) => {
    const header = columnPath(col).join('/');
    const words = [...row.groups, row.label, row.name, ...(row.parent ? [row.parent.label] : [])].join('/');
    return noteSaysNegatives || printsNegatives(header) || printsNegatives(words) || namesASignedQuantity(header) || namesASignedQuantity(words);
  };
  return {
    view,
    index: table.index,
    page: view.page,
    ...(disclosure ? { disclosure } : {}),
    roots,
    columnPath,
    panels: panels.filter((panel) => panel.valueColumns.length > 0 && panel.rows.length > 0),
    figure,
    cellAt,
    blank: (row, col) => {
      const cell = cellAt(row, col);
      return !cell || cell.text.trim() === '';
    },
    negativesPrinted: printsNegatives(table.caption ?? '') || table.rows.some((cells) => cells.some((cell) => printsNegatives(cell.text))),
    mayBeNegative,
  };
}

/** The rows of a panel: label, code, outline rank, level and parent (normalizers/row-hierarchy), and the subject path the codes imply. */
function readRows(panel: Panel, bodyRows: number[], cellAt: (row: number, col: number) => Cell | undefined): ModelRow[] {
  const read: { index: number; labels: string[]; printed: string; code: string[] }[] = [];
  for (const index of bodyRows) {
    const labels: string[] = [];
    let printed = '';
    let previous: Cell | undefined;
    for (const col of panel.labelColumns) {
      const cell = cellAt(index, col);
      if (!cell || cell === previous) continue;
      previous = cell;
      const text = clean(cell.text);
      if (text) {
        labels.push(text);
        printed = cell.text.replace(/^[\r\n]+/, '');
      }
    }
    // The code's segments, from one cell or split over 类 | 款 | 项 columns (merged cells included).
    const code = panel.codeColumns.map((col) => cellAt(index, col)?.text.trim() ?? '').filter((text) => /^\d+(?:\s+\d+)*$/.test(text));
    if (labels.length === 0 && code.length === 0) continue;
    if (labels.length === 0) {
      // A code column holding the label (`合计` over the code and name columns).
      const spanning = cellAt(index, panel.codeColumns[0] ?? -1);
      if (spanning && !/^\d+(?:\s+\d+)*$/.test(spanning.text.trim())) {
        labels.push(clean(spanning.text));
        printed = spanning.text;
      }
    }
    read.push({ index, labels, printed, code });
  }
  const hierarchy = readHierarchy(read.map(({ printed, code }) => ({ label: printed, code })));
  panel.conflicts = hierarchy.conflicts;
  if (hierarchy.statement) panel.statement = true;
  const rows: ModelRow[] = [];
  const nameOfCode = new Map<string, string>();
  read.forEach(({ index, labels }, i) => {
    const shape = hierarchy.rows[i]!;
    let label = labels.at(-1) ?? '';
    // The label as printed, without a code printed in it (`2013101 行政运行`, `302 1 办公费`).
    if (shape.code && !panel.codeColumns.some((col) => readCode([cellAt(index, col)?.text ?? '']) !== undefined)) label = label.replace(/^[\d\s]+/, '');
    const name = canonicalName(shape.name);
    const row: ModelRow = {
      index,
      label,
      groups: labels.slice(0, -1),
      name,
      partial: shape.partial,
      total: shape.total,
      subject: [name],
      level: shape.level,
      sign: shape.sign,
    };
    if (shape.code && CODE.test(shape.code)) {
      row.code = shape.code;
      nameOfCode.set(shape.code, name);
      const ancestors: string[] = [];
      for (let length = 3; length < shape.code.length; length += 2) ancestors.push(nameOfCode.get(shape.code.slice(0, length)) ?? shape.code.slice(0, length));
      row.subject = [...ancestors, name];
    }
    if (shape.rank !== undefined) row.rank = shape.rank;
    rows.push(row);
  });
  hierarchy.rows.forEach((shape, i) => {
    const row = rows[i]!;
    if (shape.parent !== undefined) row.parent = rows[shape.parent]!;
    // A row without a code is named by its ancestors too (`商品和服务支出/差旅费`), so a figure meets only
    // figures of its own level; a total is no ancestor (`合计` / `其中：…` names the part alone).
    if (!row.code && row.parent && !row.parent.total) row.subject = [...row.parent.subject, row.name];
    if (shape.terms) row.terms = shape.terms.map((term) => ({ row: rows[term.index]!, sign: term.sign }));
    if (shape.alternatives) row.alternatives = shape.alternatives.map((terms) => terms.map((term) => ({ row: rows[term.index]!, sign: term.sign })));
  });
  return rows;
}

/** Tables whose rows and columns are amounts that add up. */
const ADDITIVE = new Set(['summary', 'income', 'expense', 'fiscal-summary', 'fiscal-expense', 'fiscal-basic', 'general-expense', 'general-basic', 'fund', 'state-capital', 'sangong', 'running-cost']);

/** A standard table of amounts: its cells are facts, its sums are table-sum-mismatch's (not the generic table sums'). */
export function isAdditiveDisclosure(model: TableModel | undefined): boolean {
  return Boolean(model?.disclosure && ADDITIVE.has(model.disclosure.id));
}

/** What a cell states, in words the other tables and the text use too. */
export interface CellMeaning {
  /** Income or spending: from the panel heading, the row, or the table. */
  direction?: 'income' | 'expense';
  /**
   * The quantity: '' for an item's amount; a measure of the department (`基本支出`, `年初结转和结余`);
   * or the total word of a total row (`合计`, `总计`, `小计`).
   */
  measure: string;
  funds: Funds;
  basis?: 'actual' | 'budget';
  /** Subject path ([] for the department as a whole). */
  subject: string[];
  /**
   * What the table is about when it is not the department's money as a whole (`sangong`,
   * `running-cost`, or the table itself when it is none of the standard tables): its 合计 is its own.
   */
  topic?: string;
  /**
   * A topic table's own column names the topic (`“三公”经费 | 小计` beside 会议费 and 培训费): that column is the
   * topic's total, and the table's 合计 is a broader sum, not the topic's.
   */
  topicColumn?: boolean;
}

/** Tables whose totals are of their own topic, not the department's income or spending. */
const TOPICAL = new Set(['sangong', 'running-cost', 'procurement', 'performance-targets', 'self-evaluation']);

/** Header words that only say "the amount" or name the list, not a quantity. */
const PLAIN_HEADER = /^(?:金额|合计|小计|总计|决算数|预算数|预算|决算|数额|项目|项目名称|科目名称|收入|支出|功能分类|支出用途|经济分类|本年收入合计|本年支出合计|收入预算|支出预算)$/;
/** Row names that are measures of the department itself, not items it accounts for. */
const DEPARTMENT_MEASURE = /^(?:基本支出|项目支出|人员经费|公用经费|单位预留机动经费|上缴上级支出|经营支出|对附属单位补助支出|事业单位经营支出|事业收入|经营收入|事业单位经营收入|其他收入|上级补助收入|附属单位上缴收入|用事业基金弥补收支差额|上年结转(?:和结余)?(?:资金)?|年初(?:财政拨款)?结转和结余|年末(?:财政拨款)?结转和结余|结转下年(?:资金)?)$/;
/** Row names that only say whose money: `一、财政拨款`, `1.一般公共预算`, `政府性基金预算财政拨款`. */
const FUNDS_ROW = /^(?:财政拨款(?:收入)?|一般公共预算(?:资金|财政拨款(?:收入)?)?|政府性基金(?:预算)?(?:资金|财政拨款(?:收入)?)?|国有资本经营预算(?:资金|财政拨款(?:收入)?)?)$/;
const TOTAL_WORD = /(合计|总计|小计)$/;

const stageOf = (text: string): 'actual' | 'budget' | undefined => (/决算/.test(text) ? 'actual' : /预算数|预算$/.test(text) ? 'budget' : undefined);

/** A table cell's meaning: subject from its row, measure from its column (or from its row, for a measure row). */
export function cellMeaning(model: TableModel, panel: Panel, row: ModelRow | undefined, col: number): CellMeaning {
  const path = model.columnPath(col);
  const words = path.join('/');
  const table = model.disclosure;
  const columnMeasure = path.filter((label) => !PLAIN_HEADER.test(label) && !FUNDS_ROW.test(label.replace(/支出$/, ''))).map((label) => label.replace(/^本年/, '')).join('/');
  let funds: Funds = fundsOf(words) ?? table?.funds ?? 'all';
  const basis = stageOf(path.at(-1) ?? '') ?? table?.basis;
  const heading = panel.heading;
  let direction: CellMeaning['direction'] = /收入/.test(heading) && !/支出/.test(heading) ? 'income' : /支出/.test(heading) && !/收入/.test(heading) ? 'expense' : undefined;
  if (!direction && table && table.id !== 'summary' && table.id !== 'fiscal-summary') direction = table.id === 'income' ? 'income' : 'expense';
  let measure = columnMeasure;
  let subject: string[] = [];
  const name = row?.name ?? '';
  if (!row || (!row.label && !row.code)) {
    // A panel without labels (支出预算总表: one row under 合计 | 基本支出 | 项目支出): the column says it all.
    measure = columnMeasure || (TOTAL_WORD.exec(path.at(-1) ?? '')?.[1] ?? '');
  } else if (row.code || (!row.total && !DEPARTMENT_MEASURE.test(name) && !FUNDS_ROW.test(name))) {
    subject = row.subject;
  } else if (row.total && row.groups[0]) {
    // A merged group's 小计 (`一般公共预算资金 | 小计`): the group's own amount.
    const group = canonicalName(row.groups[0].slice(outlineMarker(row.groups[0])?.marker.length ?? 0));
    const groupFunds = FUNDS_ROW.test(group) || FUNDS_ROW.test(group.replace(/资金$/, '')) ? fundsOf(group) : undefined;
    if (groupFunds) funds = groupFunds;
    else measure = columnMeasure ? `${columnMeasure}/${group}` : group;
  } else if (row.total) {
    if (/收入/.test(name)) direction = 'income';
    else if (/支出/.test(name)) direction = 'expense';
    const own = name.replace(/^(?:本年|当年)?(?:收入|支出)?/, '');
    // A 合计 below a 小计 of its panel (`当年收入小计`, `上年结转`, `收入合计`) is the grand total, 总计's level.
    const grand = row.total === 'total' && panel.rows.some((other) => other.total === 'subtotal' && other.index < row.index);
    measure = columnMeasure || (own.length > 2 ? own.replace(TOTAL_WORD, '') : '') || (grand ? '总计' : TOTAL_WORD.exec(name)?.[1]) || '';
  } else if (FUNDS_ROW.test(name)) {
    funds = fundsOf(name) ?? funds;
    if (/收入/.test(name)) direction = 'income';
  } else {
    measure = columnMeasure ? `${columnMeasure}/${name}` : name;
    if (/收入$/.test(name)) direction = 'income';
    else if (/支出$/.test(name)) direction = 'expense';
  }
  if (!measure && table?.measure && subject.length > 0) measure = table.measure;
  if (table?.measure && subject.length === 0 && (measure === '合计' || measure === '')) measure = table.measure;
  const topic = !table ? `table-${model.index}` : TOPICAL.has(table.id) ? table.id : undefined;
  const namesTopic = (labels: string[]) => labels.some((label) => matchConcept(label)?.entry.concept === topic);
  const topicColumn = topic !== undefined && panel.valueColumns.some((c) => namesTopic(model.columnPath(c))) ? namesTopic(path) : undefined;
  return { ...(direction ? { direction } : {}), measure, funds, ...(basis ? { basis } : {}), subject, ...(topic ? { topic } : {}), ...(topicColumn !== undefined ? { topicColumn } : {}) };
}

/** An amount cell of a disclosure table with what it means and how a reader names it. */
export interface DisclosureCell {
  model: TableModel;
  row: ModelRow;
  col: number;
  figure: Figure;
  meaning: CellMeaning;
  /** `“一般公共服务支出”“基本支出”`: the row (and the column, when the panel has several). */
  name: string;
}

/** Every amount cell of the additive disclosure tables (the ones whose cells are facts). */
export function* disclosureCells(models: TableModel[]): Generator<DisclosureCell> {
  for (const model of models) {
    if (!isAdditiveDisclosure(model)) continue;
    for (const panel of model.panels) {
      for (const row of panel.rows) {
        for (const col of panel.valueColumns) {
          const figure = model.figure(row.index, col);
          if (!figure || figure.kind !== 'amount') continue;
          const column = model.columnPath(col).at(-1) ?? '';
          const name = row.label ? `“${[...row.groups, row.label].join('/')}”${panel.valueColumns.length > 1 ? `“${column}”` : ''}` : `“${column}”`;
          yield { model, row, col, figure, meaning: cellMeaning(model, panel, row, col), name };
        }
      }
    }
  }
}

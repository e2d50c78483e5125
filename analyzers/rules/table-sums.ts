/** Table arithmetic: a 合计/总额 column equals the sum of the amount (or bare number) columns after it in the same row. */
import type { Figure } from '../../model/figure.js';
import type { TableView } from '../../normalizers/tables.js';
import { checkRelation, maxDecimals, show, showIn, showTolerance, tolerance } from '../check.js';
import type { RuleContext } from '../engine.js';
import { Interval, sum } from '../interval.js';
import { isCountOrShareHeader, isIndicatorHeader, isRateOrKeyHeader, isTotalHeader, namesATotal } from '../../normalizers/table-words.js';
import { tableGrid, type GridRow, type TableGrid } from '../table-grid.js';


export function reportTableSums(table: TableView, context: RuleContext): void {
  const figuresByCell = new Map<string, Figure>();
  for (const figure of context.document.figures) {
    // Amounts, or bare numbers (a table that states no unit): a row is summed only when all of
    // its figures are of one kind, so bare numbers never meet amounts.
    if (figure.cell?.table === table.table.index && (figure.kind === 'amount' || figure.kind === 'number')) figuresByCell.set(`${figure.cell.row}:${figure.cell.col}`, figure);
  }
  // Multi-level headers (小计 inside groups, 预算数 beside 决算数) need more than a row sum: leave them.
  if (figuresByCell.size === 0 || table.headerRows !== 1) return;
  for (const row of table.table.rows.slice(table.headerRows)) {
    const cells = [...row].sort((a, b) => a.col - b.col);
    const totalCell = cells.find((cell) => isTotalHeader(table.header(cell.col)) && figuresByCell.has(`${cell.row}:${cell.col}`));
    if (!totalCell) continue;
    const total = figuresByCell.get(`${totalCell.row}:${totalCell.col}`)!;
    const after = cells.filter((cell) => cell.col > totalCell.col);
    // Only rows whose remaining cells are all amounts (or empty): anything else is a different layout.
    if (after.some((cell) => cell.text.trim() !== '' && !figuresByCell.has(`${cell.row}:${cell.col}`))) continue;
    if (after.some((cell) => isTotalHeader(table.header(cell.col)) || isCountOrShareHeader(table.header(cell.col).trim()))) continue;
    const parts = after.map((cell) => figuresByCell.get(`${cell.row}:${cell.col}`)).filter((f): f is Figure => Boolean(f));
    if (parts.length < 2 || parts.some((p) => p.kind !== total.kind)) continue;
    const outcome = checkRelation(parts, total, (intervals) => sum(intervals));
    if (outcome.holds || !outcome.computed) continue;
    const decimals = maxDecimals([total, ...parts]);
    context.report({
      messageId: 'table',
      figure: total,
      data: {
        what: `第 ${totalCell.row + 1} 行`,
        parts: parts.map((p) => `${table.header(p.cell!.col).split(' ').at(-1) ?? ''} ${show(p)}`).join(' + '),
        computed: showIn(outcome.computed.mid, total, decimals),
        total: show(total),
        gap: showIn(outcome.computed.mid.minus(outcome.statedInterval.mid).abs(), total, decimals),
        tolerance: showTolerance(tolerance(outcome), total),
      },
      evidence: [{ role: 'total', figure: total }, ...parts.map((figure) => ({ role: 'part', figure }))],
      actual: show(total),
      expected: showIn(outcome.computed.mid, total, decimals),
    });
  }
}

/**
 * Sums down the columns: a 合计/总计 row equals the rows that are not parts of another row, and a row
 * with `其中` rows under it equals them (三公: 合计 = 出国 + 接待 + 用车, 用车 = 购置 + 运行). A blank cell
 * adds as 0. Columns of rates or shares are not summed.
 */
export function reportColumnSums(table: TableView, context: RuleContext): void {
  const grid = tableGrid(context.document, table);
  const total = grid.rows.find((row) => row.isTotal);
  const parents = new Map<GridRow, GridRow[]>();
  for (const row of grid.rows) {
    if (!row.parent) continue;
    const children = parents.get(row.parent);
    if (children) children.push(row);
    else parents.set(row.parent, [row]);
  }
  if (table.table.layout === 'list') {
    reportListSums(grid, parents, context);
    return;
  }
  if (!total && parents.size === 0) return;
  // A statement (利润表, 收入费用表): its result rows and sections are the table model's identities (table-sum-mismatch).
  if (context.document.tableModels.some((model) => model.view === table && model.panels.some((panel) => panel.statement))) return;
  const tops = grid.rows.filter((row) => !row.parent && !row.isTotal);
  // Indicator tables (指标, 分值) hold targets and scores, not parts of a sum.
  if (grid.columns.some((col) => isIndicatorHeader(table.headerAt(table.headerRows, col)))) return;
  if (hiddenLevels(grid, tops)) return;
  // Subtotals among the rows (本年收入合计, 小计) or a second label column (收入 | 金额 | 支出 | 金额):
  // a layout with more than one list in it.
  if (tops.some((row) => namesATotal(row.label))) return;
  const firstFigureColumn = grid.columns[0] ?? 0;
  if (table.table.rows.slice(table.headerRows).some((cells) => cells.some((cell) => cell.col > firstFigureColumn && /[\u4e00-\u9fff]{2}/.test(cell.text) && !grid.figure(cell.row, cell.col)))) return;
  for (const col of grid.columns) {
    const header = table.headerAt(grid.rows[0]?.index ?? table.headerRows, col).split(' ').filter(Boolean).join(' / ');
    if (isRateOrKeyHeader(header)) continue;
    const check = (whole: GridRow, parts: GridRow[], what: string) => reportPartsSum(grid, col, whole, parts, what, context);
    const column = header ? `“${header}”列` : `第 ${col + 1} 列`;
    if (total && tops.length >= 2) check(total, tops, column);
    for (const [parent, children] of parents) check(parent, children, column);
  }
}

/**
 * Rows of several levels that the table does not mark (类 / 款 / 项 printed alike): some row then
 * equals the rows right after it (`一般公共服务支出 264.87` over `社会工作事务 264.87`). The structure
 * is then not known here, and nothing is summed.
 */
function hiddenLevels(grid: TableGrid, tops: GridRow[]): boolean {
  for (const col of grid.columns) {
    const values = tops.map((row) => grid.figure(row.index, col));
    for (let i = 0; i < values.length - 1; i++) {
      const head = values[i];
      if (!head || /^-?0(\.0*)?$/.test(head.number)) continue;
      let run = Interval.exact(0);
      for (let j = i + 1; j < values.length; j++) {
        const next = values[j];
        if (!next) break;
        run = run.add(Interval.of(next));
        if (run.overlaps(Interval.of(head))) return true;
        if (run.lo.gt(Interval.of(head).hi)) break;
      }
    }
  }
  return false;
}

/** A row of a table column against the rows that are its parts; `nameOf` names a part in the message. */
function reportPartsSum(grid: TableGrid, col: number, whole: GridRow, parts: GridRow[], what: string, context: RuleContext, nameOf = (part: GridRow) => part.name): void {
  const totalFigure = grid.figure(whole.index, col);
  if (!totalFigure || (totalFigure.kind !== 'amount' && totalFigure.kind !== 'number')) return;
  const figures: Figure[] = [];
  const minus = new Set<Figure>();
  for (const part of parts) {
    const figure = grid.figure(part.index, col);
    if (figure) {
      figures.push(figure);
      if (part.subtracts) minus.add(figure);
    } else if (!grid.blank(part.index, col)) return; // text where a figure belongs: another layout
  }
  if (figures.length === 0 || figures.some((f) => f.kind !== totalFigure.kind)) return;
  // A `减：` part takes away from its whole.
  const outcome = checkRelation(figures, totalFigure, (intervals) => sum(intervals.map((interval, i) => (minus.has(figures[i]!) ? interval.neg() : interval))));
  if (outcome.holds || !outcome.computed) return;
  const decimals = maxDecimals([totalFigure, ...figures]);
  const named = parts.filter((part) => grid.figure(part.index, col));
  context.report({
    messageId: 'column',
    figure: totalFigure,
    data: {
      what,
      parts: named.map((part, i) => `${i === 0 ? (part.subtracts ? '−' : '') : part.subtracts ? ' − ' : ' + '}${nameOf(part)} ${show(grid.figure(part.index, col)!)}`).join(''),
      computed: showIn(outcome.computed.mid, totalFigure, decimals),
      totalLabel: whole.label,
      total: show(totalFigure),
      gap: showIn(outcome.computed.mid.minus(outcome.statedInterval.mid).abs(), totalFigure, decimals),
      tolerance: showTolerance(tolerance(outcome), totalFigure),
    },
    evidence: [{ role: 'total', figure: totalFigure }, ...figures.map((figure) => ({ role: minus.has(figure) ? 'subtracted' : 'part', figure }))],
    actual: show(totalFigure),
    expected: showIn(outcome.computed.mid, totalFigure, decimals),
  });
}

/**
 * A label–value list (layout `list`): each group's first row against the rows under its `其中`, and a
 * group's rows against the same rows of the groups that are its parts (`市级资金` of the whole against
 * `市级资金` of each fund).
 */
function reportListSums(grid: TableGrid, parents: Map<GridRow, GridRow[]>, context: RuleContext): void {
  const byWhole = new Map<GridRow, GridRow[]>();
  for (const row of grid.rows) {
    if (!row.groupWhole) continue;
    const parts = byWhole.get(row.groupWhole);
    if (parts) parts.push(row);
    else byWhole.set(row.groupWhole, [row]);
  }
  for (const col of grid.columns) {
    for (const [parent, children] of parents) reportPartsSum(grid, col, parent, children, `“${parent.group ?? parent.label}”`, context);
    for (const [whole, parts] of byWhole) {
      reportPartsSum(grid, col, whole, parts, `各组“${whole.name}”`, context, (part) => `${part.group ?? ''}${part.name}`);
    }
  }
}

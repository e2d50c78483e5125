/** Table arithmetic: a 合计/总额 column equals the sum of the amount (or bare number) columns after it in the same row. */
import type { Figure } from '../../model/figure.js';
import type { TableView } from '../../normalizers/tables.js';
import { checkRelation, maxDecimals, show, showIn, showTolerance, tolerance } from '../check.js';
import type { RuleContext } from '../engine.js';
import { sum } from '../interval.js';

const TOTAL_HEADER = /合计|总计|资金总额|^总额$|小计/;

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
    const totalCell = cells.find((cell) => TOTAL_HEADER.test(table.header(cell.col)) && figuresByCell.has(`${cell.row}:${cell.col}`));
    if (!totalCell) continue;
    const total = figuresByCell.get(`${totalCell.row}:${totalCell.col}`)!;
    const after = cells.filter((cell) => cell.col > totalCell.col);
    // Only rows whose remaining cells are all amounts (or empty): anything else is a different layout.
    if (after.some((cell) => cell.text.trim() !== '' && !figuresByCell.has(`${cell.row}:${cell.col}`))) continue;
    if (after.some((cell) => TOTAL_HEADER.test(table.header(cell.col)) || /数$|人数|比例|%/.test(table.header(cell.col).trim()))) continue;
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

import { Decimal } from '../../normalizers/decimal.js';
import { checkRelation, estimate, maxDecimals, show, showIn, slipText, unitExpected } from '../check.js';
import { growthRate, Interval } from '../interval.js';
import { CHANGE_RATE_LABEL, columnName, tableGrid, yearOf } from '../table-grid.js';
import type { Figure } from '../../model/figure.js';
import type { TableView } from '../../normalizers/tables.js';
import { findComparisons, findImpliedChanges } from '../../normalizers/comparisons.js';
import { yearsNamed } from '../../normalizers/years.js';
import type { Rule, RuleContext } from '../engine.js';
import { RELATION_MESSAGE, reportRelations } from '../relation-check.js';

/** D over the base X − D (a rise) or X + D (a fall), × 100, as 1 / (X/D ∓ 1): each figure enters once. */
function changeOverBase(now: Interval, change: Interval, up: boolean): Interval | undefined {
  const ratio = now.div(change);
  if (!ratio) return undefined;
  return Interval.exact(1).div(up ? ratio.sub(Interval.exact(1)) : ratio.add(Interval.exact(1)))?.scale(100);
}

/** A figure in a rate row or column read as a percent (`-16.77` under `增减%`). */
function asPercent(figure: Figure): Figure {
  return figure.kind === 'percent' ? figure : { ...figure, kind: 'percent', unit: '%', scale: 0, value: figure.number };
}

/**
 * Rates of change in a table: a row (or column) labelled 增减%, 增长率, 比上年增减 … beside two rows
 * (or columns) of years: (later − earlier) / earlier in each column (or row).
 */
function reportTableRates(table: TableView, context: RuleContext): void {
  const grid = tableGrid(context.document, table);
  const check = (current: Figure | undefined, reference: Figure | undefined, rate: Figure | undefined, where: string, label: string) => {
    if (!current || !reference || !rate || rate.comparator) return;
    if (![current.kind, reference.kind].every((kind) => kind === 'amount' || kind === 'number' || kind === 'count') || current.kind !== reference.kind) return;
    if (rate.kind !== 'percent' && rate.kind !== 'number') return;
    const stated = asPercent(rate);
    const outcome = checkRelation([current, reference], stated, ([now, before]) => growthRate(now!, before!));
    if (outcome.holds || !outcome.computed) return;
    context.report({
      messageId: 'table',
      figure: rate,
      data: { where, current: show(current), reference: show(reference), computed: showIn(estimate(outcome), stated, Math.max(2, stated.decimals)), label, stated: show(rate) },
      evidence: [{ role: 'current', figure: current }, { role: 'previous', figure: reference }, { role: 'stated', figure: rate }],
      actual: show(rate),
      expected: showIn(estimate(outcome), stated),
    });
  };
  // Rows of years and a row of rates.
  const yearRows = grid.rows.filter((row) => yearOf(row.label) !== undefined && !CHANGE_RATE_LABEL.test(row.label));
  for (const rateRow of grid.rows.filter((row) => CHANGE_RATE_LABEL.test(row.label))) {
    const pair = yearPair(yearRows, (row) => yearOf(row.label)!, rateRow.label);
    if (!pair) continue;
    for (const col of grid.columns) {
      const header = columnName(table, col, rateRow.index) || `第 ${col + 1} 列`;
      check(grid.figure(pair.later.index, col), grid.figure(pair.earlier.index, col), grid.figure(rateRow.index, col), `“${header}”列`, rateRow.label);
    }
  }
  // Columns of years and a column of rates.
  const headerOf = (col: number) => columnName(table, col);
  const yearColumns = grid.columns.filter((col) => yearOf(headerOf(col)) !== undefined && !CHANGE_RATE_LABEL.test(headerOf(col)));
  for (const rateColumn of grid.columns.filter((col) => CHANGE_RATE_LABEL.test(headerOf(col)))) {
    const pair = yearPair(yearColumns, (col) => yearOf(headerOf(col))!, headerOf(rateColumn));
    if (!pair) continue;
    for (const row of grid.rows) check(grid.figure(row.index, pair.later), grid.figure(row.index, pair.earlier), grid.figure(row.index, rateColumn), `“${row.label}”行`, headerOf(rateColumn));
  }
}

/** The two years a rate compares: those its label names (`2016年比2015年`), else the only two there are. */
function yearPair<T>(items: T[], year: (item: T) => number, label: string): { earlier: T; later: T } | undefined {
  const named = yearsNamed(label);
  const chosen = named.length === 2 ? items.filter((item) => named.includes(year(item))) : items;
  if (chosen.length !== 2) return undefined;
  const [a, b] = chosen as [T, T];
  if (year(a) === year(b)) return undefined;
  return year(a) < year(b) ? { earlier: a, later: b } : { earlier: b, later: a };
}

const rule: Rule = {
  meta: {
    id: 'growth-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '增长率/下降率与所给两期数字不符（比上年增长 X%、增幅、降幅、同比）',
      descriptionEn: 'A stated growth or decline rate does not match the two figures it compares, beyond rounding.',
    },
    messages: {
      rate: '({{current}} − {{reference}}) / {{reference}} = {{computed}}，与所述{{word}} {{stated}} 不符',
      table: '表格{{where}}：({{current}} − {{reference}}) / {{reference}} = {{computed}}，与{{label}} {{stated}} 不符',
      relation: RELATION_MESSAGE,
      implied: '{{current}}{{changeWord}} {{change}}，则比较基数为 {{base}}；{{change}} / {{base}} = {{computed}}，与所述{{word}} {{stated}} 不符{{note}}',
    },
  },
  create(context) {
    return {
      table(table) {
        reportTableRates(table, context);
      },
      document(document) {
        reportRelations(context, ['growth']);
        for (const c of findImpliedChanges(document)) {
          const up = c.direction === 'up';
          const outcome = checkRelation([c.current.figure, c.change.figure], c.rate.figure, ([now, change]) => changeOverBase(now!, change!, up));
          if (outcome.holds || !outcome.computed) continue;
          // A rate printed with a minus sign (`下降 -6.15%`) is the same size.
          if (c.rate.figure.number.startsWith('-') && checkRelation([c.current.figure, c.change.figure], c.rate.figure, ([now, change]) => changeOverBase(now!, change!, up)?.scale(-1)).holds) continue;
          const base = Interval.of(c.current.figure)[up ? 'sub' : 'add'](Interval.of(c.change.figure)).mid;
          const evidence = [
            { role: 'current', figure: c.current.figure },
            { role: 'change', figure: c.change.figure },
            { role: 'stated', figure: c.rate.figure },
          ];
          context.report({
            messageId: 'implied',
            figure: c.rate.figure,
            data: {
              current: show(c.current.figure),
              changeWord: c.change.relationWord!,
              change: show(c.change.figure),
              base: showIn(base, c.current.figure, maxDecimals([c.current.figure, c.change.figure])),
              computed: showIn(estimate(outcome), c.rate.figure, Math.max(2, c.rate.figure.decimals)),
              word: c.rate.relationWord!,
              stated: show(c.rate.figure),
              // `增加 1.14 万元，增长 1.14%`: the change amount written where its rate belongs.
              note: c.rate.figure.number.replace(/^-/, '') === c.change.figure.number ? '（所述百分比与增减额数字相同，疑将增减额误作增长率）' : '',
            },
            evidence,
            actual: show(c.rate.figure),
            expected: showIn(estimate(outcome), c.rate.figure),
            scopeClear: c.current.scopeClear && c.change.scopeClear,
          });
        }
        for (const c of findComparisons(document)) {
          if (c.change.figure.kind !== 'percent' || !c.explicit) continue;
          const sign = c.direction === 'down' && !c.change.figure.number.startsWith('-') ? -1 : 1;
          const outcome = checkRelation([c.current.figure, c.reference.figure], c.change.figure, ([now, before]) => growthRate(now!, before!)?.scale(sign));
          if (outcome.holds || !outcome.computed) continue;
          // The same size with the other sign is a contradiction in words, reported by direction-contradiction.
          const flipped = checkRelation([c.current.figure, c.reference.figure], c.change.figure, ([now, before]) => growthRate(now!, before!)?.scale(-sign));
          if (flipped.holds) continue;
          const evidence = [
            { role: 'current', figure: c.current.figure },
            { role: 'previous', figure: c.reference.figure },
            { role: 'stated', figure: c.change.figure },
          ];
          if (outcome.unitSlip) {
            context.report({
              ruleId: 'unit-suspect', messageId: 'slip', figure: outcome.unitSlip.figure, evidence,
              data: { relation: `${show(c.current.figure)} 比 ${show(c.reference.figure)} ${c.word} ${show(c.change.figure)}`, explanation: slipText(outcome.unitSlip) },
              actual: show(outcome.unitSlip.figure), expected: unitExpected(outcome.unitSlip),
            });
            continue;
          }
          const computed = estimate(outcome).times(sign);
          context.report({
            messageId: 'rate',
            figure: c.change.figure,
            data: {
              current: show(c.current.figure),
              reference: show(c.reference.figure),
              computed: showIn(computed, c.change.figure, Math.max(2, c.change.figure.decimals)),
              word: c.word,
              stated: show(c.change.figure),
            },
            evidence,
            actual: show(c.change.figure),
            expected: showIn(new Decimal(computed).abs(), c.change.figure),
            scopeClear: c.current.scopeClear && c.reference.scopeClear,
          });
        }
      },
    };
  },
};

export default rule;

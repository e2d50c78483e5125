import { placeOf, show, showIn } from '../check.js';
import { Decimal } from '../../normalizers/decimal.js';
import { factGroups, sameNumberOtherUnit } from '../fact-groups.js';
import type { Rule } from '../engine.js';
import { Interval } from '../interval.js';
import { columnName, tableGrid, yearOf } from '../table-grid.js';
import { restatedItemKey, stageOfHeader, withoutPartMark } from '../../normalizers/text-claims.js';
import type { Figure } from '../../model/figure.js';

/**
 * Statements that agree within rounding, as clusters whose intervals all overlap one another, the
 * largest first (the reference), each in document order. Intervals overlap pairwise exactly when the
 * highest low end is at most the lowest high end, so a sweep in order of low ends finds the clusters
 * in n log n, however many statements a concept has.
 */
function agreeingClusters<T extends { figure: Figure }>(statements: T[]): T[][] {
  const sorted = statements.map((statement, order) => ({ statement, order, interval: Interval.of(statement.figure) })).sort((a, b) => a.interval.lo.cmp(b.interval.lo) || a.order - b.order);
  const clusters: (typeof sorted)[] = [];
  let lowestHigh: Decimal | undefined;
  for (const item of sorted) {
    const current = clusters.at(-1);
    if (current && lowestHigh && item.interval.lo.lte(lowestHigh)) {
      current.push(item);
      if (item.interval.hi.lt(lowestHigh)) lowestHigh = item.interval.hi;
    } else {
      clusters.push([item]);
      lowestHigh = item.interval.hi;
    }
  }
  for (const cluster of clusters) cluster.sort((a, b) => a.order - b.order);
  // Largest first; of equal size, the one stated first.
  clusters.sort((a, b) => b.length - a.length || a[0]!.order - b[0]!.order);
  return clusters.map((cluster) => cluster.map((item) => item.statement));
}

const rule: Rule = {
  meta: {
    id: 'repeated-figure-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '同一事项、同一口径的同一金额在两处（或正文与表格）表述不一致（舍入区间不重叠）',
      descriptionEn: 'The same concept and scope is stated in two places with values whose rounding intervals do not overlap.',
    },
    messages: {
      repeated: '{{label}} 此处为 {{value}}，别处为 {{other}}（{{otherPlace}}{{count}}），前后不一致',
      table: '正文中{{label}} {{value}}，与表格“{{row}}”行“{{column}}”列 {{other}}（{{otherPlace}}）不一致',
    },
  },
  create(context) {
    return {
      documentEnd(document) {
        // A sentence restating a table cell: same item (row), same stage (预算数 / 决算数 column).
        const cells = new Map<string, { figure: Figure; row: string; column: string }[]>();
        for (const view of document.tables) {
          const grid = tableGrid(document, view);
          if (grid.rows.some((row) => yearOf(row.label) !== undefined)) continue; // rows of years: a series, not items
          for (const col of grid.columns) {
            const column = columnName(view, col, view.headerRows);
            const basis = stageOfHeader(column);
            if (!basis) continue;
            for (const row of grid.rows) {
              const figure = grid.figure(row.index, col);
              const item = restatedItemKey(row.label);
              if (!figure || figure.kind !== 'amount' || !item || row.isTotal) continue;
              const key = `${item}|${basis}`;
              const list = cells.get(key);
              if (list) list.push({ figure, row: row.label, column });
              else cells.set(key, [{ figure, row: row.label, column }]);
            }
          }
        }
        if (cells.size > 0) {
          for (const mention of document.mentions) {
            if (mention.figure.kind !== 'amount' || mention.subject.source !== 'label' || mention.relationWord || mention.scope.period !== 'current' || mention.figure.comparator || mention.otherEntity) continue;
            const basis = stageOfHeader(mention.label);
            const item = restatedItemKey(mention.subject.path.at(-1) ?? '');
            const matches = basis && item ? cells.get(`${item}|${basis}`) : undefined;
            // One cell of that item and stage: a restatement. Several (two tables disagreeing) are another matter.
            if (!matches || matches.length !== 1) continue;
            const cell = matches[0]!;
            if (Interval.of(cell.figure).overlaps(Interval.of(mention.figure)) || cell.figure.number === mention.figure.number) continue;
            context.report({
              messageId: 'table',
              figure: mention.figure,
              data: { label: withoutPartMark(mention.label), value: show(mention.figure), row: cell.row, column: cell.column, other: showIn(new Decimal(cell.figure.value), cell.figure), otherPlace: placeOf(cell.figure) },
              evidence: [{ role: 'stated', figure: mention.figure }, { role: 'other', figure: cell.figure }],
              actual: show(mention.figure),
              expected: showIn(new Decimal(cell.figure.value), cell.figure),
            });
          }
        }
        for (const group of factGroups(document)) {
          // A quantity the tables state too: a text statement that disagrees disagrees with the table, and
          // text-table-mismatch reports it there, once (Arelle: one inconsistency, one report).
          if (group.inTables) continue;
          const clusters = agreeingClusters(group.mentions);
          if (clusters.length < 2) continue;
          const reference = clusters[0]!;
          for (const cluster of clusters.slice(1)) {
            const odd = cluster[0]!;
            const other = reference[0]!;
            if (sameNumberOtherUnit(odd, other)) continue; // unit-suspect reports that
            context.report({
              messageId: 'repeated',
              figure: odd.figure,
              data: {
                // A prior year's statement is named with its period word (`上年支出总额`), never as this year's.
                label: odd.scope.period === 'previous' ? odd.label : (odd.conceptLabel ?? odd.label),
                value: show(odd.figure),
                other: show(other.figure),
                otherPlace: placeOf(other.figure),
                count: reference.length > 1 ? `等 ${reference.length} 处` : '',
              },
              evidence: [{ role: 'stated', figure: odd.figure }, ...reference.map((m) => ({ role: 'other', figure: m.figure }))],
              actual: show(odd.figure),
              expected: show(other.figure),
            });
          }
        }
      },
    };
  },
};

export default rule;

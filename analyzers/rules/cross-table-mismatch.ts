/**
 * The same quantity printed in two disclosure tables: a cell of one table and a cell of another with
 * the same fact key (normalizers/fact-key: subject path, measure, funds, stage, period) must agree:
 * 财政拨款收支总表's 基本支出 meets the 财政拨款基本支出表's 合计, a 类 row of the 一般公共预算支出表 meets the
 * same 类 in the 财政拨款收支总表's 一般公共预算 column. Cells of different funds (all funds against
 * 财政拨款) or of different levels (a 类 row and an 款 row of one name) never meet.
 */
import type { Figure } from '../../model/figure.js';
import { disclosureCells, type DisclosureCell, type TableModel } from '../../normalizers/table-model.js';
import { checkRelation, show, showIn, showTolerance, tolerance } from '../check.js';
import type { Rule } from '../engine.js';
import { tableName } from './table-sum-mismatch.js';

interface Stated {
  model: TableModel;
  figure: Figure;
  name: string;
}

const rule: Rule = {
  meta: {
    id: 'cross-table-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '同一数额在两张公开表中不一致（同一科目、口径、资金来源和预决算阶段）',
      descriptionEn: 'The same quantity (same subject, measure, funds and stage) differs between two disclosure tables beyond rounding.',
    },
    messages: {
      differs: '{{first}}{{firstName}} {{firstValue}}，与{{second}}{{secondName}} {{secondValue}} 不符（差 {{gap}}，超出舍入容差 {{tolerance}}）',
    },
  },
  create(context) {
    return {
      document(document) {
        const cellOf = new Map<number, DisclosureCell>();
        for (const cell of disclosureCells(document.tableModels)) cellOf.set(cell.figure.id, cell);
        for (const [, facts] of document.factIndex.groups()) {
          const stated: Stated[] = facts.flatMap((fact) => {
            const cell = fact.table ? cellOf.get(fact.figureId) : undefined;
            return cell ? [{ model: cell.model, figure: cell.figure, name: cell.name }] : [];
          });
          // Each table's first statement against the first table's; within one table, repeats are layout.
          const [first, ...others] = stated.filter((s, i) => stated.findIndex((t) => t.model === s.model) === i);
          if (!first) continue;
          for (const other of others) {
            const outcome = checkRelation([first.figure], other.figure, ([interval]) => interval);
            if (outcome.holds || !outcome.computed) continue;
            context.report({
              messageId: 'differs',
              figure: other.figure,
              data: {
                first: tableName(first.model),
                firstName: first.name,
                firstValue: show(first.figure),
                second: tableName(other.model),
                secondName: other.name,
                secondValue: show(other.figure),
                gap: showIn(outcome.computed.mid.minus(outcome.statedInterval.mid).abs(), other.figure, Math.max(first.figure.decimals, other.figure.decimals)),
                tolerance: showTolerance(tolerance(outcome), other.figure),
              },
              evidence: [{ role: 'stated', figure: first.figure }, { role: 'restated', figure: other.figure }],
              actual: show(other.figure),
              expected: show(first.figure),
            });
          }
        }
      },
    };
  },
};

export default rule;

/**
 * The narrative against its tables: a 情况说明 restates the disclosure tables' cells (收入支出总计,
 * 本年收入合计, 财政拨款收入, 基本支出, each 类 and 项 of the 一般公共预算支出表, the 三公 items), and
 * a figure of the text must equal the cell that means the same. Meaning is read from the words: the
 * label names the measure (`本年支出合计`, `基本支出`, `因公出国（境）费`) or the 功能科目 item
 * (`一般公共服务支出（类）…（项）`), and may name the funds (`财政拨款`, `一般公共预算`), the stage
 * (`决算`, `预算`) and the direction (`收入`, `支出`). What the words name must match; what they leave
 * unsaid may be any cell's, and the text is wrong only when it matches none of the cells it may mean.
 */
import type { Figure } from '../../model/figure.js';
import type { Decimal } from '../../normalizers/decimal.js';
import type { Mention } from '../../normalizers/statements.js';
import { disclosureCells, type DisclosureCell } from '../../normalizers/table-model.js';
import { claimKeys, claimOf } from '../../normalizers/text-claims.js';
import { checkRelation, show, showIn, showTolerance, slipText, tolerance, unitExpected } from '../check.js';
import type { Rule } from '../engine.js';
import { Interval } from '../interval.js';
import { tableName } from './table-sum-mismatch.js';

/** The difference in the text figure's unit, to the finer of the two figures' last digits. */
function showGap(gap: Decimal, stated: Figure, cell: Figure): string {
  const finest = Math.max(stated.decimals, cell.decimals + stated.scale - cell.scale);
  const least = Math.max(stated.decimals, Math.min(finest, cell.decimals));
  let text = showIn(gap, stated, finest);
  // 0.005100万元 → 0.0051万元: digits past both figures' own are only the unit change's zeros.
  for (let d = finest; d > least && /0(?=\D*$)/.test(text); d--) text = text.replace(/0(?=\D*$)/, '');
  return text.replace(/\.(?=\D*$)/, '');
}

const rule: Rule = {
  meta: {
    id: 'text-table-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '情况说明中的数字与公开表中同一科目、同一口径的单元格不符（收入支出总计、收入合计、基本支出、功能科目、“三公”经费等）',
      descriptionEn: 'A figure of the narrative differs from the disclosure-table cell with the same subject and measure (收支总计, 收入合计, 基本支出, a 功能科目 item, a 三公 item) beyond rounding.',
    },
    messages: {
      differs: '正文{{label}} {{stated}}，与{{table}}{{cell}} {{cellValue}} 不符（差 {{gap}}，超出舍入容差 {{tolerance}}）',
    },
  },
  create(context) {
    return {
      document(document) {
        // The disclosure tables' cells by figure: a text figure looks up the facts of the keys it may mean.
        const cellOf = new Map<number, DisclosureCell>();
        for (const cell of disclosureCells(document.tableModels)) cellOf.set(cell.figure.id, cell);
        if (cellOf.size === 0) return;
        for (const mention of document.mentions) {
          if (mention.unit.kind === 'cell') continue;
          const claim = claimOf(mention);
          if (!claim) continue;
          const candidates = [
            ...new Set(
              claimKeys(claim, document.factIndex)
                .flatMap((key) => document.factIndex.get(key))
                .flatMap((fact) => (fact.table ? [cellOf.get(fact.figureId)] : []))
                .filter((cell) => cell !== undefined),
            ),
          ].map((cell) => ({ cell, interval: Interval.of(cell.figure) }));
          if (candidates.length === 0) continue;
          const stated = Interval.of(mention.figure);
          if (candidates.some(({ interval }) => interval.overlaps(stated))) continue;
          // The cell nearest in value is the one the text most likely restates.
          const nearest = candidates.reduce((best, each) => (each.interval.gap(stated).lt(best.interval.gap(stated)) ? each : best));
          report(mention, claim.label, nearest.cell);
        }
      },
    };

    function report(mention: Mention, label: string, cell: DisclosureCell): void {
      const outcome = checkRelation([cell.figure], mention.figure, ([interval]) => interval);
      if (!outcome.computed) return;
      const evidence = [{ role: 'stated', figure: mention.figure }, { role: 'table', figure: cell.figure }];
      const relation = `正文${label ? `“${label}”` : ''} ${show(mention.figure)} = ${tableName(cell.model)}${cell.name} ${show(cell.figure)}`;
      if (outcome.unitSlip) {
        context.report({
          ruleId: 'unit-suspect',
          messageId: 'slip',
          figure: outcome.unitSlip.figure,
          data: { relation, explanation: slipText(outcome.unitSlip) },
          evidence,
          actual: show(outcome.unitSlip.figure),
          expected: unitExpected(outcome.unitSlip),
        });
        return;
      }
      context.report({
        messageId: 'differs',
        figure: mention.figure,
        data: {
          label: label ? `“${label}”` : '',
          stated: show(mention.figure),
          table: tableName(cell.model),
          cell: cell.name,
          cellValue: show(cell.figure),
          gap: showGap(outcome.computed.mid.minus(outcome.statedInterval.mid).abs(), mention.figure, cell.figure),
          tolerance: showTolerance(tolerance(outcome), mention.figure),
        },
        evidence,
        actual: show(mention.figure),
        expected: show(cell.figure),
        scopeClear: mention.scopeClear,
      });
    }
  },
};

export default rule;

import type { Mention } from '../../normalizers/statements.js';
import { checkRelation, maxDecimals, show, showIn, showTolerance, slipText, tolerance, unitExpected } from '../check.js';
import type { Rule } from '../engine.js';

const rule: Rule = {
  meta: {
    id: 'balance-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '年初结转结余 + 收入 − 支出 ≠ 年末结转结余（同一口径四项均有表述时）',
      descriptionEn: 'Opening carry-over + income − expense differs from the closing carry-over, when all four are stated for one scope.',
    },
    messages: {
      balance: '年初结转结余 {{begin}} + 收入 {{income}} − 支出 {{expense}} = {{computed}}，与年末结转结余 {{end}} 不符（超出舍入容差 {{tolerance}}）',
    },
  },
  create(context) {
    return {
      documentEnd(document) {
        for (const funds of ['all', 'fiscal'] as const) {
          const pick = (concepts: string[], near?: Mention): Mention | undefined => {
            const candidates = document.mentions.filter((m) => m.concept && concepts.includes(m.concept) && m.scope.funds === funds && m.scope.basis === 'actual' && m.scope.period !== 'previous' && m.scopeClear && m.figure.kind === 'amount');
            if (candidates.length === 0) return undefined;
            // Prefer the figure stated next to the carry-over; otherwise all statements must agree.
            const sameUnit = near ? candidates.filter((m) => m.unit === near.unit) : [];
            if (sameUnit.length > 0) return sameUnit[0];
            const values = new Set(candidates.map((m) => m.figure.value));
            return values.size === 1 ? candidates[0] : undefined;
          };
          const end = pick(['carryover.end']);
          if (!end) continue;
          const begin = pick(['carryover.begin'], end);
          const income = pick(funds === 'fiscal' ? ['income.fiscal'] : ['income.total'], end);
          const expense = pick(funds === 'fiscal' ? ['expense.fiscal'] : ['expense.total'], end);
          if (!begin || !income || !expense) continue;
          const outcome = checkRelation([begin.figure, income.figure, expense.figure], end.figure, ([b, i, e]) => b!.add(i!).sub(e!));
          if (outcome.holds || !outcome.computed) continue;
          const evidence = [
            { role: 'begin', figure: begin.figure },
            { role: 'income', figure: income.figure },
            { role: 'expense', figure: expense.figure },
            { role: 'end', figure: end.figure },
          ];
          if (outcome.unitSlip) {
            context.report({
              ruleId: 'unit-suspect', messageId: 'slip', figure: outcome.unitSlip.figure, evidence,
              data: { relation: `${show(begin.figure)} + ${show(income.figure)} − ${show(expense.figure)} = ${show(end.figure)}`, explanation: slipText(outcome.unitSlip) },
              actual: show(outcome.unitSlip.figure), expected: unitExpected(outcome.unitSlip),
            });
            continue;
          }
          const decimals = maxDecimals([begin.figure, income.figure, expense.figure, end.figure]);
          context.report({
            messageId: 'balance',
            figure: end.figure,
            data: {
              begin: show(begin.figure), income: show(income.figure), expense: show(expense.figure), end: show(end.figure),
              computed: showIn(outcome.computed.mid, end.figure, decimals),
              tolerance: showTolerance(tolerance(outcome), end.figure),
            },
            evidence,
            actual: show(end.figure),
            expected: showIn(outcome.computed.mid, end.figure, decimals),
          });
        }
      },
    };
  },
};

export default rule;

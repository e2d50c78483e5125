import type { Figure } from '../../model/figure.js';
import { checkRelation, show, showIn, slipText, unitExpected } from '../check.js';
import type { Rule } from '../engine.js';

const rule: Rule = {
  meta: {
    id: 'ratio-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '“其中”所列分项的占比（占 X%）与分项/总数不符',
      descriptionEn: 'A share stated for a part of a breakdown (占 X%) does not match part / total, beyond rounding. Rates written as formulas are checked by formula-mismatch.',
    },
    messages: {
      share: '{{part}} / {{whole}} = {{computed}}，与所述占比 {{stated}} 不符',
    },
  },
  create(context) {
    const reportSlip = (slip: { figure: Figure; exponent: number }, relation: string, evidence: { role: string; figure: Figure }[]) =>
      context.report({ ruleId: 'unit-suspect', messageId: 'slip', figure: slip.figure, evidence, data: { relation, explanation: slipText(slip) }, actual: show(slip.figure), expected: unitExpected(slip) });
    return {
      breakdown(breakdown) {
        for (const group of breakdown.groups) {
          for (const part of group) {
            const share = breakdown.shares.get(part.figure.id);
            if (!share) continue;
            const outcome = checkRelation([part.figure, breakdown.total.figure], share.figure, ([p, w]) => p!.div(w!)?.scale(100));
            if (outcome.holds || !outcome.computed) continue;
            const evidence = [{ role: 'part', figure: part.figure }, { role: 'whole', figure: breakdown.total.figure }, { role: 'stated', figure: share.figure }];
            if (outcome.unitSlip) {
              reportSlip(outcome.unitSlip, `${show(part.figure)} 占 ${show(breakdown.total.figure)} 的 ${show(share.figure)}`, evidence);
              continue;
            }
            const partLabel = part.conceptLabel ?? part.label;
            context.report({
              messageId: 'share',
              figure: share.figure,
              data: {
                part: `${partLabel} ${show(part.figure)}`,
                whole: `${breakdown.total.conceptLabel ?? breakdown.total.label} ${show(breakdown.total.figure)}`,
                computed: showIn(outcome.computed.mid, share.figure, Math.max(2, share.figure.decimals)),
                stated: show(share.figure),
              },
              evidence,
              actual: show(share.figure),
              expected: showIn(outcome.computed.mid, share.figure),
              scopeClear: part.scopeClear && breakdown.total.scopeClear,
            });
          }
        }
      },
    };
  },
};

export default rule;

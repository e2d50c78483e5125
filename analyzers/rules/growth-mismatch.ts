import { Decimal } from '../../normalizers/decimal.js';
import { checkRelation, maxDecimals, show, showIn, slipText, unitExpected } from '../check.js';
import { Interval } from '../interval.js';
import { findComparisons, findImpliedChanges } from '../comparisons.js';
import type { Rule } from '../engine.js';

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
      implied: '{{current}}{{changeWord}} {{change}}，则比较基数为 {{base}}；{{change}} / {{base}} = {{computed}}，与所述{{word}} {{stated}} 不符{{note}}',
    },
  },
  create(context) {
    return {
      document(document) {
        for (const c of findImpliedChanges(document)) {
          const up = c.direction === 'up';
          const outcome = checkRelation([c.current.figure, c.change.figure], c.rate.figure, ([now, change]) => {
            const base = up ? now!.sub(change!) : now!.add(change!);
            return change!.div(base)?.scale(100);
          });
          if (outcome.holds || !outcome.computed) continue;
          // A rate printed with a minus sign (`下降 -6.15%`) is the same size.
          if (c.rate.figure.number.startsWith('-') && checkRelation([c.current.figure, c.change.figure], c.rate.figure, ([now, change]) => change!.div(up ? now!.sub(change!) : now!.add(change!))?.scale(-100)).holds) continue;
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
              computed: showIn(outcome.computed.mid, c.rate.figure, Math.max(2, c.rate.figure.decimals)),
              word: c.rate.relationWord!,
              stated: show(c.rate.figure),
              // `增加 1.14 万元，增长 1.14%`: the change amount written where its rate belongs.
              note: c.rate.figure.number.replace(/^-/, '') === c.change.figure.number ? '（所述百分比与增减额数字相同，疑将增减额误作增长率）' : '',
            },
            evidence,
            actual: show(c.rate.figure),
            expected: showIn(outcome.computed.mid, c.rate.figure),
            scopeClear: c.current.scopeClear && c.change.scopeClear,
          });
        }
        for (const c of findComparisons(document)) {
          if (c.change.figure.kind !== 'percent' || !c.explicit) continue;
          const sign = c.direction === 'down' && !c.change.figure.number.startsWith('-') ? -1 : 1;
          const outcome = checkRelation([c.current.figure, c.reference.figure], c.change.figure, ([now, before]) => {
            const rate = now!.sub(before!).div(before!);
            return rate?.scale(100 * sign);
          });
          if (outcome.holds || !outcome.computed) continue;
          // The same size with the other sign is a contradiction in words, reported by direction-contradiction.
          const flipped = checkRelation([c.current.figure, c.reference.figure], c.change.figure, ([now, before]) => now!.sub(before!).div(before!)?.scale(-100 * sign));
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
          const computed = outcome.computed.mid.times(sign);
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

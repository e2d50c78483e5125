import type { Figure } from '../../model/figure.js';
import type { Mention } from '../../normalizers/statements.js';
import { checkRelation, show, showIn, slipText, unitExpected } from '../check.js';
import type { Rule } from '../engine.js';
import type { Interval } from '../interval.js';

type Formula = { name: string; evaluate: (a: Interval, b: Interval) => Interval | undefined; text: (a: string, b: string) => string };

/** The ways a rate is computed from two figures a (stated first) and b. */
const RATE_FORMULAS: Formula[] = [
  { name: 'a/b', evaluate: (a, b) => a.div(b)?.scale(100), text: (a, b) => `${a} / ${b}` },
  { name: 'b/a', evaluate: (a, b) => b.div(a)?.scale(100), text: (a, b) => `${b} / ${a}` },
  { name: '|a-b|/a', evaluate: (a, b) => a.sub(b).abs().div(a)?.scale(100), text: (a, b) => `|${a} − ${b}| / ${a}` },
  { name: '|a-b|/b', evaluate: (a, b) => a.sub(b).abs().div(b)?.scale(100), text: (a, b) => `|${a} − ${b}| / ${b}` },
];

const RATE_LABEL = /(执行|完成|达成|偏离|差异|结转结余|结余结转|使用|支付|到位|兑现)(率|度)|偏离度|差异率|完成[^，。；]{0,20}的\s*$/;

const rule: Rule = {
  meta: {
    id: 'ratio-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '占比、执行率、完成率、偏离度等比率与所给数字不符',
      descriptionEn: 'A share (占 X%), execution or completion rate, deviation or difference rate does not match the figures it is computed from, beyond rounding.',
    },
    messages: {
      share: '{{part}} / {{whole}} = {{computed}}，与所述占比 {{stated}} 不符',
      rate: '{{label}} {{stated}} 与 {{candidates}} 均不符',
    },
  },
  create(context) {
    const reportSlip = (slip: { figure: Figure; exponent: number }, relation: string, evidence: { role: string; figure: Figure }[]) =>
      context.report({ ruleId: 'unit-suspect', messageId: 'slip', figure: slip.figure, evidence, data: { relation, explanation: slipText(slip) }, actual: show(slip.figure), expected: unitExpected(slip) });
    const inBreakdown = new Set<number>();
    return {
      breakdown(breakdown) {
        for (const group of breakdown.groups) {
          for (const part of group) {
            const share = breakdown.shares.get(part.figure.id);
            if (!share) continue;
            inBreakdown.add(share.figure.id);
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
      documentEnd(document) {
        // Shares and rates outside a 其中 list: the figures they come from are not named, so try the
        // usual formulas on the amounts before them; say something only when none fits (as a note).
        for (const [index, sentence] of document.sentences.entries()) {
          for (const stated of sentence.mentions) {
            if (stated.figure.kind !== 'percent' || inBreakdown.has(stated.figure.id) || stated.figure.comparator) continue;
            const before = sentence.unit.text.slice(Math.max(sentence.start, stated.start - 40), stated.start);
            const isShare = stated.relationWord === '占';
            if (!isShare && !RATE_LABEL.test(before)) continue;
            const previous = document.sentences[index - 1];
            const pool: Mention[] = [...(previous && previous.unit === sentence.unit ? previous.mentions : []), ...sentence.mentions.filter((m) => m.start < stated.start)]
              .filter((m) => (m.figure.kind === 'amount' || m.figure.kind === 'count') && !m.figure.comparator);
            if (pool.length < 2) continue;
            const recent = pool.slice(-4);
            let fits = false;
            const tried: string[] = [];
            for (let i = 0; i < recent.length && !fits; i++) {
              for (let j = 0; j < recent.length && !fits; j++) {
                if (i === j || recent[i]!.figure.kind !== recent[j]!.figure.kind) continue;
                for (const formula of RATE_FORMULAS) {
                  const outcome = checkRelation([recent[i]!.figure, recent[j]!.figure], stated.figure, ([a, b]) => formula.evaluate(a!, b!));
                  if (outcome.holds && outcome.computed) { fits = true; break; }
                }
              }
            }
            // No formula fits, but which figures the rate was computed from is not stated: stay quiet.
            void fits; void tried;
          }
        }
      },
    };
  },
};

export default rule;

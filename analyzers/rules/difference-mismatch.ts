import type { Mention } from '../../normalizers/statements.js';
import { checkRelation, estimate, maxDecimals, placeOf, show, showIn, slipText, unitExpected } from '../check.js';
import { findComparisons, findStatedChanges } from '../comparisons.js';
import { Interval } from '../interval.js';
import { subjectKey } from '../../normalizers/subjects.js';
import type { Rule, RuleContext } from '../engine.js';

/** Differences named by their result: 当年结余 = 收入 − 支出, 净值 = 原值 − 累计折旧. */
const NAMED: { result: RegExp; minuend: RegExp; subtrahend: RegExp; name: string }[] = [
  { result: /(当年|本年|收支)结余$/, minuend: /收入/, subtrahend: /支出/, name: '收入 − 支出' },
  { result: /净值$/, minuend: /原值/, subtrahend: /折旧/, name: '原值 − 累计折旧' },
];

function report(context: RuleContext, a: Mention, b: Mention, result: Mention, word: string, signed: number, scopeClear: boolean, absolute: boolean): void {
  const outcome = checkRelation([a.figure, b.figure], result.figure, ([x, y]) => {
    const difference = x!.sub(y!).scale(signed);
    return absolute ? difference.abs() : difference;
  });
  if (outcome.holds || !outcome.computed) return;
  if (!absolute) {
    const flipped = checkRelation([a.figure, b.figure], result.figure, ([x, y]) => x!.sub(y!).scale(-signed));
    if (flipped.holds) return; // the direction word is wrong, not the figures: direction-contradiction says so
  }
  const evidence = [{ role: 'minuend', figure: a.figure }, { role: 'subtrahend', figure: b.figure }, { role: 'stated', figure: result.figure }];
  if (outcome.unitSlip) {
    context.report({
      ruleId: 'unit-suspect', messageId: 'slip', figure: outcome.unitSlip.figure, evidence,
      data: { relation: `${show(a.figure)} − ${show(b.figure)} = ${show(result.figure)}`, explanation: slipText(outcome.unitSlip) },
      actual: show(outcome.unitSlip.figure), expected: unitExpected(outcome.unitSlip),
    });
    return;
  }
  const decimals = maxDecimals([a.figure, b.figure, result.figure]);
  context.report({
    messageId: 'difference',
    figure: result.figure,
    data: {
      minuend: show(a.figure),
      subtrahend: show(b.figure),
      computed: showIn(outcome.computed.mid.times(signed).abs(), result.figure, decimals),
      word,
      stated: show(result.figure),
    },
    evidence,
    actual: show(result.figure),
    expected: showIn(outcome.computed.mid.abs(), result.figure, decimals),
    scopeClear,
  });
}

const rule: Rule = {
  meta: {
    id: 'difference-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '增减额与所给两数之差不符（比…增加/减少 N 万元、压减、当年结余、净值）',
      descriptionEn: 'A stated increase, decrease or balance does not equal the difference of the two figures it relates, beyond rounding.',
    },
    messages: {
      difference: '{{minuend}} − {{subtrahend}} = {{computed}}，与所述{{word}} {{stated}} 不符',
      prior: '{{current}} − {{label}} {{prior}}（{{priorPlace}}）= {{computed}}，与所述{{word}} {{stated}} 不符',
    },
  },
  create(context) {
    return {
      documentEnd(document) {
        // `本年支出合计 1000 万元，比上年增加 120 万元` with 上年支出合计 stated elsewhere: the change is checked against it.
        const changes = findStatedChanges(document);
        if (changes.length === 0) return;
        // Prior-year statements by subject, concept and scope, gathered once.
        const keyOf = (m: Mention) => `${subjectKey(m.subject)}|${m.concept}|${m.scope.funds}|${m.scope.basis}`;
        const priorsByKey = new Map<string, Mention[]>();
        for (const m of document.mentions) {
          if (!m.concept || m.scope.period !== 'previous' || m.relationWord || m.figure.kind !== 'amount' || m.otherEntity || m.figure.comparator) continue;
          const list = priorsByKey.get(keyOf(m));
          if (list) list.push(m);
          else priorsByKey.set(keyOf(m), [m]);
        }
        for (const c of changes) {
          const priors = priorsByKey.get(keyOf(c.current)) ?? [];
          const first = priors[0];
          // No stated prior, or several that disagree: nothing to check against.
          if (!first || !priors.every((m) => Interval.of(m.figure).overlaps(Interval.of(first.figure)))) continue;
          const signed = c.direction === 'down' ? -1 : 1;
          const outcomes = priors.map((prior) => ({ prior, outcome: checkRelation([c.current.figure, prior.figure], c.change.figure, ([now, before]) => now!.sub(before!).scale(signed)) }));
          if (outcomes.some(({ outcome }) => outcome.holds || !outcome.computed)) continue;
          const { prior, outcome } = outcomes[0]!;
          if (outcome.unitSlip) continue; // unit-suspect is raised by the relation that names both figures
          const decimals = maxDecimals([c.current.figure, prior.figure, c.change.figure]);
          context.report({
            messageId: 'prior',
            figure: c.change.figure,
            data: {
              current: show(c.current.figure),
              label: prior.label.replace(/^[\s，,：:]+/, ''),
              prior: show(prior.figure),
              priorPlace: placeOf(prior.figure),
              computed: showIn(estimate(outcome).times(signed).abs(), c.change.figure, decimals),
              word: c.change.relationWord!,
              stated: show(c.change.figure),
            },
            evidence: [{ role: 'current', figure: c.current.figure }, { role: 'previous', figure: prior.figure }, { role: 'stated', figure: c.change.figure }],
            actual: show(c.change.figure),
            expected: showIn(estimate(outcome).times(signed).abs(), c.change.figure, decimals),
            scopeClear: c.current.scopeClear && prior.scopeClear,
          });
        }
      },
      document(document) {
        for (const c of findComparisons(document)) {
          if (c.change.figure.kind !== 'amount') continue;
          const signed = c.direction === 'down' && c.explicit ? -1 : 1;
          report(context, c.current, c.reference, c.change, c.word, signed, c.explicit && c.current.scopeClear && c.reference.scopeClear, !c.explicit);
        }
      },
      sentence(sentence) {
        for (const [index, result] of sentence.mentions.entries()) {
          if (result.figure.kind !== 'amount') continue;
          const named = NAMED.find((n) => n.result.test(result.label));
          if (!named) continue;
          const earlier = sentence.mentions.slice(0, index).filter((m) => m.figure.kind === 'amount');
          const minuend = [...earlier].reverse().find((m) => named.minuend.test(m.label));
          const subtrahend = [...earlier].reverse().find((m) => named.subtrahend.test(m.label));
          if (!minuend || !subtrahend || minuend === subtrahend) continue;
          report(context, minuend, subtrahend, result, result.label.match(named.result)?.[0] ?? named.name, 1, true, false);
        }
      },
    };
  },
};

export default rule;

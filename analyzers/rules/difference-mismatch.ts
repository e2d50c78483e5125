import type { Mention } from '../../normalizers/statements.js';
import { checkRelation, estimate, maxDecimals, placeOf, show, showIn, slipText, unitExpected } from '../check.js';
import { findComparisons, findStatedChanges } from '../../normalizers/comparisons.js';
import { namedDifference } from '../../normalizers/phrases.js';
import { RELATION_MESSAGE, reportRelations } from '../relation-check.js';
import { Interval } from '../interval.js';
import { Decimal } from '../../normalizers/decimal.js';
import type { Rule, RuleContext } from '../engine.js';


/**
 * The two figures in the order whose difference is the positive change the message shows: a fall is
 * `reference − current`, never `current − reference = |d|`, so the printed arithmetic is true as written.
 */
function ordered(current: Mention, reference: Mention, difference: Interval): [Mention, Mention] {
  return difference.mid.isNegative() ? [reference, current] : [current, reference];
}

/**
 * `comparison`: a change between a current and a reference figure (比…增加/减少), the reference named
 * in the message as the base; otherwise a named difference (当年结余 = 收入 − 支出) in its own order.
 */
function report(context: RuleContext, a: Mention, b: Mention, result: Mention, word: string, signed: number, scopeClear: boolean, absolute: boolean, comparison: boolean): void {
  const outcome = checkRelation([a.figure, b.figure], result.figure, ([x, y]) => {
    const difference = x!.sub(y!).scale(signed);
    return absolute ? difference.abs() : difference;
  });
  if (outcome.holds || !outcome.computed) return;
  if (!absolute) {
    const flipped = checkRelation([a.figure, b.figure], result.figure, ([x, y]) => x!.sub(y!).scale(-signed));
    if (flipped.holds) return; // the direction word is wrong, not the figures: direction-contradiction says so
  }
  const raw = Interval.of(a.figure).sub(Interval.of(b.figure));
  const [minuend, subtrahend] = comparison ? ordered(a, b, raw) : [a, b];
  const evidence = [{ role: 'minuend', figure: minuend.figure }, { role: 'subtrahend', figure: subtrahend.figure }, { role: 'stated', figure: result.figure }];
  if (outcome.unitSlip) {
    context.report({
      ruleId: 'unit-suspect', messageId: 'slip', figure: outcome.unitSlip.figure, evidence,
      data: { relation: `${show(minuend.figure)} − ${show(subtrahend.figure)} = ${show(result.figure)}`, explanation: slipText(outcome.unitSlip) },
      actual: show(outcome.unitSlip.figure), expected: unitExpected(outcome.unitSlip),
    });
    return;
  }
  const decimals = maxDecimals([a.figure, b.figure, result.figure]);
  const size = showIn(raw.mid.abs(), result.figure, decimals);
  context.report({
    messageId: comparison ? 'change' : 'difference',
    figure: result.figure,
    data: {
      minuend: show(minuend.figure),
      subtrahend: show(subtrahend.figure),
      ...(comparison ? { reference: show(b.figure) } : {}),
      computed: size,
      word,
      stated: show(result.figure),
    },
    evidence,
    actual: show(result.figure),
    expected: size,
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
      relation: RELATION_MESSAGE,
      difference: '{{minuend}} − {{subtrahend}} = {{computed}}，与所述{{word}} {{stated}} 不符',
      change: '{{minuend}} − {{subtrahend}} = {{computed}}（比较基数为 {{reference}}），与所述{{word}} {{stated}} 不符',
      prior: '{{current}} − {{label}} {{prior}}（{{priorPlace}}）= {{computed}}，与所述{{word}} {{stated}} 不符',
      priorFall: '{{label}} {{prior}}（{{priorPlace}}）− {{current}} = {{computed}}，与所述{{word}} {{stated}} 不符',
    },
  },
  create(context) {
    return {
      documentEnd(document) {
        // `本年支出合计 1000 万元，比上年增加 120 万元` with 上年支出合计 stated elsewhere: the change is checked against it.
        const changes = findStatedChanges(document);
        if (changes.length === 0) return;
        // The prior year's statements of the current figure's quantity: the facts under its key with period `previous`.
        const mentionOf = new Map(document.mentions.map((m) => [m.figure.id, m]));
        const priorsOf = (current: Mention): Mention[] => {
          const fact = document.factIndex.ofFigure(current.figure.id).find((f) => !f.table);
          if (!fact) return [];
          const previous = { ...fact.key, period: 'previous' as const };
          // Prior statements that disagree among themselves leave nothing to check against (the duplicate policy).
          if (document.factIndex.disagreeing(previous)) return [];
          return document.factIndex.get(previous).flatMap((f) => {
            const m = mentionOf.get(f.figureId);
            return m && m.concept && m.scope.period === 'previous' && !m.relationWord && m.figure.kind === 'amount' && !m.otherEntity && !m.figure.comparator ? [m] : [];
          });
        };
        for (const c of changes) {
          const priors = priorsOf(c.current);
          if (priors.length === 0) continue;
          const signed = c.direction === 'down' ? -1 : 1;
          const outcomes = priors.map((prior) => ({ prior, outcome: checkRelation([c.current.figure, prior.figure], c.change.figure, ([now, before]) => now!.sub(before!).scale(signed)) }));
          if (outcomes.some(({ outcome }) => outcome.holds || !outcome.computed)) continue;
          const { prior, outcome } = outcomes[0]!;
          if (outcome.unitSlip) continue; // unit-suspect is raised by the relation that names both figures
          const decimals = maxDecimals([c.current.figure, prior.figure, c.change.figure]);
          // A fall is written prior − current, so the arithmetic reads true.
          const fell = new Decimal(c.current.figure.value).lessThan(prior.figure.value);
          context.report({
            messageId: fell ? 'priorFall' : 'prior',
            figure: c.change.figure,
            data: {
              current: show(c.current.figure),
              label: prior.label.replace(/^[\s，,：:]+/, ''),
              prior: show(prior.figure),
              priorPlace: placeOf(prior.figure),
              computed: showIn(estimate(outcome).abs(), c.change.figure, decimals),
              word: c.change.relationWord!,
              stated: show(c.change.figure),
            },
            evidence: [{ role: 'current', figure: c.current.figure }, { role: 'previous', figure: prior.figure }, { role: 'stated', figure: c.change.figure }],
            actual: show(c.change.figure),
            expected: showIn(estimate(outcome).abs(), c.change.figure, decimals),
            scopeClear: c.current.scopeClear && prior.scopeClear,
          });
        }
      },
      document(document) {
        reportRelations(context, ['change', 'difference']);
        for (const c of findComparisons(document)) {
          if (c.change.figure.kind !== 'amount') continue;
          const signed = c.direction === 'down' && c.explicit ? -1 : 1;
          report(context, c.current, c.reference, c.change, c.word, signed, c.explicit && c.current.scopeClear && c.reference.scopeClear, !c.explicit, true);
        }
      },
      sentence(sentence) {
        for (const [index, result] of sentence.mentions.entries()) {
          if (result.figure.kind !== 'amount' || context.document.claimed.has(result.figure.id)) continue;
          const named = namedDifference(result.label);
          if (!named) continue;
          const earlier = sentence.mentions.slice(0, index).filter((m) => m.figure.kind === 'amount');
          const minuend = [...earlier].reverse().find((m) => named.isMinuend(m.label));
          const subtrahend = [...earlier].reverse().find((m) => named.isSubtrahend(m.label));
          if (!minuend || !subtrahend || minuend === subtrahend) continue;
          report(context, minuend, subtrahend, result, named.word, 1, true, false, false);
        }
      },
    };
  },
};

export default rule;

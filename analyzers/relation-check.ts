/**
 * The one path from a grammar relation to a finding: evaluate it on rounding intervals
 * (`checkRelation`), then report one typed outcome — a mismatch, a unit slip or a contradicted
 * direction — under the rule that owns the relation's kind. Rules call `reportRelations` with their
 * kinds; none of them reads the text.
 */
import type { Figure } from '../model/figure.js';
import type { Relation, RelationKind } from '../model/relation.js';
import { Decimal } from '../normalizers/decimal.js';
import { checkRelation, estimate, show, showIn, showTolerance, slipText, unitExpected, type RelationOutcome } from './check.js';
import type { RuleContext } from './engine.js';
import { growthRate, Interval, sum } from './interval.js';

/** What a relation's numbers give, before any word about direction. */
export interface RelationEvaluation {
  outcome: RelationOutcome;
  /** The stated direction contradicts the figures (same size, other sign). */
  contradicted?: { actualWord: '增加' | '减少'; signed: Decimal };
  formula: string;
}

const UP_WORD = '增加';
const DOWN_WORD = '减少';

function named(operand: { name: string; figure: Figure }): string {
  return operand.name ? `${operand.name} ${show(operand.figure)}` : show(operand.figure);
}

/** The signed change a relation's operands give: growth in percent, or an amount. */
function signedChange(relation: Relation): ((intervals: Interval[]) => Interval | undefined) | undefined {
  switch (relation.formula) {
    case 'growth':
      return ([now, before]) => growthRate(now!, before!);
    case 'difference':
      return ([now, before]) => now!.sub(before!);
    default:
      return undefined;
  }
}

export function evaluateRelation(relation: Relation): RelationEvaluation | undefined {
  if (!relation.decidable) return undefined;
  const figures = relation.operands.map((o) => o.figure);
  const stated = relation.stated;
  const [a, b] = relation.operands;
  const statedNegative = stated.value.startsWith('-');
  switch (relation.kind) {
    case 'growth':
    case 'change':
    case 'difference': {
      if (relation.formula === 'implied' || relation.formula === 'change-over-previous') {
        const up = relation.direction !== 'down';
        const implied = relation.formula === 'implied';
        const evaluate = ([first, change]: Interval[]) => {
          // D over the base X − D (a rise) or X + D (a fall), as 1 / (X/D ∓ 1): each figure enters once.
          const ratio = first!.div(change!);
          if (!ratio) return undefined;
          const rate = implied ? Interval.exact(1).div(up ? ratio.sub(Interval.exact(1)) : ratio.add(Interval.exact(1))) : Interval.exact(1).div(ratio);
          return rate?.scale(statedNegative ? -100 : 100);
        };
        const formula = implied ? `${show(b!.figure)} / (${named(a!)} ${up ? '−' : '+'} ${show(b!.figure)})` : `${show(b!.figure)} / ${named(a!)}`;
        return { outcome: checkRelation(figures, stated, evaluate), formula };
      }
      const change = signedChange(relation)!;
      const formula = relation.formula === 'growth' ? `(${named(a!)} − ${named(b!)}) / ${show(b!.figure)}` : `${named(a!)} − ${named(b!)}`;
      // Sizes first: the words give the sign, a printed minus (`下降 -6.15%`) too.
      const size = (intervals: Interval[]) =>
        change(intervals)
          ?.abs()
          .scale(statedNegative ? -1 : 1);
      const outcome = checkRelation(figures, stated, size);
      const point = change(figures.map((f) => Interval.exact(f.value)));
      if (outcome.holds && relation.direction && point && !point.mid.isZero()) {
        const rose = point.mid.gt(0);
        // `增长 -5%` is a fall; `下降 -6.15%` is a fall written with its sign.
        const saysUp = relation.direction === 'up' && !statedNegative;
        if (rose !== saysUp) return { outcome, formula, contradicted: { actualWord: rose ? UP_WORD : DOWN_WORD, signed: point.mid } };
      }
      return { outcome, formula };
    }
    case 'share':
    case 'completion':
      return { outcome: checkRelation(figures, stated, ([part, whole]) => part!.div(whole!)?.scale(100)), formula: `${named(a!)} / ${named(b!)}` };
    case 'sum':
      return { outcome: checkRelation(figures, stated, (intervals) => sum(intervals)), formula: relation.operands.map(named).join(' + ') };
  }
}

/** The rule that reports each kind's mismatches. */
export const RULE_OF_KIND: Record<RelationKind, string> = {
  growth: 'growth-mismatch',
  change: 'difference-mismatch',
  difference: 'difference-mismatch',
  share: 'ratio-mismatch',
  completion: 'ratio-mismatch',
  sum: 'sum-mismatch',
};

/** The message every relation rule uses (`relation`), with the arithmetic and the tolerance. */
export const RELATION_MESSAGE = '{{formula}} = {{computed}}，与所述{{word}} {{stated}} 不符（差 {{gap}}，超出舍入容差 {{tolerance}}）';
export const DIRECTION_MESSAGE = '文字称{{word}} {{stated}}，但 {{formula}} 表明实为{{actualWord}}';

function evidenceOf(relation: Relation): { role: string; figure: Figure }[] {
  return [...relation.operands.map((o) => ({ role: o.role, figure: o.figure })), { role: 'stated', figure: relation.stated }];
}

/**
 * The difference between what the figures give and what is stated, and how far rounding could reach on
 * that side: the stated figure's own reach (a percent may also be truncated, so it reaches further up)
 * plus the computed range's. Two significant digits, rounded up: a tolerance is a bound.
 */
function gapAndTolerance(outcome: RelationOutcome, stated: Figure, decimals: number): { gap: string; tolerance: string } {
  const point = estimate(outcome);
  const value = new Decimal(stated.value);
  const below = point.lt(value);
  const reach = (below ? value.minus(outcome.statedInterval.lo) : outcome.statedInterval.hi.minus(value)).plus(outcome.computed?.radius ?? 0);
  return { gap: showIn(point.minus(value).abs(), stated, decimals), tolerance: showTolerance(reach.toSignificantDigits(2, Decimal.ROUND_UP), stated) };
}

/** Reports the failed relations of `kinds` for the rule whose visitor runs. */
export function reportRelations(context: RuleContext, kinds: RelationKind[]): void {
  for (const relation of context.document.relations) {
    if (!kinds.includes(relation.kind)) continue;
    const evaluation = evaluateRelation(relation);
    if (!evaluation) continue;
    const { outcome, formula } = evaluation;
    if (outcome.holds || !outcome.computed) continue;
    const evidence = evidenceOf(relation);
    if (outcome.unitSlip) {
      context.report({
        ruleId: 'unit-suspect',
        messageId: 'slip',
        figure: outcome.unitSlip.figure,
        evidence,
        fromGrammar: true,
        data: { relation: `${formula} = ${show(relation.stated)}`, explanation: slipText(outcome.unitSlip) },
        actual: show(outcome.unitSlip.figure),
        expected: unitExpected(outcome.unitSlip),
      });
      continue;
    }
    const stated = relation.stated;
    const decimals = stated.kind === 'percent' ? Math.max(2, stated.decimals) : stated.decimals;
    const computed = estimate(outcome);
    context.report({
      messageId: 'relation',
      fromGrammar: true,
      figure: stated,
      data: {
        formula,
        computed: showIn(computed, stated, decimals),
        word: relation.word,
        stated: show(stated),
        ...gapAndTolerance(outcome, stated, decimals),
      },
      evidence,
      actual: show(stated),
      expected: showIn(new Decimal(computed), stated),
    });
  }
}

/** Reports relations whose figures hold in size but whose words give the wrong direction. */
export function reportDirections(context: RuleContext): void {
  for (const relation of context.document.relations) {
    if (relation.kind !== 'growth' && relation.kind !== 'change' && relation.kind !== 'difference') continue;
    const evaluation = evaluateRelation(relation);
    if (!evaluation?.contradicted) continue;
    context.report({
      messageId: 'relation',
      fromGrammar: true,
      figure: relation.stated,
      data: {
        word: relation.word,
        stated: show(relation.stated),
        formula: `${evaluation.formula} = ${showIn(evaluation.contradicted.signed, relation.stated, relation.stated.kind === 'percent' ? Math.max(2, relation.stated.decimals) : relation.stated.decimals)}`,
        actualWord: evaluation.contradicted.actualWord,
      },
      evidence: evidenceOf(relation),
      actual: relation.word,
      expected: evaluation.contradicted.actualWord,
    });
  }
}

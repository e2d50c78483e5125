/**
 * Comparison words against the two figures they compare: `决算数小于全年预算数`, `决算数与预算数持平`,
 * `本年数大于上年数`, `与上年相比持平`. Words name a direction without a size, so no other rule
 * recomputes them; an auditor reads them against the 预算 and 决算 figures stated just before.
 */
import type { Mention, Sentence } from '../../normalizers/statements.js';
import { Decimal } from '../../normalizers/decimal.js';
import { show } from '../check.js';
import { directionOf, stageOfLabel } from '../../normalizers/comparisons.js';
import { budgetKindOf, explainsDifference, labelText, namesPreviousPeriod, readComparisonPhrases, type ComparisonFamily, type ComparisonPhrase, type ComparisonRelation } from '../../normalizers/phrases.js';
import { placeIn, type Rule } from '../engine.js';
import { lastIndexWithin } from '../../normalizers/text.js';
import { Interval } from '../interval.js';

type Relation = ComparisonRelation;
type Phrase = ComparisonPhrase;

const isAmount = (m: Mention) => m.figure.kind === 'amount' && !m.figure.comparator;

/**
 * Whether the words can hold for these figures under rounding. `基本持平` names no size; it is
 * taken to allow a tenth of the reference either way, and fails only beyond that.
 */
function possible(relation: Relation, current: Interval, reference: Interval): boolean {
  const difference = current.sub(reference);
  switch (relation) {
    case 'greater':
      return difference.hi.gt(0);
    case 'less':
      return difference.lo.lt(0);
    case 'equal':
      return difference.lo.lte(0) && difference.hi.gte(0);
    case 'roughly':
      return difference.abs().lo.lte(reference.abs().hi.times(ROUGHLY));
  }
}

const ROUGHLY = new Decimal('0.1');

const WORDS: Record<ComparisonFamily, Record<'greater' | 'less' | 'equal', string>> = {
  stage: { greater: '大于', less: '小于', equal: '等于' },
  year: { greater: '增加', less: '减少', equal: '持平' },
};


const rule: Rule = {
  meta: {
    id: 'comparison-words',
    type: 'problem',
    severity: 'warning',
    messageSeverity: { reason: 'info' },
    docs: {
      description: '“决算数大于/小于/等于预算数”“与上年持平”等比较用语与所比较的两个数字不符，或增减而未说明原因',
      descriptionEn: 'Words such as 决算数大于预算数, 小于, 持平 or 与上年相比增加 that the two figures compared do not bear out; a difference stated with no reason.',
    },
    messages: {
      stage: '文字称“{{phrase}}”，但{{currentLabel}} {{current}} 与{{referenceLabel}} {{reference}} 相比实为{{actualWord}}',
      year: '文字称“{{phrase}}”，但本年 {{current}} 与上年 {{reference}} 相比实为{{actualWord}}',
      reason: '文字称“{{phrase}}”，但未说明原因（决算与预算、本年与上年有差异时应说明原因，持平除外）',
    },
  },
  create(context) {
    const { document } = context;
    return {
      document() {
        const sentences = document.sentences;
        // Where the last comparison of each unit ended: figures before it belong to the item it closed.
        const lastPhraseEnd = new Map<number, number>();
        sentences.forEach((sentence, index) => {
          for (const phrase of readComparisonPhrases(sentence)) {
            const unitId = sentence.unit.id;
            // The figures compared: in this sentence before the words, or in the two sentences before it (same paragraph).
            const window = sentences.slice(Math.max(0, index - 2), index + 1).filter((s) => s.unit.id === unitId);
            // `；` separates parallel items (`…基金支出 0 万元，比上年持平；国有资本…`): figures before it are another item's.
            const text = sentence.unit.text;
            const floor = window[0]?.start ?? sentence.start;
            const semicolon = Math.max(lastIndexWithin(text, '；', floor, phrase.start), lastIndexWithin(text, ';', floor, phrase.start)) + 1;
            const from = Math.max(lastPhraseEnd.get(unitId) ?? 0, semicolon);
            lastPhraseEnd.set(unitId, phrase.end);
            const before = window.flatMap((s) => s.mentions).filter((m) => isAmount(m) && m.start >= from && m.end <= phrase.end);
            checkFigures(phrase, before);
            if (phrase.relation === 'greater' || phrase.relation === 'less') checkReason(phrase, sentence, sentences[index + 1]);
          }
        });
      },
    };

    function checkFigures(phrase: Phrase, before: Mention[]): void {
      let current: Mention | undefined;
      let references: Mention[];
      if (phrase.family === 'stage') {
        current = before.filter((m) => stageOfLabel(m.label) === 'actual').at(-1);
        const budgets = before.filter((m) => stageOfLabel(m.label) === 'budget');
        const named = phrase.budgetKind ? budgets.filter((m) => budgetKindOf(m.label) === phrase.budgetKind) : [];
        references = named.length > 0 ? named : budgets;
      } else {
        const previous = (m: Mention) => m.scope.period === 'previous' || namesPreviousPeriod(m.label) || Boolean(phrase.referenceYear && m.label.includes(phrase.referenceYear));
        // A stated change (`比上年增加 D`) is neither the year's figure nor last year's.
        const stock = before.filter((m) => !m.relationWord || !directionOf(m.relationWord));
        references = stock.filter(previous);
        current = stock.filter((m) => !previous(m) && !m.relationWord).at(-1);
      }
      if (!current || references.length === 0) return;
      const now = Interval.of(current.figure);
      // Words unqualified (`预算数`) with both 年初 and 全年 figures before them: wrong only if wrong for each.
      if (references.some((reference) => possible(phrase.relation, now, Interval.of(reference.figure)))) return;
      const reference = references.at(-1)!;
      const sign = new Decimal(current.figure.value).cmp(reference.figure.value);
      const actualWord = WORDS[phrase.family][sign > 0 ? 'greater' : sign < 0 ? 'less' : 'equal'];
      context.report({
        messageId: phrase.family,
        at: placeIn(document, current.unit, phrase.start),
        data: {
          phrase: phrase.text,
          current: show(current.figure),
          reference: show(reference.figure),
          currentLabel: labelText(current.label),
          referenceLabel: labelText(reference.label),
          actualWord: phrase.relation === 'roughly' ? `${actualWord}${percentApart(current, reference)}` : actualWord,
        },
        evidence: [{ role: 'current', figure: current.figure }, { role: 'reference', figure: reference.figure }],
        actual: phrase.text,
        expected: actualWord,
      });
    }

    function checkReason(phrase: Phrase, sentence: Sentence, next: Sentence | undefined): void {
      const after = sentence.unit.text.slice(phrase.end, sentence.end) + (next ? next.unit.text.slice(next.start, next.end) : '');
      const before = sentence.unit.text.slice(sentence.start, phrase.start);
      if (explainsDifference(before, after)) return;
      context.report({
        messageId: 'reason',
        at: placeIn(document, sentence.unit, phrase.start),
        data: { phrase: phrase.text },
        evidence: [],
      });
    }
  },
};

/** `（相差 36.0%）` for 基本持平 with figures far apart. */
function percentApart(current: Mention, reference: Mention): string {
  const base = new Decimal(reference.figure.value);
  if (base.isZero()) return '';
  const apart = new Decimal(current.figure.value).minus(base).abs().div(base.abs()).times(100);
  return `（相差 ${apart.toFixed(1)}%）`;
}

export default rule;

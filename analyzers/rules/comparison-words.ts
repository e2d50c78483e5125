/**
 * Comparison words against the two figures they compare: `决算数小于全年预算数`, `决算数与预算数持平`,
 * `本年数大于上年数`, `与上年相比持平`. Words name a direction without a size, so no other rule
 * recomputes them; an auditor reads them against the 预算 and 决算 figures stated just before.
 */
import type { Mention, Sentence } from '../../normalizers/statements.js';
import { Decimal } from '../../normalizers/decimal.js';
import { show } from '../check.js';
import { directionOf, stageOfLabel } from '../comparisons.js';
import { placeIn, type Rule } from '../engine.js';
import { lastIndexWithin } from '../../normalizers/text.js';
import { Interval } from '../interval.js';

type Relation = 'greater' | 'less' | 'equal' | 'roughly';
type Family = 'stage' | 'year';
type BudgetKind = 'initial' | 'adjusted';

interface Phrase {
  family: Family;
  relation: Relation;
  text: string;
  /** Offsets in the unit text. */
  start: number;
  end: number;
  /** `年初预算数` / `全年预算数`: which budget the words compare with. */
  budgetKind?: BudgetKind;
  /** `与 2024 年预算持平`: the year named as the reference. */
  referenceYear?: string;
}

const ACTUAL = '(?:支出)?决算数?|实际(?:支出|完成)数?|执行数|完成数';
const BUDGET = '(年初|全年|调整后?|变动后?)?预算(?:数|安排数?)?';
const RELATION_WORD = '(基本)?(大于|小于|高于|低于|超过|超出|多于|少于|等于|相等|相同|一致|持平)';
const CHANGE_WORD = '(基本)?(持平|一致|相同|相等|大于|小于|增加|减少|增长|下降|降低)';
const THIS_YEAR = '(?:本年|本年度|今年|当年)(?:预算|决算)?数?';
const LAST_YEAR = '(上年|去年|上一?年度?|(?:19|20)\\d{2}\\s*年度?)(?:预算|决算|预算执行|执行)?数?';
const AMOUNT = '(?:[-\\d][\\d,，.]*\\s*(?:亿元|万元|元))?';

const PATTERNS: { family: Family; regex: RegExp; groups: { basic: number; word: number; budget?: number; year?: number } }[] = [
  // 决算数小于全年预算数
  { family: 'stage', regex: new RegExp(`(?:${ACTUAL})\\s*${RELATION_WORD}\\s*${BUDGET}`, 'g'), groups: { basic: 1, word: 2, budget: 3 } },
  // 决算数与全年预算数持平, 决算数比预算数减少
  { family: 'stage', regex: new RegExp(`(?:${ACTUAL})\\s*(?:与|和|同|较|比)\\s*${BUDGET}\\s*(?:相比|比较)?\\s*[，,]?\\s*${CHANGE_WORD}`, 'g'), groups: { budget: 1, basic: 2, word: 3 } },
  // 本年数小于上年预算数
  { family: 'year', regex: new RegExp(`${THIS_YEAR}\\s*${RELATION_WORD}\\s*${LAST_YEAR}`, 'g'), groups: { basic: 1, word: 2, year: 3 } },
  // 与上年持平, 比 2024 年预算执行数持平, 比上年 10.20 万元持平
  { family: 'year', regex: new RegExp(`(?:与|和|同|较|比)\\s*${LAST_YEAR}\\s*${AMOUNT}\\s*(?:相比|比较|对比)?\\s*[，,]?\\s*${CHANGE_WORD}`, 'g'), groups: { year: 1, basic: 2, word: 3 } },
];

function relationOf(word: string, basic: boolean): Relation {
  if (/大于|高于|超过|超出|多于|增加|增长/.test(word)) return 'greater';
  if (/小于|低于|少于|减少|下降|降低/.test(word)) return 'less';
  return basic ? 'roughly' : 'equal';
}

function budgetKindOf(text: string | undefined): BudgetKind | undefined {
  if (!text) return undefined;
  if (/年初/.test(text)) return 'initial';
  if (/全年|调整|变动/.test(text)) return 'adjusted';
  return undefined;
}

function findPhrases(sentence: Sentence): Phrase[] {
  const text = sentence.unit.text.slice(sentence.start, sentence.end).replace(/[“”"]/g, ' ');
  const found: Phrase[] = [];
  for (const { family, regex, groups } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const start = sentence.start + match.index;
      const end = start + match[0].length;
      // One phrase read by two patterns (`决算数与预算数持平` never matches twice, but keep it safe).
      if (found.some((p) => start < p.end && p.start < end)) continue;
      const word = match[groups.word]!;
      // `增加（减少）`: a form's two words for one change; what follows is what counts.
      const after = sentence.unit.text.slice(end, end + 16).replace(/^\s*[（(][^）)]{0,6}[）)]/, '');
      // `比上年增加 2.02 万元`: a change with its size is the difference and direction rules' to check.
      if (/^\s*[-\d]/.test(after) && !/持平|一致|相同|相等/.test(word)) continue;
      const phrase: Phrase = { family, relation: relationOf(word, Boolean(match[groups.basic])), text: match[0].replace(/\s+/g, ''), start, end };
      const budgetKind = budgetKindOf(groups.budget ? match[groups.budget] : undefined);
      if (budgetKind) phrase.budgetKind = budgetKind;
      const year = groups.year ? /(?:19|20)\d{2}/.exec(match[groups.year] ?? '')?.[0] : undefined;
      if (year) phrase.referenceYear = year;
      found.push(phrase);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

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

const WORDS: Record<Family, Record<'greater' | 'less' | 'equal', string>> = {
  stage: { greater: '大于', less: '小于', equal: '等于' },
  year: { greater: '增加', less: '减少', equal: '持平' },
};

/** `原因`, `主要是`, `由于`, `用于`: the text says why the figures differ. */
const REASON_AFTER = /原因|主要|由于|因为|是因|系因|所致|导致|用于|因素/;
const REASON_BEFORE = /由于|因为|因[^此]/;

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
          for (const phrase of findPhrases(sentence)) {
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
        const previous = (m: Mention) => m.scope.period === 'previous' || /上年|去年|上一年/.test(m.label) || Boolean(phrase.referenceYear && m.label.includes(phrase.referenceYear));
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
      if (REASON_AFTER.test(after) || REASON_BEFORE.test(before)) return;
      context.report({
        messageId: 'reason',
        at: placeIn(document, sentence.unit, phrase.start),
        data: { phrase: phrase.text },
        evidence: [],
      });
    }
  },
};

/** `支出决算为` → `支出决算`: the label as a reader names the figure. */
function labelText(label: string): string {
  return label.replace(/[：:为是达]+\s*$/, '').replace(/^.*[，,。；;]/, '').trim() || label.trim();
}

/** `（相差 36.0%）` for 基本持平 with figures far apart. */
function percentApart(current: Mention, reference: Mention): string {
  const base = new Decimal(reference.figure.value);
  if (base.isZero()) return '';
  const apart = new Decimal(current.figure.value).minus(base).abs().div(base.abs()).times(100);
  return `（相差 ${apart.toFixed(1)}%）`;
}

export default rule;

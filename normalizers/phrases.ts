/**
 * Phrases that state a relation in words, without a size, and what explains a change. Read here once,
 * with the lexicon; the rules only weigh the figures against them.
 */
import { directionOfWords, hasWord, type Direction, wordAt } from './lexicon.js';
import type { Mention, Sentence } from './statements.js';

export type ComparisonRelation = 'greater' | 'less' | 'equal' | 'roughly';
export type ComparisonFamily = 'stage' | 'year';
export type BudgetKind = 'initial' | 'adjusted';

export interface ComparisonPhrase {
  family: ComparisonFamily;
  relation: ComparisonRelation;
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

const PATTERNS: { family: ComparisonFamily; regex: RegExp; groups: { basic: number; word: number; budget?: number; year?: number } }[] = [
  // 决算数小于全年预算数
  { family: 'stage', regex: new RegExp(`(?:${ACTUAL})\\s*${RELATION_WORD}\\s*${BUDGET}`, 'g'), groups: { basic: 1, word: 2, budget: 3 } },
  // 决算数与全年预算数持平, 决算数比预算数减少
  {
    family: 'stage',
    regex: new RegExp(`(?:${ACTUAL})\\s*(?:与|和|同|较|比)\\s*${BUDGET}\\s*(?:相比|比较)?\\s*[，,]?\\s*${CHANGE_WORD}`, 'g'),
    groups: { budget: 1, basic: 2, word: 3 },
  },
  // 本年数小于上年预算数
  { family: 'year', regex: new RegExp(`${THIS_YEAR}\\s*${RELATION_WORD}\\s*${LAST_YEAR}`, 'g'), groups: { basic: 1, word: 2, year: 3 } },
  // 与上年持平, 比 2024 年预算执行数持平, 比上年 10.20 万元持平
  {
    family: 'year',
    regex: new RegExp(`(?:与|和|同|较|比)\\s*${LAST_YEAR}\\s*${AMOUNT}\\s*(?:相比|比较|对比)?\\s*[，,]?\\s*${CHANGE_WORD}`, 'g'),
    groups: { year: 1, basic: 2, word: 3 },
  },
];

function relationOf(word: string, basic: boolean): ComparisonRelation {
  const direction = directionOfWords(word);
  if (direction) return direction === 'up' ? 'greater' : 'less';
  return basic ? 'roughly' : 'equal';
}

/** `年初预算数` → initial, `全年预算数`, `调整后预算` → adjusted. */
export function budgetKindOf(text: string | undefined): BudgetKind | undefined {
  if (!text) return undefined;
  if (/年初/.test(text)) return 'initial';
  if (/全年|调整|变动/.test(text)) return 'adjusted';
  return undefined;
}

/**
 * The comparison phrases of a sentence: `决算数小于全年预算数`, `决算数与预算数持平`, `本年数大于上年数`,
 * `与上年持平`. A change stated with its size (`比上年增加 2.02 万元`) is not one: other readers check it.
 */
export function readComparisonPhrases(sentence: Sentence): ComparisonPhrase[] {
  const text = sentence.unit.text.slice(sentence.start, sentence.end).replace(/[“”"]/g, ' ');
  const found: ComparisonPhrase[] = [];
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
      const phrase: ComparisonPhrase = { family, relation: relationOf(word, Boolean(match[groups.basic])), text: match[0].replace(/\s+/g, ''), start, end };
      const budgetKind = budgetKindOf(groups.budget ? match[groups.budget] : undefined);
      if (budgetKind) phrase.budgetKind = budgetKind;
      const year = groups.year ? /(?:19|20)\d{2}/.exec(match[groups.year] ?? '')?.[0] : undefined;
      if (year) phrase.referenceYear = year;
      found.push(phrase);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** `原因`, `主要是`, `由于`, `用于`: the text around a comparison says why the figures differ. */
const REASON_AFTER = /原因|主要|由于|因为|是因|系因|所致|导致|用于|因素/;
const REASON_BEFORE = /由于|因为|因[^此]/;

export function explainsDifference(before: string, after: string): boolean {
  return REASON_AFTER.test(after) || REASON_BEFORE.test(before);
}

/** The label names the previous period (`上年`, `去年同期`), not an opening balance (`上年结转`). */
export function namesPreviousPeriod(label: string): boolean {
  return hasWord(label, 'period.previous');
}

/** `支出决算为` → `支出决算`: the label as a reader names the figure. */
export function labelText(label: string): string {
  return (
    label
      .replace(/[：:为是达]+\s*$/, '')
      .replace(/^.*[，,。；;]/, '')
      .trim() || label.trim()
  );
}

/** `2022 年度培训费总额` → `培训费`: the thing whose change a sentence states. */
export function changedThing(label: string): string {
  return label
    .replace(/^.*?(?:年度?|本年|当年|全年)/, '')
    .replace(/(总额|总计|合计|金额|支出|决算数|预算数|实际支出数?)+$/, '')
    .replace(/[“”"'‘’\s]/g, '')
    .trim();
}

/** How far after a change word the reason may begin: `培训费减少，主要是因为…`. */
const REASON_REACH = 6;

/**
 * `培训费增加主要是因为…`: a sentence that explains a change of `thing`, with the change word it uses;
 * undefined when the sentence says no such thing.
 */
export function explainedChange(sentence: string, thing: string): { word: string; direction: Direction } | undefined {
  const text = sentence.replace(/[“”"]/g, '');
  for (let at = text.indexOf(thing); at >= 0; at = text.indexOf(thing, at + 1)) {
    let i = at + thing.length;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const change = wordAt(text, i);
    if (change?.cls !== 'change.up' && change?.cls !== 'change.down') continue;
    const stop = text.indexOf('。', change.end);
    const rest = text.slice(change.end, stop < 0 ? text.length : stop);
    const reason = REASON_AFTER.exec(rest);
    if (reason && reason.index <= REASON_REACH) return { word: change.text, direction: change.cls === 'change.up' ? 'up' : 'down' };
  }
  return undefined;
}

/** Differences named by their result: 当年结余 = 收入 − 支出, 净值 = 原值 − 累计折旧. */
const NAMED_DIFFERENCES: { result: RegExp; minuend: RegExp; subtrahend: RegExp; name: string }[] = [
  { result: /(当年|本年|收支)结余$/, minuend: /收入/, subtrahend: /支出/, name: '收入 − 支出' },
  { result: /净值$/, minuend: /原值/, subtrahend: /折旧/, name: '原值 − 累计折旧' },
];

export interface NamedDifference {
  /** The words naming the result (`当年结余`), as the message quotes them. */
  word: string;
  /** Does a figure's label name the minuend (收入) or the subtrahend (支出)? */
  isMinuend: (label: string) => boolean;
  isSubtrahend: (label: string) => boolean;
}

/** The difference a figure's label names it the result of (`当年结余` → 收入 − 支出), if any. */
export function namedDifference(label: string): NamedDifference | undefined {
  const named = NAMED_DIFFERENCES.find((n) => n.result.test(label));
  if (!named) return undefined;
  return { word: label.match(named.result)?.[0] ?? named.name, isMinuend: (l) => named.minuend.test(l), isSubtrahend: (l) => named.subtrahend.test(l) };
}

/** The 预算 or 决算 side a narrative amount is on, when its own words say so. */
export function stageOfMention(mention: Mention): 'budget' | 'actual' | undefined {
  if (mention.scope.basis === 'budget' || mention.scope.basis === 'adjusted') return 'budget';
  const words = mention.unit.text.slice(Math.max(mention.sentence.start, mention.start - 20), mention.start);
  if (/预算(?:数|安排)?[为是]?\s*$|年初预算/.test(words)) return 'budget';
  if (/决算(?:数)?[为是]?\s*$|实际(?:支出)?|执行数/.test(words)) return 'actual';
  return undefined;
}

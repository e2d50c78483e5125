/**
 * Comparisons written in prose: `总收入 3797.83 万元，比上年 2854.75 万元增加 33.04%`,
 * `调整预算数 3810.44 万元，比年初预算 3553.21 万元增加 257.23 万元`. Shared by the growth,
 * difference and direction rules.
 */
import type { NormalizedDocument } from './index.js';
import type { Mention, Sentence } from './statements.js';
import { directionOfWords, eachChange, hasWord, stageOfLabel } from './lexicon.js';
import { namesEarlierPeriod } from './years.js';

export interface Comparison {
  current: Mention;
  reference: Mention;
  change: Mention;
  word: string;
  direction: 'up' | 'down';
  /** The reference is named (`比上年 Y`, `与上年 Y 对比`). */
  explicit: boolean;
}

/** The stage a figure's label names (kept here for the rules that import it from the comparisons). */
export { stageOfLabel };

/** The direction a relation word names: `增加` up, `降幅` down, `比` or `占` none. */
export function directionOf(word: string): 'up' | 'down' | undefined {
  return directionOfWords(word);
}

function isStock(m: Mention): boolean {
  return (m.figure.kind === 'amount' || m.figure.kind === 'count') && (!m.relationWord || m.relationWord === '比') && !m.figure.comparator;
}

function namesReference(m: Mention): boolean {
  const before = m.unit.text.slice(Math.max(m.sentence.start, m.start - 30), m.start);
  const clause = before.split(/[，。；,;]/).at(-1) ?? '';
  return hasWord(clause, 'compare', 'compare.close', 'from') || m.scope.period === 'previous';
}

export function findComparisons(document: NormalizedDocument): Comparison[] {
  const comparisons: Comparison[] = [];
  for (const sentence of document.sentences) {
    const list = sentence.mentions;
    list.forEach((change, index) => {
      if (!change.relationWord || document.claimed.has(change.figure.id)) return;
      const direction = directionOf(change.relationWord);
      if (!direction) return;
      if (change.figure.kind !== 'amount' && change.figure.kind !== 'percent') return;
      const earlier = list.slice(0, index).filter(isStock);
      const referenceIndex = earlier.map((m) => namesReference(m)).lastIndexOf(true);
      if (referenceIndex > 0) {
        const reference = earlier[referenceIndex]!;
        const current = earlier.slice(0, referenceIndex).reverse().find((m) => m.figure.kind === reference.figure.kind && m.figure.unit !== '' && !namesReference(m));
        if (current) {
          comparisons.push({ current, reference, change, word: change.relationWord!, direction, explicit: true });
          return;
        }
      }
    });
  }
  return comparisons;
}

/**
 * A change stated after an amount with no earlier figure named: `X 万元，比上年增加 D 万元，增长 P%`
 * (or 减少 D，下降 P%). The base is implied, X − D for a rise and X + D for a fall, and P must be
 * D over that base.
 */
export interface ImpliedChange {
  current: Mention;
  change: Mention;
  rate: Mention;
  direction: 'up' | 'down';
}

/** A current amount as a change's base: a stock, this year's, not a bound. */
function isCurrentAmount(m: Mention | undefined): m is Mention {
  return Boolean(m && isStock(m) && m.figure.kind === 'amount' && m.scope.period !== 'previous' && !m.figure.comparator);
}

/**
 * The amount a change stated right after it is a change of (`X 万元，比上年增加 D 万元`), with the words
 * between them; undefined when no comparison word stands between the two.
 */
function amountBeforeChange(sentence: Sentence, changeIndex: number): { current: Mention; between: string } | undefined {
  const change = sentence.mentions[changeIndex];
  const current = sentence.mentions[changeIndex - 1];
  if (!change || change.figure.kind !== 'amount' || !change.relationWord || !directionOf(change.relationWord) || !isCurrentAmount(current)) return undefined;
  const between = sentence.unit.text.slice(current.end, change.start);
  // `比上年`, `较 2022 年`, `与年度预算相比`, `同比`, `对比`: the words between compare with something.
  return hasWord(between, 'compare', 'compare.close') ? { current, between } : undefined;
}

export function findImpliedChanges(document: NormalizedDocument): ImpliedChange[] {
  const found: ImpliedChange[] = [];
  for (const sentence of document.sentences) {
    const list = sentence.mentions;
    list.forEach((rate, index) => {
      if (rate.figure.kind !== 'percent' || !rate.relationWord || rate.figure.comparator || document.claimed.has(rate.figure.id)) return;
      const direction = directionOf(rate.relationWord);
      const change = list[index - 1];
      const pair = amountBeforeChange(sentence, index - 1);
      if (!direction || !change || !pair || directionOf(change.relationWord!) !== direction) return;
      // `各增加 D`: one change said of several figures (收、支总计各增加) — each has its own base.
      if (!eachChange(pair.between)) {
        found.push({ current: pair.current, change, rate, direction });
        return;
      }
      // `收入总计 A，支出总计 B，与上年相比收、支总计各增加 D，增长 P%`: D and P are said of each total.
      const totals = list.slice(0, index - 1).filter(isCurrentAmount).slice(-3);
      // Equal totals (收支平衡) give one check, not one per total.
      const distinct = totals.filter((each, i) => totals.findIndex((other) => other.figure.value === each.figure.value && other.figure.decimals === each.figure.decimals) === i);
      for (const each of distinct) found.push({ current: each, change, rate, direction });
    });
  }
  return found;
}

/** `X 万元，比上年增加 D 万元`: an amount and the change stated right after it, the earlier figure unnamed. */
export interface StatedChange {
  current: Mention;
  change: Mention;
  direction: 'up' | 'down';
}

export function findStatedChanges(document: NormalizedDocument): StatedChange[] {
  const found: StatedChange[] = [];
  for (const sentence of document.sentences) {
    sentence.mentions.forEach((change, index) => {
      if (document.claimed.has(change.figure.id)) return;
      const pair = amountBeforeChange(sentence, index);
      // A change said of the previous year (比上年, 与 2023 年相比), of one figure, and of a named concept.
      if (!pair || !pair.current.concept || eachChange(pair.between) || !namesEarlierPeriod(pair.between)) return;
      found.push({ current: pair.current, change, direction: directionOf(change.relationWord!)! });
    });
  }
  return found;
}

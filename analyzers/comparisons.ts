/**
 * Comparisons written in prose: `总收入 3797.83 万元，比上年 2854.75 万元增加 33.04%`,
 * `调整预算数 3810.44 万元，比年初预算 3553.21 万元增加 257.23 万元`. Shared by the growth,
 * difference and direction rules.
 */
import type { NormalizedDocument } from '../normalizers/index.js';
import type { Mention } from '../normalizers/statements.js';

export interface Comparison {
  current: Mention;
  reference: Mention;
  change: Mention;
  word: string;
  direction: 'up' | 'down';
  /** The reference is named (`比上年 Y`, `与上年 Y 对比`). */
  explicit: boolean;
}

const UP = /增加|增长|提高|上升|增幅|超出/;
const DOWN = /减少|下降|降低|压减|降幅|减幅/;

export function directionOf(word: string): 'up' | 'down' | undefined {
  if (UP.test(word)) return 'up';
  if (DOWN.test(word)) return 'down';
  return undefined;
}

function isStock(m: Mention): boolean {
  return (m.figure.kind === 'amount' || m.figure.kind === 'count') && (!m.relationWord || m.relationWord === '比') && !m.figure.comparator;
}

function namesReference(m: Mention): boolean {
  const before = m.unit.text.slice(Math.max(m.sentence.start, m.start - 30), m.start);
  const clause = before.split(/[，。；,;]/).at(-1) ?? '';
  return /比|与|较|相比|从/.test(clause) || m.scope.period === 'previous';
}

export function findComparisons(document: NormalizedDocument): Comparison[] {
  const comparisons: Comparison[] = [];
  for (const sentence of document.sentences) {
    const list = sentence.mentions;
    list.forEach((change, index) => {
      if (!change.relationWord) return;
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

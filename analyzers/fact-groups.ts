/** Facts grouped by subject, concept and scope: the same quantity stated in several places. */
import type { NormalizedDocument } from '../normalizers/index.js';
import type { Mention } from '../normalizers/statements.js';
import { subjectKey } from '../normalizers/subjects.js';

export interface FactGroup {
  key: string;
  concept: string;
  mentions: Mention[];
}

/**
 * Current-period money facts with a plainly stated scope, grouped by subject + concept + funds +
 * basis: 年初预算 of 行政运行 and 年初预算 of 人大会议 are two quantities, never one stated twice.
 */
export function factGroups(document: NormalizedDocument): FactGroup[] {
  const groups = new Map<string, FactGroup>();
  for (const mention of document.mentions) {
    if (!mention.concept || mention.figure.kind !== 'amount' || mention.scope.period === 'previous' || !mention.scopeClear) continue;
    if (mention.figure.comparator) continue;
    // A figure the grammar reads as a change, rate or difference is not a stock of its label's concept.
    const claimedAs = document.claimed.get(mention.figure.id);
    if (claimedAs && claimedAs !== 'sum') continue;
    // Function classes share a concept; each class is its own quantity.
    const concept = mention.concept === 'expense.function' ? `${mention.concept}:${mention.conceptLabel ?? ''}` : mention.concept;
    const key = `${subjectKey(mention.subject)}|${concept}|${mention.scope.funds}|${mention.scope.basis}|${mention.scope.period}`;
    const group = groups.get(key) ?? { key, concept: mention.concept, mentions: [] };
    group.mentions.push(mention);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Same digits, different unit (1854.42 元 vs 1854.42 万元): a unit slip, not a different amount. */
export function sameNumberOtherUnit(a: Mention, b: Mention): boolean {
  return a.figure.number === b.figure.number && a.figure.scale !== b.figure.scale;
}

/** Facts grouped by their binding key: the same quantity stated in several places of the text. */
import type { NormalizedDocument } from '../normalizers/index.js';
import type { Mention } from '../normalizers/statements.js';

export interface FactGroup {
  key: string;
  concept: string;
  mentions: Mention[];
  /** Table cells with the same key: the text's statements are then compared with them (text-table-mismatch), once. */
  inTables: boolean;
}

/**
 * The text's money facts (this year's and the prior year's) with a plainly stated scope, grouped by the one fact key
 * (subject path × measure × funds × basis × period): 年初预算 of 行政运行 and 年初预算 of 人大会议 are two
 * quantities, never one stated twice; `财政拨款支出` and a 财政拨款 `支出合计` are one.
 */
export function factGroups(document: NormalizedDocument): FactGroup[] {
  const mentionOf = new Map(document.mentions.map((mention) => [mention.figure.id, mention]));
  const groups: FactGroup[] = [];
  for (const [key, facts] of document.factIndex.groups()) {
    const mentions: Mention[] = [];
    for (const fact of facts) {
      const mention = fact.table ? undefined : mentionOf.get(fact.figureId);
      if (!mention?.concept || mention.figure.kind !== 'amount' || !mention.scopeClear || mention.figure.comparator) continue;
      // A figure the grammar reads as a change, rate or difference is not a stock of its label's concept.
      const claimedAs = document.claimed.get(mention.figure.id);
      if (claimedAs && claimedAs !== 'sum') continue;
      if (!mentions.includes(mention)) mentions.push(mention);
    }
    if (mentions.length > 0) groups.push({ key, concept: facts[0]!.concept, mentions, inTables: facts.some((fact) => fact.table !== undefined) });
  }
  return groups;
}

/** Same digits, different unit (1854.42 元 vs 1854.42 万元): a unit slip, not a different amount. */
export function sameNumberOtherUnit(a: Mention, b: Mention): boolean {
  return a.figure.number === b.figure.number && a.figure.scale !== b.figure.scale;
}

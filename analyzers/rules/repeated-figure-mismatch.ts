import { placeOf, show } from '../check.js';
import { factGroups, sameNumberOtherUnit } from '../fact-groups.js';
import type { Rule } from '../engine.js';
import { Interval } from '../interval.js';

const rule: Rule = {
  meta: {
    id: 'repeated-figure-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '同一口径的同一金额在两处表述不一致（舍入区间不重叠）',
      descriptionEn: 'The same concept and scope is stated in two places with values whose rounding intervals do not overlap.',
    },
    messages: {
      repeated: '{{label}} 此处为 {{value}}，别处为 {{other}}（{{otherPlace}}{{count}}），前后不一致',
    },
  },
  create(context) {
    return {
      documentEnd(document) {
        for (const group of factGroups(document)) {
          // Cluster statements that agree within rounding; the larger cluster is taken as the reference.
          const clusters: (typeof group.mentions)[] = [];
          for (const mention of group.mentions) {
            const cluster = clusters.find((c) => c.every((m) => Interval.of(m.figure).overlaps(Interval.of(mention.figure))));
            if (cluster) cluster.push(mention);
            else clusters.push([mention]);
          }
          if (clusters.length < 2) continue;
          clusters.sort((a, b) => b.length - a.length);
          const reference = clusters[0]!;
          for (const cluster of clusters.slice(1)) {
            const odd = cluster[0]!;
            const other = reference[0]!;
            if (sameNumberOtherUnit(odd, other)) continue; // unit-suspect reports that
            context.report({
              messageId: 'repeated',
              figure: odd.figure,
              data: {
                label: odd.conceptLabel ?? odd.label,
                value: show(odd.figure),
                other: show(other.figure),
                otherPlace: placeOf(other.figure),
                count: reference.length > 1 ? `等 ${reference.length} 处` : '',
              },
              evidence: [{ role: 'stated', figure: odd.figure }, ...reference.map((m) => ({ role: 'other', figure: m.figure }))],
              actual: show(odd.figure),
              expected: show(other.figure),
            });
          }
        }
      },
    };
  },
};

export default rule;

import { placeOf, show } from '../check.js';
import { factGroups, sameNumberOtherUnit } from '../fact-groups.js';
import type { Rule } from '../engine.js';
import type { Mention } from '../../normalizers/statements.js';

const rule: Rule = {
  meta: {
    id: 'unit-suspect',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: '金额单位疑似错误（元/万元/亿元 相差 10⁴ 或 10⁸）：同一金额别处单位不同，或按另一单位计算关系才成立',
      descriptionEn: 'An amount whose unit is probably wrong by 10⁴ or 10⁸: the same figure appears elsewhere in another unit, or a relation holds only after rescaling it.',
    },
    messages: {
      slip: '{{relation}} 不成立；{{explanation}}，疑为单位错误',
      repeated: '{{label}} {{suspect}} 与别处 {{other}}（{{otherPlace}}）数字相同而单位不同，疑为单位错误',
    },
  },
  create(context) {
    return {
      documentEnd(document) {
        for (const group of factGroups(document)) {
          const byScale = new Map<number, number>();
          // The first statement of each number in each unit: a figure's namesakes in other units, in one pass.
          const firstOf = new Map<string, Map<number, { mention: Mention; order: number }>>();
          group.mentions.forEach((m, order) => {
            byScale.set(m.figure.scale, (byScale.get(m.figure.scale) ?? 0) + 1);
            const scales = firstOf.get(m.figure.number) ?? new Map<number, { mention: Mention; order: number }>();
            if (!scales.has(m.figure.scale)) scales.set(m.figure.scale, { mention: m, order });
            firstOf.set(m.figure.number, scales);
          });
          for (const mention of group.mentions) {
            // The first statement of the same number in another unit.
            const namesakes = [...(firstOf.get(mention.figure.number)?.values() ?? [])].filter((o) => sameNumberOtherUnit(mention, o.mention));
            const other = namesakes.sort((a, b) => a.order - b.order)[0]?.mention;
            if (!other) continue;
            // The minority unit is the suspect; on a tie, the smaller unit (元 typed for 万元).
            const mine = byScale.get(mention.figure.scale) ?? 0;
            const theirs = byScale.get(other.figure.scale) ?? 0;
            if (mine > theirs || (mine === theirs && mention.figure.scale > other.figure.scale)) continue;
            context.report({
              messageId: 'repeated',
              figure: mention.figure,
              data: {
                label: mention.conceptLabel ?? mention.label,
                suspect: show(mention.figure),
                other: show(other.figure),
                otherPlace: placeOf(other.figure),
              },
              evidence: [{ role: 'suspect', figure: mention.figure }, { role: 'other', figure: other.figure }],
              actual: show(mention.figure),
              expected: show(other.figure),
            });
          }
        }
      },
    };
  },
};

export default rule;

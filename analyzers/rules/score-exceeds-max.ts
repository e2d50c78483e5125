import { show } from '../check.js';
import type { Rule } from '../engine.js';
import { Interval } from '../interval.js';
import { selfEvaluationTable } from '../self-evaluation.js';
import { Decimal } from '../../normalizers/decimal.js';
import type { Figure } from '../../model/figure.js';

const rule: Rule = {
  meta: {
    id: 'score-exceeds-max',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '得分超过该项满分，或自评总分超过 100 分',
      descriptionEn: 'A score above its stated maximum (满分), or a total self-score above 100.',
    },
    messages: {
      item: '{{title}} 得分 {{score}} 超过满分 {{max}}',
      row: '自评表“{{title}}”得分 {{score}} 超过其{{header}} {{max}}',
      total: '自评总分 {{score}} 超过 100 分',
    },
  },
  create(context) {
    return {
      table(table) {
        const scored = selfEvaluationTable(context.document, table);
        if (scored?.unfilled) return;
        for (const row of scored?.rows ?? []) {
          if (!row.score || !row.weight || row.part) continue;
          // A whole score is assigned, exact; one with decimals stands for its rounding interval.
          if (!Interval.ofScore(row.score).lo.gt(Interval.ofScore(row.weight).hi)) continue;
          context.report({
            messageId: 'row',
            figure: row.score,
            data: { title: row.label, score: show(row.score), max: show(row.weight), header: scored!.weightHeader },
            evidence: [{ role: 'score', figure: row.score }, { role: 'max', figure: row.weight }],
            actual: show(row.score),
            expected: `≤ ${show(row.weight)}`,
          });
        }
      },
      document(document) {
        const { nodes, total } = document.outline;
        const statedTogether = (a: Figure, b: Figure) => [...document.figuresByUnit.values()].some((list) => list.some((x) => x.figure === a) && list.some((x) => x.figure === b));
        for (const node of nodes) {
          if (!node.score || !node.max) continue;
          if (new Decimal(node.score.value).lte(node.max.value)) continue;
          context.report({
            messageId: 'item',
            figure: node.score,
            data: { title: node.title.replace(/[，,].*$/, ''), score: show(node.score), max: show(node.max) },
            evidence: [{ role: 'score', figure: node.score }, { role: 'max', figure: node.max }],
            actual: show(node.score),
            expected: `≤ ${show(node.max)}`,
            // On a scan, a score and a full mark from different statements may belong to two items,
            // the score statement between them not read.
            possibleOcrOmission: !statedTogether(node.score, node.max),
          });
        }
        if (total && new Decimal(total.score.value).gt(100)) {
          context.report({ messageId: 'total', figure: total.score, data: { score: show(total.score) }, evidence: [{ role: 'score', figure: total.score }], actual: show(total.score), expected: '≤ 100分' });
        }
      },
    };
  },
};

export default rule;

import { Decimal, plain } from '../../normalizers/decimal.js';
import type { Rule } from '../engine.js';
import { selfEvaluationTable } from '../self-evaluation.js';

const rule: Rule = {
  meta: {
    id: 'weights-sum',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '自评表中各指标权重（权重、分值）合计不等于 100',
      descriptionEn: 'The indicator weights (权重, 分值) of a self-evaluation table do not total 100.',
    },
    messages: {
      sum: '{{header}}列各项合计 {{parts}} = {{computed}}，不等于 100{{unit}}',
    },
  },
  create(context) {
    return {
      table(table) {
        const scored = selfEvaluationTable(context.document, table);
        // An unfilled form's 0.0 weights are blanks (placeholder-value's), not weights that miss 100.
        if (!scored || scored.unfilled) return;
        // `其中` rows are parts of the row above (其中：本年财政拨款), not weights of their own.
        const weights = scored.rows.filter((row) => !row.part && row.weight).map((row) => row.weight!);
        if (weights.length < 2) return;
        const total = weights.reduce((acc, f) => acc.plus(f.number), new Decimal(0));
        if (total.eq(100)) return;
        const unit = weights.every((w) => w.kind === 'percent') ? '%' : '';
        context.report({
          messageId: 'sum',
          figure: weights[0]!,
          data: { header: scored.weightHeader, parts: weights.map((w) => w.number).join('+'), computed: `${plain(total)}${unit}`, unit },
          evidence: weights.map((figure) => ({ role: 'weight', figure })),
          // On a scan, a row whose weight cell came out empty may be a weight OCR did not read.
          possibleOcrOmission: scored.unweighted > 0 && total.lt(100),
          actual: `${plain(total)}${unit}`,
          expected: `100${unit}`,
        });
      },
    };
  },
};

export default rule;

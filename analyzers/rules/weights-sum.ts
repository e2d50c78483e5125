import type { Figure } from '../../model/figure.js';
import { Decimal, plain } from '../../normalizers/decimal.js';
import type { Rule } from '../engine.js';

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
        const lastRow = table.table.rows.length - 1;
        const isWeight = (text: string) => /权重|^分值$|指标分值/.test(text.trim());
        const col = [...Array(40).keys()].find((c) => isWeight(table.headerAt(lastRow, c)));
        if (col === undefined) return;
        const weights: Figure[] = [];
        /** Rows with an indicator but nothing in the weight column. */
        let withoutWeight = 0;
        let belowHeader = false;
        for (const row of table.table.rows) {
          if (row.some((cell) => cell.col === col && isWeight(cell.text))) belowHeader = true;
          if (row[0] === undefined || !isWeight(table.headerAt(row[0].row, col))) continue;
          // The table's own 合计 row is the sum, not a weight.
          if (row.some((cell) => /^(合\s*计|总\s*计|小\s*计)$/.test(cell.text.trim()))) continue;
          // A `其中` row is a part of the row above it (其中：本年财政拨款), not a weight of its own.
          if (row.some((cell) => cell.col < col && /^\s*其中/.test(cell.text))) continue;
          const figure = context.document.figures.find((f) => f.cell?.table === table.table.index && f.cell.row === row[0]?.row && f.cell.col === col && (f.kind === 'percent' || f.kind === 'score' || f.kind === 'number'));
          if (figure) weights.push(figure);
          // An indicator row (a name and its target at least), not the wrapped end of a long name.
          else if (belowHeader && !row.some((cell) => cell.col === col && cell.text.trim()) && row.filter((cell) => cell.col !== col && cell.text.trim()).length >= 2) withoutWeight++;
        }
        if (weights.length < 2) return;
        const total = weights.reduce((acc, f) => acc.plus(f.number), new Decimal(0));
        if (total.eq(100)) return;
        const unit = weights.every((w) => w.kind === 'percent') ? '%' : '';
        context.report({
          messageId: 'sum',
          figure: weights[0]!,
          data: { header: table.headerAt(lastRow, col).trim() || '权重', parts: weights.map((w) => w.number).join('+'), computed: `${plain(total)}${unit}`, unit },
          evidence: weights.map((figure) => ({ role: 'weight', figure })),
          // On a scan, a row whose weight cell came out empty may be a weight OCR did not read.
          possibleOcrOmission: withoutWeight > 0 && total.lt(100),
          actual: `${plain(total)}${unit}`,
          expected: `100${unit}`,
        });
      },
    };
  },
};

export default rule;

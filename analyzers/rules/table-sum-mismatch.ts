/** The identities a disclosure table states by its layout (analyzers/table-identities), checked under rounding intervals. */
import type { Figure } from '../../model/figure.js';
import type { TableModel } from '../../normalizers/table-model.js';
import { checkRelation, maxDecimals, show, showIn, showTolerance, slipText, tolerance, unitExpected } from '../check.js';
import type { Rule, RuleContext } from '../engine.js';
import { sum } from '../interval.js';
import { tableIdentities, type Identity } from '../table-identities.js';

/** `表“支出决算表”（第 8 页）`: a table as a reader finds it. */
export function tableName(model: TableModel): string {
  const title = model.disclosure?.title ?? model.view.table.caption;
  return title ? `表“${title}”` : `第 ${model.page} 页的表格`;
}

function checkIdentity(model: TableModel, identity: Identity, context: RuleContext): void {
  const whole = model.figure(identity.whole.row, identity.whole.col);
  if (!whole || whole.kind !== 'amount') return;
  const parts: { figure: Figure; name: string; minus: boolean }[] = [];
  const terms = [...identity.parts.map((part) => ({ part, minus: false })), ...(identity.minus ?? []).map((part) => ({ part, minus: true }))];
  for (const { part, minus } of terms) {
    const figure = model.figure(part.row, part.col);
    if (figure) {
      if (figure.kind !== 'amount') return;
      parts.push({ figure, name: part.name, minus });
    } else if (!model.blank(part.row, part.col)) return; // text where an amount belongs: not this layout
  }
  if (parts.length === 0) return;
  const figures = parts.map((part) => part.figure);
  const outcome = checkRelation(figures, whole, (intervals) => sum(intervals.map((interval, i) => (parts[i]!.minus ? interval.neg() : interval))));
  if (outcome.holds || !outcome.computed) return;
  const along = identity.along || `“${model.columnPath(identity.whole.col).join('/') || `第 ${identity.whole.col + 1} 列`}”列`;
  const partsText = parts.map((part, i) => `${i === 0 ? (part.minus ? '−' : '') : part.minus ? ' − ' : ' + '}${part.name} ${show(part.figure)}`).join('');
  const evidence = [{ role: 'total', figure: whole }, ...parts.map((part) => ({ role: part.minus ? 'subtracted' : 'part', figure: part.figure }))];
  if (outcome.unitSlip) {
    context.report({
      ruleId: 'unit-suspect',
      messageId: 'slip',
      figure: outcome.unitSlip.figure,
      data: { relation: `${tableName(model)}${along} ${partsText} 与${identity.whole.name} ${show(whole)}`, explanation: slipText(outcome.unitSlip) },
      evidence,
      actual: show(outcome.unitSlip.figure),
      expected: unitExpected(outcome.unitSlip),
    });
    return;
  }
  const decimals = maxDecimals([whole, ...figures]);
  context.report({
    messageId: identity.kind === 'balance' ? 'balance' : 'sum',
    figure: whole,
    data: {
      table: tableName(model),
      along,
      parts: partsText,
      computed: showIn(outcome.computed.mid, whole, decimals),
      totalLabel: identity.whole.name,
      total: show(whole),
      gap: showIn(outcome.computed.mid.minus(outcome.statedInterval.mid).abs(), whole, decimals),
      tolerance: showTolerance(tolerance(outcome), whole),
    },
    evidence,
    actual: show(whole),
    expected: showIn(outcome.computed.mid, whole, decimals),
  });
}

const rule: Rule = {
  meta: {
    id: 'table-sum-mismatch',
    type: 'problem',
    severity: 'error',
    docs: {
      description: '决算/预算公开表内的合计与分项不符：合计行与列、类/款/项科目、经济分类、“三公”经费、收支总表两方总计',
      descriptionEn: 'A disclosure table does not add up: total rows and columns, the 类/款/项 code hierarchy, economic classes, the 三公 formula, or income against spending in a summary table.',
    },
    messages: {
      sum: '{{table}}{{along}}：{{parts}} = {{computed}}，与{{totalLabel}} {{total}} 不符（差 {{gap}}，超出舍入容差 {{tolerance}}）',
      balance: '{{table}}{{along}}：{{totalLabel}} {{total}} 与{{parts}} 不符（差 {{gap}}，超出舍入容差 {{tolerance}}）',
    },
  },
  create(context) {
    return {
      document(document) {
        for (const model of document.tableModels) for (const identity of tableIdentities(model)) checkIdentity(model, identity, context);
      },
    };
  },
};

export default rule;

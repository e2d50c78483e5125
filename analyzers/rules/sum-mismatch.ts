import { PARTITIONS } from '../../normalizers/concepts.js';
import type { Breakdown, Mention } from '../../normalizers/statements.js';
import { checkRelation, maxDecimals, nameOf, show, showIn, showTolerance, slipText, tolerance, unitExpected } from '../check.js';
import type { Rule } from '../engine.js';
import { RELATION_MESSAGE, reportRelations } from '../relation-check.js';
import { Decimal } from 'decimal.js';
import { sum, type Interval } from '../interval.js';
import { isAdditiveDisclosure } from '../table-identities.js';
import { reportColumnSums, reportTableSums } from './table-sums.js';

/** A breakdown is complete when its parts are a known partition of the total. */
function isComplete(total: Mention, parts: Mention[]): boolean {
  const concepts = parts.map((p) => p.concept).filter(Boolean).sort().join(',');
  for (const partition of PARTITIONS) {
    if (!total.concept || !partition.whole.test(total.concept)) continue;
    if (partition.parts.some((set) => [...set].sort().join(',') === concepts)) return true;
  }
  return false;
}

/**
 * A `其中` list of at least three parts that does not say it is partial, whose parts fall short of the
 * total by less than 5 % of it while it names parts smaller than the shortfall: a list that goes down
 * to such small items is not stopping at the main ones, so the shortfall is no unlisted rest but a slip
 * (`2263 万元。其中：1435、25、55、700、6、14、18 万元`: 2253, 10 short, with a part of 6).
 */
function shortfallOfFullList(breakdown: Breakdown, parts: Mention[], computed: Interval, stated: Interval): { smallest: Mention } | undefined {
  if (breakdown.kind !== 'qizhong' || breakdown.partial || parts.length < 3 || !stated.lo.gt(computed.hi)) return undefined;
  // Sizes as printed: the arithmetic already failed on the rounding ranges; this asks what kind of gap it is.
  const total = new Decimal(breakdown.total.figure.value);
  const shortfall = total.minus(parts.reduce((acc, part) => acc.plus(part.figure.value), new Decimal(0)));
  const smallest = parts.reduce((least, part) => (new Decimal(part.figure.value).lt(least.figure.value) ? part : least));
  return new Decimal(smallest.figure.value).lt(shortfall) && shortfall.lt(total.times(0.05)) ? { smallest } : undefined;
}

/** How a part is named in a message: its concept's words, else its label, led by its item when the label lacks it. */
function partName(part: Mention): string {
  if (part.conceptLabel) return part.conceptLabel;
  const label = nameOf(part);
  const item = part.subject.source === 'label' ? part.subject.path.at(-1) : undefined;
  return item && !label.includes(item) ? `${item}${label}` : label;
}

const rule: Rule = {
  meta: {
    id: 'sum-mismatch',
    type: 'problem',
    severity: 'error',
    // A list that never says it is complete: the shortfall is probable, not certain.
    messageSeverity: { shortfall: 'warning' },
    docs: {
      description: '总数与其分项之和不符（“其中”所列各项、括号内分项、表格合计行/列）',
      descriptionEn: 'A total differs from the sum of its parts (其中 lists, parenthesised parts, table total rows and columns) beyond rounding.',
    },
    messages: {
      relation: RELATION_MESSAGE,
      parts: '{{parts}} = {{computed}}，与{{totalLabel}} {{total}} 不符（差 {{gap}}，超出舍入容差 {{tolerance}}）',
      exceeds: '{{parts}} = {{computed}}，超过{{totalLabel}} {{total}}（差 {{gap}}，超出舍入容差 {{tolerance}}）',
      shortfall:
        '其中所列 {{count}} 项 {{parts}} = {{computed}}，比{{totalLabel}} {{total}} 少 {{gap}}；所列各项小至 {{smallest}}，缺口不像未列出的其余部分，疑为笔误（超出舍入容差 {{tolerance}}）',
      table: '表格{{what}}：{{parts}} = {{computed}}，与合计 {{total}} 不符（差 {{gap}}，超出舍入容差 {{tolerance}}）',
      column: '表格{{what}}：{{parts}} = {{computed}}，与{{totalLabel}} {{total}} 不符（差 {{gap}}，超出舍入容差 {{tolerance}}）',
    },
  },
  create(context) {
    const check = (breakdown: Breakdown, parts: Mention[]) => {
      const total = breakdown.total;
      if (parts.length < 2 && !(parts.length === 1 && parts[0]!.figure.kind === 'amount')) return;
      const figures = parts.map((p) => p.figure);
      const outcome = checkRelation(figures, total.figure, (intervals) => sum(intervals));
      if (outcome.holds || !outcome.computed) return;
      // A parenthesised list right after a total (`490.1 万人（职工 244.18 万人、居民 245.92 万人）`) spells it out in full.
      const complete = parts.length >= 2 && (breakdown.kind === 'parenthesis' || isComplete(total, parts));
      const overshoot = outcome.computed.lo.gt(outcome.statedInterval.hi);
      const shortfall = complete || overshoot ? undefined : shortfallOfFullList(breakdown, parts, outcome.computed, outcome.statedInterval);
      // A partial list (其中 naming only some items) legitimately sums to less than the total:
      // only a known partition (基本支出 + 项目支出) or a list down to items smaller than the
      // shortfall must add up; any list must not exceed it.
      if (!complete && !overshoot && !shortfall && !outcome.unitSlip) return;
      const decimals = maxDecimals([total.figure, ...figures]);
      const partsText = parts.map((p) => `${partName(p)} ${show(p.figure)}`).join(' + ');
      const evidence = [{ role: 'total', figure: total.figure }, ...parts.map((p) => ({ role: 'part', figure: p.figure }))];
      if (outcome.unitSlip) {
        context.report({
          ruleId: 'unit-suspect',
          messageId: 'slip',
          figure: outcome.unitSlip.figure,
          data: { relation: `${partsText} 与${total.conceptLabel ?? '总数'} ${show(total.figure)}`, explanation: slipText(outcome.unitSlip) },
          evidence,
          actual: show(outcome.unitSlip.figure),
          expected: unitExpected(outcome.unitSlip),
        });
        return;
      }
      const gap = outcome.computed.mid.minus(outcome.statedInterval.mid).abs();
      context.report({
        messageId: shortfall ? 'shortfall' : overshoot && !complete ? 'exceeds' : 'parts',
        figure: total.figure,
        data: {
          ...(shortfall ? { count: String(parts.length), smallest: show(shortfall.smallest.figure) } : {}),
          parts: partsText,
          computed: showIn(outcome.computed.mid, total.figure, decimals),
          totalLabel: total.conceptLabel ?? '总数',
          total: show(total.figure),
          gap: showIn(gap, total.figure, decimals),
          tolerance: showTolerance(tolerance(outcome), total.figure),
        },
        evidence,
        actual: show(total.figure),
        expected: showIn(outcome.computed.mid, total.figure, decimals),
        scopeClear: total.scopeClear && parts.every((p) => p.scopeClear),
      });
    };
    return {
      document() {
        reportRelations(context, ['sum']);
      },
      breakdown(breakdown) {
        if (context.document.claimed.has(breakdown.total.figure.id)) return;
        for (const group of breakdown.groups) check(breakdown, group);
      },
      table(table) {
        // The standard disclosure tables are checked as data by table-sum-mismatch.
        if (isAdditiveDisclosure(context.document.tableModels.find((model) => model.view === table))) return;
        reportTableSums(table, context);
        reportColumnSums(table, context);
      },
    };
  },
};

export default rule;

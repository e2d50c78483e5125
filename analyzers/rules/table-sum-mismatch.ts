/** The identities a disclosure table states by its layout (analyzers/table-identities), checked under rounding intervals. */
import type { Figure } from '../../model/figure.js';
import { disclosureCells, type TableModel } from '../../normalizers/table-model.js';
import { checkRelation, type RelationOutcome, maxDecimals, show, showIn, showTolerance, slipText, tolerance, unitExpected } from '../check.js';
import type { Rule, RuleContext } from '../engine.js';
import { Interval, sum } from '../interval.js';
import { Decimal } from '../../normalizers/decimal.js';
import { tableIdentities, type Identity } from '../table-identities.js';

/** `表“支出决算表”（第 8 页）`: a table as a reader finds it. */
export function tableName(model: TableModel): string {
  const title = model.disclosure?.title ?? model.view.table.caption;
  return title ? `表“${title}”` : `第 ${model.page} 页的表格`;
}

interface Term {
  figure: Figure;
  name: string;
  minus: boolean;
}

/** An identity whose figures do not meet, with what the report needs. */
interface Failure {
  identity: Identity;
  whole: Figure;
  parts: Term[];
  outcome: RelationOutcome;
}

/**
 * Evaluate one identity: undefined when it holds or cannot be checked (text where an amount belongs). An
 * identity with other readings of its rows holds when one of them does; else the nearest reading fails.
 */
function evaluate(model: TableModel, identity: Identity): Failure | undefined {
  const failure = evaluateReading(model, identity);
  if (!failure || !identity.alternatives) return failure;
  const failures = [failure];
  for (const reading of identity.alternatives) {
    const other = evaluateReading(model, { ...identity, parts: reading.parts, ...(reading.minus ? { minus: reading.minus } : { minus: [] }) });
    if (!other) return undefined;
    failures.push(other);
  }
  const gap = (f: Failure) => f.outcome.computed!.mid.minus(f.outcome.statedInterval.mid).abs();
  return failures.reduce((best, each) => (gap(each).lt(gap(best)) ? each : best));
}

function evaluateReading(model: TableModel, identity: Identity): Failure | undefined {
  const whole = model.figure(identity.whole.row, identity.whole.col);
  if (!whole || whole.kind !== 'amount') return undefined;
  const parts: Term[] = [];
  const terms = [...identity.parts.map((part) => ({ part, minus: false })), ...(identity.minus ?? []).map((part) => ({ part, minus: true }))];
  for (const { part, minus } of terms) {
    const figure = model.figure(part.row, part.col);
    if (figure) {
      if (figure.kind !== 'amount') return undefined;
      parts.push({ figure, name: part.name, minus });
    } else if (!model.blank(part.row, part.col)) return undefined; // text where an amount belongs: not this layout
  }
  if (parts.length === 0) return undefined;
  const figures = parts.map((part) => part.figure);
  const outcome = checkRelation(figures, whole, (intervals) => sum(intervals.map((interval, i) => (parts[i]!.minus ? interval.neg() : interval))));
  if (outcome.holds || !outcome.computed) return undefined;
  // `其中` parts short of their whole are what 其中 means; only more than the whole fails.
  if (identity.kind === 'partial' && !outcome.computed.lo.gt(outcome.statedInterval.hi)) return undefined;
  return { identity, whole, parts, outcome };
}

const partsText = (parts: Term[]) => parts.map((part, i) => `${i === 0 ? (part.minus ? '−' : '') : part.minus ? ' − ' : ' + '}${part.name} ${show(part.figure)}`).join('');
const alongOf = (model: TableModel, identity: Identity) => identity.along || `“${model.columnPath(identity.whole.col).join('/') || `第 ${identity.whole.col + 1} 列`}”列`;

/**
 * A reading of the rows that contradicts itself: a whole clearly smaller than one of its own parts (all
 * of them positive amounts), which a sum cannot be, so the hierarchy was misread or is printed ambiguously.
 */
function contradicts(failure: Failure): boolean {
  if (failure.identity.kind !== 'codes' && failure.identity.kind !== 'rows') return false;
  if (failure.parts.some((part) => part.minus || new Decimal(part.figure.value).isNeg())) return false;
  // A rounding difference, or a whole of one part (a changed figure, not a misread level).
  if (failure.parts.length < 2 || lastPlaceOnly(failure)) return false;
  return exceedingParts(failure).length > 0;
}

/** Parts larger than their whole by more than a hundredth of it: no slip of a digit makes a sum so. */
function exceedingParts(failure: Failure): Term[] {
  const whole = Interval.of(failure.whole);
  return failure.parts.filter((part) => Interval.of(part.figure).lo.gt(whole.hi.times(new Decimal('1.01'))));
}

/**
 * The gap passes the rounding tolerance by less than one unit in the last printed place (0.01 万元 for
 * two decimals): the mark of figures converted from 元 and cut rather than rounded, when a table has many.
 */
function lastPlaceOnly(failure: Failure): boolean {
  const decimals = maxDecimals([failure.whole, ...failure.parts.map((part) => part.figure)]);
  if (failure.parts.some((part) => part.figure.scale !== failure.whole.scale)) return false;
  const gap = failure.outcome.computed!.mid.minus(failure.outcome.statedInterval.mid).abs();
  return gap.minus(tolerance(failure.outcome)).lte(new Decimal(10).pow(failure.whole.scale - decimals));
}

function report(model: TableModel, failure: Failure, context: RuleContext): void {
  const { identity, whole, parts, outcome } = failure;
  const along = alongOf(model, identity);
  const evidence = [{ role: 'total', figure: whole }, ...parts.map((part) => ({ role: part.minus ? 'subtracted' : 'part', figure: part.figure }))];
  if (outcome.unitSlip) {
    context.report({
      ruleId: 'unit-suspect',
      messageId: 'slip',
      figure: outcome.unitSlip.figure,
      data: { relation: `${tableName(model)}${along} ${partsText(parts)} 与${identity.whole.name} ${show(whole)}`, explanation: slipText(outcome.unitSlip) },
      evidence,
      actual: show(outcome.unitSlip.figure),
      expected: unitExpected(outcome.unitSlip),
    });
    return;
  }
  const figures = parts.map((part) => part.figure);
  const decimals = maxDecimals([whole, ...figures]);
  context.report({
    messageId: identity.kind === 'balance' ? 'balance' : identity.kind === 'partial' ? 'partExceeds' : 'sum',
    figure: whole,
    data: {
      table: tableName(model),
      along,
      parts: partsText(parts),
      computed: showIn(outcome.computed!.mid, whole, decimals),
      totalLabel: identity.whole.name,
      total: show(whole),
      gap: showIn(outcome.computed!.mid.minus(outcome.statedInterval.mid).abs(), whole, decimals),
      tolerance: showTolerance(tolerance(outcome), whole),
    },
    evidence,
    actual: show(whole),
    expected: showIn(outcome.computed!.mid, whole, decimals),
  });
}

/**
 * A table's identities checked together: when its row structure contradicts itself (or two readings of
 * it disagree) its row sums are not checked and one info names the table; many differences of one
 * unit in the last place (元 → 万元 rounding) are one info listing them.
 */
function checkTable(model: TableModel, context: RuleContext): void {
  const failures: Failure[] = [];
  for (const identity of tableIdentities(model)) {
    const failure = evaluate(model, identity);
    if (failure) failures.push(failure);
  }
  const conflicts = model.panels.flatMap((panel) => panel.conflicts);
  const contradiction = failures.find(contradicts);
  const structural = (failure: Failure) => failure.identity.kind === 'codes' || failure.identity.kind === 'rows' || failure.identity.kind === 'partial';
  let remaining = failures;
  if (contradiction || conflicts.length > 0) {
    remaining = failures.filter((failure) => !structural(failure));
    const reason = contradiction
      ? `${contradiction.identity.whole.name} ${show(contradiction.whole)} 小于其下的${exceedingParts(contradiction).map((part) => `${part.name} ${show(part.figure)}`).join('、')}`
      : conflicts.map((conflict) => (/^\d/.test(conflict) ? `科目编码 ${conflict}` : conflict)).join('；');
    const at = contradiction?.whole ?? model.panels.flatMap((panel) => panel.rows).map((row) => model.panels.flatMap((panel) => panel.valueColumns).map((col) => model.figure(row.index, col)).find(Boolean)).find(Boolean);
    if (at && failures.some(structural)) {
      context.report({ messageId: 'uncertain', figure: at, data: { table: tableName(model), reason }, evidence: contradiction ? [{ role: 'total', figure: contradiction.whole }, ...contradiction.parts.map((part) => ({ role: 'part', figure: part.figure }))] : [{ role: 'cell', figure: at }] });
    }
  }
  const lastPlace = remaining.filter((failure) => !failure.outcome.unitSlip && lastPlaceOnly(failure));
  if (lastPlace.length >= 2) {
    remaining = remaining.filter((failure) => !lastPlace.includes(failure));
    context.report({
      messageId: 'lastPlace',
      figure: lastPlace[0]!.whole,
      data: {
        table: tableName(model),
        count: String(lastPlace.length),
        list: lastPlace.map((failure) => {
          const decimals = maxDecimals([failure.whole, ...failure.parts.map((part) => part.figure)]);
          const { computed, statedInterval } = failure.outcome;
          return `${failure.identity.whole.name} ${show(failure.whole)}（分项合计 ${showIn(computed!.mid, failure.whole, decimals)}，差 ${showIn(computed!.mid.minus(statedInterval.mid).abs(), failure.whole, decimals)}）`;
        }).join('；'),
      },
      evidence: lastPlace.map((failure) => ({ role: 'total', figure: failure.whole })),
    });
  }
  for (const failure of remaining) report(model, failure, context);
  reportNegatives(model, context);
}

/**
 * A negative amount in a table of income or spending that does not say it prints negatives (no
 * `（减少以“-”号填列）` over it) and where the row or column is no balance, difference or net amount:
 * spending and income are not below zero, so the sign is a misprint or a figure of another kind. A
 * warning, with the cell and the whole it is a part of.
 */
function reportNegatives(model: TableModel, context: RuleContext): void {
  for (const cell of disclosureCells([model])) {
    if (!new Decimal(cell.figure.value).isNeg() || model.mayBeNegative(cell.row, cell.col)) continue;
    const panel = model.panels.find((p) => p.rows.includes(cell.row));
    const wholeRow = cell.row.parent ?? (cell.row.total ? undefined : panel?.rows.find((row) => row.total === 'total'));
    const whole = wholeRow ? model.figure(wholeRow.index, cell.col) : undefined;
    context.report({
      messageId: 'negative',
      figure: cell.figure,
      data: { table: tableName(model), cell: cell.name, value: show(cell.figure) },
      evidence: [{ role: 'stated', figure: cell.figure }, ...(whole && whole.kind === 'amount' ? [{ role: 'total', figure: whole }] : [])],
    });
  }
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
      partExceeds: '{{table}}{{along}}：其中 {{parts}} = {{computed}}，超过{{totalLabel}} {{total}}（差 {{gap}}，超出舍入容差 {{tolerance}}）',
      uncertain: '{{table}}的行次层级无法确定（{{reason}}），未核对其合计与分项',
      negative: '{{table}}{{cell}} 为负数 {{value}}，而该表未注明负数以“-”号填列；收入、支出金额不应为负，请核对符号',
      lastPlace: '{{table}}有 {{count}} 处合计与分项之差超出舍入容差不足末位 1 个单位，可能是由元折算为万元时截位所致，未作为错误报告：{{list}}',
    },
    messageSeverity: { uncertain: 'info', lastPlace: 'info', negative: 'warning' },
  },
  create(context) {
    return {
      document(document) {
        for (const model of document.tableModels) checkTable(model, context);
      },
    };
  },
};

export default rule;

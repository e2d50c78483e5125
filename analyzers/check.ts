/**
 * The one way rules test a relation: evaluate it on rounding intervals, compare with the
 * stated figure, and when it fails, ask whether rescaling one money figure by 10⁴ or 10⁸
 * (元 typed for 万元) would make it hold.
 */
import type { Figure } from '../model/figure.js';
import type { Outcome } from '../model/finding.js';
import type { Mention } from '../normalizers/statements.js';
import { Decimal, plain, pow10 } from '../normalizers/decimal.js';
import { fixed, Interval } from './interval.js';

export type Evaluate = (intervals: Interval[]) => Interval | undefined;

export interface RelationOutcome {
  holds: boolean;
  /** The range the inputs allow (undefined when it cannot be computed, e.g. a zero divisor). */
  computed?: Interval;
  statedInterval: Interval;
  /** A single figure whose rescaling makes the relation hold. */
  unitSlip?: { figure: Figure; exponent: number };
  /** The relation computed on the figures as printed (what a reader recomputes), when it fails. */
  point?: Decimal;
}

/** The value to show for a failed relation: the figures as printed, else the middle of the range. */
export function estimate(outcome: RelationOutcome): Decimal {
  return outcome.point ?? outcome.computed?.mid ?? new Decimal(0);
}

/** 元 typed where 万元 (or 亿元) was meant: the slipped figure is too small by 10⁴ or 10⁸. */
const SLIP_EXPONENTS = [4, 8];

function isMoney(figure: Figure): boolean {
  // A zero fits any scale: it can never be the slipped figure.
  return figure.kind === 'amount' && figure.unitSource === 'printed' && !/^-?0(\.0*)?$/.test(figure.number);
}

/**
 * The values a stated figure allows. A percent may also have been truncated rather than rounded
 * (`10.158%` printed `10.15%`, as many reports' spreadsheets do): its interval reaches a whole
 * last-digit step away from zero, [p − ½·10⁻ᵈ, p + 10⁻ᵈ] for a positive p.
 */
export function statedRange(stated: Figure): Interval {
  const rounded = Interval.of(stated);
  if (stated.kind !== 'percent') return rounded;
  return stated.value.startsWith('-') ? new Interval(rounded.lo.minus(rounded.radius), rounded.hi) : new Interval(rounded.lo, rounded.hi.plus(rounded.radius));
}

/**
 * The relations rules evaluate, as distinct sets of figures per rule: what `已核对 N 项关系` counts.
 * The engine names the rule whose visitor runs (rules are synchronous, so one tally at a time).
 */
export class RelationTally {
  private readonly byRule = new Map<string, Set<string>>();
  current = '';
  note(inputs: Figure[], stated: Figure): void {
    let keys = this.byRule.get(this.current);
    if (!keys) this.byRule.set(this.current, (keys = new Set()));
    // The same figures checked again (a flipped direction, another reading) are one relation.
    keys.add(`${[...inputs.map((figure) => figure.id)].sort((a, b) => a - b).join(',')}=${stated.id}`);
  }
  /** Distinct relations checked by the rules `counts` accepts. */
  count(counts: (ruleId: string) => boolean): number {
    const all = new Set<string>();
    for (const [rule, keys] of this.byRule) if (counts(rule)) for (const key of keys) all.add(key);
    return all.size;
  }
}

let tally: RelationTally | undefined;

/** Runs `work` with `into` counting every relation checked meanwhile. */
export function tallyRelations<T>(into: RelationTally, work: () => T): T {
  const outer = tally;
  tally = into;
  try {
    return work();
  } finally {
    tally = outer;
  }
}

/**
 * `inputs` feed `evaluate`; `stated` is compared with the result. Percent results are in
 * percent. `statedExponent` rescales the stated figure when testing unit slips.
 */
/**
 * Failed checks by their stated figure, for the engine: a finding about that figure whose evidence holds
 * the check's operands carries the check's outcome (one typed outcome, whatever rule reported it).
 */
const failedChecks = new WeakMap<Figure, { inputs: Figure[]; outcome: RelationOutcome }[]>();

/** The latest failed check of a stated figure whose operands are all among `evidence`. */
export function failedCheckOf(stated: Figure, evidence: readonly Figure[]): RelationOutcome | undefined {
  const checks = failedChecks.get(stated);
  if (!checks) return undefined;
  const named = new Set(evidence);
  for (let i = checks.length - 1; i >= 0; i--) if (checks[i]!.inputs.every((figure) => named.has(figure))) return checks[i]!.outcome;
  return undefined;
}

/** An outcome as findings carry it: intervals, gap and tolerance as decimal strings in the stated figure's base unit. */
export function outcomeRecord(outcome: RelationOutcome, stated: Figure): Outcome {
  // Quotients are exact to many places; twelve are more than any published figure has.
  const exact = (value: Decimal) => plain(value.toDecimalPlaces(12));
  const range = (interval: Interval) => ({ lo: exact(interval.lo), hi: exact(interval.hi) });
  const record: Outcome = {
    unit: stated.kind === 'amount' ? '元' : stated.kind === 'percent' ? '%' : stated.unit,
    printedUnit: stated.kind === 'amount' ? (UNIT_OF_SCALE[stated.scale] ?? stated.unit) : stated.kind === 'percent' ? '%' : stated.unit,
    scale: stated.kind === 'percent' ? 0 : stated.scale,
    stated: range(outcome.statedInterval),
    gap: exact(outcome.computed ? outcome.computed.gap(outcome.statedInterval) : new Decimal(0)),
    tolerance: exact(tolerance(outcome)),
  };
  if (outcome.computed) record.computed = range(outcome.computed);
  if (outcome.point) record.difference = exact(outcome.point.minus(stated.value).abs());
  if (outcome.unitSlip) record.unitSlip = { raw: outcome.unitSlip.figure.raw, exponent: outcome.unitSlip.exponent };
  return record;
}

export function checkRelation(inputs: Figure[], stated: Figure, evaluate: Evaluate): RelationOutcome {
  const compute = (slip?: { index: number; exponent: number }) => {
    const intervals = inputs.map((figure, index) => Interval.of(figure, slip && slip.index === index ? slip.exponent : 0));
    return evaluate(intervals);
  };
  tally?.note(inputs, stated);
  const statedInterval = statedRange(stated);
  const computed = compute();
  if (!computed) return { holds: true, statedInterval };
  if (computed.overlaps(statedInterval)) return { holds: true, computed, statedInterval };
  const outcome: RelationOutcome = { holds: false, computed, statedInterval };
  const point = evaluate(inputs.map((figure) => Interval.exact(figure.value)));
  if (point) outcome.point = point.mid;
  const fixes: { figure: Figure; exponent: number }[] = [];
  inputs.forEach((figure, index) => {
    if (!isMoney(figure)) return;
    for (const exponent of SLIP_EXPONENTS) {
      const result = compute({ index, exponent });
      if (result?.overlaps(statedInterval)) fixes.push({ figure, exponent });
    }
  });
  if (isMoney(stated)) {
    for (const exponent of SLIP_EXPONENTS) {
      if (computed.overlaps(Interval.of(stated, exponent))) fixes.push({ figure: stated, exponent });
    }
  }
  if (fixes.length === 1) outcome.unitSlip = fixes[0];
  const checks = failedChecks.get(stated);
  if (checks) checks.push({ inputs, outcome });
  else failedChecks.set(stated, [{ inputs, outcome }]);
  return outcome;
}

const UNIT_OF_SCALE: Record<number, string> = { 0: '元', 3: '千元', 4: '万元', 8: '亿元' };

/** A value in base units shown in a figure's unit with `decimals` places: `358.80万元`. */
export function showIn(value: Decimal, like: Figure, decimals = like.decimals): string {
  if (like.kind === 'amount') {
    return `${fixed(value.div(pow10(like.scale)), decimals)}${UNIT_OF_SCALE[like.scale] ?? like.unit}`;
  }
  if (like.kind === 'percent') return `${fixed(value, decimals)}%`;
  return `${fixed(value.div(pow10(like.scale)), decimals)}${like.unit}`;
}

/**
 * A figure as printed, compactly: `176.12万元`, `50.92%`. An amount whose unit was given elsewhere (the
 * table's `单位：万元`, a header) gets it appended.
 */
export function show(figure: Figure): string {
  const printed = figure.raw.replace(/\s+/g, '');
  return figure.kind === 'amount' && figure.unitSource !== 'printed' && figure.unit && !printed.endsWith(figure.unit) ? printed + figure.unit : printed;
}

/** Half-width of an interval in a figure's unit: the rounding tolerance, `0.015万元`. */
export function showTolerance(radius: Decimal, like: Figure): string {
  const scaled = radius.div(pow10(like.scale));
  return `${plain(scaled)}${like.kind === 'amount' ? UNIT_OF_SCALE[like.scale] ?? like.unit : like.kind === 'percent' ? '%' : like.unit}`;
}

/** The rounding tolerance of a failed check: the half-widths of both sides added. */
export function tolerance(outcome: RelationOutcome): Decimal {
  return (outcome.computed?.radius ?? new Decimal(0)).plus(outcome.statedInterval.radius);
}

export function maxDecimals(figures: Figure[]): number {
  return Math.max(0, ...figures.map((f) => f.decimals));
}

/** Explanation of a unit slip: `2.23元 若为 2.23万元 则关系成立`. */
export function slipText(slip: { figure: Figure; exponent: number }): string {
  const target = slip.figure.scale + slip.exponent;
  return `${show(slip.figure)} 若按 ${slip.figure.number}${UNIT_OF_SCALE[target] ?? `×10^${slip.exponent}`} 计则关系成立`;
}

export const UNIT_NAME = UNIT_OF_SCALE;

/** What a slipped figure should read: `2.23万元`. */
export function unitExpected(slip: { figure: Figure; exponent: number }): string {
  return `${slip.figure.number}${UNIT_OF_SCALE[slip.figure.scale + slip.exponent] ?? ''}`;
}

/** Where a figure is, as a reader finds it: `第 2 页第 7 行`, or the Word locator `第 18 段`. */
export function placeOf(figure: Figure): string {
  return figure.location.locator ?? `第 ${figure.location.page} 页第 ${figure.location.line} 行`;
}

/**
 * How a figure is named in a message: its concept's words, else the words before it back to the
 * clause start, brackets kept (`因公出国（境）费支出`), so a reader recognizes the line.
 */
export function nameOf(mention: Mention): string {
  // A concept's words may start inside quotes (`三公”经费`): give the reader both marks.
  if (mention.conceptLabel) return /^[^“]*”/.test(mention.conceptLabel) ? `“${mention.conceptLabel}` : mention.conceptLabel;
  return mention.name;
}

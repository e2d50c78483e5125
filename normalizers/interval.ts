/**
 * Rounding intervals (XBRL Calculations 1.1, statcheck): a figure printed with d decimals
 * stands for [x − ½·10⁻ᵈ, x + ½·10⁻ᵈ] scaled by its unit. Arithmetic on intervals gives
 * every value the inputs allow; a stated result holds when its interval overlaps that range.
 */
import type { Figure } from '../model/figure.js';
import { Decimal, plain, pow10 } from './decimal.js';

/** Each figure's interval, by figure object (figures are not changed once read). */
const OWN_INTERVAL = new WeakMap<object, Interval>();

export class Interval {
  constructor(
    readonly lo: Decimal,
    readonly hi: Decimal,
  ) {}

  static exact(value: Decimal | number | string): Interval {
    const v = new Decimal(value);
    return new Interval(v, v);
  }

  /** The interval a printed figure stands for, in base units; `extraScale` rescales by 10^k (unit slips). */
  static of(figure: Pick<Figure, 'value' | 'decimals' | 'scale'>, extraScale = 0): Interval {
    // A figure's own interval is built once: rules compare the same figures many times.
    if (extraScale === 0) {
      const known = OWN_INTERVAL.get(figure);
      if (known) return known;
    }
    const factor = pow10(extraScale);
    const value = new Decimal(figure.value).times(factor);
    const half = pow10(-figure.decimals).times(pow10(figure.scale)).times(factor).div(2);
    const interval = new Interval(value.minus(half), value.plus(half));
    if (extraScale === 0) OWN_INTERVAL.set(figure, interval);
    return interval;
  }

  /**
   * A score: `5 分` is assigned, not measured, so a whole score is exact; a score with decimals
   * (`94.17 分`, often a weighted result) stands for its rounding interval.
   */
  static ofScore(figure: Pick<Figure, 'value' | 'decimals' | 'scale'>): Interval {
    return figure.decimals === 0 ? Interval.exact(figure.value) : Interval.of(figure);
  }

  get mid(): Decimal {
    return this.lo.plus(this.hi).div(2);
  }

  /** Half the width: the rounding tolerance. */
  get radius(): Decimal {
    return this.hi.minus(this.lo).div(2);
  }

  add(other: Interval): Interval {
    return new Interval(this.lo.plus(other.lo), this.hi.plus(other.hi));
  }

  sub(other: Interval): Interval {
    return new Interval(this.lo.minus(other.hi), this.hi.minus(other.lo));
  }

  mul(other: Interval): Interval {
    const products = [this.lo.times(other.lo), this.lo.times(other.hi), this.hi.times(other.lo), this.hi.times(other.hi)];
    return new Interval(Decimal.min(...products), Decimal.max(...products));
  }

  /** Undefined when the divisor's interval contains zero. */
  div(other: Interval): Interval | undefined {
    if (other.lo.lte(0) && other.hi.gte(0)) return undefined;
    const quotients = [this.lo.div(other.lo), this.lo.div(other.hi), this.hi.div(other.lo), this.hi.div(other.hi)];
    return new Interval(Decimal.min(...quotients), Decimal.max(...quotients));
  }

  scale(factor: Decimal | number): Interval {
    const f = new Decimal(factor);
    const a = this.lo.times(f);
    const b = this.hi.times(f);
    return a.lte(b) ? new Interval(a, b) : new Interval(b, a);
  }

  neg(): Interval {
    return new Interval(this.hi.neg(), this.lo.neg());
  }

  abs(): Interval {
    if (this.lo.gte(0)) return this;
    if (this.hi.lte(0)) return this.neg();
    return new Interval(new Decimal(0), Decimal.max(this.lo.abs(), this.hi.abs()));
  }

  overlaps(other: Interval): boolean {
    return this.lo.lte(other.hi) && other.lo.lte(this.hi);
  }

  /** Distance between the intervals (0 when they overlap). */
  gap(other: Interval): Decimal {
    if (this.overlaps(other)) return new Decimal(0);
    return this.hi.lt(other.lo) ? other.lo.minus(this.hi) : this.lo.minus(other.hi);
  }

  toString(): string {
    return `[${plain(this.lo)}, ${plain(this.hi)}]`;
  }
}

export function sum(intervals: Interval[]): Interval {
  return intervals.reduce((acc, item) => acc.add(item), Interval.exact(0));
}

/** A decimal rounded to `decimals` places, as printed (`358.80`). */
export function fixed(value: Decimal, decimals: number): string {
  return value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals);
}

/**
 * (now − before) / before × 100, as now / before − 1 so that each figure enters once: interval
 * arithmetic on (now − before) / before would let `before` take two values at once and widen the range.
 */
export function growthRate(now: Interval, before: Interval): Interval | undefined {
  return now.div(before)?.sub(Interval.exact(1)).scale(100);
}


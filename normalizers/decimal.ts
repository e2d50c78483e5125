/** The one Decimal configuration every stage uses: exact decimals, never floats. */
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 50, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

/** A decimal as a plain string without exponent or trailing zeros (`3588400`, `0.0587`). */
export function plain(value: Decimal): string {
  const fixed = value.toFixed();
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

const POWERS = new Map<number, Decimal>();

/** 10^exponent, cached: units and rounding steps ask for the same few powers all the time. */
export function pow10(exponent: number): Decimal {
  let power = POWERS.get(exponent);
  if (!power) {
    power = new Decimal(10).pow(exponent);
    POWERS.set(exponent, power);
  }
  return power;
}

/** Chinese numerals that carry quantities: 十二 → 12, 两 → 2, 一百二十 → 120, 三千零五 → 3005. */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/** Value of a Chinese numeral string, or undefined when it isn't one. Integers only. */
export function parseChineseNumeral(text: string): number | undefined {
  if (!text) return undefined;
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const char of text) {
    if (char in DIGITS) {
      digit = DIGITS[char];
    } else if (char in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[char]!;
      digit = undefined;
    } else if (char in BIG_UNITS) {
      section += digit ?? 0;
      total += (section || 1) * BIG_UNITS[char]!;
      section = 0;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + section + (digit ?? 0);
}

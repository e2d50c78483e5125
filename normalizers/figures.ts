/**
 * Every number in a text unit → a Figure with its exact value, printed decimals, unit and span.
 *
 * Dates, years, phone and document numbers, ordinals (`第 3`), list markers (`1.`, `（2）`),
 * web addresses, e-mail addresses and long code-like digit strings (ID numbers, 统一社会信用代码)
 * are recognised first and kept out: they are not quantities, and no check may use them.
 */
import type { Figure, FigureKind } from '../model/figure.js';
import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './chinese-numerals.js';
import { Decimal, plain, pow10 } from './decimal.js';

/** A figure as found in a unit, before it gets its id and document location. */
export interface FoundFigure {
  start: number;
  /** End of the whole figure including its unit (exclusive). */
  end: number;
  raw: string;
  number: string;
  decimals: number;
  kind: FigureKind;
  unit: string;
  scale: number;
  unitSource: Figure['unitSource'];
  value: string;
  comparator?: Figure['comparator'];
  chineseNumeral?: boolean;
}

interface UnitSpec {
  kind: FigureKind;
  unit: string;
  scale: number;
}

const AMOUNT_UNITS: Record<string, UnitSpec> = {
  亿元: { kind: 'amount', unit: '亿元', scale: 8 },
  万元: { kind: 'amount', unit: '万元', scale: 4 },
  千元: { kind: 'amount', unit: '千元', scale: 3 },
  元: { kind: 'amount', unit: '元', scale: 0 },
};

export const COUNT_UNITS = ['人次', '人', '家次', '家', '项', '个', '件', '名', '次', '条', '宗', '笔', '批次', '台', '户', '所', '辆', '份', '篇', '期', '组', '张', '套', '床', '起', '宗'];

/** Unit text right after a number (spaces allowed before it). Longest alternatives first. */
const UNIT_PATTERN = new RegExp(
  '^\\s*(' +
    [
      '亿元', '万元', '千元', '元',
      '个百分点', '百分点',
      '%', '‰',
      '万(?:' + COUNT_UNITS.join('|') + ')', '亿(?:' + COUNT_UNITS.join('|') + ')',
      '分(?![别配析解类钟期批布散担摊拨享管工级组层])',
      '个(?!月)', ...COUNT_UNITS.filter((u) => u !== '个'),
      '万', '亿',
    ].join('|') +
    ')',
);

function unitSpec(unitText: string, following: string): UnitSpec | undefined {
  const amount = AMOUNT_UNITS[unitText];
  if (amount) return amount;
  if (unitText === '%') return { kind: 'percent', unit: '%', scale: 0 };
  if (unitText === '‰') return { kind: 'permille', unit: '‰', scale: 0 };
  if (unitText === '个百分点' || unitText === '百分点') return { kind: 'points', unit: '个百分点', scale: 0 };
  if (unitText === '分') return { kind: 'score', unit: '分', scale: 0 };
  if (unitText === '万' || unitText === '亿') {
    const scale = unitText === '万' ? 4 : 8;
    // `1720.00万，` is money written without 元; `12.31 万困难群众` is a count of people.
    if (/^[\u4e00-\u9fff]/.test(following)) return { kind: 'number', unit: unitText, scale };
    return { kind: 'amount', unit: `${unitText}元`, scale };
  }
  if (unitText.length > 1 && (unitText.startsWith('万') || unitText.startsWith('亿'))) {
    return { kind: 'count', unit: unitText, scale: unitText.startsWith('万') ? 4 : 8 };
  }
  return { kind: 'count', unit: unitText, scale: 0 };
}

const COMPARATORS: [RegExp, Figure['comparator']][] = [
  [/(?:≥|>=|不低于|不少于|大于等于|不小于|以上)\s*$/, '>='],
  [/(?:≤|<=|不高于|不超过|不大于|小于等于|以内)\s*$/, '<='],
  [/(?:>|大于|超过|高于)\s*$/, '>'],
  [/(?:<|小于|低于)\s*$/, '<'],
];

/** Top-level domains a bare host name (no `http://`, no `www.`) may end in. */
const TLDS = 'com|cn|net|org|gov|edu|mil|int|info|biz|top|xyz|site|online|io|co|cc|tv|me|hk|mo|tw|uk|us|jp|de';
/** URL characters after the host: ASCII only, so the Chinese text that follows is never swallowed. */
const PATH = "[A-Za-z0-9\\-._~/?#%&=+@!$*:]*";
/**
 * Web and e-mail addresses: `https://…`, `www.…`, any `host.gov.cn/path`, `name@host.cn`.
 * Shared with the rules that read text (a placeholder rule must not read the `xx` of `www.sxx.gov.cn`).
 */
const LINK_PATTERNS: RegExp[] = [
  new RegExp(`(?:https?|ftp)://${PATH}`, 'gi'),
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
  new RegExp(`(?<![A-Za-z0-9@.-])www\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*(?::\\d+)?(?:/${PATH})?`, 'gi'),
  new RegExp(`(?<![A-Za-z0-9@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)+(?:${TLDS})(?![A-Za-z0-9-])(?::\\d+)?(?:/${PATH})?`, 'gi'),
];

/** Spans of web and e-mail addresses in `text`, a trailing sentence dot left out. */
export function linkSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const pattern of LINK_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const trimmed = match[0].replace(/[.:?!]+$/, '');
      spans.push([match.index, match.index + trimmed.length]);
    }
  }
  return spans;
}

/** Spans that hold numbers which are not quantities. */
function excludedSpans(text: string, context: FigureContext): [number, number][] {
  const spans: [number, number][] = linkSpans(text);
  const add = (pattern: RegExp) => {
    for (const match of text.matchAll(pattern)) spans.push([match.index, match.index + match[0].length]);
  };
  // Dates and years: 2025 年 12 月 31 日, 2026. 3. 20, 2023-04-13, 1—12 月, 12 月, 31 日, 2025 年度
  add(/(?:19|20)\d{2}\s*[.．/-]\s*\d{1,2}\s*[.．/-]\s*\d{1,2}(?!\d)/g);
  add(/(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?/g);
  add(/\d{1,2}\s*[—–\-~～至到]\s*\d{1,2}\s*月/g);
  add(/(?<![\d.])\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?/g);
  add(/(?<![\d.])\d{1,2}\s*日/g);
  add(/(?<![\d.])(?:19|20)\d{2}(?=\s*(?:[-—–~至到和、]\s*(?:19|20)\d{2}\s*年|届|级))/g);
  // A year left as a placeholder: 20xx 年, 20××, 202X (the 20 is not a quantity either).
  add(/(?<![\d.])(?:19|20)(?:\d[Xx×]|[Xx×]{2})(?![A-Za-z\d])/g);
  // Phone numbers: 0753-2595939, 0551 1234567, (0557)6012345, 13912345678, 139-1234-5678, 400-123-4567,
  // and any digits after a label (联系电话：2862892, 传真 (0557) 6012345, 邮编：610000). Numbers split by
  // single spaces only (`150 2000 3000`) are left alone: that is also how a table row reads.
  add(/(?<!\d)\d{3,4}-\d{7,8}(?!\d)/g);
  add(/(?<![\d.])0\d{2,3}[ -]?\d{7,8}(?!\d|\.\d)/g);
  add(/[(（]\s*0\d{2,3}\s*[)）]\s*-?\s*\d{7,8}(?!\d|\.\d)/g);
  add(/(?<![\d.])(?:\+?86-?)?1[3-9]\d(?:\d{8}|-\d{4}-\d{4})(?!\d|\.\d)/g);
  add(/(?<![\d.])[48]00-\d{3}-\d{4}(?!\d|\.\d)/g);
  add(/(?<![A-Za-z])(?:电话|手机|传真|热线|联系方式|邮编|邮政编码|Tel|TEL|tel|Fax|FAX)(?:号码)?\s*[:：]?\s*(?:[(（]\s*\d{3,4}\s*[)）])?[\d\s-]{5,}/g);
  // Document numbers: 金财政〔2025〕10 号, (2009)21号, 呼财农指【2023】10号, 财预﹝2024﹞5号, [2019]第3号, 第35号, 10 号
  add(/[〔\[［(（【〖﹝]\s*(?:19|20)\d{2}\s*[〕\]］)）】〗﹞]\s*(?:第\s*)?\d+\s*号?/g);
  add(/\d+\s*号/g);
  // Ordinals: 第 105 项, 第6, 第一批
  add(/第\s*[\d零一二两三四五六七八九十百]+/g);
  // List markers: at the start, or parenthesised small integers anywhere: （2） (3)
  add(/^\s*\d{1,2}\s*[.．、](?!\d)/g);
  add(/^\s*\d{1,2}\s*[.．](?=\s*(?:19|20)\d{2}\s*年)/g);
  add(/[（(]\s*\d{1,2}\s*[)）]/g);
  add(/[；;。:：]\s*\d{1,2}\s*[、.．](?![\d])/g);
  // Codes glued to Latin letters or inside a code: Z01-1, 财决01-1表, GB/T 2260, 4567组 is fine.
  add(/[A-Za-z]+\d+(?:-\d+)*|\d+(?:-\d+)+[A-Za-z表]/g);
  add(/\d+(?=[A-Za-z])/g);
  // ID-like digit strings (ID card and account numbers, credit codes): 11 digits or more, no decimal
  // point, no printed unit. A table cell in 元 may hold a large amount without separators (11 digits
  // is 100 亿元), so there the digits must also say more than 10¹⁴ 元 to be taken for a code.
  const inherited = context.inheritedUnit && inheritedSpec(context.inheritedUnit.unit);
  const minDigits = inherited?.kind === 'amount' ? Math.max(11, 15 - inherited.scale) : 11;
  for (const match of text.matchAll(/(?<![\d.,])\d{11,}(?!\d|[.,]\d)/g)) {
    if (match[0].length < minDigits) continue;
    if (UNIT_PATTERN.exec(text.slice(match.index + match[0].length))?.[1]) continue;
    spans.push([match.index, match.index + match[0].length]);
  }
  // Chinese numerals that are names, not quantities: 十九大, 二十届, 十四五, 中央八项规定, 三条禁令
  add(/[一二三四五六七八九十]{1,3}(?:大|届)(?=[\u4e00-\u9fff])/g);
  add(/十[一二三四五六]五/g);
  add(/[一二三四五六七八九十]{1,2}[项条](?=规定|原则|准则|禁令|纪律)/g);
  return spans;
}

/**
 * Whether [start, end) overlaps any of `spans`, by binary search over the spans merged and sorted
 * once: a text with many dates and codes costs n log n, not one scan of them per number.
 */
function overlapTest(spans: [number, number][]): (start: number, end: number) => boolean {
  const merged: [number, number][] = [];
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return (start, end) => {
    // The last merged span starting before `end`: it is the only one that can overlap.
    let lo = 0;
    let hi = merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (merged[mid]![0] < end) lo = mid + 1;
      else hi = mid;
    }
    const candidate = merged[lo - 1];
    return Boolean(candidate && start < candidate[1]);
  };
}

const ARABIC = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+\.\d+|\d+(?:\.\d+)?)/g;
const CHINESE = new RegExp(`(?<![第\\d.\\s${CHINESE_NUMERAL_CHARS}])[零〇一二两三四五六七八九十][${CHINESE_NUMERAL_CHARS}]*(?=(?:万元|亿元|元|人次|人|家|项|个(?!月)|件|名|条|宗))`, 'g');

function signBefore(text: string, start: number): { sign: '' | '-' | '+'; start: number } {
  const char = text[start - 1];
  if (char !== '-' && char !== '+') return { sign: '', start };
  // A minus after a number or a closing bracket is subtraction, not a sign.
  let k = start - 2;
  while (k >= 0 && text[k] === ' ') k--;
  const before = k >= 0 ? text[k]! : '';
  if (/[\d)）%]/.test(before)) return { sign: '', start };
  return { sign: char, start: start - 1 };
}

export interface FigureContext {
  /** Unit that applies to bare numbers (a table's `单位：万元`, or the cell's unit column). */
  inheritedUnit?: { unit: string; source: 'table' | 'caption' | 'context' };
}

function inheritedSpec(unit: string): UnitSpec | undefined {
  const amount = AMOUNT_UNITS[unit];
  if (amount) return amount;
  if (unit === '%' || unit === '％') return { kind: 'percent', unit: '%', scale: 0 };
  if (unit === '分') return { kind: 'score', unit: '分', scale: 0 };
  if (unit === '万') return { kind: 'amount', unit: '万元', scale: 4 };
  if (COUNT_UNITS.includes(unit)) return { kind: 'count', unit, scale: 0 };
  return undefined;
}

/** Every quantity in `text`. Figures come out in text order. */
export function findFigures(text: string, context: FigureContext = {}): FoundFigure[] {
  const excluded = overlapTest(excludedSpans(text, context));
  const found: FoundFigure[] = [];
  for (const match of text.matchAll(ARABIC)) {
    const digitsStart = match.index;
    const digitsEnd = digitsStart + match[0].length;
    // The tail of a longer token the regex split (`1.2.3`, a version or section number).
    if (/[\d.]/.test(text[digitsStart - 1] ?? '')) continue;
    if (excluded(digitsStart, digitsEnd)) continue;
    const { sign, start } = signBefore(text, digitsStart);
    const digits = match[0].replace(/[, ]/g, '');
    const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
    const after = text.slice(digitsEnd);
    const unitMatch = UNIT_PATTERN.exec(after);
    let spec: UnitSpec | undefined;
    let unitSource: Figure['unitSource'] = 'none';
    let end = digitsEnd;
    if (unitMatch?.[1]) {
      spec = unitSpec(unitMatch[1], after.slice(unitMatch[0].length));
      end = digitsEnd + unitMatch[0].length;
      unitSource = 'printed';
    } else if (context.inheritedUnit) {
      spec = inheritedSpec(context.inheritedUnit.unit);
      if (spec) unitSource = context.inheritedUnit.source;
    }
    spec ??= { kind: 'number', unit: '', scale: 0 };
    const number = `${sign === '-' ? '-' : ''}${digits}`;
    const value = new Decimal(number).times(pow10(spec.scale));
    const figure: FoundFigure = {
      start,
      end,
      raw: text.slice(start, end).trim(),
      number: plain(new Decimal(number)) === '-0' ? '0' : number.replace(/^(-?)0+(?=\d)/, '$1'),
      decimals,
      kind: spec.kind,
      unit: spec.unit,
      scale: spec.scale,
      unitSource,
      value: plain(value),
    };
    const before = text.slice(Math.max(0, start - 6), start);
    for (const [pattern, comparator] of COMPARATORS) {
      if (pattern.test(before)) {
        figure.comparator = comparator;
        break;
      }
    }
    found.push(figure);
  }
  for (const match of text.matchAll(CHINESE)) {
    const start = match.index;
    const numeral = parseChineseNumeral(match[0]);
    if (numeral === undefined || excluded(start, start + match[0].length)) continue;
    // `一是`, `十九大` never reach here (no unit follows); guard against words like 一般 anyway.
    const after = text.slice(start + match[0].length);
    const unitMatch = UNIT_PATTERN.exec(after);
    if (!unitMatch?.[1]) continue;
    const spec = unitSpec(unitMatch[1], after.slice(unitMatch[0].length));
    if (!spec) continue;
    const end = start + match[0].length + unitMatch[0].length;
    found.push({
      start,
      end,
      raw: text.slice(start, end),
      number: String(numeral),
      decimals: 0,
      kind: spec.kind,
      unit: spec.unit,
      scale: spec.scale,
      unitSource: 'printed',
      value: plain(new Decimal(numeral).times(pow10(spec.scale))),
      chineseNumeral: true,
    });
  }
  found.sort((a, b) => a.start - b.start);
  shareListUnits(text, found);
  return found;
}

/** Only a list mark between two figures: `226.50、98.30 万元`, `2,318.62 和 2,336.05 万元`. */
const LIST_GAP = /^\s*[、和及与]\s*$/;

/**
 * `分别为 226.50、98.30 万元`: a unit printed after the last figure of a list is every figure's. A bare
 * number right before a list mark takes the unit of the next figure, back to the list's start.
 */
function shareListUnits(text: string, found: FoundFigure[]): void {
  for (let i = found.length - 2; i >= 0; i--) {
    const figure = found[i]!;
    const next = found[i + 1]!;
    if (figure.kind !== 'number' || figure.unitSource !== 'none' || next.kind === 'number' || next.kind === 'points') continue;
    if (!LIST_GAP.test(text.slice(figure.end, next.start))) continue;
    figure.kind = next.kind;
    figure.unit = next.unit;
    figure.scale = next.scale;
    figure.unitSource = 'context';
    figure.value = plain(new Decimal(figure.number).times(pow10(next.scale)));
  }
}

/** Is this figure a quantity a check may use (not a bare number without unit)? */
export function isQuantity(figure: Pick<Figure, 'kind'>): boolean {
  return figure.kind !== 'number';
}

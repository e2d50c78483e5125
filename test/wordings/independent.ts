/**
 * An independent generator of the issue-23 wording families: other vocabulary, other templates,
 * other subjects and other printing than test/wordings/families.ts, written without its helpers, so
 * that a grammar tuned to that generator's sentences shows its gaps here. Every word used is one the
 * lexicon (normalizers/lexicon.ts) claims to accept; sentences are modelled on real disclosures
 * (决算/预算说明, 三公, 自评表) without copying any one document's wording.
 *
 * Printing: 元/万元/亿元 mixed within a sentence, 0–2 decimals, thousands separators, full-width
 * digits and percent signs, the minus sign `−`, full- or half-width punctuation, an optional title
 * that fixes the fiscal year (so `2022 年` is the previous year), and line wraps anywhere outside a
 * figure (inside words, as PDF text gives them).
 *
 * Oracle: every figure is printed from exact decimals (decimal.js); a relation's allowed range is
 * evaluated at the corners of its operands' rounding ranges; a slip is planted only where that range
 * rules the stated figure out with a margin (a truncated percent reaches one step up), else the case
 * is consistent.
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { Family, SlipKind, WordingCase } from './families.js';

// ---------------------------------------------------------------------------------------------
// Printing

type Unit = '元' | '万元' | '亿元';
const EXPONENT: Record<Unit, number> = { 元: 0, 万元: 4, 亿元: 8 };

interface Printing {
  /** ，；：（） or ,;:() */
  wide: boolean;
  thousands: boolean;
  /** １２３ (NFKC makes them ASCII). */
  fullDigits: boolean;
  /** A space between number and unit, and around figures. */
  gap: boolean;
  /** ％ instead of %. */
  widePercent: boolean;
  /** − (U+2212) instead of - for a negative. */
  unicodeMinus: boolean;
}

const printingArb: fc.Arbitrary<Printing> = fc.record({
  wide: fc.boolean(),
  thousands: fc.boolean(),
  fullDigits: fc.boolean(),
  gap: fc.boolean(),
  widePercent: fc.boolean(),
  unicodeMinus: fc.boolean(),
});

/** An amount as a document prints it: the printed number in its unit, and the exact 元 it says. */
interface Amount {
  unit: Unit;
  decimals: number;
  /** The printed number in its unit (already rounded). */
  shown: Decimal;
}

function amount(yuan: Decimal.Value, unit: Unit, decimals: number): Amount {
  return { unit, decimals, shown: new Decimal(yuan).div(new Decimal(10).pow(EXPONENT[unit])).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP) };
}
const yuanOf = (a: Amount): Decimal => a.shown.times(new Decimal(10).pow(EXPONENT[a.unit]));
/** The 元 range a printed amount stands for. */
function rangeOfAmount(a: Amount): [Decimal, Decimal] {
  const half = new Decimal(10).pow(EXPONENT[a.unit] - a.decimals).div(2);
  return [yuanOf(a).minus(half), yuanOf(a).plus(half)];
}

const WIDE_DIGITS = '０１２３４５６７８９';
function numberText(value: Decimal, decimals: number, p: Printing, grouping = p.thousands): string {
  let text = value.abs().toFixed(decimals);
  if (grouping) {
    const [int, frac] = text.split('.');
    text = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  if (p.fullDigits) text = text.replace(/\d/g, (d) => WIDE_DIGITS[Number(d)]!);
  return (value.isNegative() ? (p.unicodeMinus ? '−' : '-') : '') + text;
}
const money = (a: Amount, p: Printing): string => `${numberText(a.shown, a.decimals, p)}${p.gap ? ' ' : ''}${a.unit}`;
/** The number alone (a listed figure whose unit follows the last of the list). */
const bareMoney = (a: Amount, p: Printing): string => numberText(a.shown, a.decimals, p);
const percent = (value: Decimal, decimals: number, p: Printing): string => `${numberText(value, decimals, p, false)}${p.widePercent ? '％' : '%'}`;

const mark = (p: Printing, m: '，' | '；' | '：' | '（' | '）'): string => (p.wide ? m : ({ '，': ',', '；': ';', '：': ':', '（': '(', '）': ')' } as const)[m]);
const sp = (p: Printing): string => (p.gap ? ' ' : '');

/** Raw figure spans that a wrap must not cut: digits with their unit, percent sign or 年. */
const FIGURE = /[-−]?[\d０-９][\d０-９,.．]*\s*(?:亿元|万元|元|%|％|年度?|个|项)?/g;

/** Breaks lines at the given offsets (fractions of the length), never inside a figure. */
function wrapLines(text: string, cuts: number[] | undefined): string {
  if (!cuts) return `${text}\n`;
  const spans = [...text.matchAll(FIGURE)].map((m) => [m.index, m.index + m[0].length] as const);
  // A wrap never leaves a line blank (a blank line ends a paragraph): no cut next to another, a space or a line end.
  const positions = new Set<number>();
  for (const at of cuts.map((f) => Math.floor(f * text.length)).sort((x, y) => x - y)) {
    const near = positions.has(at - 1) || positions.has(at) || /\s/.test(text[at] ?? '\n') || /\s/.test(text[at - 1] ?? '\n');
    if (at > 0 && at < text.length - 1 && !near && !spans.some(([a, b]) => at > a && at < b)) positions.add(at);
  }
  let out = '';
  for (let i = 0; i < text.length; i++) out += `${positions.has(i) ? '\n' : ''}${text.charAt(i)}`;
  return `${out}\n`;
}
const cutsArb = fc.option(fc.array(fc.double({ min: 0.02, max: 0.98, noNaN: true }), { minLength: 1, maxLength: 5 }), { nil: undefined });

// ---------------------------------------------------------------------------------------------
// The oracle

/** Min and max of f over the corners of the ranges (f monotone in each). */
function corners(ranges: [Decimal, Decimal][], f: (v: Decimal[]) => Decimal | undefined): [Decimal, Decimal] | undefined {
  let lo: Decimal | undefined;
  let hi: Decimal | undefined;
  for (let mask = 0; mask < 1 << ranges.length; mask++) {
    const value = f(ranges.map((r, i) => r[(mask >> i) & 1]!));
    if (!value?.isFinite()) return undefined;
    if (!lo || value.lt(lo)) lo = value;
    if (!hi || value.gt(hi)) hi = value;
  }
  return [lo!, hi!];
}

/** A percent printed with `decimals` is ruled out by the allowed range, even truncated, with a step to spare. */
function percentOut(stated: Decimal, decimals: number, allowed: [Decimal, Decimal] | undefined): boolean {
  if (!allowed) return false;
  const step = new Decimal(10).pow(-decimals);
  const value = stated.abs();
  return value.plus(step.times(2)).lt(allowed[0]) || value.minus(step.times(1.5)).gt(allowed[1]);
}

function amountOut(stated: Amount, allowed: [Decimal, Decimal] | undefined): boolean {
  if (!allowed) return false;
  const [lo, hi] = rangeOfAmount(stated);
  const step = hi.minus(lo);
  return hi.plus(step).lt(allowed[0]) || lo.minus(step).gt(allowed[1]);
}

const pct = (num: Decimal, den: Decimal, decimals: number): Decimal => num.div(den).times(100).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
const growthRange = (now: Amount, before: Amount) => corners([rangeOfAmount(now), rangeOfAmount(before)], ([n, b]) => n!.minus(b!).div(b!).abs().times(100));
const ratioRange = (part: Amount, whole: Amount) => corners([rangeOfAmount(part), rangeOfAmount(whole)], ([a, b]) => a!.div(b!).times(100));
/** A change D over the base it implies: X − D after a rise, X + D after a fall. */
const impliedRange = (now: Amount, change: Amount, up: boolean) =>
  corners([rangeOfAmount(now), rangeOfAmount(change)], ([x, d]) => {
    const base = up ? x!.minus(d!) : x!.plus(d!);
    return base.lte(0) ? undefined : d!.div(base).times(100);
  });

/** The digits of a printed number with its last two differing digits swapped (a typing slip). */
function swapped(a: Amount): Amount | undefined {
  const text = a.shown.toFixed(a.decimals);
  // A decimal's text is ASCII: its characters are its code units.
  const chars = text.split('');
  const positions = chars.flatMap((c, i) => (/\d/.test(c) ? [i] : []));
  for (let k = positions.length - 1; k > 0; k--) {
    const i = positions[k - 1]!;
    const j = positions[k]!;
    if (text[i] !== text[j] && !(i === 0 && text[j] === '0')) {
      const out = [...chars];
      [out[i], out[j]] = [chars[j]!, chars[i]!];
      return { ...a, shown: new Decimal(out.join('')) };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: general words of each class and subjects not in the other generator

const FUNCTIONS = [
  '节能环保支出',
  '城乡社区支出',
  '交通运输支出',
  '公共安全支出',
  '灾害防治及应急管理支出',
  '自然资源海洋气象等支出',
  '资源勘探工业信息等支出',
  '商业服务业等支出',
];
const PROJECTS = ['农村公路养护项目', '高标准农田建设项目', '第3批乡村振兴衔接资金', '智慧城管平台运维（二期）项目', '老旧小区改造补助资金', '12345热线运行经费'];
const SANGONG = ['公务用车购置费', '公务用车运行维护费', '因公出国（境）费用', '公务接待费'];
const SUBJECTS = [...FUNCTIONS, ...PROJECTS];
const UNITS: Unit[] = ['元', '万元', '亿元'];
const COMPARE_PREVIOUS = ['较上年', '与上年相比', '同比', '比上年度', '较上年度', '较上年决算数', '比2022年'];
const UP_CHANGE = ['增加', '增长', '上升', '提高', '增支'];
const DOWN_CHANGE = ['减少', '下降', '降低', '压减', '节约', '减支'];
const UP_RATE = ['增幅', '增长率', '增长', '上升'];
const DOWN_RATE = ['降幅', '下降比例', '下降', '降低'];
const INTERJECTIONS = (p: Printing) => [`${mark(p, '（')}详见附表3${mark(p, '）')}`, `${mark(p, '（')}数据来源：财务决算报表${mark(p, '）')}`, ''];
const TITLES = ['某县自然资源局2023年度部门决算说明', '某市城市管理局2023年部门决算公开', ''];

/** Document title, or none: with one, `2022年` is the previous year. */
const head = (title: string) => (title ? `# ${title}\n\n` : '');

function bounds(unit: Unit): [number, number] {
  // 元 figures of an office, 万元 of a department, 亿元 of a region (in 元).
  if (unit === '元') return [20_000, 9_000_000];
  if (unit === '万元') return [2_000_000, 900_000_000];
  return [2_000_000_000, 90_000_000_000];
}

/** Two amounts that differ enough to fix a direction and a rate: at least 60 printed steps and 1.5 %. */
const yearPairArb = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    decimals: fc.integer({ min: 0, max: 2 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    factor: fc.oneof(fc.double({ min: 0.5, max: 0.97, noNaN: true }), fc.double({ min: 1.03, max: 1.9, noNaN: true })),
  })
  .map(({ unit, decimals, at, factor }) => {
    const [lo, hi] = bounds(unit);
    const before = Math.round(lo + at * (hi - lo));
    return { unit, decimals, now: amount(Math.round(before * factor), unit, decimals), before: amount(before, unit, decimals) };
  })
  .filter(({ now, before }) => {
    const step = new Decimal(10).pow(-now.decimals);
    return now.shown.minus(before.shown).abs().gte(step.times(60)) && Decimal.min(now.shown, before.shown).gte(step.times(1500));
  });

type Slip = WordingCase['slip'];
const slip = (kind: SlipKind, ruleId: string, statedRaw: string, operandRaws: string[]): Slip => ({ kind, ruleId, statedRaw, operandRaws });

// ---------------------------------------------------------------------------------------------
// 1. A change after an amount

const changeAfterAmount: Family = {
  name: 'ind-change-after-amount',
  templates: [
    'S决算数 X，较上年度决算数 WORD D，RATE为 P',
    'S X，同比 WORD D（详见附表3），RATE P',
    'S X，占…比重为 Q，与上年相比，WORD D，RATE P',
    'S X，比上年度 WORD P，WORD D (rate first)',
    'S X，较上年 WORD D，变动率 ±P',
    'S X，比2022年 WORD D，主要原因是…；RATE P',
    'S决算 X，较年初预算增加 E，较上年 WORD D，RATE P (a change on the budget between)',
    'S X，按同口径同比 WORD了 D，RATE了 P / 负增长 P',
    'S支出 X，与2022年度预算相比，WORD D，RATE P (the base is whatever X − D is)',
  ],
  arbitrary: fc
    .record({
      subject: fc.constantFrom(...SUBJECTS),
      pair: yearPairArb,
      changeUnit: fc.constantFrom<Unit | undefined>(undefined, '元', '万元'),
      template: fc.integer({ min: 0, max: 8 }),
      word: fc.nat(10),
      rateDecimals: fc.integer({ min: 0, max: 2 }),
      p: printingArb,
      cuts: cutsArb,
      title: fc.constantFrom(...TITLES),
      overBudget: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
      aside: fc.nat(2),
      slip: fc.option(fc.constantFrom<SlipKind>('rate', 'wrong-base', 'change-amount', 'swapped-digits'), { nil: undefined }),
    })
    .map((c) => {
      const { p } = c;
      const up = c.pair.now.shown.gt(c.pair.before.shown);
      const X = c.pair.now;
      // The change may be printed in another unit than the amount (`1,234.56 万元，比上年减少 85,300 元`).
      // One unit step down at most: a change of a 亿元 line is not printed in 元 (11 bare digits read as no amount).
      const changeUnit = c.changeUnit && EXPONENT[c.changeUnit] <= EXPONENT[X.unit] && EXPONENT[X.unit] - EXPONENT[c.changeUnit] <= 4 ? c.changeUnit : X.unit;
      const changeDecimals = changeUnit === X.unit ? X.decimals : Math.max(0, X.decimals - (EXPONENT[X.unit] - EXPONENT[changeUnit]));
      let D = amount(yuanOf(X).minus(yuanOf(c.pair.before)).abs(), changeUnit, changeDecimals);
      const trueRate = pct(yuanOf(D), up ? yuanOf(X).minus(yuanOf(D)) : yuanOf(X).plus(yuanOf(D)), c.rateDecimals);
      let rate = trueRate;
      let planted: Slip;
      const stated = () => ratePrinted();
      const template = c.template === 5 && !c.title ? 0 : c.template;
      const signed = template === 4;
      const ratePrinted = () => percent(signed && !up ? rate.neg() : rate, c.rateDecimals, p);
      if (c.slip === 'rate' || c.slip === 'wrong-base') {
        const wrong = c.slip === 'rate' ? trueRate.plus(1 + (c.word % 4)).toDecimalPlaces(c.rateDecimals) : pct(yuanOf(D), yuanOf(X), c.rateDecimals);
        // D over X is 100 % when X = D: no base slip then (any rate of a line that halved and doubled reads so).
        if (percentOut(wrong, c.rateDecimals, impliedRange(X, D, up)) && !wrong.eq(100)) rate = wrong;
      } else if (c.slip === 'change-amount' || c.slip === 'swapped-digits') {
        const wrong = c.slip === 'change-amount' ? amount(yuanOf(D).times(1.4), D.unit, D.decimals) : swapped(D);
        if (wrong && wrong.shown.gt(0) && percentOut(rate, c.rateDecimals, impliedRange(X, wrong, up)) && (!up || yuanOf(wrong).lt(yuanOf(X)))) D = wrong;
      }
      if (!rate.eq(trueRate) || !yuanOf(D).eq(yuanOf(X).minus(yuanOf(c.pair.before)).abs())) planted = slip(c.slip!, 'growth-mismatch', stated(), [money(X, p), money(D, p)]);
      const changeWord = (up ? UP_CHANGE : DOWN_CHANGE)[c.word % (up ? UP_CHANGE : DOWN_CHANGE).length]!;
      const rateWord = (up ? UP_RATE : DOWN_RATE)[c.word % 4]!;
      const compare = COMPARE_PREVIOUS[c.word % COMPARE_PREVIOUS.length]!;
      const cm = mark(p, '，');
      const g = sp(p);
      const x = money(X, p);
      const d = money(D, p);
      const P = ratePrinted();
      const aside = INTERJECTIONS(p)[c.aside]!;
      const texts = [
        `${c.subject}决算数${g}${x}${cm}较上年度决算数${changeWord}${g}${d}${cm}${rateWord}为${g}${P}。`,
        `${c.subject}${g}${x}${cm}同比${changeWord}${g}${d}${aside}${cm}${rateWord}${g}${P}。`,
        `${c.subject}${g}${x}${cm}占本部门支出比重为${g}${percent(new Decimal(c.word + 7.25), 2, p)}${cm}与上年相比${cm}${changeWord}${g}${d}${cm}${rateWord}${g}${P}。`,
        `${c.subject}${g}${x}${cm}${compare}${changeWord}${g}${P}${cm}${changeWord}${g}${d}。`,
        `${c.subject}${g}${x}${cm}${compare}${changeWord}${g}${d}${cm}变动率${g}${P}。`,
        `${c.subject}${g}${x}${cm}比2022年${changeWord}${g}${d}${cm}主要原因是业务量${up ? '增加' : '减少'}${mark(p, '；')}${rateWord}${g}${P}。`,
        `${c.subject}决算${g}${x}${cm}较年初预算增加${g}${money(amount(yuanOf(X).times(c.overBudget), X.unit, X.decimals), p)}${cm}较上年${changeWord}${g}${d}${cm}${rateWord}${g}${P}。`,
        up || c.word % 2 === 0
          ? `${c.subject}${g}${x}${cm}按同口径同比${changeWord}了${g}${d}${cm}${rateWord}了${g}${P}。`
          : `${c.subject}${g}${x}${cm}按同口径同比${changeWord}${g}${d}${cm}负增长${g}${P}。`,
        `${c.subject}支出${g}${x}${cm}与2022年度预算相比${cm}${changeWord}${g}${d}${cm}${rateWord}${g}${P}。`,
      ];
      return {
        family: 'ind-change-after-amount',
        template: `T${template}`,
        text: head(template === 5 ? c.title : c.title) + wrapLines(texts[template]!, c.cuts),
        stated: [P],
        ...(planted ? { slip: planted } : {}),
      };
    }),
};

// ---------------------------------------------------------------------------------------------
// 2. The previous year stated

const explicitPrevious: Family = {
  name: 'ind-explicit-previous',
  templates: [
    'S上年决算数 Y，本年决算数 X，同比 WORD P',
    'S由上年度的 Y WORD到 X，RATE P',
    'S从 Y 减至/增至 X，WORD D，RATE P',
    'S X，上年同期 Y，同比 WORD P',
    'S X，与上年度的 Y 相比，WORD P',
    '2022年S Y，2023年 X，较上年 WORD P (title gives the year)',
    'S X，较上年 Y 增长 −P',
    'S X，上年 Y，负增长 P',
    'S2023年预算 X，2022年预算 Y；对比 WORD D；WORD率 P (title gives the year)',
    '与上年决算数 Y 相比，S X，WORD P (the comparison first)',
  ],
  arbitrary: fc
    .record({
      subject: fc.constantFrom(...SUBJECTS, ...SANGONG),
      pair: yearPairArb,
      template: fc.integer({ min: 0, max: 9 }),
      word: fc.nat(10),
      rateDecimals: fc.integer({ min: 0, max: 2 }),
      p: printingArb,
      cuts: cutsArb,
      slip: fc.option(fc.constantFrom<SlipKind>('rate', 'wrong-base', 'swapped-digits', 'direction', 'change-amount'), { nil: undefined }),
    })
    .map((c) => {
      const { p } = c;
      const up = c.pair.now.shown.gt(c.pair.before.shown);
      let X = c.pair.now;
      const Y = c.pair.before;
      const template = (c.template === 6 || c.template === 7) && up ? 4 : c.template;
      const trueRate = pct(yuanOf(X).minus(yuanOf(Y)).abs(), yuanOf(Y), c.rateDecimals);
      let rate = trueRate;
      let D = amount(yuanOf(X).minus(yuanOf(Y)).abs(), X.unit, X.decimals);
      let wordUp = up;
      let planted: Slip;
      const rateP = () => (template === 6 ? percent(rate.neg(), c.rateDecimals, p) : percent(rate, c.rateDecimals, p));
      if (c.slip === 'rate' || c.slip === 'wrong-base') {
        const wrong = c.slip === 'rate' ? trueRate.plus(2.5).toDecimalPlaces(c.rateDecimals) : pct(yuanOf(X).minus(yuanOf(Y)).abs(), yuanOf(X), c.rateDecimals);
        if (percentOut(wrong, c.rateDecimals, growthRange(X, Y))) {
          rate = wrong;
          planted = slip(c.slip, 'growth-mismatch', rateP(), [money(X, p), money(Y, p)]);
        }
      } else if (c.slip === 'swapped-digits') {
        const wrong = swapped(X);
        if (wrong && wrong.shown.gt(Y.shown) === up && percentOut(rate, c.rateDecimals, growthRange(wrong, Y))) {
          X = wrong;
          D = amount(yuanOf(X).minus(yuanOf(Y)).abs(), X.unit, X.decimals);
          planted = slip('swapped-digits', 'growth-mismatch', rateP(), [money(X, p), money(Y, p)]);
        }
      } else if (c.slip === 'direction' && [0, 3, 4, 5, 9].includes(template)) {
        wordUp = !up;
        planted = slip('direction', 'direction-contradiction', rateP(), [money(X, p), money(Y, p)]);
      } else if (c.slip === 'change-amount' && (template === 2 || template === 8)) {
        const wrong = amount(yuanOf(D).times(1.3), D.unit, D.decimals);
        if (
          amountOut(
            wrong,
            corners([rangeOfAmount(X), rangeOfAmount(Y)], ([a, b]) => a!.minus(b!).abs()),
          )
        ) {
          D = wrong;
          planted = slip('change-amount', 'difference-mismatch', money(D, p), [money(X, p), money(Y, p)]);
        }
      }
      const change = (wordUp ? UP_CHANGE : DOWN_CHANGE)[c.word % 4]!;
      const rateWord = (up ? UP_RATE : DOWN_RATE)[c.word % 4]!;
      const cm = mark(p, '，');
      const g = sp(p);
      const x = money(X, p);
      const y = money(Y, p);
      const P = rateP();
      const texts = [
        `${c.subject}上年决算数${g}${y}${cm}本年决算数${g}${x}${cm}同比${change}${g}${P}。`,
        `${c.subject}由上年度的${g}${y}${g}${up ? '增加到' : '下降到'}${g}${x}${cm}${rateWord}${g}${P}。`,
        `${c.subject}从${g}${y}${g}${up ? '增至' : '减至'}${g}${x}${cm}${up ? '增加' : '减少'}${g}${money(D, p)}${cm}${rateWord}${g}${P}。`,
        `${c.subject}${g}${x}${cm}上年同期${g}${y}${cm}同比${change}${g}${P}。`,
        `${c.subject}${g}${x}${cm}与上年度的${g}${y}${g}相比${cm}${change}${g}${P}。`,
        `2022年${c.subject}${g}${y}${cm}2023年${g}${x}${cm}较上年${change}${g}${P}。`,
        `${c.subject}${g}${x}${cm}较上年${g}${y}${g}增长${g}${P}。`,
        `${c.subject}${g}${x}${cm}上年${g}${y}${cm}负增长${g}${P}。`,
        `${c.subject}2023年预算${g}${x}${cm}2022年预算${g}${y}${mark(p, '；')}对比${up ? '增加' : '减少'}${g}${money(D, p)}${mark(p, '；')}${up ? '增加' : '减少'}率${g}${P}。`,
        `与上年决算数${g}${y}${g}相比${cm}${c.subject}${g}${x}${cm}${change}${g}${P}。`,
      ];
      const stated = [P, ...(template === 2 || template === 8 ? [money(D, p)] : [])];
      const title = template === 5 || template === 8 ? TITLES[c.word % 2]! : '';
      return { family: 'ind-explicit-previous', template: `T${template}`, text: head(title) + wrapLines(texts[template]!, c.cuts), stated, ...(planted ? { slip: planted } : {}) };
    }),
};

// ---------------------------------------------------------------------------------------------
// 3. A share of a whole named earlier

const WHOLES = ['本年支出合计', '本年收入合计', '支出总计', '部门支出总额'];

const shareOfWhole: Family = {
  name: 'ind-share-of-named-whole',
  templates: [
    'W T。S X，占W的 P',
    'W为 T，…。S X，占W P (no 的)',
    'W T。S X，占W的比重为 P，较上年…',
    'W T（详见附表3）。S X，在W中所占比例为 P',
    'W T。…S X（aside），占比 P of W: 占W的比例为',
  ],
  arbitrary: fc
    .record({
      subject: fc.constantFrom(...FUNCTIONS),
      whole: fc.constantFrom(...WHOLES),
      unit: fc.constantFrom(...UNITS),
      partUnit: fc.constantFrom<Unit | undefined>(undefined, '万元', '元'),
      decimals: fc.integer({ min: 0, max: 2 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      share: fc.double({ min: 0.02, max: 0.85, noNaN: true }),
      template: fc.integer({ min: 0, max: 4 }),
      rateDecimals: fc.integer({ min: 0, max: 2 }),
      p: printingArb,
      cuts: cutsArb,
      slip: fc.option(fc.constantFrom<SlipKind>('share', 'swapped-digits', 'unit'), { nil: undefined }),
    })
    .map((c) => {
      const { p } = c;
      const [lo, hi] = bounds(c.unit);
      const wholeYuan = Math.round(lo + c.at * (hi - lo)) * 10;
      const T = amount(wholeYuan, c.unit, c.decimals);
      const partUnit = c.partUnit && EXPONENT[c.partUnit] <= EXPONENT[c.unit] && c.unit !== '元' ? c.partUnit : c.unit;
      let X = amount(Math.round(wholeYuan * c.share), partUnit, partUnit === c.unit ? c.decimals : 2);
      const trueRate = pct(yuanOf(X), yuanOf(T), c.rateDecimals);
      let rate = trueRate;
      let planted: Slip;
      let unitSlip = false;
      if (c.slip === 'share') {
        const wrong = trueRate.plus(2.2).toDecimalPlaces(c.rateDecimals);
        if (percentOut(wrong, c.rateDecimals, ratioRange(X, T))) rate = wrong;
      } else if (c.slip === 'swapped-digits') {
        const wrong = swapped(X);
        if (wrong && percentOut(rate, c.rateDecimals, ratioRange(wrong, T))) X = wrong;
      } else if (c.slip === 'unit' && X.unit === '万元' && T.unit === '万元' && X.shown.gte(100) && rate.gte(1)) {
        // 元 printed for 万元: the same digits, a unit 10⁴ too small.
        X = { ...X, unit: '元' };
        unitSlip = true;
      }
      const P = percent(rate, c.rateDecimals, p);
      if (unitSlip) planted = slip('unit', 'unit-suspect', P, [money(X, p), money(T, p)]);
      else if (!rate.eq(trueRate) || c.slip === 'swapped-digits') {
        if (!rate.eq(trueRate) || X.shown.toFixed() !== amount(Math.round(wholeYuan * c.share), partUnit, partUnit === c.unit ? c.decimals : 2).shown.toFixed())
          planted = slip(c.slip === 'swapped-digits' ? 'swapped-digits' : 'share', 'ratio-mismatch', P, [money(X, p), money(T, p)]);
      }
      const cm = mark(p, '，');
      const g = sp(p);
      const t = money(T, p);
      const x = money(X, p);
      const W = c.whole;
      const texts = [
        `${W}${g}${t}。${c.subject}${g}${x}${cm}占${W}的${g}${P}。`,
        `${W}为${g}${t}${cm}比上年有所变化。${c.subject}${g}${x}${cm}占${W}${g}${P}。`,
        `${W}${g}${t}。${c.subject}${g}${x}${cm}占${W}的比重为${g}${P}${cm}较上年略有调整。`,
        `${W}${g}${t}${INTERJECTIONS(p)[0]}。${c.subject}${g}${x}${cm}在${W}中所占比例为${g}${P}。`,
        `${W}${g}${t}。按功能分类${cm}${c.subject}${g}${x}${INTERJECTIONS(p)[1]}${cm}占${W}的比例为${g}${P}。`,
      ];
      return { family: 'ind-share-of-named-whole', template: `T${c.template}`, text: wrapLines(texts[c.template]!, c.cuts), stated: [P], ...(planted ? { slip: planted } : {}) };
    }),
};

// ---------------------------------------------------------------------------------------------
// 4. Breakdowns

const PARTS = ['基本支出', '项目支出', '人员经费', '公用经费', '对个人和家庭的补助', '资本性支出', '商品和服务支出'];

const breakdowns: Family = {
  name: 'ind-breakdown',
  templates: ['A x，B y，C z，小计 T', 'A x；B y，累计 T (units mixed)', 'A、B分别为 x、y，总计 T', 'A x、B y，二者合计 T / 以上合计 T', 'A x（aside），B y，共计 T'],
  arbitrary: fc
    .record({
      names: fc.shuffledSubarray(PARTS, { minLength: 3, maxLength: 3 }),
      unit: fc.constantFrom(...UNITS),
      mixed: fc.boolean(),
      decimals: fc.integer({ min: 0, max: 2 }),
      shares: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      template: fc.integer({ min: 0, max: 4 }),
      word: fc.nat(3),
      p: printingArb,
      cuts: cutsArb,
      slip: fc.option(fc.constantFrom<SlipKind>('part', 'swapped-digits', 'unit'), { nil: undefined }),
    })
    .map((c) => {
      const { p } = c;
      const count = c.template === 0 ? 3 : 2;
      const [lo, hi] = bounds(c.unit);
      const scale = lo + c.at * (hi - lo);
      let parts = c.shares.slice(0, count).map((s, i) => {
        // Mixed units: the smaller part printed in 元 when the others are in 万元.
        const unit: Unit = c.mixed && c.unit === '万元' && c.template !== 2 && i === count - 1 ? '元' : c.unit;
        return amount(Math.round((scale * s) / count), unit, unit === '元' && c.unit !== '元' ? 2 : c.decimals);
      });
      const sum = () => parts.reduce((acc, a) => acc.plus(yuanOf(a)), new Decimal(0));
      let T = amount(sum(), c.unit, c.decimals);
      // The sum must be printable in the total's unit: a total rounded off is not a slip.
      const exact = yuanOf(T).eq(sum());
      let planted: Slip;
      const allowed = corners(parts.map(rangeOfAmount), (v) => v.reduce((a, b) => a.plus(b), new Decimal(0)));
      if (exact && c.slip === 'part') {
        const wrong = amount(sum().plus(yuanOf(parts[1]!).times(0.2)), c.unit, c.decimals);
        if (amountOut(wrong, allowed)) T = wrong;
      } else if (exact && c.slip === 'swapped-digits') {
        const wrong = swapped(T);
        if (wrong && amountOut(wrong, allowed)) T = wrong;
      } else if (exact && c.slip === 'unit' && c.unit === '万元' && !c.mixed && c.template !== 2 && parts[0]!.shown.gte(100)) {
        parts = [{ ...parts[0]!, unit: '元' }, ...parts.slice(1)];
      }
      const printed = parts.map((a) => money(a, p));
      const t = money(T, p);
      if (exact && c.slip === 'unit' && parts[0]!.unit === '元' && c.unit === '万元' && !c.mixed && c.template !== 2) planted = slip('unit', 'unit-suspect', t, printed);
      else if (exact && (c.slip === 'part' || c.slip === 'swapped-digits') && !yuanOf(T).eq(sum())) planted = slip(c.slip, 'sum-mismatch', t, printed);
      const cm = mark(p, '，');
      const g = sp(p);
      const [a, b, d] = c.names;
      const texts = [
        `${a}${g}${printed[0]}${cm}${b}${g}${printed[1]}${cm}${d}${g}${printed[2]}${cm}小计${g}${t}。`,
        `${a}${g}${printed[0]}${mark(p, '；')}${b}${g}${printed[1]}${cm}累计${g}${t}。`,
        `${a}、${b}分别为${g}${bareMoney(parts[0]!, p)}、${bareMoney(parts[1]!, p)}${g}${c.unit}${cm}总计${g}${t}。`,
        `${a}${g}${printed[0]}、${b}${g}${printed[1]}${cm}${['二者合计', '以上合计', '两项合计', '合计'][c.word]}${g}${t}。`,
        `${a}${g}${printed[0]}${mark(p, '（')}含结转资金${mark(p, '）')}${cm}${b}${g}${printed[1]}${cm}共计${g}${t}。`,
      ];
      return { family: 'ind-breakdown', template: `T${c.template}`, text: wrapLines(texts[c.template]!, c.cuts), stated: exact ? [t] : [], ...(planted ? { slip: planted } : {}) };
    }),
};

// ---------------------------------------------------------------------------------------------
// 5. Completion and execution rates

const completion: Family = {
  name: 'ind-completion',
  templates: [
    'S全年预算数 B，全年执行数 A，预算执行率 P',
    'S年度预算 B。S实际支出 A，为年度预算的 P',
    'S年初预算 B，调整预算 C，决算 A，完成调整预算的 P',
    'S完成年初预算的 P，决算数 A，年初预算数 B (rate first)',
    'S预算安排 B，实际支付 A，支付率 P / 预算资金 B，到位资金 A，资金到位率 P / 全年预算 B，实际完成 A，完成率 P',
    'S年初预算 B，执行数 A，预算执行率为 P，较上年提高 N 个百分点 (points: unchecked)',
  ],
  arbitrary: fc
    .record({
      subject: fc.constantFrom(...PROJECTS, ...SANGONG),
      pair: yearPairArb,
      template: fc.integer({ min: 0, max: 5 }),
      word: fc.nat(2),
      rateDecimals: fc.integer({ min: 0, max: 2 }),
      p: printingArb,
      cuts: cutsArb,
      slip: fc.option(fc.constantFrom<SlipKind>('rate', 'wrong-base', 'swapped-digits'), { nil: undefined }),
    })
    .map((c) => {
      const { p } = c;
      const big = c.pair.now.shown.gt(c.pair.before.shown) ? c.pair.now : c.pair.before;
      const small = big === c.pair.now ? c.pair.before : c.pair.now;
      const B = big;
      let A = small;
      // An adjusted budget between the two: what template 2 measures against.
      const C = amount(yuanOf(B).plus(yuanOf(A)).div(2), B.unit, B.decimals);
      const base = c.template === 2 ? C : B;
      const trueRate = pct(yuanOf(A), yuanOf(base), c.rateDecimals);
      let rate = trueRate;
      let planted: Slip;
      const P = () => percent(rate, c.rateDecimals, p);
      if (c.slip === 'rate' || c.slip === 'wrong-base') {
        // The wrong base: the 年初预算 where the 调整预算 was meant, or 1 − the rate.
        const wrong =
          c.slip === 'rate' ? trueRate.minus(3.5).toDecimalPlaces(c.rateDecimals) : c.template === 2 ? pct(yuanOf(A), yuanOf(B), c.rateDecimals) : new Decimal(100).minus(trueRate);
        if (percentOut(wrong, c.rateDecimals, ratioRange(A, base))) {
          rate = wrong;
          planted = slip(c.slip, 'ratio-mismatch', P(), [money(A, p), money(base, p)]);
        }
      } else if (c.slip === 'swapped-digits') {
        const wrong = swapped(A);
        if (wrong && percentOut(rate, c.rateDecimals, ratioRange(wrong, base))) {
          A = wrong;
          planted = slip('swapped-digits', 'ratio-mismatch', P(), [money(A, p), money(base, p)]);
        }
      }
      const cm = mark(p, '，');
      const g = sp(p);
      const a = money(A, p);
      const b = money(B, p);
      const S = c.subject;
      // Each rate with the outcome it measures: 支付率 what was paid, 到位率 what arrived, 完成率 what was done.
      const [budgetWord, outcomeWord, rateWord] = [
        ['预算安排', '实际支付', '支付率'],
        ['预算资金', '到位资金', '资金到位率'],
        ['全年预算', '实际完成', '完成率'],
      ][c.word]!;
      const texts = [
        `${S}全年预算数${g}${b}${cm}全年执行数${g}${a}${cm}预算执行率${g}${P()}。`,
        `${S}年度预算${g}${b}。${S}实际支出${g}${a}${cm}为年度预算的${g}${P()}。`,
        `${S}年初预算${g}${b}${cm}调整预算${g}${money(C, p)}${cm}决算${g}${a}${cm}完成调整预算的${g}${P()}。`,
        `${S}完成年初预算的${g}${P()}${cm}决算数${g}${a}${cm}年初预算数${g}${b}。`,
        `${S}${budgetWord}${g}${b}${cm}${outcomeWord}${g}${a}${cm}${rateWord}${g}${P()}。`,
        `${S}年初预算${g}${b}${cm}执行数${g}${a}${cm}预算执行率为${g}${P()}${cm}较上年提高${g}${numberText(new Decimal(c.word + 3.6), 1, p)}${g}个百分点。`,
      ];
      return { family: 'ind-completion', template: `T${c.template}`, text: wrapLines(texts[c.template]!, c.cuts), stated: [P()], ...(planted ? { slip: planted } : {}) };
    }),
};

// ---------------------------------------------------------------------------------------------
// 6. Differences

const differences: Family = {
  name: 'ind-difference',
  templates: [
    'S年初预算数 B，决算数 A，决算数超出年初预算数 D',
    'S决算数 A，比年初预算减少 D，年初预算 B',
    'S决算 A，较年初预算 B 节约/超支 D',
    '2022年S决算数 Y，2023年决算数 X，较上年 WORD D (title gives the year)',
    'S调整预算数 C，决算数 A，决算数低于调整预算数 D',
  ],
  arbitrary: fc
    .record({
      subject: fc.constantFrom(...SUBJECTS),
      pair: yearPairArb,
      template: fc.integer({ min: 0, max: 4 }),
      word: fc.nat(3),
      p: printingArb,
      cuts: cutsArb,
      slip: fc.option(fc.constantFrom<SlipKind>('change-amount', 'swapped-digits', 'direction'), { nil: undefined }),
    })
    .map((c) => {
      const { p } = c;
      const up = c.pair.now.shown.gt(c.pair.before.shown);
      // 0: a rise over the budget; 1, 4: a fall; 2, 3: either.
      const template = (c.template === 0 && !up) || ((c.template === 1 || c.template === 4) && up) ? 2 : c.template;
      const A = c.pair.now;
      const B = c.pair.before;
      let D = amount(yuanOf(A).minus(yuanOf(B)).abs(), A.unit, A.decimals);
      let wordUp = up;
      let planted: Slip;
      const allowed = corners([rangeOfAmount(A), rangeOfAmount(B)], ([a, b]) => a!.minus(b!).abs());
      if (c.slip === 'change-amount' || c.slip === 'swapped-digits') {
        const wrong = c.slip === 'change-amount' ? amount(yuanOf(D).times(1.25).plus(yuanOf(B).times(0.01)), D.unit, D.decimals) : swapped(D);
        if (wrong && amountOut(wrong, allowed)) {
          D = wrong;
          planted = slip(c.slip, 'difference-mismatch', money(D, p), [money(A, p), money(B, p)]);
        }
      } else if (c.slip === 'direction' && (template === 2 || template === 3)) {
        wordUp = !up;
        planted = slip('direction', 'direction-contradiction', money(D, p), [money(A, p), money(B, p)]);
      }
      const cm = mark(p, '，');
      const g = sp(p);
      const a = money(A, p);
      const b = money(B, p);
      const d = money(D, p);
      const S = c.subject;
      const word2 = wordUp ? ['超支', '增加', '增支', '多支出'][c.word]! : ['节约', '减少', '减支', '压减'][c.word]!;
      const word3 = wordUp ? UP_CHANGE[c.word]! : DOWN_CHANGE[c.word]!;
      const texts = [
        `${S}年初预算数${g}${b}${cm}决算数${g}${a}${cm}决算数超出年初预算数${g}${d}。`,
        `${S}决算数${g}${a}${cm}比年初预算减少${g}${d}${cm}年初预算${g}${b}。`,
        `${S}决算${g}${a}${cm}较年初预算${g}${b}${g}${word2}${g}${d}。`,
        `2022年${S}决算数${g}${b}${cm}2023年决算数${g}${a}${cm}较上年${word3}${g}${d}。`,
        `${S}调整预算数${g}${b}${cm}决算数${g}${a}${cm}决算数低于调整预算数${g}${d}。`,
      ];
      const title = template === 3 ? TITLES[c.word % 2]! : '';
      return { family: 'ind-difference', template: `T${template}`, text: head(title) + wrapLines(texts[template]!, c.cuts), stated: [d], ...(planted ? { slip: planted } : {}) };
    }),
};

// ---------------------------------------------------------------------------------------------
// 7. Distributive lists

const distributive: Family = {
  name: 'ind-distributive',
  templates: [
    'W T。A、B、C分别为 x、y、z，分别占W的 p、q、r',
    '本年收入、支出各为 x、y，较上年各增加 d、e，各增长 p、q',
    'A和B分别为 x 万元和 y 万元，分别占W p、q (W earlier)',
    '本年收入合计、本年支出合计分别为 x、y，与上年相比分别减少 d、e，降幅分别为 p、q',
    'W T。A、B分别为 x、y，占W的比重分别为 p、q',
    'A、B分别为 x万元、y万元，分别较上年增长 p、q，上年分别为 u万元、v万元',
    'A x，B y，分别比上年增加 d、e，分别增长 p、q (each named in its own clause)',
    'A x，B y，上年分别为 u、v，较上年分别增长 p、q',
  ],
  arbitrary: fc
    .record({
      names: fc.shuffledSubarray(FUNCTIONS, { minLength: 3, maxLength: 3 }),
      unit: fc.constantFrom<Unit>('万元', '元', '亿元'),
      decimals: fc.integer({ min: 1, max: 2 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      shares: fc.array(fc.double({ min: 0.04, max: 0.3, noNaN: true }), { minLength: 3, maxLength: 3 }),
      ratios: fc.array(fc.double({ min: 0.05, max: 0.4, noNaN: true }), { minLength: 2, maxLength: 2 }),
      template: fc.integer({ min: 0, max: 7 }),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      p: printingArb,
      cuts: cutsArb,
      slipAt: fc.option(fc.nat(2), { nil: undefined }),
    })
    .map((c) => {
      const { p } = c;
      const cm = mark(p, '，');
      const g = sp(p);
      const [lo, hi] = bounds(c.unit);
      const base = Math.round(lo + c.at * (hi - lo)) * 10;
      let planted: Slip;
      // A listed figure's evidence: its number, and its unit when it is the last of the list.
      const listed = (xs: Amount[], i: number) => (i === xs.length - 1 ? money(xs[i]!, p) : bareMoney(xs[i]!, p));
      if (c.template === 1 || c.template === 3) {
        const up = c.template === 1;
        const totals = [amount(base, c.unit, c.decimals), amount(Math.round(base * 1.02), c.unit, c.decimals)];
        const changes = totals.map((t, i) => amount(yuanOf(t).times(c.ratios[i]!), c.unit, c.decimals));
        const rates = totals.map((t, i) => pct(yuanOf(changes[i]!), up ? yuanOf(t).minus(yuanOf(changes[i]!)) : yuanOf(t).plus(yuanOf(changes[i]!)), c.rateDecimals));
        if (c.slipAt !== undefined) {
          const at = c.slipAt % 2;
          // The other figure's rate in this one's place.
          const wrong = rates[1 - at]!.plus(0.8);
          if (percentOut(wrong, c.rateDecimals, impliedRange(totals[at]!, changes[at]!, up))) {
            rates[at] = wrong;
            planted = slip('rate', 'growth-mismatch', percent(wrong, c.rateDecimals, p), [money(totals[at]!, p), money(changes[at]!, p)]);
          }
        }
        const P = rates.map((r) => percent(r, c.rateDecimals, p));
        const list = (xs: Amount[]) => `${xs.map((x) => bareMoney(x, p)).join('、')}${g}${c.unit}`;
        const text =
          c.template === 1
            ? `本年收入、支出各为${g}${list(totals)}${cm}较上年各增加${g}${list(changes)}${cm}各增长${g}${P.join('、')}。`
            : `本年收入合计、本年支出合计分别为${g}${list(totals)}${cm}与上年相比分别减少${g}${list(changes)}${cm}降幅分别为${g}${P.join('、')}。`;
        return { family: 'ind-distributive', template: `T${c.template}`, text: wrapLines(text, c.cuts), stated: P, ...(planted ? { slip: planted } : {}) };
      }
      if (c.template === 6 || c.template === 7) {
        const nows = [amount(base, c.unit, c.decimals), amount(Math.round(base * 0.6), c.unit, c.decimals)];
        const befores = nows.map((x, i) => amount(yuanOf(x).div(1 + c.ratios[i]!), c.unit, c.decimals));
        const changes = nows.map((x, i) => amount(yuanOf(x).minus(yuanOf(befores[i]!)), c.unit, c.decimals));
        const rates = nows.map((x, i) => pct(yuanOf(changes[i]!), yuanOf(befores[i]!), c.rateDecimals));
        const operands = (i: number) => (c.template === 6 ? [money(nows[i]!, p), listed(changes, i)] : [money(nows[i]!, p), listed(befores, i)]);
        const allowed = (i: number) => (c.template === 6 ? impliedRange(nows[i]!, changes[i]!, true) : growthRange(nows[i]!, befores[i]!));
        if (c.slipAt !== undefined) {
          const at = c.slipAt % 2;
          // The other subject's rate in this one's place: what pairing by nearness would not see.
          const wrong = rates[1 - at]!.plus(0.9);
          if (percentOut(wrong, c.rateDecimals, allowed(at))) {
            rates[at] = wrong;
            planted = slip('rate', 'growth-mismatch', percent(wrong, c.rateDecimals, p), operands(at));
          }
        }
        const P = rates.map((r) => percent(r, c.rateDecimals, p)).join('、');
        const [n1, n2] = c.names;
        const head = `${n1}${g}${money(nows[0]!, p)}${cm}${n2}${g}${money(nows[1]!, p)}${cm}`;
        const list = (xs: Amount[]) => `${xs.map((x) => bareMoney(x, p)).join('、')}${g}${c.unit}`;
        const text = c.template === 6 ? `${head}分别比上年增加${g}${list(changes)}${cm}分别增长${g}${P}。` : `${head}上年分别为${g}${list(befores)}${cm}较上年分别增长${g}${P}。`;
        return {
          family: 'ind-distributive',
          template: `T${c.template}`,
          text: wrapLines(text, c.cuts),
          stated: rates.map((r) => percent(r, c.rateDecimals, p)),
          ...(planted ? { slip: planted } : {}),
        };
      }
      if (c.template === 5) {
        const nows = [amount(base, c.unit, c.decimals), amount(Math.round(base * 0.7), c.unit, c.decimals)];
        const befores = nows.map((x, i) => amount(yuanOf(x).div(1 + c.ratios[i]!), c.unit, c.decimals));
        const rates = nows.map((x, i) => pct(yuanOf(x).minus(yuanOf(befores[i]!)), yuanOf(befores[i]!), c.rateDecimals));
        if (c.slipAt !== undefined) {
          const at = c.slipAt % 2;
          const wrong = rates[1 - at]!.plus(1.1);
          if (percentOut(wrong, c.rateDecimals, growthRange(nows[at]!, befores[at]!))) {
            rates[at] = wrong;
            planted = slip('rate', 'growth-mismatch', percent(wrong, c.rateDecimals, p), [money(nows[at]!, p), money(befores[at]!, p)]);
          }
        }
        const P = rates.map((r) => percent(r, c.rateDecimals, p));
        const [n1, n2] = c.names;
        const text = `${n1}、${n2}分别为${g}${nows.map((x) => money(x, p)).join('、')}${cm}分别较上年增长${g}${P.join('、')}${cm}上年分别为${g}${befores.map((x) => money(x, p)).join('、')}。`;
        return { family: 'ind-distributive', template: 'T5', text: wrapLines(text, c.cuts), stated: P, ...(planted ? { slip: planted } : {}) };
      }
      const count = c.template === 0 ? 3 : 2;
      const W = '本年支出合计';
      const whole = amount(base, c.unit, c.decimals);
      const parts = c.shares.slice(0, count).map((s) => amount(Math.round(base * s), c.unit, c.decimals));
      const rates = parts.map((x) => pct(yuanOf(x), yuanOf(whole), c.rateDecimals));
      if (c.slipAt !== undefined) {
        const at = c.slipAt % count;
        const wrong = rates[(at + 1) % count]!.plus(0.6);
        if (percentOut(wrong, c.rateDecimals, ratioRange(parts[at]!, whole))) {
          rates[at] = wrong;
          planted = slip('share', 'ratio-mismatch', percent(wrong, c.rateDecimals, p), [money(parts[at]!, p), money(whole, p)]);
        }
      }
      const P = rates.map((r) => percent(r, c.rateDecimals, p));
      const names = c.names.slice(0, count);
      const bare = parts.map((x) => bareMoney(x, p));
      const texts: Record<number, string> = {
        0: `${W}${g}${money(whole, p)}。${names.join('、')}分别为${g}${bare.join('、')}${g}${c.unit}${cm}分别占${W}的${g}${P.join('、')}。`,
        2: `${W}${g}${money(whole, p)}。${names.join('和')}分别为${g}${parts.map((x) => money(x, p)).join('和')}${cm}分别占${W}${g}${P.join('、')}。`,
        4: `${W}${g}${money(whole, p)}。${names.join('、')}分别为${g}${bare.join('、')}${g}${c.unit}${cm}占${W}的比重分别为${g}${P.join('、')}。`,
      };
      return { family: 'ind-distributive', template: `T${c.template}`, text: wrapLines(texts[c.template]!, c.cuts), stated: P, ...(planted ? { slip: planted } : {}) };
    }),
};

// ---------------------------------------------------------------------------------------------
// 8. Items under a total with their own rates

const itemsUnderTotal: Family = {
  name: 'ind-items-under-total',
  templates: [
    '“三公”经费支出决算 T，比上年 WORD …。其中：ITEM a，比上年 WORD d，RATE r；ITEM2 b，…',
    '“三公”经费年度预算 B，决算 A，预算执行率 P。其中：ITEM 决算 a，执行率 q (item budget unstated: silent)',
    '“三公”经费…。其中：ITEM 年度预算 b，决算 a，完成率 q',
    'FUNCTION（类）X，其中：ITEM（款）a，占该类支出的 q (whole by reference: unchecked) then 上年 y, 增长 r',
    '“三公”经费…。ITEM 决算 a，较上年 y WORD r',
    '“三公”经费支出决算中，ITEM 支出决算 a，占 p；ITEM2 支出决算 b，占 q (the whole unnamed: silent)',
    'FUNCTION（类）X。其中：ITEM（项）a，比上年 WORD d，RATE r',
    '“三公”经费…比上年 WORD D，RATE R。其中：ITEM 支出决算 WORD d，RATE r (no amount of the item: silent)',
  ],
  arbitrary: fc
    .record({
      template: fc.integer({ min: 0, max: 7 }),
      items: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 2, maxLength: 2 }),
      unit: fc.constantFrom<Unit>('万元', '元'),
      decimals: fc.integer({ min: 0, max: 2 }),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      spent: fc.double({ min: 0.4, max: 0.97, noNaN: true }),
      itemShare: fc.double({ min: 0.15, max: 0.45, noNaN: true }),
      itemSpent: fc.double({ min: 0.4, max: 0.97, noNaN: true }),
      lastYear: fc.oneof(fc.double({ min: 0.6, max: 0.9, noNaN: true }), fc.double({ min: 1.1, max: 1.7, noNaN: true })),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      word: fc.nat(3),
      p: printingArb,
      cuts: cutsArb,
      slip: fc.option(fc.constantFrom<SlipKind>('rate', 'wrong-base', 'change-amount'), { nil: undefined }),
    })
    .map((c) => {
      const { p } = c;
      const cm = mark(p, '，');
      const g = sp(p);
      const among = `其中${mark(p, '：')}`;
      const [lo, hi] = bounds(c.unit);
      const big = (Math.round(lo + c.at * (hi - lo)) + 200_000) * 10;
      const at = (yuan: number) => amount(Math.round(yuan), c.unit, c.decimals);
      const B = at(big);
      const A = at(big * c.spent);
      const b = at(big * c.itemShare);
      const a = at(big * c.spent * c.itemShare * c.itemSpent);
      const y = at(big * c.spent * c.itemShare * c.itemSpent * c.lastYear);
      const a2 = at(big * c.spent * c.itemShare * 0.5);
      const item = SANGONG[c.items[0]!]!;
      const item2 = SANGONG[c.items[1]!]!;
      const up = yuanOf(a).gt(yuanOf(y));
      let change = amount(yuanOf(a).minus(yuanOf(y)).abs(), c.unit, c.decimals);
      const growthTrue = pct(yuanOf(a).minus(yuanOf(y)).abs(), yuanOf(y), c.rateDecimals);
      let growth = growthTrue;
      const P = percent(pct(yuanOf(A), yuanOf(B), c.rateDecimals), c.rateDecimals, p);
      const qTrue = pct(yuanOf(a), yuanOf(b), c.rateDecimals);
      let q = qTrue;
      let planted: Slip;
      const changeWord = (up ? UP_CHANGE : DOWN_CHANGE)[c.word]!;
      const rateWord = (up ? UP_RATE : DOWN_RATE)[c.word]!;
      if (c.template === 0 || c.template === 4 || c.template === 6) {
        if (c.slip === 'rate' || c.slip === 'wrong-base') {
          const wrong = c.slip === 'rate' ? growthTrue.plus(3.3).toDecimalPlaces(c.rateDecimals) : pct(yuanOf(a).minus(yuanOf(y)).abs(), yuanOf(a), c.rateDecimals);
          const implied = c.template !== 4;
          const allowed = implied ? impliedRange(a, change, up) : growthRange(a, y);
          if (percentOut(wrong, c.rateDecimals, allowed)) {
            growth = wrong;
            planted = slip(c.slip, 'growth-mismatch', percent(growth, c.rateDecimals, p), [money(a, p), implied ? money(change, p) : money(y, p)]);
          }
        } else if (c.slip === 'change-amount' && c.template !== 4) {
          const wrong = amount(yuanOf(change).times(1.35), c.unit, c.decimals);
          if (wrong.shown.gt(0) && yuanOf(wrong).lt(yuanOf(a)) && percentOut(growth, c.rateDecimals, impliedRange(a, wrong, up))) {
            change = wrong;
            planted = slip('change-amount', 'growth-mismatch', percent(growth, c.rateDecimals, p), [money(a, p), money(change, p)]);
          }
        }
      } else if (c.template === 2 && (c.slip === 'rate' || c.slip === 'wrong-base')) {
        // The item's actual over the total's budget, or a wrong figure.
        const wrong = c.slip === 'rate' ? qTrue.plus(4.1).toDecimalPlaces(c.rateDecimals) : pct(yuanOf(a), yuanOf(B), c.rateDecimals);
        if (percentOut(wrong, c.rateDecimals, ratioRange(a, b))) {
          q = wrong;
          planted = slip(c.slip, 'ratio-mismatch', percent(q, c.rateDecimals, p), [money(a, p), money(b, p)]);
        }
      }
      const R = percent(growth, c.rateDecimals, p);
      // The total's own change, in the item's direction, and its rate on the base it implies.
      const totalChange = amount(yuanOf(A).times(0.12), c.unit, c.decimals);
      const totalRate = percent(pct(yuanOf(totalChange), up ? yuanOf(A).minus(yuanOf(totalChange)) : yuanOf(A).plus(yuanOf(totalChange)), c.rateDecimals), c.rateDecimals, p);
      const Q = percent(q, c.rateDecimals, p);
      const totalHead = `“三公”经费年度预算${g}${money(B, p)}${cm}决算${g}${money(A, p)}${cm}预算执行率${g}${P}。`;
      // An item rate measured against nothing stated: any figure, silent.
      const q2 = percent(new Decimal(c.itemSpent * 97).toDecimalPlaces(1), 1, p);
      const fn = FUNCTIONS[c.items[0]!]!;
      const texts = [
        `“三公”经费支出决算${g}${money(A, p)}。${among}${item}${g}${money(a, p)}${cm}比上年${changeWord}${g}${money(change, p)}${cm}${rateWord}${g}${R}${mark(p, '；')}${item2}${g}${money(a2, p)}${cm}主要用于保障公务活动。`,
        `${totalHead}${among}${item}决算${g}${money(a, p)}${cm}执行率${g}${q2}。`,
        `${totalHead}${among}${item}年度预算${g}${money(b, p)}${cm}决算${g}${money(a, p)}${cm}完成率${g}${Q}。`,
        `${fn}${g}${money(A, p)}${cm}${among}行政运行${g}${money(a, p)}${cm}占该类支出的${g}${q2}${mark(p, '；')}上年${g}${money(y, p)}${cm}${up ? '增长' : '下降'}${g}${R}。`,
        `${totalHead}${item}决算${g}${money(a, p)}${cm}较上年${g}${money(y, p)}${g}${changeWord}${g}${R}。`,
        `“三公”经费支出决算中${cm}${item}支出决算${g}${money(a, p)}${cm}占${g}${q2}${mark(p, '；')}${item2}支出决算${g}${money(a2, p)}${cm}占${g}${percent(new Decimal(97).minus(c.itemSpent * 97).toDecimalPlaces(1), 1, p)}。`,
        `${fn}${mark(p, '（')}类${mark(p, '）')}${g}${money(A, p)}。${among}${['行政运行', '一般行政管理事务', '事业运行', '其他支出'][c.word]}${mark(p, '（')}项${mark(p, '）')}${g}${money(a, p)}${cm}比上年${changeWord}${g}${money(change, p)}${cm}${rateWord}${g}${R}。`,
        `“三公”经费支出决算${g}${money(A, p)}${cm}比上年${changeWord}${g}${money(totalChange, p)}${cm}${rateWord}${g}${totalRate}。${among}${item}支出决算${changeWord}${g}${money(change, p)}${cm}${rateWord}${g}${R}。`,
      ];
      const stated = [
        ...(c.template === 1 || c.template === 2 || c.template === 4 ? [P] : []),
        ...(c.template === 0 || c.template === 3 || c.template === 4 || c.template === 6 ? [R] : []),
        ...(c.template === 2 ? [Q] : []),
        ...(c.template === 7 ? [totalRate] : []),
      ];
      return { family: 'ind-items-under-total', template: `T${c.template}`, text: wrapLines(texts[c.template]!, c.cuts), stated, ...(planted ? { slip: planted } : {}) };
    }),
};

// ---------------------------------------------------------------------------------------------
// 9. Flattened score tables

const INDICATORS = ['资金拨付及时率', '项目完成率', '设备完好率', '培训覆盖人数', '投诉处理率', '受益群众满意度', '信息公开及时性', '制度执行有效性'];
const TOP = ['产出指标', '效益指标', '满意度指标', '成本指标'];
const WEIGHT_WORDS = ['分值', '标准分', '满分'];
const SCORE_WORDS = ['得分', '自评分', '实际得分'];

const scoreTables: Family = {
  name: 'ind-score-table',
  templates: [
    '一级 | 二级 | 三级 | 标准分 | 自评分 (pipes)',
    'cells one per line, 满分 after the score',
    'cells by ideographic spaces, 指标值 and 实际完成值 columns',
    'a total row 合计 with 100 and the score total',
    'a leading 序号 column',
    'a leading 序号 column, one cell per line',
  ],
  arbitrary: fc
    .record({
      template: fc.integer({ min: 0, max: 5 }),
      rows: fc.integer({ min: 3, max: 6 }),
      raw: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 6, maxLength: 6 }),
      lost: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 6, maxLength: 6 }),
      half: fc.boolean(),
      words: fc.nat(2),
      names: fc.shuffledSubarray(INDICATORS, { minLength: 6, maxLength: 6 }),
      slip: fc.option(fc.constantFrom<SlipKind>('score-sum', 'score-max', 'weights'), { nil: undefined }),
      slipAt: fc.nat(5),
    })
    .map((c) => {
      const n = c.rows;
      const raw = c.raw.slice(0, n);
      const rawSum = raw.reduce((x, y) => x + y, 0);
      const weights = raw.map((r) => 6 + Math.floor((r / rawSum) * (100 - 6 * n)));
      weights[n - 1]! += 100 - weights.reduce((x, y) => x + y, 0);
      const unit = new Decimal(c.half ? 0.5 : 1);
      const scores = weights.map((w, i) => new Decimal(w).minus(unit.times(c.lost[i]! % Math.max(1, Math.floor(w / 2)))));
      const at = c.slipAt % n;
      let planted: Slip;
      const show = (d: Decimal) => (c.half ? d.toFixed(1) : d.toFixed(0));
      if (c.slip === 'score-max') scores[at] = new Decimal(weights[at]!).plus(2);
      if (c.slip === 'weights' && weights[at]! > 12) {
        weights[at]! -= 5;
        if (scores[at]!.gt(weights[at]!)) scores[at] = new Decimal(weights[at]!);
      }
      const total = scores.reduce((x, y) => x.plus(y), new Decimal(0));
      const statedTotal = c.slip === 'score-sum' ? total.minus(3) : total;
      const W = weights.map(String);
      const S = scores.map(show);
      const T = show(statedTotal);
      if (c.slip === 'score-sum') planted = { kind: 'score-sum', ruleId: 'score-sum-mismatch', statedRole: 'total', statedRaw: T, operandRaws: S };
      else if (c.slip === 'score-max') planted = { kind: 'score-max', ruleId: 'score-exceeds-max', statedRole: 'score', statedRaw: S[at]!, operandRaws: [W[at]!] };
      else if (c.slip === 'weights' && weights.reduce((x, y) => x + y, 0) === 95)
        planted = { kind: 'weights', ruleId: 'weights-sum', statedRole: 'weight', statedRaw: W[at]!, operandRaws: W.filter((_, i) => i !== at) };
      const weightWord = WEIGHT_WORDS[c.words]!;
      const scoreWord = SCORE_WORDS[c.words]!;
      const withMeasure = c.template === 2;
      const numbered = c.template === 4 || c.template === 5;
      const scoreFirst = c.template === 1;
      const header = [
        ...(numbered ? ['序号'] : []),
        '一级指标',
        '二级指标',
        '三级指标',
        ...(withMeasure ? ['年度指标值', '实际完成值'] : []),
        ...(scoreFirst ? [scoreWord, weightWord] : [weightWord, scoreWord]),
      ];
      const rows = Array.from({ length: n }, (_, i) => [
        ...(numbered ? [String(i + 1)] : []),
        TOP[Math.floor(i / 2) % TOP.length]!,
        `${TOP[Math.floor(i / 2) % TOP.length]!.slice(0, 2)}${['数量', '质量', '时效'][i % 3]}`,
        c.names[i]!,
        ...(withMeasure ? ['≥95%', `${96 + (i % 4)}%`] : []),
        ...(scoreFirst ? [S[i]!, W[i]!] : [W[i]!, S[i]!]),
      ]);
      const totalRow = ['合计', ...(numbered ? [] : []), ...(scoreFirst ? [T, '100'] : ['100', T])];
      const sep = c.template === 0 || c.template === 3 || c.template === 4 ? ' | ' : c.template === 2 ? '\u3000' : '\n';
      const lines = [header, ...rows, totalRow].map((cells) => cells.join(sep));
      const text = `项目绩效自评表\n${lines.join('\n')}\n\n说明：自评分按评分细则计算。\n`;
      return { family: 'ind-score-table', template: `T${c.template}`, text: `本项目总体完成年度目标。\n\n${text}`, stated: [T], ...(planted ? { slip: planted } : {}) };
    }),
};

export const INDEPENDENT_FAMILIES: Family[] = [changeAfterAmount, explicitPrevious, shareOfWhole, breakdowns, completion, differences, distributive, itemsUnderTotal, scoreTables];

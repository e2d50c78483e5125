/**
 * Wording families as property-based generators (fast-check). Each family composes its templates
 * with every order of parts the language allows, intervening clauses, ASCII or full-width
 * punctuation, spaces, thousands separators, 元/万元/亿元 with 0–2 decimals and line wraps inside
 * words, and plants one slip in half the cases. The oracle is exact: every figure is printed from
 * exact decimals, and a slip is planted only where interval arithmetic over the printed figures'
 * rounding ranges rules the stated figure out (checked here by evaluating the relation at every
 * corner of those ranges, independently of the code under test).
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';

/** `unit`: 元 printed for 万元 (the same digits, a unit 10⁴ too small). */
export type SlipKind = 'rate' | 'wrong-base' | 'swapped-digits' | 'change-amount' | 'direction' | 'share' | 'part' | 'weights' | 'score-max' | 'score-sum' | 'duplicate' | 'unit';

export interface WordingCase {
  family: string;
  template: string;
  text: string;
  /**
   * The planted slip: the rule that must find it and the stated figure it must point at (with its evidence
   * role when the rule names it otherwise than `stated`: a score table's `weight`, `score`, `total`).
   */
  slip?: { kind: SlipKind; ruleId: string; statedRaw: string; operandRaws: string[]; statedRole?: string };
  /** The stated figures whose relation must be recomputed (consistent or not). */
  stated: string[];
  /**
   * Stated figures whose relation must NOT be checked: an operand's key holds figures that disagree (the
   * duplicate policy), so no rule may recompute or report them.
   */
  unchecked?: string[];
}

// ---------------------------------------------------------------------------------------------
// Printing figures

interface Style {
  fullWidth: boolean;
  spaces: boolean;
  thousands: boolean;
}

const styleArb: fc.Arbitrary<Style> = fc.record({ fullWidth: fc.boolean(), spaces: fc.boolean(), thousands: fc.boolean() });

interface Money {
  /** Value in 元, exact. */
  yuan: Decimal;
  unit: '元' | '万元' | '亿元';
  decimals: number;
}

const SCALE: Record<Money['unit'], number> = { 元: 0, 万元: 4, 亿元: 8 };

/** The number as printed in its unit, rounded to its decimals. */
function printedNumber(money: Money): Decimal {
  return money.yuan.div(new Decimal(10).pow(SCALE[money.unit])).toDecimalPlaces(money.decimals, Decimal.ROUND_HALF_UP);
}

function digits(value: Decimal, decimals: number, thousands: boolean): string {
  const fixed = value.toFixed(decimals);
  if (!thousands) return fixed;
  const [int, frac] = fixed.split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const grouped = int!.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (frac !== undefined ? `.${frac}` : '');
}

function printMoney(money: Money, style: Style): string {
  return `${digits(printedNumber(money), money.decimals, style.thousands)}${style.spaces ? ' ' : ''}${money.unit}`;
}

function printPercent(value: Decimal, decimals: number): string {
  return `${value.toFixed(decimals)}%`;
}

/** The range a printed money figure stands for, in 元. */
function rangeOf(money: Money): [Decimal, Decimal] {
  const half = new Decimal(10).pow(-money.decimals).div(2).times(new Decimal(10).pow(SCALE[money.unit]));
  const printed = printedNumber(money).times(new Decimal(10).pow(SCALE[money.unit]));
  return [printed.minus(half), printed.plus(half)];
}

/** f over every corner of the operands' ranges: its min and max (f is monotone in each operand here). */
function cornerRange(ranges: [Decimal, Decimal][], f: (values: Decimal[]) => Decimal | undefined): [Decimal, Decimal] | undefined {
  let lo: Decimal | undefined;
  let hi: Decimal | undefined;
  for (let mask = 0; mask < 1 << ranges.length; mask++) {
    const value = f(ranges.map((range, i) => range[(mask >> i) & 1]!));
    if (!value || !value.isFinite()) return undefined;
    lo = lo === undefined || value.lt(lo) ? value : lo;
    hi = hi === undefined || value.gt(hi) ? value : hi;
  }
  return [lo!, hi!];
}

/** A stated percent with d decimals is outside what the operands allow (rounded or truncated). */
function percentRuledOut(stated: Decimal, decimals: number, allowed: [Decimal, Decimal]): boolean {
  const step = new Decimal(10).pow(-decimals);
  const lo = stated.abs().minus(step.div(2));
  const hi = stated.abs().plus(step);
  return hi.lt(allowed[0]) || lo.gt(allowed[1]);
}

function moneyRuledOut(stated: Money, allowed: [Decimal, Decimal]): boolean {
  const [lo, hi] = rangeOf(stated);
  return hi.lt(allowed[0]) || lo.gt(allowed[1]);
}

/** The printed value of a money figure in 元 (what the document says). */
function printedYuan(money: Money): Decimal {
  return printedNumber(money).times(new Decimal(10).pow(SCALE[money.unit]));
}

// ---------------------------------------------------------------------------------------------
// Composing text

function punct(style: Style, mark: '，' | '；' | '：' | '。'): string {
  if (!style.fullWidth) return mark;
  return { '，': ',', '；': ';', '：': ':', '。': '。' }[mark];
}

/**
 * Wraps a paragraph the way PDF text and hard-wrapped web pages do: after 15 or more characters,
 * anywhere but inside a figure (its digits and unit).
 */
function wrap(text: string, cuts: number[], protectedSpans: [number, number][]): string {
  const inside = (at: number) => protectedSpans.some(([a, b]) => at > a && at < b);
  let out = '';
  let lineStart = 0;
  let cutIndex = 0;
  for (let i = 0; i < text.length; i++) {
    out += text.charAt(i);
    const sinceBreak = i + 1 - lineStart;
    const want = cuts[cutIndex];
    if (want !== undefined && sinceBreak >= want && i + 1 < text.length && !inside(i + 1) && !/[\s，。；：,;:]/.test(text[i + 1]!)) {
      out += '\n';
      lineStart = i + 1;
      cutIndex++;
    }
  }
  return out;
}

/** Spans of every figure in the text (money and percents), kept whole by `wrap`. */
function figureSpans(text: string): [number, number][] {
  return [...text.matchAll(/-?[\d,]+(?:\.\d+)?\s*(?:万元|亿元|元|%)/g)].map((m) => [m.index, m.index + m[0].length]);
}

const wrapArb = fc.option(fc.array(fc.integer({ min: 15, max: 40 }), { minLength: 1, maxLength: 4 }), { nil: undefined });

function finish(text: string, cuts: number[] | undefined): string {
  return `${cuts ? wrap(text, cuts, figureSpans(text)) : text}\n`;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (general words of each class, not any document's)

const SUBJECTS = [
  '教育支出',
  '科学技术支出',
  '社会保障和就业支出',
  '卫生健康支出',
  '农林水支出',
  '住房保障支出',
  '一般公共服务支出',
  '文化旅游体育与传媒支出',
  '公务接待费',
  '培训费',
  '办公费',
  '差旅费',
  '会议费',
  '物业管理费',
];
/** Uses money is put to, as lists of an allocation name them. */
const USES = ['基础设施建设', '设备购置', '人员培训', '信息化建设', '日常运行维护', '宣传推广', '课题研究', '应急物资储备', '监测评估', '档案整理', '绿化养护', '安全生产检查'];
const UP = ['增加', '增长', '上升', '提高'];
const DOWN = ['减少', '下降', '降低'];
const UP_RATE = ['增长', '增加', '增幅为', '上升'];
const DOWN_RATE = ['下降', '减少', '降幅为', '降低'];
const COMPARE = ['比上年', '较上年', '与上年相比', '同比', '比2023年'];
const REASONS = ['主要原因是人员经费调整', '主要是项目支出结构变化', '主要用于日常运转'];
const ASIDES = ['（含上年结转资金）', '（不含专项）', '（按功能分类）'];
const UNITS: Money['unit'][] = ['元', '万元', '亿元'];

/** An amount whose printed figure keeps at least 4 significant digits, so a relation is decidable. */
function money(cents: number, unit: Money['unit'], decimals: number): Money {
  const yuan = new Decimal(cents).div(100);
  return { yuan, unit, decimals };
}

function sized(unit: Money['unit']): [number, number] {
  // Amounts a department reports in each unit: 元 for thousands, 万元 for millions, 亿元 for billions.
  if (unit === '元') return [1_000_00, 90_000_000_00];
  if (unit === '万元') return [100_0000_00, 90_000_0000_00];
  return [1000_0000_0000_00, 90000_0000_0000_00];
}

const pairArb = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    decimals: fc.integer({ min: 0, max: 2 }),
    a: fc.double({ min: 0, max: 1, noNaN: true }),
    ratio: fc.double({ min: 0.55, max: 1.8, noNaN: true }),
  })
  .map(({ unit, decimals, a, ratio }) => {
    const [lo, hi] = sized(unit);
    const first = Math.round(lo + a * (hi - lo));
    const second = Math.round(first * ratio);
    return { unit, decimals, first, second };
  })
  // Printed figures with enough digits that the relation is decidable: a change of at least 50 printed
  // steps, amounts of at least 1,000 steps (`5 亿元` against `5 亿元` says nothing).
  .filter(({ first, second, unit, decimals }) => {
    const step = 10 ** (SCALE[unit] - decimals) * 100;
    return Math.abs(first - second) > first * 0.01 && Math.abs(first - second) >= 50 * step && Math.min(first, second) >= 1000 * step;
  });

// ---------------------------------------------------------------------------------------------
// Slips

function swapDigits(text: string): string | undefined {
  const match = /(\d)(\d)(?!.*\d\d)/.exec(text.replace(/,/g, ''));
  if (!match || match[1] === match[2]) return undefined;
  const plain = text.replace(/,/g, '');
  return `${plain.slice(0, match.index)}${match[2] ?? ''}${match[1] ?? ''}${plain.slice(match.index + 2)}`;
}

// ---------------------------------------------------------------------------------------------
// Families

export interface Family {
  name: string;
  /** Wording templates this family composes (for the report). */
  templates: string[];
  arbitrary: fc.Arbitrary<WordingCase>;
}

/** `X，比上年减少 D，下降 P%`, with the change before or after the rate, and intervening clauses. */
const changeAfterAmount: Family = {
  name: 'change-after-amount',
  templates: [
    'S X，CMP CHANGE D，RATE P',
    'S X，RATE P，CMP CHANGE D (rate first)',
    'S X，占…的 Q，CMP CHANGE D，RATE P',
    'S为X，CMP CHANGE D（aside），RATE P',
    'S X，CMP CHANGE D，RATE P，REASON',
  ],
  arbitrary: fc
    .record({
      subject: fc.constantFrom(...SUBJECTS),
      pair: pairArb,
      template: fc.integer({ min: 0, max: 4 }),
      compare: fc.constantFrom(...COMPARE),
      wordIndex: fc.integer({ min: 0, max: 3 }),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      style: styleArb,
      cuts: wrapArb,
      slip: fc.option(fc.constantFrom<SlipKind>('rate', 'wrong-base', 'change-amount'), { nil: undefined }),
      aside: fc.constantFrom(...ASIDES),
      reason: fc.constantFrom(...REASONS),
    })
    .map((c) => {
      const current = money(c.pair.first, c.pair.unit, c.pair.decimals);
      const previous = money(c.pair.second, c.pair.unit, c.pair.decimals);
      const up = current.yuan.gt(previous.yuan);
      const changeYuan = printedYuan(current).minus(printedYuan(previous)).abs();
      let change: Money = { yuan: changeYuan, unit: c.pair.unit, decimals: c.pair.decimals };
      const x = rangeOf(current);
      const d = rangeOf(change);
      const base = (values: Decimal[]) => (up ? values[0]!.minus(values[1]!) : values[0]!.plus(values[1]!));
      const allowed = cornerRange([x, d], (v) => (base(v).isZero() ? undefined : v[1]!.div(base(v)).times(100)));
      const trueRate = printedYuan(change)
        .div(up ? printedYuan(current).minus(printedYuan(change)) : printedYuan(current).plus(printedYuan(change)))
        .times(100);
      let rate = trueRate.toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      const changeWord = (up ? UP : DOWN)[c.wordIndex % (up ? UP : DOWN).length]!;
      const rateWord = (up ? UP_RATE : DOWN_RATE)[c.wordIndex]!;
      let slip: WordingCase['slip'];
      const s = c.style;
      const print = () => ({ X: printMoney(current, s), D: printMoney(change, s), P: printPercent(rate, c.rateDecimals) });
      if (c.slip === 'rate') {
        rate = rate.plus(new Decimal(c.wordIndex + 1).times(1.7)).toDecimalPlaces(c.rateDecimals);
        if (allowed && percentRuledOut(rate, c.rateDecimals, allowed))
          slip = { kind: 'rate', ruleId: 'growth-mismatch', statedRaw: print().P, operandRaws: [print().X, print().D] };
      } else if (c.slip === 'wrong-base') {
        // D over the current year's amount instead of the earlier year's.
        rate = printedYuan(change).div(printedYuan(current)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
        if (allowed && percentRuledOut(rate, c.rateDecimals, allowed))
          slip = { kind: 'wrong-base', ruleId: 'growth-mismatch', statedRaw: print().P, operandRaws: [print().X, print().D] };
      } else if (c.slip === 'change-amount') {
        const wrong: Money = { ...change, yuan: change.yuan.times(1.3).toDecimalPlaces(2) };
        const allowedWrong = cornerRange([x, rangeOf(wrong)], (v) => (base(v).isZero() || base(v).isNegative() ? undefined : v[1]!.div(base(v)).times(100)));
        if (allowedWrong && percentRuledOut(rate, c.rateDecimals, allowedWrong)) {
          change = wrong;
          slip = { kind: 'change-amount', ruleId: 'growth-mismatch', statedRaw: print().P, operandRaws: [print().X, print().D] };
        }
      }
      const { X, D, P } = print();
      const comma = punct(s, '，');
      const changeClause = `${c.compare}${changeWord}${s.spaces ? ' ' : ''}${D}`;
      const rateClause = `${rateWord}${s.spaces ? ' ' : ''}${P}`;
      const templates = [
        `${c.subject}${s.spaces ? ' ' : ''}${X}${comma}${changeClause}${comma}${rateClause}。`,
        `${c.subject}${s.spaces ? ' ' : ''}${X}${comma}${c.compare}${rateClause}${comma}${changeWord}${s.spaces ? ' ' : ''}${D}。`,
        `${c.subject}${s.spaces ? ' ' : ''}${X}${comma}占支出总额的 30.00%${comma}${changeClause}${comma}${rateClause}。`,
        `${c.subject}为${X}${comma}${changeClause}${c.aside}${comma}${rateClause}。`,
        `${c.subject}${s.spaces ? ' ' : ''}${X}${comma}${changeClause}${comma}${rateClause}${comma}${c.reason}。`,
      ];
      const text = templates[c.template]!;
      return { family: 'change-after-amount', template: `T${c.template}`, text: finish(text, c.cuts), stated: [P], ...(slip ? { slip } : {}) };
    }),
};

/** Explicit previous figures: `比上年的 Y`, `上年 Y，本年 X`, `由 Y 增加到 X`, `从 Y 增至 X，增幅 P`, `与上年的 Y 相比`, `增长 -P%`. */
const explicitPrevious: Family = {
  name: 'explicit-previous',
  templates: [
    'S X，比上年的 Y WORD P',
    'S上年 Y，本年 X，同口径比上年 WORD P',
    'S由上年的 Y WORD到 X，增幅 P',
    'S从 Y 增至 X，增幅 P',
    'S X，与上年的 Y 相比，WORD D，WORD P',
    'S X，上年 Y，增长 -P%',
  ],
  arbitrary: fc
    .record({
      subject: fc.constantFrom(...SUBJECTS),
      pair: pairArb,
      template: fc.integer({ min: 0, max: 5 }),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      style: styleArb,
      cuts: wrapArb,
      slip: fc.option(fc.constantFrom<SlipKind>('rate', 'wrong-base', 'swapped-digits', 'direction', 'change-amount'), { nil: undefined }),
      wordIndex: fc.integer({ min: 0, max: 2 }),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const current = money(c.pair.first, c.pair.unit, c.pair.decimals);
      const previous = money(c.pair.second, c.pair.unit, c.pair.decimals);
      const up = printedYuan(current).gt(printedYuan(previous));
      // `增至`, `增加到`, `增长 -P%` need a rise or a signed rate; the others take either direction.
      const template = (c.template === 2 || c.template === 3) && !up ? 0 : c.template;
      const ranges = [rangeOf(current), rangeOf(previous)];
      const allowed = cornerRange(ranges, (v) => v[0]!.div(v[1]!).minus(1).times(100).abs())!;
      const trueRate = printedYuan(current).div(printedYuan(previous)).minus(1).times(100).abs();
      let rate = trueRate.toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      let word = up ? UP[c.wordIndex]! : DOWN[c.wordIndex]!;
      const changeAmount: Money = { yuan: printedYuan(current).minus(printedYuan(previous)).abs(), unit: c.pair.unit, decimals: c.pair.decimals };
      let change = changeAmount;
      let slip: WordingCase['slip'];
      let X = printMoney(current, s);
      const Y = printMoney(previous, s);
      if (c.slip === 'rate') {
        rate = rate.plus(2.3).toDecimalPlaces(c.rateDecimals);
      } else if (c.slip === 'wrong-base') {
        rate = printedYuan(current).minus(printedYuan(previous)).abs().div(printedYuan(current)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      } else if (c.slip === 'swapped-digits') {
        const swapped = swapDigits(printedNumber(current).toFixed(current.decimals));
        if (swapped) {
          const wrongCurrent: Money = { yuan: new Decimal(swapped).times(new Decimal(10).pow(SCALE[current.unit])), unit: current.unit, decimals: current.decimals };
          const wrongAllowed = cornerRange([rangeOf(wrongCurrent), ranges[1]!], (v) => v[0]!.div(v[1]!).minus(1).times(100).abs())!;
          const wrongUp = printedYuan(wrongCurrent).gt(printedYuan(previous));
          if (wrongUp === up && percentRuledOut(rate, c.rateDecimals, wrongAllowed)) {
            X = printMoney(wrongCurrent, s);
            slip = { kind: 'swapped-digits', ruleId: 'growth-mismatch', statedRaw: printPercent(rate, c.rateDecimals), operandRaws: [X, Y] };
          }
        }
      } else if (c.slip === 'direction' && template !== 2 && template !== 3 && template !== 5) {
        word = up ? DOWN[c.wordIndex]! : UP[c.wordIndex]!;
        slip = { kind: 'direction', ruleId: 'direction-contradiction', statedRaw: printPercent(rate, c.rateDecimals), operandRaws: [X, Y] };
      } else if (c.slip === 'change-amount' && template === 4) {
        change = { ...changeAmount, yuan: changeAmount.yuan.times(1.25).plus(100) };
        if (
          moneyRuledOut(
            change,
            cornerRange(ranges, (v) => v[0]!.minus(v[1]!).abs())!,
          )
        )
          slip = { kind: 'change-amount', ruleId: 'difference-mismatch', statedRaw: printMoney(change, s), operandRaws: [X, Y] };
        else change = changeAmount;
      }
      if ((c.slip === 'rate' || c.slip === 'wrong-base') && percentRuledOut(rate, c.rateDecimals, allowed))
        slip = { kind: c.slip, ruleId: 'growth-mismatch', statedRaw: printPercent(rate, c.rateDecimals), operandRaws: [X, Y] };
      if (c.slip === 'rate' || c.slip === 'wrong-base') {
        if (!slip) rate = trueRate.toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      }
      const P = printPercent(rate, c.rateDecimals);
      const D = printMoney(change, s);
      const texts = [
        `${c.subject}${sp}${X}${comma}比上年的${sp}${Y}${sp}${word}${sp}${P}。`,
        `${c.subject}上年${sp}${Y}${comma}本年${sp}${X}${comma}同口径比上年${word}${sp}${P}。`,
        `${c.subject}由上年的${sp}${Y}${sp}增加到${sp}${X}${comma}增幅${sp}${P}。`,
        `${c.subject}从${sp}${Y}${sp}增至${sp}${X}${comma}增幅为${sp}${P}。`,
        `${c.subject}${sp}${X}${comma}与上年的${sp}${Y}${sp}相比${comma}${word}${sp}${D}${comma}${word}${sp}${P}。`,
        `${c.subject}${sp}${X}${comma}上年${sp}${Y}${comma}增长${sp}${up ? '' : '-'}${P}。`,
      ];
      const stated = template === 4 ? [P, D] : template === 5 && !up ? [`-${P}`] : [P];
      if (slip && template === 5 && !up && slip.statedRaw === P) slip = { ...slip, statedRaw: `-${P}` };
      return { family: 'explicit-previous', template: `T${template}`, text: finish(texts[template]!, c.cuts), stated, ...(slip ? { slip } : {}) };
    }),
};

/** A share of a whole named anywhere earlier: `本年支出合计 T。…，S X，占本年支出合计的 P%`. */
const shareOfNamedWhole: Family = {
  name: 'share-of-named-whole',
  templates: ['WHOLE T。S X，占WHOLE的 P', 'WHOLE T。S为 X，占WHOLE的比重为 P', 'WHOLE T，其他句。S X，占WHOLE P', 'WHOLE T。S X，占WHOLE的 P，CMP…'],
  arbitrary: fc
    .record({
      subject: fc.constantFrom(...SUBJECTS),
      whole: fc.constantFrom('本年支出合计', '支出总额', '本年收入合计', '“三公”经费'),
      unit: fc.constantFrom(...UNITS),
      decimals: fc.integer({ min: 0, max: 2 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      share: fc.double({ min: 0.03, max: 0.9, noNaN: true }),
      template: fc.integer({ min: 0, max: 3 }),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      style: styleArb,
      cuts: wrapArb,
      slip: fc.option(fc.constantFrom<SlipKind>('share', 'swapped-digits'), { nil: undefined }),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const [lo, hi] = sized(c.unit);
      const wholeCents = Math.round(lo + c.a * (hi - lo));
      const whole = money(wholeCents, c.unit, c.decimals);
      const part = money(Math.round(wholeCents * c.share), c.unit, c.decimals);
      const allowed = cornerRange([rangeOf(part), rangeOf(whole)], (v) => v[0]!.div(v[1]!).times(100))!;
      let rate = printedYuan(part).div(printedYuan(whole)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      let slip: WordingCase['slip'];
      if (c.slip === 'share') {
        rate = rate.plus(3.1).toDecimalPlaces(c.rateDecimals);
        if (percentRuledOut(rate, c.rateDecimals, allowed))
          slip = { kind: 'share', ruleId: 'ratio-mismatch', statedRaw: printPercent(rate, c.rateDecimals), operandRaws: [printMoney(part, s), printMoney(whole, s)] };
        else rate = printedYuan(part).div(printedYuan(whole)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      }
      let X = printMoney(part, s);
      if (c.slip === 'swapped-digits') {
        const swapped = swapDigits(printedNumber(part).toFixed(part.decimals));
        if (swapped) {
          const wrong: Money = { yuan: new Decimal(swapped).times(new Decimal(10).pow(SCALE[part.unit])), unit: part.unit, decimals: part.decimals };
          const wrongAllowed = cornerRange([rangeOf(wrong), rangeOf(whole)], (v) => v[0]!.div(v[1]!).times(100))!;
          if (percentRuledOut(rate, c.rateDecimals, wrongAllowed)) {
            X = printMoney(wrong, s);
            slip = { kind: 'swapped-digits', ruleId: 'ratio-mismatch', statedRaw: printPercent(rate, c.rateDecimals), operandRaws: [X, printMoney(whole, s)] };
          }
        }
      }
      const T = printMoney(whole, s);
      const P = printPercent(rate, c.rateDecimals);
      const wholeName = c.whole;
      const subject = wholeName.includes('三公') ? ['公务接待费', '公务用车运行维护费', '因公出国（境）费'][c.template % 3]! : c.subject;
      const texts = [
        `${wholeName}${sp}${T}。${subject}${sp}${X}${comma}占${wholeName}的${sp}${P}。`,
        `${wholeName}为${sp}${T}。${subject}为${sp}${X}${comma}占${wholeName}的比重为${sp}${P}。`,
        `${wholeName}${sp}${T}${comma}较好地保障了各项工作。${subject}${sp}${X}${comma}占${wholeName}${sp}${P}。`,
        `${wholeName}${sp}${T}。${subject}${sp}${X}${comma}占${wholeName}的${sp}${P}${comma}主要用于保障运转。`,
      ];
      return { family: 'share-of-named-whole', template: `T${c.template}`, text: finish(texts[c.template]!, c.cuts), stated: [P], ...(slip ? { slip } : {}) };
    }),
};

/** Breakdowns without 其中: `A x，B y，合计 T`, `A、B 分别为 x、y，共计 T`. */
const breakdowns: Family = {
  name: 'breakdown',
  templates: [
    'A x，B y，合计 T',
    'A x，B y，C z，共计 T',
    'A、B 分别为 x、y，共计 T',
    'A、B、C 分别为 x、y、z，合计 T',
    'A x；B y；总计 T',
    '项目总预算 T，其中 A x，B y，合计 T (the 合计 restates the total)',
  ],
  arbitrary: fc
    .record({
      names: fc.shuffledSubarray(SUBJECTS.slice(8), { minLength: 3, maxLength: 3 }),
      unit: fc.constantFrom(...UNITS),
      decimals: fc.integer({ min: 0, max: 2 }),
      parts: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      template: fc.integer({ min: 0, max: 5 }),
      style: styleArb,
      cuts: wrapArb,
      slip: fc.option(fc.constantFrom<SlipKind>('part', 'swapped-digits'), { nil: undefined }),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const semi = punct(s, '；');
      const opening = () => printMoney({ yuan: parts.reduce((acc, p) => acc.plus(printedYuan(p)), new Decimal(0)), unit: c.unit, decimals: c.decimals }, s);
      const count = c.template === 1 || c.template === 3 ? 3 : 2;
      const [lo, hi] = sized(c.unit);
      const scale = lo + c.a * (hi - lo);
      const parts = c.parts.slice(0, count).map((share) => money(Math.round((scale * share) / count), c.unit, c.decimals));
      const totalYuan = parts.reduce((acc, p) => acc.plus(printedYuan(p)), new Decimal(0));
      let total: Money = { yuan: totalYuan, unit: c.unit, decimals: c.decimals };
      const allowed = cornerRange(parts.map(rangeOf), (v) => v.reduce((a, b) => a.plus(b), new Decimal(0)))!;
      let slip: WordingCase['slip'];
      const printed = parts.map((p) => printMoney(p, s));
      if (c.slip === 'part') {
        const wrong: Money = { ...total, yuan: total.yuan.plus(printedYuan(parts[0]!).times(0.1)) };
        if (moneyRuledOut(wrong, allowed)) {
          total = wrong;
          slip = { kind: 'part', ruleId: 'sum-mismatch', statedRaw: printMoney(total, s), operandRaws: printed };
        }
      } else if (c.slip === 'swapped-digits') {
        const swapped = swapDigits(printedNumber(total).toFixed(total.decimals));
        if (swapped) {
          const wrong: Money = { yuan: new Decimal(swapped).times(new Decimal(10).pow(SCALE[total.unit])), unit: total.unit, decimals: total.decimals };
          if (moneyRuledOut(wrong, allowed)) {
            total = wrong;
            slip = { kind: 'swapped-digits', ruleId: 'sum-mismatch', statedRaw: printMoney(total, s), operandRaws: printed };
          }
        }
      }
      const T = printMoney(total, s);
      const bare = parts.map((p) => digits(printedNumber(p), p.decimals, s.thousands));
      const names = c.names.slice(0, count);
      const texts = [
        `${names[0]}${sp}${printed[0]}${comma}${names[1]}${sp}${printed[1]}${comma}合计${sp}${T}。`,
        `${names[0]}${sp}${printed[0]}${comma}${names[1]}${sp}${printed[1]}${comma}${names[2]}${sp}${printed[2]}${comma}共计${sp}${T}。`,
        `${names[0]}、${names[1]}分别为${sp}${bare[0]}、${bare[1]}${sp}${c.unit}${comma}共计${sp}${T}。`,
        `${names[0]}、${names[1]}、${names[2]}分别为${sp}${bare[0]}、${bare[1]}、${bare[2]}${sp}${c.unit}${comma}合计${sp}${T}。`,
        `${names[0]}${sp}${printed[0]}${semi}${names[1]}${sp}${printed[1]}${semi}总计${sp}${T}。`,
        `项目总预算${sp}${opening()}${comma}其中${names[0]}${sp}${printed[0]}${comma}${names[1]}${sp}${printed[1]}${comma}合计${sp}${T}。`,
      ];
      // `A x；B y；总计 T`: semicolons separate parallel parts here, the total closes them.
      return { family: 'breakdown', template: `T${c.template}`, text: finish(texts[c.template]!, c.cuts), stated: [T], ...(slip ? { slip } : {}) };
    }),
};

/** Completion and execution rates, and items under a total with their own rates. */
const completion: Family = {
  name: 'completion',
  templates: [
    'S年初预算 B，支出决算 A，完成年初预算的 P',
    'S支出决算 A，年初预算 B，预算执行率 P',
    'S调整预算数 B，执行数 A，执行率为 P',
    'S全年预算数 B。全年执行数 A，预算完成率 P',
    'TOTAL…，完成年初预算的 P。其中：ITEM 支出决算 a，完成年初预算的 q (item budget unstated: silent)',
  ],
  arbitrary: fc
    .record({
      subject: fc.constantFrom('“三公”经费', '项目资金', '公务接待费', '培训费', '会议费'),
      pair: pairArb,
      template: fc.integer({ min: 0, max: 4 }),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      style: styleArb,
      cuts: wrapArb,
      slip: fc.option(fc.constantFrom<SlipKind>('rate', 'wrong-base'), { nil: undefined }),
      itemShare: fc.double({ min: 0.1, max: 0.6, noNaN: true }),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const budget = money(Math.max(c.pair.first, c.pair.second), c.pair.unit, c.pair.decimals);
      const actual = money(Math.min(c.pair.first, c.pair.second), c.pair.unit, c.pair.decimals);
      const allowed = cornerRange([rangeOf(actual), rangeOf(budget)], (v) => v[0]!.div(v[1]!).times(100))!;
      let rate = printedYuan(actual).div(printedYuan(budget)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      let slip: WordingCase['slip'];
      const A = printMoney(actual, s);
      const B = printMoney(budget, s);
      if (c.slip === 'rate') rate = rate.minus(4.2).toDecimalPlaces(c.rateDecimals);
      if (c.slip === 'wrong-base') rate = printedYuan(budget).minus(printedYuan(actual)).div(printedYuan(budget)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      if (c.slip && percentRuledOut(rate, c.rateDecimals, allowed))
        slip = { kind: c.slip, ruleId: 'ratio-mismatch', statedRaw: printPercent(rate, c.rateDecimals), operandRaws: [A, B] };
      else rate = printedYuan(actual).div(printedYuan(budget)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      const P = printPercent(rate, c.rateDecimals);
      const itemActual = money(Math.round(Number(actual.yuan.times(100)) * c.itemShare), c.pair.unit, c.pair.decimals);
      // The item's rate is compared with nothing: its own budget is not stated. Any value is silent.
      const q = printPercent(new Decimal(c.itemShare * 173).toDecimalPlaces(1), 1);
      const texts = [
        `${c.subject}年初预算${sp}${B}${comma}支出决算${sp}${A}${comma}完成年初预算的${sp}${P}。`,
        `${c.subject}支出决算${sp}${A}${comma}年初预算${sp}${B}${comma}预算执行率${sp}${P}。`,
        `${c.subject}调整预算数${sp}${B}${comma}执行数${sp}${A}${comma}执行率为${sp}${P}。`,
        `${c.subject}全年预算数${sp}${B}。全年执行数${sp}${A}${comma}预算完成率${sp}${P}。`,
        `“三公”经费年初预算${sp}${B}${comma}支出决算${sp}${A}${comma}完成年初预算的${sp}${P}。其中${punct(s, '：')}公务接待费支出决算${sp}${printMoney(itemActual, s)}${comma}完成年初预算的${sp}${q}。`,
      ];
      return { family: 'completion', template: `T${c.template}`, text: finish(texts[c.template]!, c.cuts), stated: [P], ...(slip ? { slip } : {}) };
    }),
};

/** Differences between stages: `决算数大于年初预算数 D`, `比年初预算增加 D`, `调整预算数 X，比年初预算 Y 增加 D`. */
const differences: Family = {
  name: 'difference',
  templates: [
    'S支出决算 A，年初预算 B，决算数大于年初预算数 D',
    'S调整预算数 A，比年初预算 B 增加 D',
    'S年初预算 B，支出决算 A，比年初预算增加 D',
    'S支出决算 A，决算数小于年初预算数 D，年初预算 B',
    'S本年 A，上年 B，比上年 WORD D',
  ],
  arbitrary: fc
    .record({
      subject: fc.constantFrom(...SUBJECTS),
      pair: pairArb,
      template: fc.integer({ min: 0, max: 4 }),
      style: styleArb,
      cuts: wrapArb,
      slip: fc.option(fc.constantFrom<SlipKind>('change-amount', 'swapped-digits'), { nil: undefined }),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const hiCents = Math.max(c.pair.first, c.pair.second);
      const loCents = Math.min(c.pair.first, c.pair.second);
      // Templates 0–2 state a rise, 3 a fall, 4 either.
      const [aCents, bCents] = c.template === 3 ? [loCents, hiCents] : c.template === 4 ? [c.pair.first, c.pair.second] : [hiCents, loCents];
      const a = money(aCents, c.pair.unit, c.pair.decimals);
      const b = money(bCents, c.pair.unit, c.pair.decimals);
      const allowed = cornerRange([rangeOf(a), rangeOf(b)], (v) => v[0]!.minus(v[1]!).abs())!;
      let d: Money = { yuan: printedYuan(a).minus(printedYuan(b)).abs(), unit: c.pair.unit, decimals: c.pair.decimals };
      let slip: WordingCase['slip'];
      const A = printMoney(a, s);
      const B = printMoney(b, s);
      const rule = 'difference-mismatch';
      if (c.slip === 'change-amount') {
        const wrong: Money = { ...d, yuan: d.yuan.times(1.2).plus(printedYuan(b).times(0.01)) };
        if (moneyRuledOut(wrong, allowed)) {
          d = wrong;
          slip = { kind: 'change-amount', ruleId: rule, statedRaw: printMoney(d, s), operandRaws: [A, B] };
        }
      } else if (c.slip === 'swapped-digits') {
        const swapped = swapDigits(printedNumber(d).toFixed(d.decimals));
        if (swapped) {
          const wrong: Money = { yuan: new Decimal(swapped).times(new Decimal(10).pow(SCALE[d.unit])), unit: d.unit, decimals: d.decimals };
          if (moneyRuledOut(wrong, allowed)) {
            d = wrong;
            slip = { kind: 'swapped-digits', ruleId: rule, statedRaw: printMoney(d, s), operandRaws: [A, B] };
          }
        }
      }
      const D = printMoney(d, s);
      const word = printedYuan(a).gt(printedYuan(b)) ? '增加' : '减少';
      const texts = [
        `${c.subject}支出决算${sp}${A}${comma}年初预算${sp}${B}${comma}决算数大于年初预算数${sp}${D}。`,
        `${c.subject}调整预算数${sp}${A}${comma}比年初预算${sp}${B}${sp}增加${sp}${D}。`,
        `${c.subject}年初预算${sp}${B}${comma}支出决算${sp}${A}${comma}比年初预算增加${sp}${D}。`,
        `${c.subject}支出决算${sp}${A}${comma}决算数小于年初预算数${sp}${D}${comma}年初预算${sp}${B}。`,
        `${c.subject}本年${sp}${A}${comma}上年${sp}${B}${comma}比上年${word}${sp}${D}。`,
      ];
      return { family: 'difference', template: `T${c.template}`, text: finish(texts[c.template]!, c.cuts), stated: [D], ...(slip ? { slip } : {}) };
    }),
};

/** Distributive lists: `A、B 分别为 x、y，分别占 W 的 p、q`; `收、支总计各为 x、y，比上年各减少 d、e，各下降 p、q`. */
const distributive: Family = {
  name: 'distributive',
  templates: [
    'W T。A、B分别为 x、y，分别占W的 p、q',
    'W T。A和B分别为 x、y，分别占W的 p、q',
    '收、支总计各为 x、y，比上年各减少 d、e，各下降 p、q',
    '收入总计、支出总计分别为 x、y，比上年分别增加 d、e，分别增长 p、q',
    'W T。A、B、C分别为 x、y、z，分别占W的 p、q、r',
  ],
  arbitrary: fc
    .record({
      names: fc.shuffledSubarray(SUBJECTS.slice(0, 8), { minLength: 3, maxLength: 3 }),
      unit: fc.constantFrom<Money['unit']>('万元', '元'),
      decimals: fc.integer({ min: 1, max: 2 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      shares: fc.array(fc.double({ min: 0.05, max: 0.3, noNaN: true }), { minLength: 3, maxLength: 3 }),
      ratios: fc.array(fc.double({ min: 0.6, max: 0.95, noNaN: true }), { minLength: 2, maxLength: 2 }),
      template: fc.integer({ min: 0, max: 4 }),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      style: styleArb,
      cuts: wrapArb,
      slipAt: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const [lo, hi] = sized(c.unit);
      const base = Math.round(lo + c.a * (hi - lo)) + 1_000_000;
      const list = (values: string[]) => values.join('、');
      const bare = (m: Money) => digits(printedNumber(m), m.decimals, s.thousands);
      let slip: WordingCase['slip'];
      if (c.template === 2 || c.template === 3) {
        const up = c.template === 3;
        const totals = [money(base, c.unit, c.decimals), money(Math.round(base * 1.01), c.unit, c.decimals)];
        const changes = totals.map((t, i) => ({
          yuan: printedYuan(t)
            .times(1 - c.ratios[i]!)
            .toDecimalPlaces(2),
          unit: c.unit,
          decimals: c.decimals,
        }));
        const rates = totals.map((t, i) => {
          const d = printedYuan(changes[i]!);
          return d
            .div(up ? printedYuan(t).minus(d) : printedYuan(t).plus(d))
            .times(100)
            .toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
        });
        const at = c.slipAt !== undefined ? c.slipAt % 2 : undefined;
        if (at !== undefined) {
          const allowed = cornerRange([rangeOf(totals[at]!), rangeOf(changes[at]!)], (v) => v[1]!.div(up ? v[0]!.minus(v[1]!) : v[0]!.plus(v[1]!)).times(100))!;
          // The other subject's rate: a slip a nearness reading would pair with the wrong figures.
          const wrong = rates[1 - at]!.plus(0.5 + at);
          if (percentRuledOut(wrong, c.rateDecimals, allowed)) {
            rates[at] = wrong;
            slip = {
              kind: 'rate',
              ruleId: 'growth-mismatch',
              statedRaw: printPercent(wrong, c.rateDecimals),
              operandRaws: [printMoney(totals[at]!, s), printMoney(changes[at]!, s)],
            };
          }
        }
        const P = rates.map((r) => printPercent(r, c.rateDecimals));
        const text =
          c.template === 2
            ? `收、支总计各为${sp}${bare(totals[0]!)}、${bare(totals[1]!)}${sp}${c.unit}${comma}比上年各减少${sp}${bare(changes[0]!)}、${bare(changes[1]!)}${sp}${c.unit}${comma}各下降${sp}${list(P)}。`
            : `收入总计、支出总计分别为${sp}${bare(totals[0]!)}、${bare(totals[1]!)}${sp}${c.unit}${comma}比上年分别增加${sp}${bare(changes[0]!)}、${bare(changes[1]!)}${sp}${c.unit}${comma}分别增长${sp}${list(P)}。`;
        return { family: 'distributive', template: `T${c.template}`, text: finish(text, c.cuts), stated: P, ...(slip ? { slip } : {}) };
      }
      const count = c.template === 4 ? 3 : 2;
      const whole = money(base, c.unit, c.decimals);
      const parts = c.shares.slice(0, count).map((share) => money(Math.round(base * share), c.unit, c.decimals));
      const rates = parts.map((p) => printedYuan(p).div(printedYuan(whole)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP));
      const at = c.slipAt !== undefined ? c.slipAt % count : undefined;
      if (at !== undefined) {
        const allowed = cornerRange([rangeOf(parts[at]!), rangeOf(whole)], (v) => v[0]!.div(v[1]!).times(100))!;
        // The next part's share in this part's place: positions swapped.
        const wrong = rates[(at + 1) % count]!.plus(at === 0 ? 0 : 0.7);
        if (percentRuledOut(wrong, c.rateDecimals, allowed)) {
          rates[at] = wrong;
          slip = { kind: 'share', ruleId: 'ratio-mismatch', statedRaw: printPercent(wrong, c.rateDecimals), operandRaws: [printMoney(parts[at]!, s), printMoney(whole, s)] };
        }
      }
      const W = '本年支出合计';
      const names = c.names.slice(0, count);
      const joined = c.template === 1 ? names.join('和') : names.join('、');
      const P = rates.map((r) => printPercent(r, c.rateDecimals));
      const text = `${W}${sp}${printMoney(whole, s)}。${joined}分别为${sp}${list(parts.map(bare))}${sp}${c.unit}${comma}分别占${W}的${sp}${list(P)}。`;
      return { family: 'distributive', template: `T${c.template}`, text: finish(text, c.cuts), stated: P, ...(slip ? { slip } : {}) };
    }),
};

// ---------------------------------------------------------------------------------------------
// Flattened score tables

const LEVEL_ONE = ['决策', '过程', '产出', '效益', '满意度'];
const LEVEL_TWO = ['项目立项', '绩效目标', '资金管理', '组织实施', '产出数量', '产出质量', '产出时效', '社会效益', '经济效益', '服务对象满意度'];
const LEVEL_THREE = [
  '立项依据充分性',
  '绩效目标合理性',
  '资金到位率',
  '预算执行率',
  '资金使用合规性',
  '管理制度健全性',
  '完成培训人次',
  '验收合格率',
  '按期完成率',
  '群众满意度',
  '带动就业人数',
];
const MEASURES = ['≥95%', '100%', '≤30天', '≥90%', '12次', '≥3000人次'];

type ScoreColumn = 'weight' | 'score' | 'measure';
/** Value columns in the orders headers print them: 分值 before 得分, or after; 指标值 before, between or not at all. */
const COLUMN_ORDERS: ScoreColumn[][] = [
  ['weight', 'score'],
  ['measure', 'weight', 'score'],
  ['weight', 'measure', 'score'],
  ['score', 'weight'],
  ['measure', 'score', 'weight'],
];
const HEADER_WORDS: Record<ScoreColumn, string[]> = {
  weight: ['分值', '权重', '指标分值'],
  score: ['得分', '自评得分', '评价得分'],
  measure: ['指标值', '年度指标值', '实际完成值'],
};

/**
 * A 自评表's indicator block flattened to text: cells split by `|` (with or without the outer pipes),
 * by spaces (ASCII or ideographic), or one per line; merged names on the left left out in the rows
 * below their first; a 合计/总分 row. Slips: weights that total 90, a score above its 分值, a 得分 total
 * that is not the sum of the item scores.
 */
const scoreTables: Family = {
  name: 'score-table',
  templates: [
    'levels | 分值 | 得分 (pipes, no outer pipes)',
    '| levels | 分值 | 得分 | (outer pipes)',
    'levels 分值 得分 (spaces, merged names left out)',
    'one cell per line',
    'levels 指标值 分值 得分 / 得分 before 分值 (value columns in any order)',
    'two levels (二级/三级), total row without 分值',
  ],
  arbitrary: fc
    .record({
      template: fc.integer({ min: 0, max: 5 }),
      rows: fc.integer({ min: 3, max: 7 }),
      raw: fc.array(fc.integer({ min: 2, max: 12 }), { minLength: 7, maxLength: 7 }),
      fractions: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 7, maxLength: 7 }),
      scoreDecimals: fc.integer({ min: 0, max: 2 }),
      order: fc.integer({ min: 0, max: COLUMN_ORDERS.length - 1 }),
      words: fc.integer({ min: 0, max: 2 }),
      fullWidth: fc.boolean(),
      merged: fc.boolean(),
      totalWord: fc.constantFrom('合计', '总分'),
      names: fc.shuffledSubarray(LEVEL_THREE, { minLength: 7, maxLength: 7 }),
      cuts: wrapArb,
      slip: fc.option(fc.constantFrom<SlipKind>('weights', 'score-max', 'score-sum'), { nil: undefined }),
      slipAt: fc.integer({ min: 0, max: 6 }),
      delta: fc.integer({ min: 1, max: 4 }),
    })
    .map((c) => {
      const count = c.rows;
      // Weights: whole numbers that total 100, each at least 5.
      const raw = c.raw.slice(0, count);
      const rawSum = raw.reduce((a, b) => a + b, 0);
      const weights = raw.map((r) => 5 + Math.floor((r / rawSum) * (100 - 5 * count)));
      weights[0]! += 100 - weights.reduce((a, b) => a + b, 0);
      // Scores: up to the weight, printed with 0–2 decimals (whole, halves, quarters).
      const step = new Decimal([1, 0.5, 0.25][c.scoreDecimals]!);
      const scores = weights.map((w, i) => Decimal.max(0, new Decimal(w).minus(step.times(c.fractions[i]! % Math.max(1, w)))));
      const at = c.slipAt % count;
      let slip: WordingCase['slip'];
      const show = (d: Decimal) => d.toFixed(c.scoreDecimals);
      if (c.slip === 'weights' && weights[at]! > 10) {
        weights[at]! -= 10;
        if (scores[at]!.gt(weights[at]!)) scores[at] = new Decimal(weights[at]!);
      } else if (c.slip === 'score-max') scores[at] = new Decimal(weights[at]!).plus(c.delta);
      const total = scores.reduce((a, b) => a.plus(b), new Decimal(0));
      const statedTotal = c.slip === 'score-sum' ? (total.gt(50) ? total.minus(c.delta) : total.plus(c.delta)) : total;
      const W = weights.map(String);
      const S = scores.map(show);
      const T = show(statedTotal);
      if (c.slip === 'weights' && weights.reduce((a, b) => a + b, 0) === 90)
        slip = { kind: 'weights', ruleId: 'weights-sum', statedRole: 'weight', statedRaw: W[at]!, operandRaws: W.filter((_, i) => i !== at) };
      else if (c.slip === 'score-max') slip = { kind: 'score-max', ruleId: 'score-exceeds-max', statedRole: 'score', statedRaw: S[at]!, operandRaws: [W[at]!] };
      else if (c.slip === 'score-sum') slip = { kind: 'score-sum', ruleId: 'score-sum-mismatch', statedRole: 'total', statedRaw: T, operandRaws: S };

      const twoLevels = c.template === 5;
      const order: ScoreColumn[] = c.template === 4 ? COLUMN_ORDERS[c.order]! : c.template === 5 ? COLUMN_ORDERS[c.order % 2 === 0 ? 0 : 1]! : ['weight', 'score'];
      const levels = twoLevels ? ['二级指标', '三级指标'] : ['一级指标', '二级指标', '三级指标'];
      const header = [...levels, ...order.map((column) => HEADER_WORDS[column][c.words]!)];
      // Each 一级 group spans two rows; each 二级 name is its row's own.
      const rows = Array.from({ length: count }, (_, i) => {
        const names = twoLevels
          ? [LEVEL_TWO[i % LEVEL_TWO.length]!, c.names[i]!]
          : [LEVEL_ONE[Math.floor(i / 2) % LEVEL_ONE.length]!, LEVEL_TWO[i % LEVEL_TWO.length]!, c.names[i]!];
        // A merged 一级 cell prints its name once, on the first row of its group.
        const shown = c.merged && !twoLevels && i % 2 === 1 ? names.slice(1) : names;
        const values = order.map((column) => (column === 'weight' ? W[i]! : column === 'score' ? S[i]! : MEASURES[i % MEASURES.length]!));
        return [...shown, ...values];
      });
      // The total row: its own word, then what it states under the value columns (no 指标值; 分值 not always).
      const totalValues = order.map((column) => (column === 'weight' ? (twoLevels ? undefined : '100') : column === 'score' ? T : '—'));
      // Trailing columns the total leaves blank are dropped; blanks before a stated figure print as `—`.
      while (totalValues.length > 0 && totalValues.at(-1) === undefined) totalValues.pop();
      const totalRow = [c.totalWord, ...totalValues.map((v) => v ?? '—')];
      const layout = c.template === 0 || c.template === 4 ? 'pipe' : c.template === 1 ? 'outer' : c.template === 3 ? 'lines' : twoLevels && c.merged ? 'lines' : 'spaces';
      const bar = c.fullWidth ? '｜' : '|';
      const gap = c.fullWidth ? '\u3000' : c.merged ? '  ' : ' ';
      const line = (cells: string[]) =>
        layout === 'pipe' ? cells.join(` ${bar} `) : layout === 'outer' ? `| ${cells.join(' | ')} |` : layout === 'spaces' ? cells.join(gap) : cells.join('\n');
      const table = [header, ...rows, totalRow].map(line).join('\n');
      const comma = c.fullWidth ? ',' : '，';
      const intro = finish(`本项目年度绩效目标已基本完成${comma}各项指标自评情况见下表。`, c.cuts);
      const note = finish(`注：得分按评分标准逐项计算${comma}主要原因说明从略。`, c.cuts);
      const text = `${intro}\n项目支出绩效自评表\n${table}\n\n${note}`;
      return { family: 'score-table', template: `T${c.template}`, text, stated: [T], ...(slip ? { slip } : {}) };
    }),
};

// ---------------------------------------------------------------------------------------------
// Items under a total, with their own rates

const SANGONG_ITEMS = ['因公出国（境）费', '公务用车购置及运行费', '公务接待费', '公务用车运行维护费'];
const FUNCTION_ITEMS = ['一般公共服务支出（类）', '行政运行（项）', '教育支出（类）', '普通教育（款）', '社会保障和就业支出（类）', '机关事业单位基本养老保险缴费支出（项）'];

/**
 * `“三公”经费年初预算 B，支出决算 A，完成年初预算的 P。其中：公务接待费支出决算 a，完成年初预算的 q`: an
 * item's rate is its own — checked against its own budget when stated, never against the total's.
 */
const itemsUnderTotal: Family = {
  name: 'items-under-total',
  templates: [
    'TOTAL 年初预算 B，支出决算 A，完成年初预算的 P。其中：ITEM 支出决算 a，完成年初预算的 q (item budget unstated: silent)',
    'TOTAL …。其中：ITEM 年初预算 b，支出决算 a，完成年初预算的 q / 支出决算 a，年初预算 b，… / 支出决算 a，完成年初预算 b 的 q',
    'TOTAL …。其中：ITEM 支出决算 a，年初预算 b，预算执行率 q，比上年 WORD d，WORD r / the change before the budget and its rate',
    'TOTAL …。其中：ITEM 支出决算 a，上年支出决算 y，比上年 WORD d，WORD r',
    'TOTAL …。其中：ITEM1 年初预算 b，支出决算 a，完成年初预算的 q，REASON；ITEM2 支出决算 a2，完成年初预算的 q2',
    'TOTAL 支出决算 A，为年初预算 B 的 P。ITEM 年初预算 b，支出决算 a，执行率为 q（aside）',
  ],
  arbitrary: fc
    .record({
      template: fc.integer({ min: 0, max: 5 }),
      order: fc.integer({ min: 0, max: 2 }),
      functional: fc.boolean(),
      items: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 2, maxLength: 2 }),
      unit: fc.constantFrom(...UNITS),
      decimals: fc.integer({ min: 0, max: 2 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      spent: fc.double({ min: 0.3, max: 0.98, noNaN: true }),
      itemShare: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
      itemSpent: fc.double({ min: 0.3, max: 0.99, noNaN: true }),
      lastYear: fc.oneof(fc.double({ min: 0.6, max: 0.85, noNaN: true }), fc.double({ min: 1.15, max: 1.6, noNaN: true })),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      style: styleArb,
      cuts: wrapArb,
      wordIndex: fc.integer({ min: 0, max: 2 }),
      slip: fc.option(fc.constantFrom<SlipKind>('rate', 'wrong-base', 'change-amount', 'direction'), { nil: undefined }),
      reason: fc.constantFrom(...REASONS),
      aside: fc.constantFrom(...ASIDES),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const [lo, hi] = sized(c.unit);
      const big = Math.round(lo + c.a * (hi - lo)) + 10_000_000;
      const at = (cents: number) => money(Math.round(cents), c.unit, c.decimals);
      const budget = at(big);
      const actual = at(big * c.spent);
      const itemBudget = at(big * c.itemShare);
      // An item's outcome is a part of the total's: at most half of it.
      const itemActual = at(big * c.spent * c.itemShare * c.itemSpent);
      const lastYear = at(big * c.spent * c.itemShare * c.itemSpent * c.lastYear);
      const other = at(big * c.spent * c.itemShare * 0.4);
      const pct = (num: Money, den: Money) => printedYuan(num).div(printedYuan(den)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      const ratioRange = (num: Money, den: Money) => cornerRange([rangeOf(num), rangeOf(den)], (v) => v[0]!.div(v[1]!).times(100))!;
      const B = printMoney(budget, s);
      const A = printMoney(actual, s);
      const b = printMoney(itemBudget, s);
      const a = printMoney(itemActual, s);
      const P = printPercent(pct(actual, budget), c.rateDecimals);
      let q = pct(itemActual, itemBudget);
      const pool = c.functional ? FUNCTION_ITEMS : SANGONG_ITEMS;
      const item = pool[c.items[0]! + (c.functional && c.template % 2 === 1 ? 2 : 0)]!;
      const item2 = pool.filter((name) => name !== item)[c.items[1]!]!;
      const total = c.functional ? '本年支出' : '“三公”经费';
      let slip: WordingCase['slip'];
      // The item's change on last year: its actual now against last year's.
      const up = printedYuan(itemActual).gt(printedYuan(lastYear));
      let change: Money = { yuan: printedYuan(itemActual).minus(printedYuan(lastYear)).abs(), unit: c.unit, decimals: c.decimals };
      const growth = printedYuan(change).div(printedYuan(lastYear)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      let changeWord = (up ? UP : DOWN)[c.wordIndex]!;
      const rateWord = (up ? UP_RATE : DOWN_RATE)[c.wordIndex]!;
      const hasOwnBudget = c.template !== 0 && c.template !== 3;
      if ((c.slip === 'rate' || c.slip === 'wrong-base') && hasOwnBudget) {
        // A wrong item rate, or the item's actual over the total's budget.
        const wrong = c.slip === 'rate' ? q.plus(3.7).toDecimalPlaces(c.rateDecimals) : pct(itemActual, budget);
        if (percentRuledOut(wrong, c.rateDecimals, ratioRange(itemActual, itemBudget))) {
          q = wrong;
          slip = { kind: c.slip, ruleId: 'ratio-mismatch', statedRaw: printPercent(q, c.rateDecimals), operandRaws: [a, b] };
        }
      } else if (c.slip === 'change-amount' && c.template === 2) {
        const wrong: Money = { ...change, yuan: change.yuan.times(1.3).toDecimalPlaces(2) };
        const base = (v: Decimal[]) => (up ? v[0]!.minus(v[1]!) : v[0]!.plus(v[1]!));
        const allowedWrong = cornerRange([rangeOf(itemActual), rangeOf(wrong)], (v) => (base(v).lte(0) ? undefined : v[1]!.div(base(v)).times(100)));
        if (allowedWrong && percentRuledOut(growth, c.rateDecimals, allowedWrong)) {
          change = wrong;
          slip = { kind: 'change-amount', ruleId: 'growth-mismatch', statedRaw: printPercent(growth, c.rateDecimals), operandRaws: [a, printMoney(change, s)] };
        }
      } else if (c.slip === 'direction' && c.template === 3 && (rangeOf(itemActual)[0].gt(rangeOf(lastYear)[1]) || rangeOf(itemActual)[1].lt(rangeOf(lastYear)[0]))) {
        // Only where the printed figures fix the direction: `1 万元` against `1 万元` says neither.
        changeWord = (up ? DOWN : UP)[c.wordIndex]!;
        slip = { kind: 'direction', ruleId: 'direction-contradiction', statedRaw: printMoney(change, s), operandRaws: [a, printMoney(lastYear, s)] };
      }
      const Q = printPercent(q, c.rateDecimals);
      const D = printMoney(change, s);
      const R = printPercent(growth, c.rateDecimals);
      const Y = printMoney(lastYear, s);
      const q2 = printPercent(new Decimal(c.itemSpent * 91).toDecimalPlaces(1), 1);
      const head = `${total}年初预算${sp}${B}${comma}支出决算${sp}${A}${comma}完成年初预算的${sp}${P}。`;
      const among = `其中${punct(s, '：')}`;
      const texts = [
        `${head}${among}${item}支出决算${sp}${a}${comma}完成年初预算的${sp}${q2}。`,
        [
          `${head}${among}${item}年初预算${sp}${b}${comma}支出决算${sp}${a}${comma}完成年初预算的${sp}${Q}。`,
          `${head}${among}${item}支出决算${sp}${a}${comma}年初预算${sp}${b}${comma}完成年初预算的${sp}${Q}。`,
          `${head}${among}${item}支出决算${sp}${a}${comma}完成年初预算${sp}${b}${sp}的${sp}${Q}。`,
        ][c.order]!,
        c.order === 1
          ? `${head}${among}${item}支出决算${sp}${a}${comma}比上年${changeWord}${sp}${D}${comma}${rateWord}${sp}${R}${comma}年初预算${sp}${b}${comma}预算执行率${sp}${Q}。`
          : `${head}${among}${item}支出决算${sp}${a}${comma}年初预算${sp}${b}${comma}预算执行率${sp}${Q}${comma}比上年${changeWord}${sp}${D}${comma}${rateWord}${sp}${R}。`,
        `${head}${among}${item}支出决算${sp}${a}${comma}上年支出决算${sp}${Y}${comma}比上年${changeWord}${sp}${D}${comma}${rateWord}${sp}${R}。`,
        `${head}${among}${item}年初预算${sp}${b}${comma}支出决算${sp}${a}${comma}完成年初预算的${sp}${Q}${comma}${c.reason}${punct(s, '；')}${item2}支出决算${sp}${printMoney(other, s)}${comma}完成年初预算的${sp}${q2}。`,
        `${c.functional ? '本年' : total}支出决算${sp}${A}${comma}为年初预算${sp}${B}${sp}的${sp}${P}。${item}年初预算${sp}${b}${comma}支出决算${sp}${a}${comma}执行率为${sp}${Q}${c.aside}。`,
      ];
      const stated = [P, ...(hasOwnBudget ? [Q] : []), ...(c.template === 2 || c.template === 3 ? [R] : []), ...(c.template === 3 ? [D] : [])];
      return {
        family: 'items-under-total',
        template: `T${c.template}${c.template === 1 || c.template === 2 ? `.${c.order}` : ''}`,
        text: finish(texts[c.template]!, c.cuts),
        stated,
        ...(slip ? { slip } : {}),
      };
    }),
};

// ---------------------------------------------------------------------------------------------
// Wholes stated only in a table, and wholes stated twice

/** 功能科目 classes a 支出决算表 lists, and items it does not. */
const TABLE_ROWS = ['教育支出', '科学技术支出', '社会保障和就业支出', '卫生健康支出', '住房保障支出', '一般公共服务支出'];
const TEXT_ITEMS = ['差旅费', '培训费', '办公费'];
/** The department's spending total as a share may name it (one fact key: expense.total of all funds). */
const TOTAL_NAMES = ['本年支出合计', '支出总额', '支出合计', '部门支出总额', '本年支出'];

interface SpendingTable {
  /** Each row's amount in 元 (multiples of 100 元, so that 万元 with two decimals is exact). */
  rows: { name: string; basic: Decimal; project: Decimal }[];
  unit: '元' | '万元';
  thousands: boolean;
}

const spendingTableArb: fc.Arbitrary<SpendingTable> = fc
  .record({
    names: fc.shuffledSubarray(TABLE_ROWS, { minLength: 2, maxLength: 4 }),
    amounts: fc.array(fc.tuple(fc.integer({ min: 10_000, max: 3_000_000 }), fc.integer({ min: 0, max: 2_000_000 })), { minLength: 4, maxLength: 4 }),
    unit: fc.constantFrom<SpendingTable['unit']>('元', '万元'),
    thousands: fc.boolean(),
  })
  .map(({ names, amounts, unit, thousands }) => ({
    rows: names.map((name, i) => ({ name, basic: new Decimal(amounts[i]![0]).times(100), project: new Decimal(amounts[i]![1]).times(100) })),
    unit,
    thousands,
  }));

/** A table figure as printed: its unit's number with two decimals. */
function tableMoney(yuan: Decimal, table: SpendingTable): Money {
  return { yuan, unit: table.unit, decimals: 2 };
}

function tableRaw(yuan: Decimal, table: SpendingTable): string {
  return digits(printedNumber(tableMoney(yuan, table)), 2, table.thousands);
}

function tableTotal(table: SpendingTable): { basic: Decimal; project: Decimal; all: Decimal } {
  const basic = table.rows.reduce((sum, row) => sum.plus(row.basic), new Decimal(0));
  const project = table.rows.reduce((sum, row) => sum.plus(row.project), new Decimal(0));
  return { basic, project, all: basic.plus(project) };
}

/** A 支出决算表 in markdown, its 合计 row the sum of its rows in each column. */
function printSpendingTable(table: SpendingTable): string {
  const cell = (yuan: Decimal) => (yuan.isZero() ? '' : tableRaw(yuan, table));
  const total = tableTotal(table);
  const rows = [
    `| 合计 | ${cell(total.all)} | ${cell(total.basic)} | ${cell(total.project)} |`,
    ...table.rows.map((row) => `| ${row.name} | ${cell(row.basic.plus(row.project))} | ${cell(row.basic)} | ${cell(row.project)} |`),
  ];
  return `支出决算表\n\n单位：${table.unit}\n\n| 项目 | 合计 | 基本支出 | 项目支出 |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n\n`;
}

/** The part a share names: a row of the table, or an item the table does not list (its amount a share of the total). */
function partOf(table: SpendingTable, pick: number, item: boolean, itemShare: number): { name: string; yuan: Decimal; inTable: boolean } {
  if (item) return { name: TEXT_ITEMS[pick % TEXT_ITEMS.length]!, yuan: tableTotal(table).all.times(itemShare).div(100).round().times(100), inTable: false };
  const row = table.rows[pick % table.rows.length]!;
  return { name: row.name, yuan: row.basic.plus(row.project), inTable: true };
}

/** A share whose whole is stated only in a table: `教育支出 612.40 万元，占本年支出合计的 41.27%`, 本年支出合计 in the 支出决算表. */
const shareOfTableWhole: Family = {
  name: 'share-of-table-whole',
  templates: ['S X，占WHOLE的 P', 'S为 X，占WHOLE的比重为 P', 'S X，占WHOLE P，REASON', 'S X（aside），占WHOLE的 P', '按功能分类，S X，占WHOLE的 P'],
  arbitrary: fc
    .record({
      table: spendingTableArb,
      whole: fc.constantFrom(...TOTAL_NAMES),
      pick: fc.nat(),
      item: fc.boolean(),
      itemShare: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
      decimals: fc.integer({ min: 1, max: 2 }),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      template: fc.integer({ min: 0, max: 4 }),
      style: styleArb,
      cuts: wrapArb,
      slip: fc.option(fc.constantFrom<SlipKind>('share', 'swapped-digits'), { nil: undefined }),
      reason: fc.constantFrom(...REASONS),
      aside: fc.constantFrom(...ASIDES),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const total = tableTotal(c.table).all;
      const wholeMoney = tableMoney(total, c.table);
      const T = tableRaw(total, c.table);
      const part = partOf(c.table, c.pick, c.item, c.itemShare);
      let partMoney: Money = { yuan: part.yuan, unit: '万元', decimals: c.decimals };
      const ratio = (x: Money) => printedYuan(x).div(printedYuan(wholeMoney)).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      let rate = ratio(partMoney);
      let slip: WordingCase['slip'];
      let unchecked: string[] | undefined;
      if (c.slip === 'share') {
        const wrong = rate.plus(3.1).toDecimalPlaces(c.rateDecimals);
        const allowed = cornerRange([rangeOf(partMoney), rangeOf(wholeMoney)], (v) => v[0]!.div(v[1]!).times(100))!;
        if (percentRuledOut(wrong, c.rateDecimals, allowed)) {
          rate = wrong;
          slip = { kind: 'share', ruleId: 'ratio-mismatch', statedRaw: printPercent(rate, c.rateDecimals), operandRaws: [printMoney(partMoney, s), T] };
        }
      } else if (c.slip === 'swapped-digits') {
        const swapped = swapDigits(printedNumber(partMoney).toFixed(c.decimals));
        if (swapped) {
          const wrong: Money = { yuan: new Decimal(swapped).times(10_000), unit: '万元', decimals: c.decimals };
          const allowed = cornerRange([rangeOf(wrong), rangeOf(wholeMoney)], (v) => v[0]!.div(v[1]!).times(100))!;
          if (part.inTable && moneyRuledOut(wrong, rangeOf(tableMoney(part.yuan, c.table)))) {
            // The part disagrees with its own row of the table: reported there, and the share it enters is not checked.
            partMoney = wrong;
            slip = { kind: 'duplicate', ruleId: 'text-table-mismatch', statedRaw: printMoney(wrong, s), operandRaws: [tableRaw(part.yuan, c.table)] };
            unchecked = [printPercent(rate, c.rateDecimals)];
          } else if (!part.inTable && percentRuledOut(rate, c.rateDecimals, allowed)) {
            partMoney = wrong;
            slip = { kind: 'swapped-digits', ruleId: 'ratio-mismatch', statedRaw: printPercent(rate, c.rateDecimals), operandRaws: [printMoney(wrong, s), T] };
          }
        }
      }
      const X = printMoney(partMoney, s);
      const P = printPercent(rate, c.rateDecimals);
      const S = part.name;
      const texts = [
        `${S}${sp}${X}${comma}占${c.whole}的${sp}${P}。`,
        `${S}为${sp}${X}${comma}占${c.whole}的比重为${sp}${P}。`,
        `${S}${sp}${X}${comma}占${c.whole}${sp}${P}${comma}${c.reason}。`,
        `${S}${sp}${X}${c.aside}${comma}占${c.whole}的${sp}${P}。`,
        `按功能分类${comma}${S}${sp}${X}${comma}占${c.whole}的${sp}${P}。`,
      ];
      const text = `${printSpendingTable(c.table)}${finish(texts[c.template]!, c.cuts)}`;
      return { family: 'share-of-table-whole', template: `T${c.template}`, text, stated: unchecked ? [] : [P], ...(slip ? { slip } : {}), ...(unchecked ? { unchecked } : {}) };
    }),
};

/**
 * A whole stated twice: in the text and its table, or twice in the text under two names of one key. Agreeing,
 * the share is checked; disagreeing, the share is not (which is meant is not known) and the disagreement is
 * reported once, by text-table-mismatch or repeated-figure-mismatch.
 */
const duplicateWhole: Family = {
  name: 'duplicate-whole',
  templates: [
    '[table] WHOLE T。S X，占WHOLE的 P',
    '[table] WHOLE为 T，…。S X，占WHOLE的比重为 P',
    'WHOLE T，…。NAME为 T。S X，占WHOLE的 P',
    'WHOLE T。NAME T。S为 X，占WHOLE P',
    '[table] S X，占WHOLE的 P。WHOLE T',
  ],
  arbitrary: fc
    .record({
      table: spendingTableArb,
      names: fc.shuffledSubarray(TOTAL_NAMES, { minLength: 2, maxLength: 2 }),
      pick: fc.nat(),
      itemShare: fc.double({ min: 0.02, max: 0.3, noNaN: true }),
      decimals: fc.integer({ min: 1, max: 2 }),
      rateDecimals: fc.integer({ min: 1, max: 2 }),
      template: fc.integer({ min: 0, max: 4 }),
      style: styleArb,
      slip: fc.option(fc.constantFrom<SlipKind>('duplicate', 'swapped-digits', 'share'), { nil: undefined }),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const withTable = c.template !== 2 && c.template !== 3;
      const total = tableTotal(c.table).all;
      // The text states the total in 万元 with two decimals: exact, as the table's.
      const first: Money = { yuan: total, unit: '万元', decimals: 2 };
      const part = partOf(c.table, c.pick, true, c.itemShare);
      const partMoney: Money = { yuan: part.yuan, unit: '万元', decimals: c.decimals };
      let rate = printedYuan(partMoney).div(total).times(100).toDecimalPlaces(c.rateDecimals, Decimal.ROUND_HALF_UP);
      let second = first;
      let slip: WordingCase['slip'];
      let unchecked: string[] | undefined;
      // The other statement of the whole: the table's cell, or the text's first.
      const reference = withTable ? tableRaw(total, c.table) : printMoney(first, s);
      if (c.slip === 'duplicate' || c.slip === 'swapped-digits') {
        const swapped = swapDigits(printedNumber(first).toFixed(2));
        const wrong: Money =
          c.slip === 'duplicate' || !swapped ? { ...first, yuan: total.times(1.031).div(100).round().times(100) } : { ...first, yuan: new Decimal(swapped).times(10_000) };
        if (moneyRuledOut(wrong, rangeOf(first))) {
          second = wrong;
          slip = { kind: c.slip, ruleId: withTable ? 'text-table-mismatch' : 'repeated-figure-mismatch', statedRaw: printMoney(wrong, s), operandRaws: [reference] };
          unchecked = [printPercent(rate, c.rateDecimals)];
        }
      } else if (c.slip === 'share') {
        const wrong = rate.plus(2.7).toDecimalPlaces(c.rateDecimals);
        const allowed = cornerRange([rangeOf(partMoney), rangeOf(first)], (v) => v[0]!.div(v[1]!).times(100))!;
        if (percentRuledOut(wrong, c.rateDecimals, allowed)) {
          rate = wrong;
          // Of agreeing statements of the whole, the finest printed is the operand: a table in 元, else the text's first.
          const whole = withTable && c.table.unit === '元' ? tableRaw(total, c.table) : printMoney(first, s);
          slip = { kind: 'share', ruleId: 'ratio-mismatch', statedRaw: printPercent(rate, c.rateDecimals), operandRaws: [printMoney(partMoney, s), whole] };
        }
      }
      const [name, other] = c.names as [string, string];
      const T1 = printMoney(withTable ? second : first, s);
      const T2 = printMoney(second, s);
      const X = printMoney(partMoney, s);
      const P = printPercent(rate, c.rateDecimals);
      const S = part.name;
      const texts = [
        `${name}${sp}${T1}。${S}${sp}${X}${comma}占${name}的${sp}${P}。`,
        `${name}为${sp}${T1}${comma}较好地保障了各项工作。${S}${sp}${X}${comma}占${name}的比重为${sp}${P}。`,
        `${name}${sp}${T1}${comma}较好地保障了各项工作。${other}为${sp}${T2}。${S}${sp}${X}${comma}占${name}的${sp}${P}。`,
        `${name}${sp}${T1}。${other}${sp}${T2}。${S}为${sp}${X}${comma}占${name}${sp}${P}。`,
        `${S}${sp}${X}${comma}占${name}的${sp}${P}。${name}${sp}${T1}。`,
      ];
      const text = `${withTable ? printSpendingTable(c.table) : ''}${texts[c.template]!}\n`;
      return { family: 'duplicate-whole', template: `T${c.template}`, text, stated: unchecked ? [] : [P], ...(slip ? { slip } : {}), ...(unchecked ? { unchecked } : {}) };
    }),
};

/**
 * `其中` lists after a total stated before them (`W T。其中：A a，B b，C c`), of 3 to 7 parts of very
 * different sizes, as lists of uses of money are. A list that names every part and one that stops
 * early are told apart by what the list says and by sizes:
 * - a list marked partial (`其中主要…`, `…等`) never has to add up;
 * - an unmarked list that stops before its smallest parts (the rest smaller than any part named) is partial;
 * - an unmarked list whose shortfall is under 5 % of the total but larger than a part it names is full,
 *   and the shortfall is a slip (sum-mismatch, a warning); parts that exceed the total always are.
 */
const qizhongLists: Family = {
  name: 'qizhong-list',
  templates: [
    'W T。其中：A a，B b，C c…',
    'W T，其中A a、B b、C c…',
    'W T（旁注）。其中：A a；B b；C c…。后句',
    'W为 T，其中：A为 a，B为 b…，用于…',
    'W T。其中：1.A a；2.B b；3.C c…',
  ],
  arbitrary: fc
    .record({
      whole: fc.constantFrom('下达专项资金', '项目总预算', '安排项目资金', '到位资金', '本年项目支出'),
      names: fc.shuffledSubarray(USES, { minLength: 7, maxLength: 7 }),
      count: fc.integer({ min: 3, max: 7 }),
      sizes: fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 }),
      unit: fc.constantFrom(...UNITS),
      decimals: fc.integer({ min: 0, max: 2 }),
      a: fc.double({ min: 0, max: 1, noNaN: true }),
      template: fc.integer({ min: 0, max: 4 }),
      variant: fc.constantFrom('full', 'full', 'marked', 'top'),
      marker: fc.integer({ min: 0, max: 2 }),
      digit: fc.nat(),
      replacement: fc.integer({ min: 0, max: 9 }),
      style: styleArb,
      cuts: wrapArb,
      slip: fc.option(fc.constantFrom<SlipKind>('part', 'swapped-digits'), { nil: undefined }),
    })
    .map((c) => {
      const s = c.style;
      const sp = s.spaces ? ' ' : '';
      const comma = punct(s, '，');
      const semi = punct(s, '；');
      const [lo, hi] = sized(c.unit);
      const scale = lo + c.a * (hi - lo);
      const weights = c.sizes.slice(0, c.count);
      const sumOfWeights = weights.reduce((acc, w) => acc + w, 0);
      // Each part at least 10 printed steps, so a part can be smaller than a shortfall and still be printed.
      const step = 10 ** (SCALE[c.unit] - c.decimals) * 100;
      let parts = weights.map((w) => money(Math.max(10 * step, Math.round((scale * w) / sumOfWeights)), c.unit, c.decimals));
      const total: Money = { yuan: parts.reduce((acc, p) => acc.plus(printedYuan(p)), new Decimal(0)), unit: c.unit, decimals: c.decimals };
      let names = c.names.slice(0, c.count);
      // A partial list: marked (any parts left out), or unmarked stopping before its smallest part.
      if (c.variant !== 'full' && c.count >= 4) {
        const order = parts.map((p, i) => ({ p, i })).sort((x, y) => printedYuan(x.p).cmp(printedYuan(y.p)));
        const dropped = new Set(c.variant === 'top' ? [order[0]!.i] : [order[c.marker % order.length]!.i]);
        names = names.filter((_, i) => !dropped.has(i));
        parts = parts.filter((_, i) => !dropped.has(i));
      }
      const partial = c.variant !== 'full' && c.count >= 4;
      let printedNumbers = parts.map((p) => printedNumber(p));
      let totalNumber = printedNumber(total);
      let slip: WordingCase['slip'];
      let planted = false;
      if (!partial && c.slip) {
        const plant = (numbers: Decimal[], stated: Decimal): boolean => {
          const factor = new Decimal(10).pow(SCALE[c.unit]);
          const ranges = numbers.map((n) => rangeOf({ yuan: n.times(factor), unit: c.unit, decimals: c.decimals }));
          const allowed = cornerRange(ranges, (v) => v.reduce((acc, x) => acc.plus(x), new Decimal(0)))!;
          const statedMoney: Money = { yuan: stated.times(factor), unit: c.unit, decimals: c.decimals };
          if (!moneyRuledOut(statedMoney, allowed)) return false;
          const printedSum = numbers.reduce((acc, x) => acc.plus(x), new Decimal(0));
          if (printedSum.gt(stated)) return true;
          const shortfall = stated.minus(printedSum);
          return Decimal.min(...numbers).lt(shortfall) && shortfall.lt(stated.times(0.05));
        };
        if (c.slip === 'part') {
          const index = c.digit % printedNumbers.length;
          const text = printedNumbers[index]!.toFixed(c.decimals);
          const positions = Array.from({ length: text.length }, (_, i) => i).filter((i) => i > 0 && /\d/.test(text.charAt(i)));
          const at = positions[c.digit % Math.max(1, positions.length)];
          if (at !== undefined && text[at] !== String(c.replacement)) {
            const changed = [...printedNumbers];
            changed[index] = new Decimal(`${text.slice(0, at)}${c.replacement}${text.slice(at + 1)}`);
            if (plant(changed, totalNumber)) {
              printedNumbers = changed;
              planted = true;
            }
          }
        } else {
          const swapped = swapDigits(totalNumber.toFixed(c.decimals));
          if (swapped && plant(printedNumbers, new Decimal(swapped))) {
            totalNumber = new Decimal(swapped);
            planted = true;
          }
        }
        if (planted) {
          slip = { kind: c.slip, ruleId: 'sum-mismatch', statedRole: 'total', statedRaw: '', operandRaws: [] };
        }
      }
      const show = (n: Decimal) => `${digits(n, c.decimals, s.thousands)}${sp}${c.unit}`;
      const printed = printedNumbers.map(show);
      const T = show(totalNumber);
      if (slip) slip = { ...slip, statedRaw: T, operandRaws: printed };
      const opening = c.variant === 'marked' && partial && c.marker === 0 ? '主要有' : c.variant === 'marked' && partial && c.marker === 1 ? '重点' : '';
      const etc = c.variant === 'marked' && partial && c.marker === 2 ? '等' : '';
      const items = (joiner: string, copula = '') => names.map((name, i) => `${name}${copula}${sp}${printed[i]}`).join(joiner) + etc;
      const numbered = names.map((name, i) => `${i + 1}.${name}${sp}${printed[i]}`).join(semi) + etc;
      const texts = [
        `${c.whole}${sp}${T}。其中${punct(s, '：')}${opening}${items(comma)}。`,
        `${c.whole}${sp}${T}${comma}其中${opening}${items('、')}。`,
        `${c.whole}${sp}${T}（含上年结转）。其中${punct(s, '：')}${opening}${items(semi)}。资金已全部到位。`,
        `${c.whole}为${sp}${T}${comma}其中${punct(s, '：')}${opening}${items(comma, '为')}${comma}用于保障项目实施。`,
        `${c.whole}${sp}${T}。其中${punct(s, '：')}${opening}${numbered}。`,
      ];
      return {
        family: 'qizhong-list',
        template: `T${c.template}${partial ? `.${c.variant}` : ''}`,
        text: finish(texts[c.template]!, c.cuts),
        stated: partial ? [] : [T],
        ...(slip ? { slip } : {}),
      };
    }),
};

export const FAMILIES: Family[] = [
  changeAfterAmount,
  explicitPrevious,
  shareOfNamedWhole,
  shareOfTableWhole,
  duplicateWhole,
  breakdowns,
  completion,
  differences,
  distributive,
  itemsUnderTotal,
  scoreTables,
  qizhongLists,
];

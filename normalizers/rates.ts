/**
 * Rates a sentence names by their own noun or phrase (执行率, 支付率, 到位率, 完成…的, 偏离度, 结转结余率,
 * 占…的), with the names their numerator, denominator and complement go by; and the columns of a table
 * that hold a rate and its two figures. The ratio rule evaluates them; it reads no words itself.
 */
import type { Figure } from '../model/figure.js';
import { matchConcept } from './concepts.js';

export type RateRole = 'numerator' | 'denominator' | 'complement';

export interface RateDefinition {
  /** The rate as the message names it. */
  name: string;
  /** |a − b| / b or / a, not a / b. */
  deviation: boolean;
  /**
   * A completion rate: its outcome is any figure of the target's own measure (same kind and unit) stated
   * with it, named or not (`参保人数 417853 人，完成下达目标数 436577 人的 95.71%`).
   */
  outcomeOfTargetMeasure: boolean;
  /** What a figure's label names it as, for this rate: the term nearest the figure decides (`全年预算执行数` is an outcome). */
  roleOf: (label: string) => RateRole | undefined;
}

interface RateWords {
  label: RegExp;
  name: string;
  numerator: RegExp;
  denominator: RegExp;
  deviation?: boolean;
  complement?: RegExp;
  outcomeOfTargetMeasure?: boolean;
}

const RATES: RateWords[] = [
  { label: /执行率$/, name: '执行率', numerator: /执行数|支出数|决算数|实际支出|执行/, denominator: /预算/, complement: /未执行|未使用/ },
  // `已支付 X，未支付 Y，支付率 P`: the whole is what was paid and what was not.
  { label: /支付率$/, name: '支付率', numerator: /支付|拨付/, denominator: /安排|下达|预算|计划|应付/, complement: /未支|未拨/ },
  { label: /到位率$/, name: '到位率', numerator: /到位/, denominator: /安排|下达|预算|计划|应到/, complement: /未到位/ },
  // `完成预算的 P%`, `为年初预算的 P%`, `预算完成率`: the outcome over the budget.
  { label: /(?:完成|为|达到?)(?:年初|全年|调整后?)?预算(?:数)?的$|预算完成率$/, name: '预算完成率', numerator: /决算|执行|实际|支出数|完成/, denominator: /预算/ },
  // A target's completion: the outcome is what was achieved of the target's measure.
  { label: /(完成率|完成[^，。；]{0,20}的)$/, name: '完成率', numerator: /实际|完成|实有/, denominator: /任务数|目标数|计划数|下达/, outcomeOfTargetMeasure: true },
  { label: /偏离度$|差异率$/, name: '偏离度', numerator: /执行数|决算数|实际/, denominator: /预算/, deviation: true },
  { label: /结转结余率$|结余结转率$|结余率$/, name: '结转结余率', numerator: /结转|结余/, denominator: /预算|收入|支出|拨款/ },
];

/** Where the last match of `pattern` in `label` ends, or −1. */
function lastEnd(pattern: RegExp, label: string): number {
  return Math.max(-1, ...[...label.matchAll(new RegExp(pattern.source, 'g'))].map((m) => m.index + m[0].length));
}

function definition(words: RateWords): RateDefinition {
  return {
    name: words.name,
    deviation: words.deviation ?? false,
    outcomeOfTargetMeasure: words.outcomeOfTargetMeasure ?? false,
    roleOf(label) {
      if (words.complement?.test(label)) return 'complement';
      const numerator = lastEnd(words.numerator, label);
      const denominator = lastEnd(words.denominator, label);
      if (numerator > denominator) return 'numerator';
      if (denominator > numerator) return 'denominator';
      return undefined;
    },
  };
}

const DEFINITIONS = RATES.map((words) => ({ label: words.label, rate: definition(words) }));

/** The rate the words right before a percent name (`预算执行率为`, `完成下达任务数的`), if any. */
export function rateNamedBefore(text: string): RateDefinition | undefined {
  const before = text.replace(/\s*(为|是|达|达到|：|:)?\s*$/, '');
  return DEFINITIONS.find((d) => d.label.test(before))?.rate;
}

/** The whole a share names: `占本年支出合计的` → 本年支出合计 (expense.total), `占“三公”经费的` → 三公经费. */
export function namedWhole(label: string): { concept: string; label: string } | undefined {
  const named = /占(?:用)?(.+?)(?:的)?(?:比重|比例)?(?:为|是|达)?\s*$/.exec(label);
  if (!named) return undefined;
  const words = named[1]!.replace(/的$/, '').trim();
  const match = matchConcept(words);
  // The whole must be the concept itself, not a part qualified by more words (`占财政拨款支出中基本支出的`).
  if (!match || words.slice(match.end).replace(/合计|总计|总额|总数|总预算|[”"’'\s]/g, '') !== '') return undefined;
  return { concept: match.entry.concept, label: words };
}

/**
 * A 自评表's money block: 执行率 = 全年执行数 / 全年预算数 in each row. Letters in the headers
 * (`全年预算数(A)`, `全年执行数(B)`, `执行率(B/A)`) say which columns; else 执行数 over 全年预算数 (or
 * 调整后预算数, or 年初预算数 when it is the only budget column).
 */
export function rateColumns(columns: readonly number[], headerOf: (col: number) => string): { rate: number; numerator: number; denominator: number } | undefined {
  const rate = columns.find((col) => /执行率|完成率|支付率/.test(headerOf(col)));
  if (rate === undefined) return undefined;
  const letters = /[(（]\s*([A-Z])\s*[/／]\s*([A-Z])\s*[)）]/.exec(headerOf(rate));
  const byLetter = (letter: string) => columns.find((col) => col !== rate && new RegExp(`[(（]\\s*${letter}\\s*[)）]`).test(headerOf(col)));
  const numerator = letters ? byLetter(letters[1]!) : columns.find((col) => /执行数|实际支出|决算数|支付数/.test(headerOf(col)));
  const budgets = columns.filter((col) => /预算数|预算金额/.test(headerOf(col)) && col !== numerator);
  const denominator = letters ? byLetter(letters[2]!) : (budgets.find((col) => /全年|调整/.test(headerOf(col))) ?? (budgets.length === 1 ? budgets[0] : undefined));
  if (numerator === undefined || denominator === undefined) return undefined;
  return { rate, numerator, denominator };
}

/** Two figures count the same thing: money in any of its units, or counts of one unit (`万人` and `人` alike). */
export function sameMeasure(a: Figure, b: Figure): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'amount') return true;
  const base = (figure: Figure) => (figure.scale > 0 ? figure.unit.slice(1) : figure.unit);
  return base(a) === base(b);
}

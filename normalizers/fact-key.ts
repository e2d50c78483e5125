/**
 * One key for every fact, text or table: subject path × measure × funds × basis × period. Two facts
 * with the same key state the same quantity, wherever they are printed (Arelle's binding key): a
 * sentence's `一般公共服务支出 264.87 万元` and the 一般公共预算支出表's 一般公共服务支出 合计 cell meet on
 * `一般公共服务支出|expense.total|general|actual|current`; a 类 row and an 款 row of the same name do not
 * (their paths differ in length), nor do 收入支出总计 (`expense.grand`) and 本年支出合计 (`expense.total`).
 *
 * The measure is a concept of the concept lexicon with whose money it is moved into `funds`
 * (`expense.fiscal.general` is `expense.total` of `general` funds), so the text's words and the
 * tables' columns name it the same way.
 */
import type { Fact, FactKey, Figure, Period } from '../model/figure.js';
import { matchConcept } from './concepts.js';
import type { Funds } from './disclosure.js';
import { Interval } from './interval.js';
import { canonicalName } from './subjects.js';
import type { CellMeaning } from './table-model.js';

export type { FactKey };

/** The key as one string, the form the index, the store and the export use. */
export function keyString(key: FactKey): string {
  return [key.subject.join('/'), key.measure, key.funds, key.basis, key.period].join('|');
}

/** Concepts that only say whose money a total is: the measure is the total, the funds the rest. */
const FUNDED_TOTAL: Record<string, { measure: string; funds: Funds }> = {
  'income.fiscal': { measure: 'income.total', funds: 'fiscal' },
  'income.fiscal.general': { measure: 'income.total', funds: 'general' },
  'income.fiscal.fund': { measure: 'income.total', funds: 'fund' },
  'expense.fiscal': { measure: 'expense.total', funds: 'fiscal' },
  'expense.fiscal.general': { measure: 'expense.total', funds: 'general' },
  'expense.fiscal.fund': { measure: 'expense.total', funds: 'fund' },
};

/** A concept as a measure of some funds: `expense.fiscal.general` → `expense.total` of `general`. */
export function measureOfConcept(concept: string, funds: Funds): { measure: string; funds: Funds } {
  const funded = FUNDED_TOTAL[concept];
  if (funded) return { measure: funded.measure, funds: funds === 'all' || funds === 'fiscal' ? funded.funds : funds };
  return { measure: concept, funds };
}

/**
 * 总计 is income or spending with the carry-overs (收入支出总计), not 本年收入/支出合计. Words that name both
 * sides (`收入支出总计`, `收、支总计`) state one figure, equal on both sides by the tables' identity: it is
 * keyed on the side of spending.
 */
function grandMeasure(words: string, direction: CellMeaning['direction']): string {
  const income = /收/.test(words);
  const expense = /支/.test(words);
  if (income && !expense) return 'income.grand';
  if (expense || !direction) return 'expense.grand';
  return `${direction}.grand`;
}

/** Words of a label or header that are a total of a direction, or the grand total of both. */
function totalMeasure(words: string, direction: CellMeaning['direction']): string | undefined {
  const plain = words.replace(/^(?:本年度?|当年|全年)/, '');
  const grand = /^(收入支出|收支|收入|支出)?总计$/.exec(plain);
  if (grand) return grandMeasure(grand[1] ?? '', direction);
  const total = /^(收入|支出)?(?:合计|小计)?$/.exec(plain);
  if (!total) return undefined;
  const side = total[1] === '收入' ? 'income' : total[1] === '支出' ? 'expense' : direction;
  return side ? `${side}.total` : 'total';
}

/** A measure named by words (a column header, a row of the department's own): a concept when the lexicon knows it. */
export function measureOfWords(words: string, direction: CellMeaning['direction'], funds: Funds): { measure: string; funds: Funds } {
  const last = words.split('/').at(-1) ?? '';
  const total = totalMeasure(last, direction);
  if (total) return { measure: total, funds };
  // The words must be the concept's whole name: `信息化建设项目支出` is a project's, not the department's 项目支出.
  const plain = last.replace(/^(?:本年度?|当年|全年)/, '');
  const match = matchConcept(plain);
  if (match?.start === 0 && match.end === plain.length && match.entry.concept !== 'expense.function') return measureOfConcept(match.entry.concept, funds);
  return { measure: canonicalName(last), funds };
}

/** The topic column's own total: its 小计, or the column itself when it has no items under it. */
function subjectIsTotal(meaning: CellMeaning): boolean {
  const last = meaning.measure.split('/').at(-1) ?? '';
  return matchConcept(last)?.entry.concept === meaning.topic;
}

/**
 * A table cell's key from its meaning: an item's amount (`measure` '') is its direction's total; a
 * topic table's cells (三公, 机关运行经费) are of that topic, its 合计 the topic's own.
 */
export function cellKey(meaning: CellMeaning, period: Period): FactKey {
  const basis = meaning.basis ?? 'actual';
  if (meaning.topic) {
    // Beside a column of the topic's own total, the table's 合计 is a broader sum; that column is the topic's.
    if (meaning.topicColumn === true && subjectIsTotal(meaning)) return { subject: meaning.subject, measure: meaning.topic, funds: meaning.funds, basis, period };
    if (meaning.topicColumn === false && /^(?:合计|小计|总计)?$/.test(meaning.measure.split('/').at(-1) ?? ''))
      return { subject: meaning.subject, measure: `${meaning.topic}/合计`, funds: meaning.funds, basis, period };
    const own = meaning.measure && !/^(?:合计|小计|总计)$/.test(meaning.measure.split('/').at(-1) ?? '') ? `/${canonicalName(meaning.measure.split('/').at(-1) ?? '')}` : '';
    return { subject: meaning.subject, measure: `${meaning.topic}${own}`, funds: meaning.funds, basis, period };
  }
  const { measure, funds } = meaning.measure
    ? measureOfWords(meaning.measure, meaning.direction, meaning.funds)
    : { measure: meaning.direction ? `${meaning.direction}.total` : 'total', funds: meaning.funds };
  return { subject: meaning.subject, measure, funds, basis, period };
}

/**
 * A text fact's key from its concept, label and scope. A 功能科目 class the label names is the
 * subject (`一般公共服务支出 264.87 万元` is the class's spending); a 总计 is the grand total. `words` are all
 * the words before the figure in its clause (the label may keep only the concept's own).
 */
export function textKey(fact: Pick<Fact, 'concept' | 'label' | 'subject' | 'scope'>, words = fact.label): FactKey {
  const { scope } = fact;
  const base = { basis: scope.basis, period: scope.period };
  if (fact.concept === 'expense.function') {
    const match = matchConcept(fact.label);
    const name = match ? canonicalName(fact.label.slice(match.start, match.end)) : canonicalName(fact.label);
    return { subject: fact.subject.length > 0 ? fact.subject : [name], measure: 'expense.total', funds: scope.funds, ...base };
  }
  if ((fact.concept === 'income.total' || fact.concept === 'expense.total') && /总计/.test(words)) {
    const side = /收入支出总计|收支总计|收、支总计/.test(words) ? '收支' : fact.concept === 'income.total' ? '收入' : '支出';
    return { subject: fact.subject, measure: grandMeasure(side, undefined), funds: scope.funds, ...base };
  }
  const { measure, funds } = measureOfConcept(fact.concept, scope.funds);
  return { subject: fact.subject, measure, funds, ...base };
}

/** A subject name as text and tables both write it: `一般公共服务（类）` and `一般公共服务支出` meet. */
function subjectWord(name: string): string {
  return canonicalName(name).replace(/支出$/, '');
}

/**
 * The document's facts by key, and its subject tree: a text path that names only the last levels of an
 * item (`人大事务（款）行政运行（项）`) is resolved to the full path the tables give it, when that is one.
 * Facts that share a key but whose figures disagree beyond rounding are a duplicate inconsistency
 * (Arelle's duplicate policy): no relation may take one of them as an operand, and the rule that owns the
 * disagreement (repeated-figure-mismatch, text-table-mismatch) reports it once.
 */
export class FactIndex {
  private readonly byKey = new Map<string, Fact[]>();
  private readonly byFigure = new Map<number, Fact[]>();
  private readonly pathsByLastWord = new Map<string, string[][]>();
  private readonly seenPaths = new Set<string>();

  constructor(
    facts: readonly Fact[],
    /** The document's figures by id, to compare the figures of one key. */
    private readonly figures: readonly Figure[] = [],
  ) {
    this.add(facts);
  }

  /** Facts read after the index was built (the grammar's prior-year values). */
  add(facts: readonly Fact[]): void {
    for (const fact of facts) {
      push(this.byKey, keyString(fact.key), fact);
      push(this.byFigure, fact.figureId, fact);
      const path = fact.key.subject;
      const last = path.at(-1);
      if (last === undefined || this.seenPaths.has(path.join('/'))) continue;
      this.seenPaths.add(path.join('/'));
      push(this.pathsByLastWord, subjectWord(last), path);
    }
  }

  /** The facts stated under a key. */
  get(key: FactKey): Fact[] {
    return this.byKey.get(keyString(key)) ?? [];
  }

  /** The facts a figure states (a text figure one, a table cell one; none for a figure that is no fact). */
  ofFigure(figureId: number): Fact[] {
    return this.byFigure.get(figureId) ?? [];
  }

  /**
   * The figures stated under a key when two of them disagree beyond rounding (their intervals do not all
   * overlap), else undefined: one quantity stated inconsistently.
   */
  disagreeing(key: FactKey): Figure[] | undefined {
    const figures = [
      ...new Set(
        this.get(key)
          .map((fact) => this.figures[fact.figureId])
          .filter((figure) => figure !== undefined),
      ),
    ];
    if (figures.length < 2) return undefined;
    const intervals = figures.map((figure) => Interval.of(figure));
    // Intervals overlap pairwise exactly when the highest low end is at most the lowest high end.
    const highestLow = intervals.reduce((a, b) => (b.lo.gt(a.lo) ? b : a)).lo;
    const lowestHigh = intervals.reduce((a, b) => (b.hi.lt(a.hi) ? b : a)).hi;
    return highestLow.lte(lowestHigh) ? undefined : figures;
  }

  /** Every key and its facts, in the order first stated. */
  *groups(): Generator<[string, Fact[]]> {
    for (const entry of this.byKey) yield entry;
  }

  /**
   * The full subject paths a text path may name: the path itself, or one whose last two or more levels it
   * gives (a single name names a 类, never a deeper row: 行政运行 alone is under many 款).
   */
  subjectsNamed(partial: readonly string[]): string[][] {
    if (partial.length === 0) return [[]];
    const words = partial.map(subjectWord);
    const candidates = this.pathsByLastWord.get(words.at(-1) ?? '') ?? [];
    return candidates.filter((path) => {
      if (words.length > path.length || (words.length < 2 && path.length > 1)) return false;
      const offset = path.length - words.length;
      return words.every((word, i) => word === subjectWord(path[offset + i] ?? ''));
    });
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * One key for every fact, text or table: subject path × measure × funds × basis × period. Two facts
 * with the same key state the same quantity, wherever they are printed (Arelle's binding key): a
 * sentence's `一般公共服务支出 264.87 万元` and the 一般公共预算支出表's 一般公共服务支出 合计 cell meet on
 * `一般公共服务支出|expense.total|general|actual|current`; a 类 row and an 款 row of the same name do not
 * (their paths differ in length), nor do 收入支出总计 (`grand`) and 本年支出合计 (`expense.total`).
 *
 * The measure is a concept of the concept lexicon with whose money it is moved into `funds`
 * (`expense.fiscal.general` is `expense.total` of `general` funds), so the text's words and the
 * tables' columns name it the same way.
 */
import type { Fact, FactKey, Period } from '../model/figure.js';
import { matchConcept } from './concepts.js';
import type { Funds } from './disclosure.js';
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

/** Words of a label or header that are a total of a direction, or the grand total of both. */
function totalMeasure(words: string, direction: CellMeaning['direction']): string | undefined {
  const plain = words.replace(/^(?:本年度?|当年|全年)/, '');
  if (/^(?:收入支出|收支)?总计$/.test(plain)) return 'grand';
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
  const match = matchConcept(last);
  if (match && match.end === last.length && match.entry.concept !== 'expense.function') return measureOfConcept(match.entry.concept, funds);
  return { measure: canonicalName(last), funds };
}

/**
 * A table cell's key from its meaning: an item's amount (`measure` '') is its direction's total; a
 * topic table's cells (三公, 机关运行经费) are of that topic, its 合计 the topic's own.
 */
export function cellKey(meaning: CellMeaning, period: Period): FactKey {
  const basis = meaning.basis ?? 'actual';
  if (meaning.topic) {
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
 * subject (`一般公共服务支出 264.87 万元` is the class's spending); a 总计 is the grand total.
 */
export function textKey(fact: Pick<Fact, 'concept' | 'label' | 'subject' | 'scope'>): FactKey {
  const { scope } = fact;
  const base = { basis: scope.basis, period: scope.period };
  if (fact.concept === 'expense.function') {
    const match = matchConcept(fact.label);
    const name = match ? canonicalName(fact.label.slice(match.start, match.end)) : canonicalName(fact.label);
    return { subject: fact.subject.length > 0 ? fact.subject : [name], measure: 'expense.total', funds: scope.funds, ...base };
  }
  // 总计 is income and spending with the carry-overs (收入支出总计, `收、支总计`), not 本年收入/支出合计.
  if ((fact.concept === 'income.total' || fact.concept === 'expense.total') && /总计/.test(fact.label)) {
    return { subject: fact.subject, measure: 'grand', funds: scope.funds, ...base };
  }
  const { measure, funds } = measureOfConcept(fact.concept, scope.funds);
  return { subject: fact.subject, measure, funds, ...base };
}

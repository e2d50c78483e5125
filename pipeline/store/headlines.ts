/**
 * Headline figures of a document for the documents export, chosen by the document's kind from the
 * facts it yielded: for a budget 收入预算合计, 支出预算合计, 财政拨款, 基本支出, 项目支出 (budget); for
 * final accounts the same actuals and 年初预算; for a self-evaluation 年度预算, 执行数 and 执行率 (the
 * 自评得分 is the documents table's `self_score`).
 *
 * One place for the choice, so that a new fact key (subject × measure × funds × basis × period)
 * changes only the matchers below. Standard tables come first (their rows and columns say what a
 * cell is), the text's own statements second; among equals an undisputed fact before a disputed one.
 */
import { Decimal } from '../../normalizers/decimal.js';
import type { DocumentKind } from '../../model/result.js';

/** A facts-table row as the store holds it (subject and measure joined by `/`). */
export interface HeadlineFact {
  concept: string;
  funds: string;
  period: string;
  basis: string;
  value: string;
  label: string;
  subject: string;
  table_id: string | null;
  measure: string | null;
  disputed_by: string | null;
}

export interface Headline {
  value: string;
  /**
   * `budget` in a budget, `actual` in final accounts (年初预算 is `budget`); in a self-evaluation as
   * the fact carries it (`adjusted`, `budget`, `actual`); `computed` for a rate worked out from two headlines.
   */
  basis: string;
}

type Matcher = (fact: HeadlineFact) => boolean;

const noSubject = (fact: HeadlineFact): boolean => fact.subject === '' && fact.period === 'current';
const cell = (tables: string[], label: RegExp, measure: RegExp): Matcher => (fact) =>
  fact.concept === 'table.cell' && tables.includes(fact.table_id ?? '') && label.test(fact.label.replace(/\s+/g, '')) && measure.test(fact.measure ?? '');
const stated = (concept: string, funds: 'all' | 'fiscal' | 'any' = 'all'): Matcher => (fact) =>
  fact.concept === concept && (funds === 'any' || fact.funds === funds);

/** A headline: its column, what it is called in Chinese, and where to find it, best first. */
export interface HeadlineSpec {
  name: string;
  label: string;
  matchers: Matcher[];
}

const TOTAL_ROW = /^(?:合计|总计)$/;
/** The row of a 自评表's money block that counts all its funds. */
const SELF_EVALUATION_TOTAL = /^(?:年度)?资金总额$/;

export const HEADLINE_SPECS: HeadlineSpec[] = [
  {
    name: 'income_total',
    label: '收入合计（预算：收入预算合计；决算：本年收入合计）',
    matchers: [
      cell(['summary'], /^(?:本年收入合计|本年收入小计|当年收入小计|收入合计)$/, /^(?:本年)?收入/),
      cell(['income'], TOTAL_ROW, /^(?:合计|本年收入合计|收入预算\/合计|金额)$/),
      stated('income.total'),
      // 收入总计 also counts 上年结转: only where neither a 本年 total nor the text states one.
      cell(['summary'], /^收入总计$/, /^(?:本年)?收入/),
    ],
  },
  {
    name: 'expense_total',
    label: '支出合计（预算：支出预算合计；决算：本年支出合计）',
    matchers: [
      cell(['summary'], /^(?:本年支出合计|本年支出小计|当年支出小计|支出合计)$/, /^(?:本年)?支出/),
      cell(['expense'], TOTAL_ROW, /^(?:合计|本年支出合计|支出预算\/合计)$/),
      stated('expense.total'),
      cell(['summary'], /^支出总计$/, /^(?:本年)?支出/),
    ],
  },
  {
    name: 'fiscal_funds',
    label: '财政拨款（收入）',
    matchers: [
      cell(['summary'], /^(?:[一1][、.．]?)?财政拨款(?:收入)?$/, /^(?:本年)?收入/),
      cell(['fiscal-summary'], /^(?:本年收入合计|收入合计)$/, /^(?:本年)?收入/),
      cell(['income'], TOTAL_ROW, /财政拨款/),
      stated('income.fiscal', 'fiscal'),
    ],
  },
  {
    name: 'basic_expense',
    label: '基本支出',
    matchers: [
      cell(['expense'], TOTAL_ROW, /^(?:支出预算\/)?基本支出$/),
      cell(['summary'], /^(?:[一二三四五1-5][、.．]?)?基本支出$/, /^(?:本年)?支出/),
      stated('expense.basic'),
    ],
  },
  {
    name: 'project_expense',
    label: '项目支出',
    matchers: [
      cell(['expense'], TOTAL_ROW, /^(?:支出预算\/)?项目支出$/),
      cell(['summary'], /^(?:[一二三四五1-5][、.．]?)?项目支出$/, /^(?:本年)?支出/),
      stated('expense.project'),
    ],
  },
  {
    name: 'initial_budget',
    label: '年初预算',
    matchers: [
      (fact) => fact.concept === 'table.cell' && TOTAL_ROW.test(fact.label.replace(/\s+/g, '')) && /年初预算/.test(fact.measure ?? ''),
      stated('budget.initial', 'all'),
      stated('budget.initial', 'fiscal'),
    ],
  },
  {
    name: 'annual_budget',
    label: '年度预算（调整后；未调整时为年初预算）',
    // Last, the year's 支出预算 as the report states it (`2023 年本部门收入预算 783.77 万元，支出预算 783.77 万元`).
    matchers: [
      stated('budget.adjusted', 'any'),
      stated('budget.initial', 'all'),
      stated('budget.initial', 'fiscal'),
      (fact) => stated('expense.total')(fact) && fact.basis === 'budget',
      // A 自评表's money block: its 年度资金总额 row.
      cell(['self-evaluation'], SELF_EVALUATION_TOTAL, /^(?:全年|调整后?)?预算数/),
      cell(['self-evaluation'], SELF_EVALUATION_TOTAL, /^年初预算数/),
    ],
  },
  {
    name: 'executed',
    label: '执行数（本年支出）',
    // Only an actual: a self-evaluation also states the year's 支出预算.
    matchers: [(fact) => stated('expense.total')(fact) && fact.basis === 'actual', cell(['self-evaluation'], SELF_EVALUATION_TOTAL, /^(?:全年)?执行数/)],
  },
];

/** Which headlines a kind of document states, and the basis each should have. */
const BY_KIND: Record<DocumentKind, { names: string[]; basis: string | undefined }> = {
  'department-budget': { names: ['income_total', 'expense_total', 'fiscal_funds', 'basic_expense', 'project_expense'], basis: 'budget' },
  'unit-budget': { names: ['income_total', 'expense_total', 'fiscal_funds', 'basic_expense', 'project_expense'], basis: 'budget' },
  'department-final-accounts': { names: ['income_total', 'expense_total', 'fiscal_funds', 'basic_expense', 'project_expense', 'initial_budget'], basis: 'actual' },
  'unit-final-accounts': { names: ['income_total', 'expense_total', 'fiscal_funds', 'basic_expense', 'project_expense', 'initial_budget'], basis: 'actual' },
  'self-evaluation-report': { names: ['annual_budget', 'executed', 'execution_rate'], basis: undefined },
  'self-evaluation-table': { names: ['annual_budget', 'executed', 'execution_rate'], basis: undefined },
  other: { names: [], basis: undefined },
};

/** Columns of the documents table: each headline and its basis. */
export const HEADLINE_COLUMNS = [...HEADLINE_SPECS.map((spec) => spec.name), 'execution_rate'].flatMap((name) => [name, `${name}_basis`]);

/**
 * The headlines of one document: for each that its kind states, the first fact its matchers find
 * (with the kind's basis when one has it, else any), undisputed first.
 */
export function selectHeadlines(kind: DocumentKind | undefined, facts: HeadlineFact[]): Record<string, Headline> {
  const plan = BY_KIND[kind ?? 'other'];
  const found: Record<string, Headline> = {};
  for (const spec of HEADLINE_SPECS) {
    if (!plan.names.includes(spec.name)) continue;
    const ownBasis = spec.name === 'initial_budget' || spec.name === 'annual_budget';
    const fact = pick(spec, facts, plan.basis, ownBasis);
    // A budget's 基本支出 is a budget figure whatever its clause was tagged (issue 23 fixes the tags).
    if (fact) found[spec.name] = { value: fact.value, basis: ownBasis || !plan.basis ? fact.basis : plan.basis };
  }
  // 执行率 = 执行数 / 年度预算, worked out when both are stated (a stated rate is not yet a fact).
  const executed = found.executed;
  const budget = found.annual_budget;
  if (plan.names.includes('execution_rate') && executed && budget && !new Decimal(budget.value).isZero()) {
    found.execution_rate = { value: new Decimal(executed.value).div(budget.value).times(100).toDecimalPlaces(2).toString(), basis: 'computed' };
  }
  return found;
}

function pick(spec: HeadlineSpec, facts: HeadlineFact[], basis: string | undefined, ownBasis: boolean): HeadlineFact | undefined {
  for (const matcher of spec.matchers) {
    const matching = facts.filter((fact) => noSubject(fact) && matcher(fact));
    // A budget's figure is a budget figure; the text's clause may have tagged it otherwise (issue 23).
    const wanted = ownBasis || !basis ? matching : matching.filter((fact) => fact.basis === basis);
    const pool = wanted.length > 0 ? wanted : matching;
    const best = pool.find((fact) => !fact.disputed_by) ?? pool[0];
    if (best) return best;
  }
  return undefined;
}

/** A headline row for the documents export: `{ income_total: '…', income_total_basis: 'budget', … }`, all columns present. */
export function headlineRow(kind: DocumentKind | undefined, facts: HeadlineFact[]): Record<string, string | null> {
  const found = selectHeadlines(kind, facts);
  const row: Record<string, string | null> = {};
  for (let i = 0; i < HEADLINE_COLUMNS.length; i += 2) {
    const name = HEADLINE_COLUMNS[i]!;
    row[name] = found[name]?.value ?? null;
    row[`${name}_basis`] = found[name]?.basis ?? null;
  }
  return row;
}

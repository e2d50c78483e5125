/**
 * The concept lexicon: labels as reports write them → concepts. The last (closest) match in
 * a figure's label wins; a longer label beats a shorter one ending at the same place.
 */
import type { Scope } from '../model/figure.js';

export interface ConceptEntry {
  concept: string;
  pattern: RegExp;
  /** Scope the label itself implies (财政拨款… is fiscal; 收入预算 is budget). */
  scope?: Partial<Scope>;
  /**
   * A generic total (`支出预算`, `本年支出`) names the department's total only when nothing
   * qualifies it: `政府采购支出预算` is a part, not the total.
   */
  bare?: boolean;
}

/** What may stand right before a bare total and still mean the department's own: `本单位`, `2025 年度`. */
const TOTAL_QUALIFIER = /(?:本|全|总|我|部门|单位|本局|本部门|本单位|整体|年度|年|计|为|是|：|:|，|,|、)$/;

export const CONCEPTS: ConceptEntry[] = [
  { concept: 'income.total', pattern: /部门整体收入|收入总额|总收入|收入合计|收入总计|本年收入|全年收入|实际收入/ },
  { concept: 'income.total', pattern: /收入预算/, scope: { basis: 'budget' }, bare: true },
  { concept: 'income.fiscal', pattern: /财政拨款收入|财政拨款预算收入/, scope: { funds: 'fiscal' } },
  { concept: 'income.fiscal.general', pattern: /一般公共预算财政拨款(?:收入)?(?!支出)|一般公共预算收入/, scope: { funds: 'fiscal' } },
  { concept: 'income.fiscal.fund', pattern: /政府性基金预算财政拨款(?:收入)?(?!支出)/, scope: { funds: 'fiscal' } },
  { concept: 'income.other', pattern: /其他(?:资金)?收入/ },
  { concept: 'income.interest', pattern: /利息收入/ },
  { concept: 'expense.total', pattern: /部门整体支出|支出总额|总支出|支出合计|支出总计|本年支出|全年支出|实际支出总额/ },
  { concept: 'expense.total', pattern: /支出预算/, scope: { basis: 'budget' }, bare: true },
  { concept: 'expense.fiscal', pattern: /财政拨款支出/, scope: { funds: 'fiscal' } },
  { concept: 'expense.fiscal.general', pattern: /一般公共预算财政拨款支出|一般公共预算支出/, scope: { funds: 'fiscal' } },
  { concept: 'expense.fiscal.fund', pattern: /政府性基金预算财政拨款支出|政府性基金(?:预算)?支出/, scope: { funds: 'fiscal' } },
  { concept: 'expense.basic', pattern: /基本支出/ },
  { concept: 'expense.project', pattern: /项目支出/ },
  { concept: 'expense.other', pattern: /其他支出/ },
  { concept: 'expense.wages', pattern: /工资福利支出/ },
  { concept: 'expense.goods', pattern: /商品和服务支出/ },
  { concept: 'expense.transfers', pattern: /对个人和家庭的?补助(?:支出)?/ },
  { concept: 'expense.capital', pattern: /资本性支出/ },
  { concept: 'expense.function', pattern: /(?:一般公共服务|公共安全|教育|科学技术|文化旅游体育与传媒|社会保障和就业|卫生健康|节能环保|城乡社区|农林水|交通运输|住房保障|灾害防治及应急管理)支出/ },
  { concept: 'carryover.begin', pattern: /(?:年初|上年)(?:财政拨款)?结转(?:和|及)?结余/, scope: { period: 'begin' } },
  { concept: 'carryover.end', pattern: /年末(?:财政拨款)?结转(?:和|及)?结余(?:资金)?|年终结转(?:和|及)?结余/, scope: { period: 'end' } },
  { concept: 'budget.initial', pattern: /年初预算|年初财政预算|财政预算|财政拨款预算数|预算安排数?/, scope: { basis: 'budget' } },
  { concept: 'budget.adjusted', pattern: /调整预算数?|调整后预算数?|收入调整预算数/, scope: { basis: 'adjusted' } },
  { concept: 'sangong', pattern: /三公[”"’']?\s*经费(?:总额|支出|实际支出数?)?/ },
  // Money a funding notice allocates: `根据…〔2023〕10 号文件，下达资金 2263 万元`.
  { concept: 'allocation', pattern: /下达|下拨/ },
  { concept: 'assets.total', pattern: /资产总额/ },
  { concept: 'liabilities.total', pattern: /负债总额/ },
];

/** Every concept label contains one of these: most labels can be ruled out with one test. */
const ANY_CONCEPT_WORD = /收入|支出|补助|结转|结余|预算|三公|资产|负债|下达|下拨/;
const GLOBAL_PATTERNS = CONCEPTS.map((entry) => new RegExp(entry.pattern.source, 'g'));

export interface ConceptMatch {
  entry: ConceptEntry;
  /** Offsets of the match in the label. */
  start: number;
  end: number;
}

/**
 * The concept a label names, if any: the match ending last, then the longest; but where a
 * match overlaps one that starts earlier (`其他收入预算`: 其他收入 + 收入预算), the earlier,
 * more qualified one wins and the rest of the label only sets the scope (预算 → budget).
 */
export function matchConcept(label: string): ConceptMatch | undefined {
  if (!ANY_CONCEPT_WORD.test(label)) return undefined;
  let best: ConceptMatch | undefined;
  for (const [index, entry] of CONCEPTS.entries()) {
    for (const match of label.matchAll(GLOBAL_PATTERNS[index]!)) {
      const candidate = { entry, start: match.index, end: match.index + match[0].length };
      if (!best || candidate.end > best.end || (candidate.end === best.end && candidate.start < best.start)) best = candidate;
    }
  }
  if (!best) return best;
  if (best.entry.bare && best.start > 0 && /[\u4e00-\u9fff]$/.test(label.slice(0, best.start)) && !TOTAL_QUALIFIER.test(label.slice(0, best.start))) {
    // Keep looking for a qualified concept overlapping it (其他资金收入预算); else no concept.
    const qualifiedOnly = best;
    best = undefined;
    for (const [index, entry] of CONCEPTS.entries()) {
      for (const match of label.matchAll(GLOBAL_PATTERNS[index]!)) {
        const end = match.index + match[0].length;
        if (match.index < qualifiedOnly.start && end > qualifiedOnly.start) best = { entry: { ...entry, scope: { ...entry.scope, basis: 'budget' } }, start: match.index, end };
      }
    }
    return best;
  }
  for (const [index, entry] of CONCEPTS.entries()) {
    for (const match of label.matchAll(GLOBAL_PATTERNS[index]!)) {
      const end = match.index + match[0].length;
      if (match.index < best.start && end > best.start && end <= best.end) {
        const qualified = { entry, start: match.index, end };
        const budget: boolean = entry.scope?.basis === undefined && best.entry.scope?.basis === 'budget';
        best = budget ? { ...qualified, entry: { ...entry, scope: { ...entry.scope, basis: 'budget' } } } : qualified;
      }
    }
  }
  return best;
}

/** Concepts whose parts are known to make up the whole: a breakdown into them is complete. */
export const PARTITIONS: { whole: RegExp; parts: string[][] }[] = [
  { whole: /^expense\.(total|fiscal)$/, parts: [['expense.basic', 'expense.project'], ['expense.fiscal', 'expense.other'], ['expense.fiscal.general', 'expense.fiscal.fund'], ['expense.wages', 'expense.goods', 'expense.transfers', 'expense.capital']] },
  { whole: /^income\.(total|fiscal)$/, parts: [['income.fiscal', 'income.other'], ['income.fiscal', 'income.interest'], ['income.fiscal', 'income.other', 'income.interest'], ['income.fiscal.general', 'income.fiscal.fund']] },
];

/**
 * The standard tables of a 部门决算 / 部门预算 disclosure, recognized by their titles: each gets a
 * canonical id, whatever its number (`公开01表`, `表五`, `公开表五`) or wording in a given region.
 * The id says what the table accounts for, so that its cells can be read as facts with the right
 * scope (whose money, which stage) and compared with the same facts in the other tables.
 */
import { normalizeChars } from './text.js';

export type DisclosureTableId =
  | 'summary' // 收入支出决算总表, 收支预算总表, 部门财务收支预算总表
  | 'income' // 收入决算表, 收入预算总表
  | 'expense' // 支出决算表, 支出预算总表
  | 'fiscal-summary' // 财政拨款收入支出决算总表, 财政拨款收支预算总表
  | 'fiscal-expense' // 财政拨款支出预算表（功能科目）
  | 'fiscal-basic' // 财政拨款基本支出预算表（经济科目）
  | 'general-expense' // 一般公共预算财政拨款支出决算表, 一般公共预算支出（功能分类）预算表
  | 'general-basic' // 一般公共预算财政拨款基本支出决算表, 一般公共预算基本支出（经济分类）预算表
  | 'fund' // 政府性基金预算财政拨款收入支出决算表, 财政拨款政府性基金支出预算表
  | 'state-capital' // 国有资本经营预算财政拨款（收入）支出决算表
  | 'sangong' // “三公”经费支出决算表, “三公”经费、会议费、培训费支出预算表
  | 'running-cost' // 机关运行经费支出预算表
  | 'procurement' // 政府采购预算表
  | 'performance-targets' // 项目支出绩效目标表
  | 'self-evaluation'; // 项目支出绩效自评表

/** Whose money a table (or a column of it) accounts for. */
export type Funds = 'all' | 'fiscal' | 'general' | 'fund' | 'capital';

export interface DisclosureTable {
  id: DisclosureTableId;
  /** The title as printed, without its number. */
  title: string;
  /** `决算` tables state actuals, `预算` tables budgets; undefined when the title says neither. */
  basis?: 'actual' | 'budget';
  funds: Funds;
  /** The one measure the whole table is about (`基本支出` tables), when the title names it. */
  measure?: string;
}

/** Numbering before or after a title: `公开01表`, `表五`, `附表3`, `公开表十二`, `表7-1：`. */
const NUMBERING = /^(?:(?:公开|附)?表\s*[0-9一二三四五六七八九十]+(?:[-－—][0-9]+)?|公开\s*[0-9]+\s*表|[0-9]+[.、]|[一二三四五六七八九十]+、)\s*[:：]?\s*|\s*[（(]?(?:公开|附)?表\s*[0-9一二三四五六七八九十]+[）)]?\s*$/g;

/** A table title without its number (`表 7-2：`, `公开01表`, `（表五）`). */
export function withoutNumbering(title: string): string {
  return title.replace(NUMBERING, '');
}

/** Title patterns, most specific first; the first that matches decides. */
const KINDS: { id: DisclosureTableId; pattern: RegExp }[] = [
  { id: 'self-evaluation', pattern: /自评(?:表|结果)/ },
  { id: 'performance-targets', pattern: /绩效目标(?:表|申报表)/ },
  { id: 'procurement', pattern: /政府采购/ },
  { id: 'sangong', pattern: /三公/ },
  { id: 'running-cost', pattern: /机关运行经费/ },
  { id: 'state-capital', pattern: /国有资本经营预算/ },
  { id: 'fund', pattern: /政府性基金/ },
  { id: 'general-basic', pattern: /一般公共预算(?:财政拨款)?基本支出/ },
  { id: 'general-expense', pattern: /一般公共预算(?:财政拨款)?(?:项目)?支出/ },
  { id: 'fiscal-basic', pattern: /财政拨款基本支出/ },
  { id: 'fiscal-summary', pattern: /财政拨款收(?:入|支)(?:支出)?(?:预算|决算)?总表/ },
  { id: 'fiscal-expense', pattern: /财政拨款(?:项目)?支出(?:预算|决算)表/ },
  { id: 'summary', pattern: /收入支出(?:预算|决算)?总表|收支(?:预算|决算)?总表/ },
  { id: 'income', pattern: /收入(?:预算|决算)(?:总)?表/ },
  { id: 'expense', pattern: /支出(?:预算|决算)(?:总)?表/ },
];

/** The title's words for whose money a table is about. */
export function fundsOf(text: string): Funds | undefined {
  if (/一般公共预算/.test(text)) return 'general';
  if (/政府性基金/.test(text)) return 'fund';
  if (/国有资本经营/.test(text)) return 'capital';
  if (/财政拨款/.test(text)) return 'fiscal';
  return undefined;
}

/** A table's title → what it is, or undefined when it is none of the disclosure tables. */
export function classifyTable(caption: string | undefined): DisclosureTable | undefined {
  if (!caption) return undefined;
  const title = normalizeChars(caption).replace(/\s+/g, '').replace(NUMBERING, '').replace(/^(?:19|20)\d{2}年度?/, '');
  // A title is short: a sentence that merely mentions a table is not one.
  if (title.length > 40 || /[。；，,]/.test(title)) return undefined;
  const kind = KINDS.find((entry) => entry.pattern.test(title));
  if (!kind) return undefined;
  const basis = /决算/.test(title) ? 'actual' : /预算/.test(title) ? 'budget' : undefined;
  const measure = kind.id === 'fiscal-basic' || kind.id === 'general-basic' ? '基本支出' : kind.id === 'running-cost' ? '机关运行经费' : undefined;
  const table: DisclosureTable = { id: kind.id, title, funds: fundsOf(title) ?? 'all' };
  if (basis) table.basis = basis;
  if (measure) table.measure = measure;
  return table;
}

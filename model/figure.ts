/**
 * Figures (every number in a document, with exact value and unit) and facts (a figure
 * tied to a concept such as expense.total, with its scope).
 */
import { z } from 'zod';
import { BBoxSchema } from './document.js';

/** A place in the document: page and line are 1-based, column is the 1-based character column. */
export const LocationSchema = z.object({
  page: z.number().int().positive(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  /** Length of the quoted text in characters (UTF-16 units). */
  length: z.number().int().nonnegative().optional(),
  /** The source has no real pages (Word): `page` is then 1 and this says where instead. */
  locator: z.string().optional(),
  bbox: BBoxSchema.optional(),
});
export type Location = z.infer<typeof LocationSchema>;

export const FigureKindSchema = z.enum([
  'amount', // money
  'percent',
  'permille',
  'points', // 个百分点: a difference of percents
  'score', // 分
  'count', // 人, 人次, 家, 项, 个, 件 …
  'number', // a bare number in a context that gives it no unit
]);
export type FigureKind = z.infer<typeof FigureKindSchema>;

export const FigureSchema = z.object({
  id: z.number().int().nonnegative(),
  /** The text as printed, including its unit (`358.84 万元`, `50.92%`). */
  raw: z.string(),
  /** The number as printed, normalized (`3797.83`, `-12.65`), a decimal string. */
  number: z.string(),
  /** Number of decimals printed (0 for `358`, 2 for `358.84`). */
  decimals: z.number().int().nonnegative(),
  kind: FigureKindSchema,
  /** Unit as printed or inherited (`万元`, `元`, `%`, `分`, `人次`). */
  unit: z.string(),
  /** Power of ten that turns `number` into the base unit (元 for money): 4 for 万元. */
  scale: z.number().int(),
  /** Where the unit came from: printed after the number, or inherited from a table/caption `单位：…`. */
  unitSource: z.enum(['printed', 'table', 'caption', 'context', 'none']),
  /** Exact value in the base unit (元 for money, percent for percents), a decimal string. */
  value: z.string(),
  /** A comparison sign printed before the number (`≥95%`): the figure is a bound, not a value. */
  comparator: z.enum(['>=', '<=', '>', '<', '=']).optional(),
  /** The number was written in Chinese numerals (`十二人`). */
  chineseNumeral: z.boolean().optional(),
  location: LocationSchema,
  /** For a figure in a table cell: which table and cell. */
  cell: z.object({ table: z.number().int(), row: z.number().int(), col: z.number().int() }).optional(),
  /** OCR confidence 0..100 of the least sure character of this figure (OCR pages only). */
  confidence: z.number().optional(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const PeriodSchema = z.enum(['current', 'previous', 'begin', 'end']);
export type Period = z.infer<typeof PeriodSchema>;

export const ScopeSchema = z.object({
  /** Whose money: all funds, or the 财政拨款 part only. */
  funds: z.enum(['all', 'fiscal']).default('all'),
  period: PeriodSchema.default('current'),
  /** Budget stage the figure belongs to. */
  basis: z.enum(['actual', 'budget', 'adjusted']).default('actual'),
});
export type Scope = z.infer<typeof ScopeSchema>;

/**
 * The key under which two facts state the same quantity (normalizers/fact-key): subject path (its length is
 * the level; [] for the department) × measure (a concept, or a canonical name) × funds × basis × period.
 */
export const FactKeySchema = z.object({
  subject: z.array(z.string()),
  measure: z.string(),
  /** Whose money, finer than the scope's: 一般公共预算 (general), 政府性基金 (fund), 国有资本经营 (capital). */
  funds: z.enum(['all', 'fiscal', 'general', 'fund', 'capital']),
  basis: z.enum(['actual', 'budget', 'adjusted']),
  period: PeriodSchema,
});
export type FactKey = z.infer<typeof FactKeySchema>;

export const FactSchema = z.object({
  concept: z.string(),
  /** Its binding key: facts with equal keys state one quantity (text and tables alike). */
  key: FactKeySchema,
  figureId: z.number().int().nonnegative(),
  scope: ScopeSchema,
  /** The label text that named the concept (`支出总额`). */
  label: z.string(),
  /** For a part of a breakdown, the fact id of its total. */
  parentFigureId: z.number().int().optional(),
  /** What the figure is about, broadest first (`一般公共服务支出/人大事务/行政运行`); empty for the department. */
  subject: z.array(z.string()).default([]),
  /** For a table cell: the table (its disclosure id and title when it is one of the standard tables). */
  table: z.object({ index: z.number().int().nonnegative(), id: z.string().optional(), title: z.string().optional() }).optional(),
  /** For a table cell: its column's header path, broadest first (`本年支出`, `基本支出`). */
  measure: z.array(z.string()).optional(),
  /** For a table row with a 科目编码: the code (`2013101`). */
  code: z.string().optional(),
});
export type Fact = z.infer<typeof FactSchema>;

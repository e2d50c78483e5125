/** The per-file result and the JSON report `budgetlint check --format json` prints. */
import { z } from 'zod';
import { CoverageSchema } from './coverage.js';
import { DecisionSchema } from './decision.js';
import { FileErrorSchema } from './document.js';
import { FindingSchema } from './finding.js';

export const RegionSchema = z.object({
  province: z.string().optional(),
  city: z.string().optional(),
  county: z.string().optional(),
  /** GB/T 2260 six-digit code of the most specific level resolved. */
  code: z.string().regex(/^\d{6}$/).optional(),
});
export type Region = z.infer<typeof RegionSchema>;

/** How a document's publisher or region was found (docs/dataset.md). */
export const PublisherSourceSchema = z.enum(['title', 'field', 'text', 'path', 'inferred']);
export type PublisherSource = z.infer<typeof PublisherSourceSchema>;

/** What a document is (docs/dataset.md): decided from its title, tables and wording. */
export const DocumentKindSchema = z.enum([
  'self-evaluation-report',
  'self-evaluation-table',
  'department-budget',
  'department-final-accounts',
  'unit-budget',
  'unit-final-accounts',
  'other',
]);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/** Whose accounts: a whole department (部门), one unit (单位), or one project (项目, self-evaluations only). */
export const DocumentLevelSchema = z.enum(['department', 'unit', 'project']);
export type DocumentLevel = z.infer<typeof DocumentLevelSchema>;

export const MetaSchema = z.object({
  department: z.string().optional(),
  /** Where the department's name was read: the title lines, a labelled field, the body text. */
  departmentSource: PublisherSourceSchema.optional(),
  /** Where the region came from: the department's name (its source), or another place. */
  regionSource: PublisherSourceSchema.optional(),
  /** Why the department or region is missing, when it is (Chinese, for users). */
  publisherNote: z.string().optional(),
  kind: DocumentKindSchema.optional(),
  level: DocumentLevelSchema.optional(),
  /** Fiscal year the figures describe (评价年度), not the filing year. */
  year: z.number().int().optional(),
  /** ISO date `2026-03-20`. */
  filingDate: z.string().optional(),
  /** Total self-score as printed, a decimal string. */
  selfScore: z.string().optional(),
  region: RegionSchema.optional(),
  title: z.string().optional(),
});
export type Meta = z.infer<typeof MetaSchema>;

/** A fact as the JSON output shows it: flat, with its location. */
export const OutputFactSchema = z.object({
  concept: z.string(),
  /** Exact value in the base unit (元 for money, percent for percents). */
  value: z.string(),
  unit: z.string(),
  /** The unit as printed, or inherited from the table or sentence (`万元` for `358.84` under `单位：万元`); absent for a bare number. */
  printedUnit: z.string().optional(),
  raw: z.string(),
  page: z.number().int(),
  line: z.number().int(),
  column: z.number().int(),
  locator: z.string().optional(),
  /** OCR confidence 0..100 of the least sure character of the figure (OCR pages only). */
  confidence: z.number().optional(),
  scope: z.object({ funds: z.string(), period: z.string(), basis: z.string() }),
  /** What the figure is about, broadest first; empty for the department as a whole. */
  subject: z.array(z.string()).default([]),
  label: z.string(),
  /** For a table cell: the table's disclosure id (`expense`, `sangong`…), when it is a standard table. */
  tableId: z.string().optional(),
  /** For a table cell: the table's title. */
  table: z.string().optional(),
  /** For a table cell: its column's header path, broadest first. */
  measure: z.array(z.string()).optional(),
  /** For a table row with a 科目编码: the code. */
  code: z.string().optional(),
  /** The binding key `subject|measure|funds|basis|period` (normalizers/fact-key): a text fact and its table cell share it. */
  key: z.string().optional(),
});
export type OutputFact = z.infer<typeof OutputFactSchema>;

export const FileResultSchema = z.object({
  path: z.string(),
  format: z.string().optional(),
  sha256: z.string().optional(),
  pages: z.number().int().nonnegative().optional(),
  encoding: z.string().optional(),
  meta: MetaSchema,
  facts: z.array(OutputFactSchema),
  findings: z.array(FindingSchema),
  errors: z.array(FileErrorSchema),
  notices: z.array(z.string()).default([]),
  /** Relations the enabled rules recomputed (sums, shares, differences…): the `已核对 N 项关系` of a clean file. */
  relations: z.number().int().nonnegative().optional(),
  /** What was and was not checked, by family of checks (pipeline/coverage). */
  coverage: CoverageSchema.optional(),
  /** Milliseconds spent on this file, by stage. */
  timings: z.record(z.string(), z.number()).optional(),
});
export type FileResult = z.infer<typeof FileResultSchema>;

/** The decisions a report applied (pipeline/decisions). */
export const DecisionsSummarySchema = z.object({
  /** Where they came from: the decisions file (check) or the store (run). */
  source: z.string().optional(),
  /** Findings dismissed or baseline: hidden (counted here), or shown marked with `--show-dismissed`. */
  suppressed: z.number().int().nonnegative(),
  confirmed: z.number().int().nonnegative(),
  /** Decisions about the documents checked whose finding no longer occurs. */
  stale: z.array(DecisionSchema),
  /** Stale decisions removed by `--prune-decisions`. */
  pruned: z.number().int().nonnegative().optional(),
  /** Findings recorded as baseline by `--baseline-write`. */
  baselined: z.number().int().nonnegative().optional(),
});
export type DecisionsSummary = z.infer<typeof DecisionsSummarySchema>;

export const ReportSchema = z.object({
  tool: z.object({ name: z.literal('budgetlint'), version: z.string() }),
  files: z.array(FileResultSchema),
  decisions: DecisionsSummarySchema.optional(),
});
export type Report = z.infer<typeof ReportSchema>;

/**
 * The coverage ledger of a file: for each family of checks expected for its kind of document,
 * whether it was checked and held, did not hold, does not apply, could not be decided, or could
 * not be read. A file with no finding is "clean" only when its ledger says what was checked.
 */
import { z } from 'zod';

export const DocumentKindSchema = z.enum(['self-evaluation-report', 'self-evaluation-table', 'final-accounts', 'budget']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const CoverageStateSchema = z.enum(['consistent', 'inconsistent', 'not-applicable', 'undecidable', 'unreadable']);
export type CoverageState = z.infer<typeof CoverageStateSchema>;

export const CoverageFamilySchema = z.object({
  /** `tables`, `identities`, `cross-table`, `text-table`, `sangong`, `sums`, `growth`, `shares`, `scores`, `year`, `placeholders`, `repeated`. */
  id: z.string(),
  /** Its Chinese name (`三公经费`). */
  name: z.string(),
  state: CoverageStateSchema,
  /** Relations the family's rules recomputed. */
  checks: z.number().int().nonnegative(),
  /** Findings of the family's rules. */
  findings: z.number().int().nonnegative(),
  /** Why it does not apply, could not be decided or read (`三公经费表未读出`). */
  reason: z.string().optional(),
});
export type CoverageFamily = z.infer<typeof CoverageFamilySchema>;

export const CoverageSchema = z.object({
  kind: DocumentKindSchema,
  /** full: every page read; partial: some pages not (named in unreadPages); none: no page read. */
  read: z.enum(['full', 'partial', 'none']),
  unreadPages: z.array(z.number().int().positive()).default([]),
  families: z.array(CoverageFamilySchema),
});
export type Coverage = z.infer<typeof CoverageSchema>;

export const KIND_NAME: Record<DocumentKind, string> = {
  'self-evaluation-report': '绩效自评报告',
  'self-evaluation-table': '绩效自评表',
  'final-accounts': '部门决算',
  budget: '部门预算',
};

/** An auditor's decision on a finding, keyed by the finding's fingerprint (pipeline/decisions/fingerprint.ts). */
import { z } from 'zod';

/** confirmed: a real problem; dismissed: not one (a reason is required); baseline: already known, carried over. */
export const DecisionStateSchema = z.enum(['confirmed', 'dismissed', 'baseline']);
export type DecisionState = z.infer<typeof DecisionStateSchema>;

export const DecisionSchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{12}-[0-9a-f]{20}$/, '指纹格式应为 12 位十六进制-20 位十六进制'),
  state: DecisionStateSchema,
  /** Why it was dismissed (required then), or a note. */
  reason: z.string().optional(),
  /** Who decided. */
  by: z.string().optional(),
  /** When, ISO 8601. */
  at: z.string().datetime({ offset: true }),
  /** What the finding was when decided, for a reader of the file and for stale decisions. */
  ruleId: z.string().optional(),
  path: z.string().optional(),
  message: z.string().optional(),
}).refine((decision) => decision.state !== 'dismissed' || (decision.reason ?? '').trim().length > 0, { message: '忽略（dismissed）须写明理由（reason）', path: ['reason'] });
export type Decision = z.infer<typeof DecisionSchema>;

/** `budgetlint-decisions.json`. */
export const DecisionsFileSchema = z.strictObject({
  budgetlintDecisions: z.literal(1),
  decisions: z.array(DecisionSchema),
});
export type DecisionsFile = z.infer<typeof DecisionsFileSchema>;

/** A decision as an output marks its finding with. */
export const DecisionMarkSchema = z.object({
  state: DecisionStateSchema,
  reason: z.string().optional(),
  by: z.string().optional(),
  at: z.string(),
});
export type DecisionMark = z.infer<typeof DecisionMarkSchema>;

/** Dismissed and baseline findings are hidden and do not count for the exit code. */
export function isSuppressed(mark: { state: DecisionState } | undefined): boolean {
  return mark !== undefined && mark.state !== 'confirmed';
}

/** Findings: what a rule reports, shaped after ESLint's LintMessage and vfile-message. */
import { z } from 'zod';
import { DecisionMarkSchema } from './decision.js';
import { LocationSchema } from './figure.js';

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const EvidenceSchema = z.object({
  /** What the figure is in the relation: `total`, `part`, `stated`, `numerator`, `denominator`, `previous`… */
  role: z.string(),
  raw: z.string(),
  /** Exact value in the base unit (元 for money, percent for percents). */
  value: z.string(),
  unit: z.string().optional(),
  page: z.number().int().positive(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  locator: z.string().optional(),
  bbox: LocationSchema.shape.bbox,
  /** OCR confidence of the figure, when it came from OCR. */
  confidence: z.number().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * What a recomputation gave, typed (the one outcome every arithmetic rule reports through
 * analyzers/check `checkRelation`): intervals in the stated figure's base unit (元 for money, % for
 * percents), the gap between them and the rounding tolerance. Formatters show these, not message data.
 */
export const OutcomeSchema = z.object({
  unit: z.string(),
  /** The stated figure's printed unit and its power of ten over `unit` (万元, 4): what a reader shows. */
  printedUnit: z.string(),
  scale: z.number().int(),
  /** The range the operands allow, when it could be computed. */
  computed: z.object({ lo: z.string(), hi: z.string() }).optional(),
  /** The range the stated figure stands for (its rounding interval). */
  stated: z.object({ lo: z.string(), hi: z.string() }),
  /** The figures as printed, recomputed, minus the stated figure (what a reader finds by hand), absolute. */
  difference: z.string().optional(),
  /** The distance between the two ranges (0 when they meet). */
  gap: z.string(),
  /** Half-widths of both ranges added: how far rounding alone could move them. */
  tolerance: z.string(),
  /** One figure whose unit, read ×10ⁿ, makes the relation hold (元 for 万元). */
  unitSlip: z.object({ raw: z.string(), exponent: z.number().int() }).optional(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

export const FindingSchema = z.object({
  ruleId: z.string(),
  severity: SeveritySchema,
  /** Chinese message with the figures and the arithmetic. */
  message: z.string(),
  /** The message id within the rule's meta.messages and the data filled into it. */
  messageId: z.string(),
  data: z.record(z.string(), z.string()),
  /** Where the finding points: the stated figure that does not fit. */
  page: z.number().int().positive(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  locator: z.string().optional(),
  /** What the document says and what the arithmetic gives, as decimal strings with units. */
  actual: z.string().optional(),
  expected: z.string().optional(),
  /** The recomputation, typed, for findings that recompute something. */
  outcome: OutcomeSchema.optional(),
  evidence: z.array(EvidenceSchema),
  /** Stable across re-runs, reflow and rewording: what decisions are keyed by (pipeline/decisions/fingerprint.ts). */
  fingerprint: z.string().optional(),
  /** The auditor's decision on it, when there is one. */
  decision: DecisionMarkSchema.optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/**
 * Relations as data: what the clause grammar reads a sentence to claim (a rate of change, a share,
 * a completion rate, a difference, a sum), with each figure in its role. Rules evaluate these and
 * never re-read the text.
 */
import type { Figure } from './figure.js';

export type RelationKind = 'growth' | 'change' | 'share' | 'completion' | 'difference' | 'sum';

export type OperandRole = 'current' | 'previous' | 'change' | 'part' | 'whole' | 'total' | 'numerator' | 'denominator' | 'stated';

export interface Operand {
  role: OperandRole;
  figure: Figure;
  /** How the figure is named in a message: `教育支出`, `上年`. */
  name: string;
}

export interface Relation {
  kind: RelationKind;
  /** The figures the stated one is computed from (empty when the relation is undecidable). */
  operands: Operand[];
  /** The figure the document states as the result. */
  stated: Figure;
  /** The word that states it: `增长`, `下降`, `占`, `完成`, `合计`. */
  word: string;
  /** The direction the words give a change or rate. */
  direction?: 'up' | 'down';
  /** How the result is computed, for messages: `(X − Y) / Y`. */
  formula: string;
  /** What the relation is about (the subject's name), when named. */
  subject?: string;
  /** False when an operand the wording requires is not stated (or not uniquely): counted, never checked. */
  decidable: boolean;
  /** Why it is not decidable. */
  reason?: string;
  /**
   * The wording fixes what the stated figure is compared with (even when that operand is missing):
   * no other reading may pair it. False where the grammar did not recognise the operands at all.
   */
  structural: boolean;
}

/** Normalized document → findings: run the rules, apply the user's settings, drop duplicates. */
import type { Finding, Severity } from '../model/finding.js';
import type { NormalizedDocument } from '../normalizers/index.js';
import { RelationTally } from './check.js';
import { runRules, toFinding, type RawFinding } from './engine.js';
import { findRule, rules } from './registry.js';
import { evaluateRelation } from './relation-check.js';

export type RuleSetting = 'off' | Severity;
export interface RuleSettings {
  /** Per rule: off, or a severity that replaces the rule's default. */
  severity?: Record<string, RuleSetting>;
  /** Run only these rules. */
  only?: string[];
}

export function ruleEnabled(id: string, settings: RuleSettings): boolean {
  if (settings.only && !settings.only.includes(id)) return false;
  return settings.severity?.[id] !== 'off';
}

export function analyze(normalized: NormalizedDocument, settings: RuleSettings = {}): Finding[] {
  return analyzeCounting(normalized, settings).findings;
}

/**
 * Findings and the number of relations the enabled rules checked (distinct sets of figures a rule
 * recomputed through `checkRelation`; a placeholder or weights check that needs no relation is not
 * counted). Every relation check also tests for a unit slip, so with unit-suspect on all count.
 */
/**
 * The stated figures whose relation the grammar settles: undecidable (an operand the wording requires
 * is missing), or holding. No other reading may then pair them with a neighbour.
 */
function settleRelations(normalized: NormalizedDocument): void {
  normalized.claimed.clear();
  for (const relation of normalized.relations) {
    if (!relation.structural) continue;
    const evaluation = evaluateRelation(relation);
    if (!evaluation || (evaluation.outcome.holds && !evaluation.contradicted)) normalized.claimed.set(relation.stated.id, relation.kind);
  }
}

/**
 * A stated figure the grammar found failing may also be reported by an older reading of the text. With
 * the same figures it is the same relation: one finding, in the older wording. With other figures the
 * older reading paired by nearness: only the grammar's finding stays.
 */
function oneReadingPerStatedFigure(raw: RawFinding[]): RawFinding[] {
  const statedOf = (item: RawFinding) => item.descriptor.evidence.find((e) => e.role === 'stated')?.figure ?? item.descriptor.figure;
  // Figures by what they say: the same amount stated for two equal totals (收、支总计各…) is one operand.
  const figuresOf = (item: RawFinding) => new Set(item.descriptor.evidence.map((e) => `${e.figure.raw}|${e.figure.value}`));
  const sameFamily = (a: RawFinding, b: RawFinding) => a.ruleId === b.ruleId || a.ruleId === 'unit-suspect' || b.ruleId === 'unit-suspect';
  const dropped = new Set<RawFinding>();
  for (const mine of raw) {
    if (!mine.descriptor.fromGrammar) continue;
    const stated = statedOf(mine);
    const mineFigures = figuresOf(mine);
    const older = raw.filter((other) => !other.descriptor.fromGrammar && statedOf(other) === stated && sameFamily(mine, other));
    if (older.length === 0) continue;
    const same = older.some((other) => {
      const theirs = figuresOf(other);
      return theirs.size === mineFigures.size && [...theirs].every((f) => mineFigures.has(f));
    });
    if (same) dropped.add(mine);
    else for (const other of older) dropped.add(other);
  }
  return raw.filter((item) => !dropped.has(item));
}

/** Evidence roles of the figures a text relation is computed from (never the stated figure, nor the other side of a restatement). */
const OPERAND_ROLES = new Set(['current', 'previous', 'change', 'minuend', 'subtrahend', 'part', 'whole', 'numerator', 'denominator', 'reference']);
/** The rules that recompute relations the text states. */
const TEXT_RELATION_RULES = new Set(['growth-mismatch', 'difference-mismatch', 'ratio-mismatch', 'sum-mismatch', 'direction-contradiction', 'comparison-words', 'unit-suspect']);

/**
 * The duplicate policy for every reading of the text, the older ones too: a finding computed from an operand
 * whose fact key holds figures that disagree is dropped (the grammar's relations are blocked in normalizers).
 * The disagreement is reported once, by repeated-figure-mismatch or text-table-mismatch.
 */
function withoutDisagreeingOperands(raw: RawFinding[], normalized: NormalizedDocument): RawFinding[] {
  const index = normalized.factIndex;
  return raw.filter(
    (item) =>
      !TEXT_RELATION_RULES.has(item.ruleId) ||
      !item.descriptor.evidence.some((e) => OPERAND_ROLES.has(e.role) && index.ofFigure(e.figure.id).some((fact) => index.disagreeing(fact.key))),
  );
}

export function analyzeCounting(normalized: NormalizedDocument, settings: RuleSettings = {}): { findings: Finding[]; relations: number; relationsByRule: Record<string, number> } {
  const tally = new RelationTally();
  settleRelations(normalized);
  const raw = withoutDisagreeingOperands(oneReadingPerStatedFigure(runRules(rules, normalized, tally)), normalized);
  const relations = tally.count((id) => ruleEnabled(id, settings) || ruleEnabled('unit-suspect', settings));
  // Per enabled rule, for the coverage ledger (pipeline/coverage): which families of checks were done.
  const relationsByRule: Record<string, number> = {};
  for (const rule of rules) {
    const id = rule.meta.id;
    const count = ruleEnabled(id, settings) ? tally.count((ruleId) => ruleId === id) : 0;
    if (count > 0) relationsByRule[id] = count;
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    if (!ruleEnabled(item.ruleId, settings)) continue;
    const meta = findRule(item.ruleId)?.meta;
    if (!meta) continue;
    // One finding per rule and figure: a unit slip seen by the sum and by the share is one slip.
    const where = item.descriptor.figure ? `f${item.descriptor.figure.id}` : `${item.descriptor.at?.page}:${item.descriptor.at?.line}:${item.descriptor.at?.column}:${item.descriptor.messageId}`;
    const key = `${item.ruleId}|${where}|${item.ruleId === 'unit-suspect' ? '' : JSON.stringify(item.descriptor.data)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const configured = settings.severity?.[item.ruleId];
    const severity: Severity = configured && configured !== 'off' ? configured : (meta.messageSeverity?.[item.descriptor.messageId] ?? meta.severity);
    findings.push(toFinding(item, meta, severity));
  }
  findings.sort((a, b) => a.page - b.page || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { findings, relations, relationsByRule };
}

/** Normalized document → findings: run the rules, apply the user's settings, drop duplicates. */
import type { Finding, Severity } from '../model/finding.js';
import type { NormalizedDocument } from '../normalizers/index.js';
import { RelationTally } from './check.js';
import { runRules, toFinding } from './engine.js';
import { findRule, rules } from './registry.js';

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
export function analyzeCounting(normalized: NormalizedDocument, settings: RuleSettings = {}): { findings: Finding[]; relations: number; relationsByRule: Record<string, number> } {
  const tally = new RelationTally();
  const raw = runRules(rules, normalized, tally);
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

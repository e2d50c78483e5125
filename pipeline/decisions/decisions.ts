/**
 * Decisions applied to results: each finding whose fingerprint has a decision is marked with it;
 * dismissed and baseline findings are hidden unless asked for, and never count for the exit code.
 * A decision about a document that was checked, whose finding no longer occurs (the figure was
 * corrected, the rule no longer fires), is stale.
 */
import { userInfo } from 'node:os';
import type { Decision, DecisionMark } from '../../model/decision.js';
import { isSuppressed } from '../../model/decision.js';
import type { Finding } from '../../model/finding.js';
import type { DecisionsSummary, FileResult } from '../../model/result.js';
import { fileErrors } from '../format/location.js';
import { documentKey } from './fingerprint.js';


export function markOf(decision: Decision): DecisionMark {
  return { state: decision.state, ...(decision.reason ? { reason: decision.reason } : {}), ...(decision.by ? { by: decision.by } : {}), at: decision.at };
}

/** Who decides, when not told: BUDGETLINT_USER, else the login name. */
export function defaultDecider(): string {
  if (process.env.BUDGETLINT_USER) return process.env.BUDGETLINT_USER;
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/** The document prefix of a fingerprint. */
export function documentOf(fingerprint: string): string {
  return fingerprint.split('-')[0]!;
}

/**
 * Marks every finding that has a decision (in place) and lists the stale decisions: those about a
 * document among `results` (read without a file error) whose fingerprint no finding has.
 */
export function applyDecisions(results: FileResult[], decisions: readonly Decision[], source?: string): DecisionsSummary {
  const byFingerprint = new Map(decisions.map((decision) => [decision.fingerprint, decision]));
  const found = new Set<string>();
  const checkedDocuments = new Set<string>();
  let suppressed = 0;
  let confirmed = 0;
  for (const result of results) {
    if (fileErrors(result).length === 0 && result.sha256) checkedDocuments.add(documentKey(result));
    for (const finding of result.findings) {
      if (!finding.fingerprint) continue;
      found.add(finding.fingerprint);
      const decision = byFingerprint.get(finding.fingerprint);
      if (!decision) continue;
      finding.decision = markOf(decision);
      if (isSuppressed(finding.decision)) suppressed++;
      else confirmed++;
    }
  }
  const stale = decisions.filter((decision) => checkedDocuments.has(documentOf(decision.fingerprint)) && !found.has(decision.fingerprint));
  return { ...(source ? { source } : {}), suppressed, confirmed, stale };
}

/** The results as shown: without dismissed and baseline findings unless `showDismissed`. */
export function shownResults(results: FileResult[], showDismissed: boolean): FileResult[] {
  if (showDismissed) return results;
  return results.map((result) => (result.findings.some((finding) => isSuppressed(finding.decision)) ? { ...result, findings: result.findings.filter((finding) => !isSuppressed(finding.decision)) } : result));
}

/** A baseline decision for every finding of `results` that has none yet. */
export function baselineDecisions(results: FileResult[], by: string, at = new Date().toISOString()): Decision[] {
  const decisions: Decision[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      if (!finding.fingerprint || finding.decision) continue;
      decisions.push(decisionFor(finding, result.path, { state: 'baseline', by, at }));
    }
  }
  return decisions;
}

/** A decision about a finding, with what it was for a reader of the decisions file. */
export function decisionFor(finding: Finding, path: string, made: Omit<Decision, 'fingerprint' | 'ruleId' | 'path' | 'message'>): Decision {
  return { fingerprint: finding.fingerprint!, ...made, ruleId: finding.ruleId, path, message: finding.message };
}

/** `decisions` with `added` over them (the same fingerprint: the newer decision wins). */
export function mergeDecisions(decisions: readonly Decision[], added: readonly Decision[]): Decision[] {
  const merged = new Map(decisions.map((decision) => [decision.fingerprint, decision]));
  for (const decision of added) merged.set(decision.fingerprint, decision);
  return [...merged.values()];
}

/** Stale decisions removed. */
export function pruneDecisions(decisions: readonly Decision[], stale: readonly Decision[]): Decision[] {
  const drop = new Set(stale.map((decision) => decision.fingerprint));
  return decisions.filter((decision) => !drop.has(decision.fingerprint));
}

export const STATE_LABEL = { confirmed: '已确认', dismissed: '已忽略', baseline: '基线' } as const;

/** `[已忽略：表内合计含往来款（张三）]`, the mark stylish and the summary show. */
export function markText(mark: DecisionMark): string {
  const details = [mark.reason, mark.by ? `${mark.by}` : ''].filter(Boolean);
  return `[${STATE_LABEL[mark.state]}${details.length ? `：${details.join('，')}` : ''}]`;
}

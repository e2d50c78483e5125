/**
 * A finding's fingerprint: what a decision (confirmed, dismissed, baseline) is keyed by, so it
 * survives re-runs. Built from what the finding is about, never from where it is printed:
 * - the document: its department, fiscal year and region as read from its content (the same
 *   report as .md, .docx or .pdf, or with a page inserted, is the same document); the file's
 *   SHA-256 when the document names no department;
 * - the rule;
 * - the evidence figures: raw text (whitespace and full-width forms folded), role, and the subject
 *   of the fact read from that figure. A finding without evidence (a placeholder, a missing table)
 *   uses its message id and data, minus values that are places.
 * Not page, line, column, message wording, severity or the rules version. So a corrected figure
 * gives a new fingerprint (the old decision becomes stale), a reworded message keeps it.
 *
 * Form: `<document 12 hex>-<finding 20 hex>`; the prefix says which document a decision is about.
 * Two findings of one document with the same parts get `…` ordinals in order of place.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../model/finding.js';
import type { FileResult } from '../../model/result.js';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** How a printed figure reads regardless of layout: `1854.42 元` and `１８５４.４２元` are one text. */
export function foldRaw(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '');
}

/** The document part of a fingerprint (12 hex). */
export function documentKey(result: Pick<FileResult, 'meta' | 'sha256' | 'path'>): string {
  const { department, year, region } = result.meta;
  const identity = department
    ? JSON.stringify({ department, year: year ?? null, region: region?.code ?? null })
    : JSON.stringify({ sha256: result.sha256 ?? result.path });
  return sha256(identity).slice(0, 12);
}

/** Data values that name a place (`第 6 页第 7 行`, `第 55 段`, `3:12`) move with the layout. */
const PLACE = /第\s*\d+\s*[页段]|^\d+:\d+(:\d+)?$/;

interface Located {
  page: number;
  line: number;
  column: number;
  locator?: string | undefined;
}

function placeKey(at: Located): string {
  return `${at.page}:${at.line}:${at.column}:${at.locator ?? ''}`;
}

/** The parts of a finding its fingerprint hashes (exported for tests and for explaining a fingerprint). */
export function fingerprintParts(finding: Finding, subjects: ReadonlyMap<string, string>): string {
  if (finding.evidence.length > 0) {
    const evidence = finding.evidence.map((item) => [item.role, foldRaw(item.raw), subjects.get(placeKey(item)) ?? ''].join('\u0001')).sort();
    return JSON.stringify({ rule: finding.ruleId, evidence });
  }
  const data = Object.entries(finding.data)
    .filter(([key, value]) => !/place/i.test(key) && !PLACE.test(value))
    .map(([key, value]) => [key, foldRaw(value)])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return JSON.stringify({ rule: finding.ruleId, messageId: finding.messageId, data });
}

/** Every finding's fingerprint, in the order of `result.findings`. */
export function fingerprintFindings(result: Pick<FileResult, 'meta' | 'sha256' | 'path' | 'facts' | 'findings'>): string[] {
  const subjects = new Map<string, string>();
  for (const fact of result.facts) {
    const key = placeKey(fact);
    if (!subjects.has(key)) subjects.set(key, fact.subject.join('/'));
  }
  const document = documentKey(result);
  const seen = new Map<string, number>();
  return result.findings.map((finding) => {
    const parts = fingerprintParts(finding, subjects);
    const occurrence = (seen.get(parts) ?? 0) + 1;
    seen.set(parts, occurrence);
    return `${document}-${sha256(occurrence === 1 ? parts : `${parts}#${occurrence}`).slice(0, 20)}`;
  });
}

/** The result with each finding's `fingerprint` set. */
export function withFingerprints<T extends Pick<FileResult, 'meta' | 'sha256' | 'path' | 'facts' | 'findings'>>(result: T): T {
  const fingerprints = fingerprintFindings(result);
  result.findings = result.findings.map((finding, index) => ({ ...finding, fingerprint: fingerprints[index]! }));
  return result;
}

/**
 * The rule-set fingerprint: a stored result is reused only for the same content under the same
 * fingerprint. It covers everything that changes what a file yields: the tool version, the
 * rules that exist, how the user set them, and the OCR mode (scanned pages read or not).
 */
import { createHash } from 'node:crypto';
import type { RuleSettings } from '../../analyzers/index.js';
import { ruleIds } from '../../analyzers/registry.js';
import { TOOL_VERSION } from '../version.js';

export interface FingerprintInput {
  rules?: RuleSettings;
  /** OCR engine (`tesseract`, `paddle`, `off`); absent means the default, tesseract (as `check --help` says). */
  ocr?: string;
}

/** The settings in a canonical form (sorted keys), as stored in runs.settings. */
export function canonicalSettings(input: FingerprintInput): { severity: [string, string][]; only: string[] | null; ocr: string } {
  const severity = Object.entries(input.rules?.severity ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const only = input.rules?.only ? [...new Set(input.rules.only)].sort() : null;
  return { severity, only, ocr: input.ocr ?? 'tesseract' };
}

export function ruleSetFingerprint(input: FingerprintInput = {}): string {
  const canonical = JSON.stringify({ tool: TOOL_VERSION, ruleIds: ruleIds(), settings: canonicalSettings(input) });
  return createHash('sha256').update(canonical).digest('hex');
}

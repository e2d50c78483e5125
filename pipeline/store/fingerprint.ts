/**
 * What a stored result is keyed by. Two layers (see pipeline/version.ts):
 * - an extraction (the Document) is reused for the same content, extractor version and OCR mode;
 * - a document's facts and findings are reused for the same content under the same fingerprint:
 *   both layers' versions, the rules that exist, how the user set them, and the OCR mode.
 * A changed severity or `--only` therefore re-runs normalizing and rules on the stored Document,
 * and a changed extractor re-reads the file.
 */
import { createHash } from 'node:crypto';
import type { RuleSettings } from '../../analyzers/index.js';
import { ruleIds } from '../../analyzers/registry.js';
import { layerVersions, type LayerVersions } from '../version.js';

export interface FingerprintInput {
  rules?: RuleSettings;
  /** OCR engine (`tesseract`, `paddle`, `off`); absent means the default, tesseract (as `check --help` says). */
  ocr?: string;
  /** The layers' versions; absent means this build's (layerVersions()). Tests pass their own. */
  versions?: LayerVersions;
}

/** The settings in a canonical form (sorted keys), as stored in runs.settings. */
export function canonicalSettings(input: FingerprintInput): { severity: [string, string][]; only: string[] | null; ocr: string } {
  const severity = Object.entries(input.rules?.severity ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const only = input.rules?.only ? [...new Set(input.rules.only)].sort() : null;
  return { severity, only, ocr: input.ocr ?? 'tesseract' };
}

/** The OCR mode an extraction was made with (scanned pages read by an engine, or only marked). */
export function ocrMode(input: Pick<FingerprintInput, 'ocr'>): string {
  return input.ocr ?? 'tesseract';
}

export function ruleSetFingerprint(input: FingerprintInput = {}): string {
  const versions = input.versions ?? layerVersions();
  const canonical = JSON.stringify({ extractor: versions.extractor, rules: versions.rules, ruleIds: ruleIds(), settings: canonicalSettings(input) });
  return createHash('sha256').update(canonical).digest('hex');
}

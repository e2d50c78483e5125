/**
 * Markdown text → findings, the way `budgetlint check` gets them for a `.md` file:
 * textToDocument → normalizeDocument → analyze. For rule tests and the rule docs.
 */
import { analyze, type RuleSettings } from '../../analyzers/index.js';
import { textToDocument } from '../../extractors/text.js';
import type { Finding } from '../../model/finding.js';
import { normalizeDocument } from '../../normalizers/index.js';

const SHA = '0'.repeat(64);

/** Every finding for a markdown string (all rules unless `settings` says otherwise). */
export function lintMarkdown(markdown: string, settings: RuleSettings = {}): Finding[] {
  const document = textToDocument(markdown, { path: 'example.md', sha256: SHA }, 'markdown');
  return analyze(normalizeDocument(document), settings);
}

/**
 * Rules that report under another rule's id: a relation that holds only after rescaling one
 * figure by 10⁴ or 10⁸ is reported by the rule that checked it, under `unit-suspect`.
 */
export const REPORTED_BY_OTHERS = new Set(['unit-suspect']);

/**
 * The findings of one rule id: `--only id`, except for ids other rules report under, where all
 * rules run and the findings are filtered by ruleId.
 */
export function lintRule(markdown: string, ruleId: string, settings: RuleSettings = {}): Finding[] {
  if (REPORTED_BY_OTHERS.has(ruleId)) return lintMarkdown(markdown, settings).filter((f) => f.ruleId === ruleId);
  return lintMarkdown(markdown, { ...settings, only: [ruleId] });
}

/**
 * SARIF 2.1.0, kept small: one run, the rules that fired, a result per finding (ruleId, level,
 * message, physicalLocation on the file). Text formats (markdown, text, HTML) get a region with
 * startLine/startColumn, which there are the file's own; PDF, Word and workbooks have no such lines,
 * so their results name the file only and carry `页:行:列` (or the locator) in properties.location.
 * Files that could not be read are tool execution notifications. Each result carries its
 * fingerprint (partialFingerprints); dismissed and baseline findings are results with `suppressions`.
 */
import type { Report } from '../../model/result.js';
import { findRule } from '../../analyzers/registry.js';
import { fileErrors, locationText } from './location.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const TEXT_FORMATS = new Set(['markdown', 'text', 'html']);

/** A relative path as a URI reference: `/` separators, non-ASCII and spaces percent-encoded. */
function uriOf(path: string): string {
  return encodeURI(path.replace(/\\/g, '/'));
}

export function formatSarif(report: Report): string {
  const ruleIds = [...new Set(report.files.flatMap((file) => file.findings.map((f) => f.ruleId)))];
  const results = report.files.flatMap((file) => file.findings.map((f) => {
    const artifactLocation = { uri: uriOf(file.path) };
    const text = TEXT_FORMATS.has(file.format ?? '') && !f.locator;
    return {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: text ? { artifactLocation, region: { startLine: f.line, startColumn: f.column } } : { artifactLocation } }],
      // The key names the fingerprint's version, as SARIF consumers expect (`…/v1`).
      ...(f.fingerprint ? { partialFingerprints: { 'budgetlintFinding/v1': f.fingerprint } } : {}),
      // Dismissed and baseline findings are suppressed results (kept, so a viewer can show them as such).
      ...(f.decision && f.decision.state !== 'confirmed'
        ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.decision.state === 'baseline' ? '基线（已知问题）' : '误报'}${f.decision.reason ? `：${f.decision.reason}` : ''}${f.decision.by ? `（${f.decision.by}，${f.decision.at}）` : ''}` }] }
        : {}),
      ...(text && !f.outcome ? {} : { properties: { ...(text ? {} : { location: locationText(f) }), ...(f.outcome ? { outcome: f.outcome } : {}) } }),
    };
  }));
  const notifications = report.files.flatMap((file) => fileErrors(file).map((error) => ({
    level: 'error',
    message: { text: error.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(file.path) } } }],
  })));
  const sarif = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: {
        driver: {
          name: report.tool.name,
          version: report.tool.version,
          rules: ruleIds.map((id) => ({ id, shortDescription: { text: findRule(id)?.meta.docs.description ?? id } })),
        },
      },
      invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Counts every output format shares: findings by severity and by rule, and the files that failed. */
import { isSuppressed } from '../../model/decision.js';
import type { Report } from '../../model/result.js';
import { fileErrors } from './location.js';

export const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const;

export interface ReportSummary {
  error: number;
  warning: number;
  info: number;
  /** `[ruleId, count]`, in the order rules first appear. */
  byRule: [string, number][];
  /** Paths of the files that could not be read. */
  failed: string[];
  /** Findings shown although dismissed or baseline (`--show-dismissed`): not in the counts above. */
  suppressed: number;
}

export function summarize(report: Report): ReportSummary {
  const summary: ReportSummary = { error: 0, warning: 0, info: 0, byRule: [], failed: [], suppressed: 0 };
  const byRule = new Map<string, number>();
  for (const file of report.files) {
    if (fileErrors(file).length > 0) summary.failed.push(file.path);
    for (const finding of file.findings) {
      if (isSuppressed(finding.decision)) {
        summary.suppressed++;
        continue;
      }
      summary[finding.severity]++;
      byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    }
  }
  summary.byRule = [...byRule];
  return summary;
}

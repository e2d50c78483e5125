/** The end-of-run summary of `budgetlint run`, as text (default) or JSON. */
import { locationText } from '../format/location.js';
import type { RunReport } from './runner.js';

const SEVERITY_NAMES: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
const SEVERITY_ORDER = ['error', 'warning', 'info'];
const LIST_LIMIT = 50;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} 秒`;
}

function severityLine(bySeverity: Record<string, number>): string {
  const parts = SEVERITY_ORDER.map((severity) => `${SEVERITY_NAMES[severity]} ${bySeverity[severity] ?? 0}`);
  return parts.join(' · ');
}

export function formatSummaryText(report: RunReport): string {
  const { counts } = report;
  const lines: string[] = [];
  lines.push(`budgetlint run：共 ${counts.total} 个文件，用时 ${seconds(report.elapsedMs)}（第 ${report.runId} 次运行，结果库 ${report.db}）`);
  lines.push(`  新处理 ${counts.new} · 复用 ${counts.reused} · 失败 ${counts.failed}（本次实际处理 ${counts.processed} 个文件，${report.pagesProcessed} 页；`
    + `读取文件 ${report.extracted} 个，用库中已抽取的文档重新分析 ${report.reanalyzed} 个）`);
  lines.push(`  发现：${severityLine(report.bySeverity)}`);
  if (report.byRule.length > 0) {
    lines.push('  按规则：');
    const width = Math.max(...report.byRule.map((rule) => rule.ruleId.length));
    for (const rule of report.byRule) lines.push(`    ${rule.ruleId.padEnd(width)}  ${SEVERITY_NAMES[rule.severity] ?? rule.severity} ${rule.count}`);
  }
  const since = report.previousRun ? `较上次运行（第 ${report.previousRun.id} 次）` : '（首次运行）';
  lines.push(`  ${since}新增发现 ${report.newFindings.length} 条${report.newFindings.length ? '：' : ''}`);
  for (const finding of report.newFindings.slice(0, LIST_LIMIT)) {
    const where = locationText(finding);
    lines.push(`    ${finding.path}:${where}  ${SEVERITY_NAMES[finding.severity] ?? finding.severity}  ${finding.message}  ${finding.ruleId}`);
  }
  if (report.newFindings.length > LIST_LIMIT) lines.push(`    …另有 ${report.newFindings.length - LIST_LIMIT} 条（用 budgetlint export --what findings 导出全部）`);
  if (report.failures.length > 0) {
    lines.push(`  失败的文件 ${counts.failed} 个：`);
    for (const failure of report.failures.slice(0, LIST_LIMIT)) lines.push(`    ${failure.path}  ${failure.message}${failure.code ? ` [${failure.code}]` : ''}`);
    if (report.failures.length > LIST_LIMIT) lines.push(`    …另有 ${report.failures.length - LIST_LIMIT} 条`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatSummaryJson(report: RunReport & { decisions?: unknown }): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

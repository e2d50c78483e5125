/**
 * Human output after ESLint's stylish: every file listed — its findings (`页:行:列`, severity,
 * message, rule id), `未发现问题（已核对 N 项关系）`, or why it could not be read — and a summary
 * with counts per rule and the files that failed. Columns are aligned by display width (CJK counts double).
 */
import stringWidth from 'string-width';
import type { Report } from '../../model/result.js';
import { incompletelyChecked, ledgerLine } from '../coverage/ledger.js';
import { markText } from '../decisions/decisions.js';
import { fileErrors, locationText } from './location.js';
import { SEVERITY_LABEL, summarize } from './summary.js';

export interface StylishOptions {
  color: boolean;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** `；另有 3 条已忽略或基线的发现未显示（--show-dismissed 显示）；2 条决定已过期`. */
function suppressedText(report: Report): string {
  const decisions = report.decisions;
  if (!decisions) return '';
  const hidden = decisions.suppressed - report.files.reduce((n, file) => n + file.findings.filter((f) => f.decision && f.decision.state !== 'confirmed').length, 0);
  const parts = [
    hidden > 0 ? `另有 ${hidden} 条已忽略或基线的发现未显示（--show-dismissed 显示）` : '',
    hidden <= 0 && decisions.suppressed > 0 ? `其中 ${decisions.suppressed} 条已忽略或基线，不计入` : '',
    decisions.stale.length > 0 ? `${decisions.stale.length} 条决定已过期（--prune-decisions 删除）` : '',
  ].filter(Boolean);
  return parts.length ? `；${parts.join('；')}` : '';
}

export function formatStylish(report: Report, options: StylishOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  for (const file of report.files) {
    const header = file.meta.department ? `${file.path}  (${file.meta.department}${file.meta.year ? ` ${file.meta.year} 年度` : ''})` : file.path;
    const rows: string[] = [];
    const failed = fileErrors(file);
    for (const error of file.errors) rows.push(`  ${paint('31', '无法处理')}  ${error.message}${error.page !== undefined ? `（第 ${error.page} 页）` : ''}`);
    for (const notice of file.notices) rows.push(`  ${paint('2', '注意')}  ${notice}`);
    const width = Math.max(0, ...file.findings.map((finding) => stringWidth(locationText(finding))));
    for (const finding of file.findings) {
      const color = finding.severity === 'error' ? '31' : finding.severity === 'warning' ? '33' : '36';
      const mark = finding.decision ? `  ${paint(finding.decision.state === 'confirmed' ? '35' : '2', markText(finding.decision))}` : '';
      rows.push(`  ${paint('2', padEnd(locationText(finding), width))}  ${paint(color, SEVERITY_LABEL[finding.severity])}  ${finding.message}  ${paint('2', finding.ruleId)}${mark}`);
    }
    // Clean only when something was checked and every page was read.
    if (file.findings.length === 0 && failed.length === 0 && !incompletelyChecked(file)) rows.push(`  ${paint('32', `未发现问题（已核对 ${file.relations ?? 0} 项关系）`)}`);
    if (file.coverage && failed.length === 0) rows.push(`  ${paint(incompletelyChecked(file) ? '33' : '2', `核对范围：${ledgerLine(file.coverage)}`)}`);
    out.push(paint('4', header), ...rows, '');
  }
  const summary = summarize(report);
  const line = [
    `${report.files.length} 个文件：${summary.error} 个错误，${summary.warning} 个警告，${summary.info} 个提示`,
    summary.byRule.length ? `（${summary.byRule.map(([rule, count]) => `${rule} ${count}`).join('，')}）` : '',
    summary.failed.length ? `；${summary.failed.length} 个文件无法处理：${summary.failed.join('、')}` : '',
    suppressedText(report),
  ].join('');
  out.push(summary.error || summary.failed.length ? paint('31', line) : line);
  return `${out.join('\n')}\n`;
}

/** Human output: findings grouped by file, `page:line`, severity, message, rule id (ESLint's stylish). */
import type { Report } from '../../model/result.js';

export const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const;

export function formatStylish(report: Report, options: { color: boolean }): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  const totals = { error: 0, warning: 0, info: 0, failed: 0 };
  for (const file of report.files) {
    const header = file.meta.department ? `${file.path}  (${file.meta.department}${file.meta.year ? ` ${file.meta.year} 年度` : ''})` : file.path;
    const rows: string[] = [];
    for (const error of file.errors) {
      totals.failed++;
      rows.push(`  ${paint('31', '无法处理')}  ${error.message}`);
    }
    for (const notice of file.notices) rows.push(`  ${paint('2', '注意')}  ${notice}`);
    for (const finding of file.findings) {
      totals[finding.severity]++;
      const where = finding.locator ?? `${finding.page}:${finding.line}`;
      const color = finding.severity === 'error' ? '31' : finding.severity === 'warning' ? '33' : '36';
      rows.push(`  ${paint('2', where.padEnd(7))} ${paint(color, SEVERITY_LABEL[finding.severity])}  ${finding.message}  ${paint('2', finding.ruleId)}`);
    }
    if (rows.length === 0) continue;
    out.push(paint('4', header), ...rows, '');
  }
  const summary = `${report.files.length} 个文件：${totals.error} 个错误，${totals.warning} 个警告，${totals.info} 个提示${totals.failed ? `，${totals.failed} 个文件无法处理` : ''}`;
  out.push(totals.error ? paint('31', summary) : summary);
  return `${out.join('\n')}\n`;
}

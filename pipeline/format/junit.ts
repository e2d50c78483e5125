/**
 * JUnit XML for CI dashboards: a test suite per file, a failing test case per finding (its type the
 * severity), an erroring one when the file could not be read, one passing case for a clean file.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { Report } from '../../model/result.js';
import { fileErrors, locationText } from './location.js';
import { SEVERITY_LABEL } from './summary.js';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, indentBy: '  ', suppressEmptyNode: true });

export function formatJunit(report: Report): string {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites = report.files.map((file) => {
    const failed = fileErrors(file);
    const cases: Record<string, unknown>[] = [];
    for (const error of failed) cases.push({ '@name': '读取文件', '@classname': file.path, error: { '@type': error.code ?? 'error', '@message': error.message } });
    for (const f of file.findings) {
      const where = locationText(f);
      cases.push({
        '@name': `${f.ruleId} ${where}`,
        '@classname': file.path,
        failure: { '@type': f.severity, '@message': f.message, '#text': `${where} ${SEVERITY_LABEL[f.severity]} ${f.message} (${f.ruleId})` },
      });
    }
    if (cases.length === 0) cases.push({ '@name': `未发现问题（已核对 ${file.relations ?? 0} 项关系）`, '@classname': file.path });
    tests += cases.length;
    failures += file.findings.length;
    errors += failed.length;
    return { '@name': file.path, '@tests': cases.length, '@failures': file.findings.length, '@errors': failed.length, testcase: cases };
  });
  const xml = builder.build({ testsuites: { '@name': 'budgetlint', '@tests': tests, '@failures': failures, '@errors': errors, testsuite: suites } }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

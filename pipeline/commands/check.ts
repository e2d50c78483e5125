/** `budgetlint check [--format stylish|json] [-o FILE] [--rule id=off|info|warning|error] [--only id] PATH…` */
import { writeFile } from 'node:fs/promises';
import type { FileResult, Report } from '../../model/result.js';
import { collectFiles } from '../files.js';
import { processFile } from '../process.js';
import { formatStylish } from '../format/stylish.js';
import { buildHtmlReport, type EntrySource } from '../report/build.js';
import { TOOL_VERSION } from '../version.js';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, readAnalysisOptions } from './analysis-options.js';
import type { Command } from './types.js';
import { parseCommandLine, UsageError } from './types.js';

const HELP = `用法: budgetlint check [选项] 路径…

  路径可以是文件或目录（递归查找 .md .txt .html .pdf .docx .doc 及图片）。

选项:
  --format stylish|json|html  输出格式（默认 stylish；html 为可在浏览器中打开的审阅报告，单个文件）
  -o, --output FILE       输出写入文件而非标准输出
\${ANALYSIS_HELP}
  -h, --help              显示帮助

退出码: 0 无错误级别发现；1 有错误级别发现；2 用法或内部错误。`;

export function buildReport(files: FileResult[]): Report {
  return { tool: { name: 'budgetlint', version: TOOL_VERSION }, files };
}

export const checkCommand: Command = {
  usage: 'budgetlint check [--format stylish|json|html] [-o FILE] [--rule id=级别] [--only id] 路径…',
  async run(args) {
    const parsed = parseCommandLine('check', HELP, args, {
      format: { type: 'string', default: 'stylish' },
      output: { type: 'string', short: 'o' },
      ...ANALYSIS_OPTIONS,
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    try {
      if (values.format !== 'stylish' && values.format !== 'json' && values.format !== 'html') throw new UsageError(`未知输出格式 "${values.format}"（可选 stylish、json、html）`);
      if (positionals.length === 0) throw new UsageError('请给出至少一个文件或目录');
      const analysis = readAnalysisOptions(values);

      const { files, problems } = await collectFiles(positionals);
      const results: FileResult[] = problems.map((problem) => ({
        path: problem.path, meta: {}, facts: [], findings: [], notices: [],
        errors: [{ message: problem.message, code: problem.code }],
      }));
      // The html report draws pages and paragraphs: it keeps each file's document.
      const sources: EntrySource[] = results.map((result) => ({ result }));
      const showProgress = Boolean(process.stderr.isTTY) && files.length > 1;
      for (const [index, file] of files.entries()) {
        if (showProgress) process.stderr.write(`\r[${index + 1}/${files.length}] ${file}`.slice(0, (process.stderr.columns ?? 80) - 1).padEnd((process.stderr.columns ?? 80) - 1));
        const { result, document } = await processFile(file, analysis);
        results.push(result);
        if (values.format === 'html') sources.push({ result, ...(document ? { document } : {}) });
      }
      if (showProgress) process.stderr.write('\r'.padEnd((process.stderr.columns ?? 80) - 1) + '\r');

      const report = buildReport(results);
      const text = values.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : values.format === 'html' ? await buildHtmlReport(sources, TOOL_VERSION)
        : formatStylish(report, { color: !values.output && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
      if (values.output) await writeFile(values.output, text);
      else process.stdout.write(text);
      const hasError = results.some((result) => result.findings.some((finding) => finding.severity === 'error'));
      return hasError ? 1 : 0;
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`budgetlint check: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};

/** `budgetlint check [选项] 路径…|-`: the quick one-off command, after ESLint's conventions for CI jobs. */
import { availableParallelism } from 'node:os';
import type { FileResult, Report } from '../../model/result.js';
import { collectFiles, describeSkipped } from '../files.js';
import { FORMAT_NAMES, FORMATS } from '../format/index.js';
import { incompletelyChecked } from '../coverage/ledger.js';
import { fileErrors } from '../format/location.js';
import { summarize } from '../format/summary.js';
import { buildHtmlReport, type EntrySource } from '../report/build.js';
import { WorkerPool } from '../run/pool.js';
import { decodeDocument } from '../store/records.js';
import { TOOL_VERSION } from '../version.js';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, EXIT_HELP, exitCodeOf, readAnalysisOptions } from './analysis-options.js';
import { DECISION_HELP, DECISION_OPTIONS, decideResults, resolveDecisionsFile } from './decision-options.js';
import type { Command } from './types.js';
import { parseCommandLine, UsageError } from './types.js';
import { checkOutputFile, collidingInput, terminalColumns, writeFileAtomic } from '../safe-output.js';

export const CHECK_USAGE = 'budgetlint check [选项] 路径…|-';

/** The options of `check`, also printed by `budgetlint --help` (and so in the README). */
/** `html` is the review report (pipeline/report): it draws pages, so it needs each file's Document, not only the findings. */
const FORMAT_CHOICES = [...FORMAT_NAMES, 'html'];

export const CHECK_OPTIONS_HELP = `  --format ${FORMAT_CHOICES.join('|')}   输出格式（默认 stylish；html 为可在浏览器中打开的审阅报告，单个文件）
  -o, --output FILE       输出写入文件而非标准输出（所在目录须已存在且可写）
  --quiet                 只输出错误级别的发现（退出码仍计入全部发现）
  --stdin-filename NAME   路径为 - 时从标准输入读取一份文件，NAME 为其名称（也用于判断格式）
${ANALYSIS_HELP}
${DECISION_HELP}
  -h, --help              显示帮助`;

const HELP = `用法: ${CHECK_USAGE}

  路径可以是文件或目录（递归查找 .md .txt .html .pdf .docx .doc .xls .xlsx 等及图片），- 为标准输入。

选项:
${CHECK_OPTIONS_HELP}

${EXIT_HELP}`;

export function buildReport(files: FileResult[]): Report {
  return { tool: { name: 'budgetlint', version: TOOL_VERSION }, files };
}

/** Without a name, stdin is `<stdin>`; its format is decided by content either way. */
const STDIN_NAME = '<stdin>';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

function failure(path: string, code: string, message: string): FileResult {
  return { path, meta: {}, facts: [], findings: [], notices: [], errors: [{ message, code }] };
}

export const checkCommand: Command = {
  usage: CHECK_USAGE,
  async run(args) {
    const parsed = parseCommandLine('check', CHECK_USAGE, HELP, args, {
      format: { type: 'string', default: 'stylish' },
      output: { type: 'string', short: 'o' },
      quiet: { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      ...ANALYSIS_OPTIONS,
      ...DECISION_OPTIONS,
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    try {
      // Everything that can be wrong with the command line is found before any file is read.
      const formatName = values.format ?? 'stylish';
      const html = formatName === 'html';
      const format = FORMATS[formatName];
      if (!format && !html) throw new UsageError(`未知输出格式 "${values.format}"（可选 ${FORMAT_CHOICES.join('、')}）`);
      if (positionals.length === 0) throw new UsageError('请给出至少一个文件或目录（- 为标准输入）');
      const stdinCount = positionals.filter((path) => path === '-').length;
      if (stdinCount > 1) throw new UsageError('标准输入（-）只能给出一次');
      if (values['stdin-filename'] !== undefined && stdinCount === 0) throw new UsageError('--stdin-filename 只与路径 - 一起使用');
      const settings = readAnalysisOptions(values);
      const decisionsFile = resolveDecisionsFile(values, positionals, settings.config);
      if (decisionsFile && (values['baseline-write'] || values['prune-decisions'])) checkOutputFile(decisionsFile, '--decisions');

      const paths = positionals.filter((path) => path !== '-');
      // The output is never one of the inputs: `check -o report.md report.md` would overwrite the document.
      if (values.output) checkOutputFile(values.output, '-o', paths.map((path) => ({ path, role: '输入文件' })));

      const { files, problems, skipped } = await collectFiles(paths);
      const walkedOnto = values.output ? collidingInput(values.output, files) : undefined;
      if (walkedOnto) throw new UsageError(`-o ${values.output} 就是要核对的文件 ${walkedOnto}，写入会覆盖它；请换一个输出文件名`);
      if (skipped.length > 0) process.stderr.write(`budgetlint check: ${describeSkipped(skipped)}\n`);
      const missing = problems.find((problem) => problem.code === 'not-found' && problem.named);
      if (missing) throw new UsageError(`路径不存在：${missing.path}`);
      const empty = problems.find((problem) => problem.code === 'no-reports');
      if (empty) throw new UsageError(`没有找到可核对的文件：目录 ${empty.path} 中没有可识别的报告文件`);
      const unreadable = problems.map((problem) => failure(problem.path, problem.code, problem.message));
      const stdin = stdinCount ? { name: values['stdin-filename'] ?? STDIN_NAME, bytes: await readStdin() } : undefined;
      const total = files.length + (stdin ? 1 : 0);
      if (total === 0 && unreadable.length === 0) throw new UsageError('没有找到可核对的文件');

      // Each file in a worker with the time limit `run` uses; a file that overruns it is a file error.
      const concurrency = Math.max(1, Math.min(total, settings.concurrency ?? availableParallelism()));
      const pool = new WorkerPool({ size: concurrency, timeoutMs: Math.round(settings.timeLimit * 1000), memoryLimitMb: 1024, forwardOutput: Boolean(process.env.BUDGETLINT_DEBUG) });
      // Documents in parallel: one OCR worker each unless told otherwise.
      const options = { ...settings.process, ...(concurrency > 1 && settings.process.ocrWorkers === undefined ? { ocrWorkers: 1 } : {}) };
      const showProgress = Boolean(process.stderr.isTTY) && total > 1;
      const columns = terminalColumns(process.stderr) - 1;
      let done = 0;
      const processed: FileResult[] = [];
      const sources: EntrySource[] = [];
      try {
        const tasks = [...(stdin ? [{ path: stdin.name, bytes: stdin.bytes }] : []), ...files.map((path) => ({ path }))];
        const outcomes = await Promise.all(tasks.map(async (task, index) => {
          const outcome = await pool.run({ id: index + 1, ...task, options });
          done++;
          if (showProgress) process.stderr.write(`\r[${done}/${total}] ${task.path}`.slice(0, columns).padEnd(columns));
          const result = outcome.ok ? outcome.message.result : failure(task.path, outcome.code, outcome.message);
          // The review report draws each page from the Document the worker extracted (sent back compressed).
          const extraction = outcome.ok ? outcome.message.extraction : undefined;
          if (html) sources[index] = { result, ...(extraction?.ok ? { document: decodeDocument(extraction.blob) } : {}), ...('bytes' in task && task.bytes ? { bytes: task.bytes } : {}) };
          return result;
        }));
        processed.push(...outcomes);
      } finally {
        await pool.close();
        if (showProgress) process.stderr.write(`\r${' '.repeat(columns)}\r`);
      }
      for (const result of processed) delete result.timings;
      const results = [...unreadable, ...processed];

      // Decisions mark findings in place; dismissed and baseline ones are hidden (SARIF keeps them as suppressions, the review report behind a filter).
      const decided = decideResults(results, values, decisionsFile, formatName === 'sarif' || html);
      for (const message of decided.messages) process.stderr.write(`budgetlint check: ${message}\n`);
      const withDecisions = (files: FileResult[]): Report => ({ ...buildReport(files), ...(decided.summary ? { decisions: decided.summary } : {}) });
      const report = withDecisions(decided.shown);
      const summary = summarize(report);
      const shown = values.quiet ? withDecisions(decided.shown.map((file) => ({ ...file, findings: file.findings.filter((f) => f.severity === 'error') }))) : report;
      // The review report draws from `sources`, whose results are the objects in `results` (same order as shown.files).
      const shownFindings = new Map(results.map((file, index) => [file, shown.files[index]!.findings]));
      const text = html
        ? await buildHtmlReport([...unreadable.map((result) => ({ result })), ...sources.filter(Boolean)].map((source) => ({ ...source, result: { ...source.result, findings: shownFindings.get(source.result) ?? source.result.findings } })), TOOL_VERSION)
        : format!(shown, { color: !values.output && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
      if (values.output) {
        writeFileAtomic(values.output, text);
      } else {
        process.stdout.write(text);
      }
      // A file partly read or with nothing checkable was not checked: --fail-on-file-error counts it.
      const failed = results.filter((file) => fileErrors(file).length > 0).length;
      const incomplete = results.filter((file) => fileErrors(file).length === 0 && incompletelyChecked(file)).length;
      return exitCodeOf({ files: results.length, failed, incomplete, error: summary.error, warning: summary.warning }, settings.exit);
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`budgetlint check: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};

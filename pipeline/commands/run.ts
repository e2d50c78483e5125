/** `budgetlint run PATH… [--db results.sqlite] [--concurrency N] …`: a collection into the results store. */
import { availableParallelism } from 'node:os';
import { ProgressReporter } from '../run/progress.js';
import { runCollection } from '../run/runner.js';
import { formatSummaryJson, formatSummaryText } from '../run/summary.js';
import { StoreError } from '../store/store.js';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, readAnalysisOptions } from './analysis-options.js';
import type { Command } from './types.js';
import { parseCommandLine, UsageError } from './types.js';

const HELP = `用法: budgetlint run [选项] 路径…

  处理目录（递归）或文件中的全部报告，结果写入 SQLite 结果库。内容（SHA-256）、工具版本和
  规则设置都相同的文件直接复用库中结果，不再处理；中途被终止后再次运行会从断点继续。

选项:
  --db FILE               结果库（默认 results.sqlite）
  --concurrency N         并行处理的文件数（默认 CPU 核数）
${ANALYSIS_HELP}
                          （run 已按文件并行，--ocr-workers 在此默认为每个文件 1 个）
  --time-limit SECONDS    单个文件的处理时限（默认 300 秒），超时记为失败，下次运行重试
  --memory-limit MB       每个处理线程的内存上限（默认 1024 MiB），超限记为失败，下次运行重试
  --progress-every N      非终端时每处理 N 个文件输出一行进度（默认 50）
  --format text|json      结束时汇总的格式（默认 text）
  -h, --help              显示帮助

退出码: 0 无错误级别发现；1 有错误级别发现；2 用法、结果库或内部错误。`;

function positiveNumber(value: string | undefined, name: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`${name} 需要${integer ? '正整数' : '正数'}，收到 "${value}"`);
  }
  return parsed;
}

export const runCommand: Command = {
  usage: 'budgetlint run [--db results.sqlite] [--concurrency N] [--rule id=级别] [--only id] 路径…',
  async run(args) {
    const parsed = parseCommandLine('run', HELP, args, {
      db: { type: 'string', default: 'results.sqlite' },
      concurrency: { type: 'string' },
      ...ANALYSIS_OPTIONS,
      'time-limit': { type: 'string' },
      'memory-limit': { type: 'string' },
      'progress-every': { type: 'string' },
      format: { type: 'string', default: 'text' },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    try {
      if (positionals.length === 0) throw new UsageError('请给出至少一个文件或目录');
      if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`未知汇总格式 "${values.format}"（可选 text、json）`);
      const { rules = {}, ocr, ocrWorkers } = readAnalysisOptions(values);
      const concurrency = positiveNumber(values.concurrency, '--concurrency', true) ?? availableParallelism();
      const timeLimit = positiveNumber(values['time-limit'], '--time-limit', false) ?? 300;
      const memoryLimit = positiveNumber(values['memory-limit'], '--memory-limit', true) ?? 1024;
      const every = positiveNumber(values['progress-every'], '--progress-every', true) ?? 50;

      const progress = new ProgressReporter((text) => process.stderr.write(text), {
        tty: Boolean(process.stderr.isTTY),
        every,
        ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
      });
      const report = await runCollection({
        paths: positionals,
        db: values.db ?? 'results.sqlite',
        concurrency,
        rules,
        ...(ocr ? { ocr } : {}),
        ...(ocrWorkers ? { ocrWorkers } : {}),
        timeLimitMs: Math.round(timeLimit * 1000),
        memoryLimitMb: memoryLimit,
        onProgress: (state) => progress.update(state),
        forwardWorkerOutput: Boolean(process.env.BUDGETLINT_DEBUG),
      });
      progress.finish();
      process.stdout.write(values.format === 'json' ? formatSummaryJson(report) : formatSummaryText(report));
      return (report.bySeverity.error ?? 0) > 0 ? 1 : 0;
    } catch (error) {
      if (error instanceof UsageError || error instanceof StoreError) {
        process.stderr.write(`budgetlint run: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};

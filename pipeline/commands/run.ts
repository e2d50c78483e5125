/** `budgetlint run PATH… [--db results.sqlite] [--concurrency N] …`: a collection into the results store. */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describeSkipped } from '../files.js';
import { ProgressReporter } from '../run/progress.js';
import { runCollection } from '../run/runner.js';
import { formatSummaryJson, formatSummaryText } from '../run/summary.js';
import { StoreError } from '../store/store.js';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, EXIT_HELP, exitCodeOf, readAnalysisOptions } from './analysis-options.js';
import { checkOutputFile, terminalColumns } from '../safe-output.js';
import { reviewRunDecisions, RUN_DECISION_HELP, RUN_DECISION_OPTIONS, runDecisionsText } from './run-decisions.js';
import type { Command } from './types.js';
import { isPostgresUrl } from '../store/api.js';
import { dbOption, DISTRIBUTED_RUN_HELP, DISTRIBUTED_RUN_OPTIONS, runOnPostgres } from './distributed.js';
import { parseCommandLine, positiveNumber, UsageError } from './types.js';

const RUN_USAGE = 'budgetlint run [选项] 路径…';

const HELP = `用法: ${RUN_USAGE}

  处理目录（递归）或文件中的全部报告，结果写入 SQLite 结果库。内容（SHA-256）、工具版本和
  规则设置都相同的文件直接复用库中结果，不再处理；中途被终止后再次运行会从断点继续。

选项:
  --db FILE|URL           结果库（默认 results.sqlite，或环境变量 BUDGETLINT_DB；可以是已有目录中的新文件，
                          或 postgres://… 以便多台机器共用，见下）
${ANALYSIS_HELP}
                          （run 已按文件并行，--ocr-workers 在此默认为每个文件 1 个）
  --memory-limit MB       每个处理线程的内存上限（默认 1024 MiB），超限记为失败，下次运行重试
  --progress-every N      非终端时每处理 N 个文件输出一行进度（默认 50）
  --format text|json      结束时汇总的格式（默认 text）
${RUN_DECISION_HELP}
  -h, --help              显示帮助

${DISTRIBUTED_RUN_HELP}

${EXIT_HELP}`;

export const runCommand: Command = {
  usage: RUN_USAGE,
  async run(args) {
    const parsed = parseCommandLine('run', RUN_USAGE, HELP, args, {
      db: { type: 'string' },
      ...ANALYSIS_OPTIONS,
      ...DISTRIBUTED_RUN_OPTIONS,
      'memory-limit': { type: 'string' },
      'progress-every': { type: 'string' },
      format: { type: 'string', default: 'text' },
      ...RUN_DECISION_OPTIONS,
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    try {
      if (positionals.length === 0) throw new UsageError('请给出至少一个文件或目录');
      if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`未知汇总格式 "${values.format}"（可选 text、json）`);
      const settings = readAnalysisOptions(values);
      const { rules = {}, ocr, ocrWorkers, maxInflatedBytes } = settings.process;
      const concurrency = settings.concurrency ?? availableParallelism();
      const memoryLimit = positiveNumber(values['memory-limit'], '--memory-limit', true) ?? 1024;
      const every = positiveNumber(values['progress-every'], '--progress-every', true) ?? 50;
      const db = dbOption(values.db);
      if (isPostgresUrl(db)) return await runOnPostgres({ db, paths: positionals, values, settings });
      if (values['no-work'] || values.upload || values['job-expiry']) throw new UsageError('--no-work、--upload、--job-expiry 只用于 PostgreSQL 结果库（--db postgres://…）');
      // Before any work: the store's folder must exist (no folders made for a typo), the paths too.
      checkOutputFile(db, '--db', positionals.map((path) => ({ path, role: '输入文件' })));
      for (const path of positionals) {
        try {
          statSync(path);
        } catch {
          throw new UsageError(`路径不存在：${path}`);
        }
      }

      const progress = new ProgressReporter((text) => process.stderr.write(text), {
        tty: Boolean(process.stderr.isTTY),
        every,
        columns: terminalColumns(process.stderr),
      });
      const report = await runCollection({
        paths: positionals,
        db,
        concurrency,
        rules,
        ...(ocr ? { ocr } : {}),
        ...(ocrWorkers ? { ocrWorkers } : {}),
        ...(maxInflatedBytes ? { maxInflatedBytes } : {}),
        timeLimitMs: Math.round(settings.timeLimit * 1000),
        memoryLimitMb: memoryLimit,
        onProgress: (state) => progress.update(state),
        forwardWorkerOutput: Boolean(process.env.BUDGETLINT_DEBUG),
      });
      progress.finish();
      if (report.skippedReports.length > 0) process.stderr.write(`budgetlint run: ${describeSkipped(report.skippedReports)}\n`);
      const { suppressedFingerprints, ...decisions } = reviewRunDecisions(db, report.runId, Boolean(values['prune-decisions']));
      report.newFindings = report.newFindings.filter((finding) => !finding.fingerprint || !suppressedFingerprints.has(finding.fingerprint));
      process.stdout.write(values.format === 'json' ? formatSummaryJson({ ...report, decisions }) : formatSummaryText(report) + runDecisionsText({ ...decisions, suppressedFingerprints }));
      // Dismissed and baseline findings do not count for the exit code.
      const counted = (severity: string) => (report.bySeverity[severity] ?? 0) - (decisions.suppressedBySeverity[severity] ?? 0);
      return exitCodeOf({ files: report.counts.total, failed: report.counts.failed, incomplete: decisions.incomplete.length, error: counted('error'), warning: counted('warning') }, settings.exit);
    } catch (error) {
      if (error instanceof UsageError || error instanceof StoreError) {
        process.stderr.write(`budgetlint run: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};

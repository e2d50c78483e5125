/** `budgetlint report --db results.sqlite -o DIR [--run N|last] [--only-new]`: a stored run as a browsable review report. */
import { lastRunId } from '../store/export.js';
import { ResultStore, StoreError } from '../store/store.js';
import { RunReportError, writeRunReport } from '../report/run-report.js';
import { checkOutputFolder, storeInputs } from '../safe-output.js';
import type { Command } from './types.js';
import { openStoreForReading } from '../store/postgres/snapshot.js';
import { parseCommandLine, UsageError } from './types.js';

const HELP = `用法: budgetlint report [选项]

  把 budgetlint run 的一次运行写成可在浏览器中打开的审阅报告（离线可用）：目录下 index.html 列出
  各文件，每份文件一页，显示每条发现的算式，并在原文页面图像上框出所涉数字。

选项:
  --db FILE               结果库（默认 results.sqlite）
  -o, --output DIR        报告目录（默认 report）
  --run N|last            哪次运行（默认 last，最近一次）
  --only-new              只显示该次运行的新发现（同一路径上一版内容没有的发现）
  -h, --help              显示帮助

原文件须仍在运行时的路径（内容未变）才能显示页面图像和段落。`;

export const REPORT_USAGE = 'budgetlint report [--db results.sqlite] [-o DIR] [--run N|last] [--only-new]';

export const reportCommand: Command = {
  usage: REPORT_USAGE,
  async run(args) {
    const parsed = parseCommandLine('report', REPORT_USAGE, HELP, args, {
      db: { type: 'string', default: 'results.sqlite' },
      output: { type: 'string', short: 'o', default: 'report' },
      run: { type: 'string', default: 'last' },
      'only-new': { type: 'boolean', default: false },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    let store: ResultStore | undefined;
    try {
      if (positionals.length > 0) throw new UsageError(`多余的参数 "${positionals[0]}"（报告内容来自 --db 结果库）`);
      if (values.run !== 'last' && !/^[1-9]\d*$/.test(values.run ?? '')) throw new UsageError(`--run 需要运行编号或 last，收到 "${values.run}"`);
      const db = values.db ?? 'results.sqlite';
      const outDir = values.output ?? 'report';
      // Before the store is opened: the folder exists or can be made, is a folder, and does not hold the store.
      checkOutputFolder(outDir, '-o', storeInputs(db));
      store = await openStoreForReading(db);
      const runId = values.run === 'last' ? lastRunId(store.db) : Number(values.run);
      if (runId === undefined) throw new StoreError('结果库中还没有任何运行记录');
      const summary = await writeRunReport(store, { runId, onlyNew: values['only-new'] === true, outDir });
      process.stderr.write(`已写入 ${outDir}/index.html：${summary.documents} 个文件${summary.copies > 0 ? `（其中 ${summary.copies} 个为副本）` : ''}，${summary.findings} 条发现，${summary.images} 张页面图像\n`);
      return 0;
    } catch (error) {
      if (error instanceof UsageError || error instanceof StoreError || error instanceof RunReportError) {
        process.stderr.write(`budgetlint report: ${error.message}\n`);
        return 2;
      }
      throw error;
    } finally {
      store?.close();
    }
  },
};

/**
 * `budgetlint decisions import FILE [--db results.sqlite]` and `budgetlint decisions export [--db …] [-o FILE]`:
 * decisions between a budgetlint-decisions.json (check, the review report's 下载决定) and the results store (run, report).
 */
import { writeFileSync } from 'node:fs';
import { DecisionsFileError, formatDecisions, readDecisionsFile } from '../decisions/file.js';
import { storedDecisionsPg, storeDecisionsPg } from '../decisions/postgres.js';
import { storedDecisions, storeDecisions } from '../decisions/store.js';
import { isPostgresUrl } from '../store/api.js';
import { PostgresStore } from '../store/postgres/store.js';
import { ResultStore, StoreError } from '../store/store.js';
import type { Command } from './types.js';
import { parseCommandLine, UsageError } from './types.js';
import { checkOutputFile } from '../safe-output.js';

export const DECISIONS_USAGE = 'budgetlint decisions import|export [--db results.sqlite] [文件]';

const HELP = `用法: budgetlint decisions import 文件 [--db results.sqlite]
      budgetlint decisions export [--db results.sqlite] [-o 文件]

  审阅决定（确认、忽略（误报）、已知（基线））按发现指纹保存：check 读写 budgetlint-decisions.json，
  run 和 report 使用结果库。import 把决定文件（如审阅报告“下载决定”所得）并入结果库，同一指纹以文件中的为准；
  export 把结果库中的全部决定写成决定文件（默认输出到标准输出）。

选项:
  --db FILE|URL           结果库（默认 results.sqlite；postgres://… 为多台机器共用的 PostgreSQL 结果库）
  -o, --output FILE       export 写入文件而非标准输出
  -h, --help              显示帮助`;

async function withPostgres<T>(url: string, work: (store: PostgresStore) => Promise<T>): Promise<T> {
  const store = await PostgresStore.open(url);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export const decisionsCommand: Command = {
  usage: DECISIONS_USAGE,
  async run(args) {
    const parsed = parseCommandLine('decisions', DECISIONS_USAGE, HELP, args, {
      db: { type: 'string', default: 'results.sqlite' },
      output: { type: 'string', short: 'o' },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    const [action, ...rest] = positionals;
    let store: ResultStore | undefined;
    try {
      const db = values.db ?? 'results.sqlite';
      if (action === 'import') {
        if (rest.length !== 1) throw new UsageError('import 需要一个决定文件');
        if (values.output) throw new UsageError('-o 只用于 export');
        const decisions = readDecisionsFile(rest[0]!);
        if (isPostgresUrl(db)) await withPostgres(db, (pg) => storeDecisionsPg(pg, decisions));
        else {
          checkOutputFile(db, '--db');
          store = ResultStore.open(db);
          storeDecisions(store.db, decisions);
        }
        const counts = { confirmed: 0, dismissed: 0, baseline: 0 };
        for (const decision of decisions) counts[decision.state]++;
        process.stderr.write(`已导入 ${decisions.length} 条决定到 ${db}（确认 ${counts.confirmed}，忽略 ${counts.dismissed}，基线 ${counts.baseline}）\n`);
        return 0;
      }
      if (action === 'export') {
        if (rest.length > 0) throw new UsageError(`多余的参数 "${rest[0]}"（用 -o 指定输出文件）`);
        if (values.output) checkOutputFile(values.output, '-o');
        let decisions;
        if (isPostgresUrl(db)) decisions = await withPostgres(db, storedDecisionsPg);
        else {
          store = ResultStore.openForReading(db);
          decisions = storedDecisions(store.db);
        }
        const text = formatDecisions(decisions);
        if (values.output) writeFileSync(values.output, text);
        else process.stdout.write(text);
        return 0;
      }
      throw new UsageError(action ? `未知操作 "${action}"（可选 import、export）` : '请给出 import 或 export');
    } catch (error) {
      if (error instanceof UsageError || error instanceof StoreError || error instanceof DecisionsFileError) {
        process.stderr.write(`budgetlint decisions: ${error.message}\n`);
        return 2;
      }
      throw error;
    } finally {
      store?.close();
    }
  },
};

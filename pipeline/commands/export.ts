/** `budgetlint export --db results.sqlite --format csv|jsonl [--what facts|findings|documents|coverage] [-o FILE]` */
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify';
import { csvOptions } from '../format/csv-cell.js';
import { checkOutputFile, storeInputs, writeStreamAtomic } from '../safe-output.js';
import { exportData, lastRunId, runExists, type ExportTable } from '../store/export.js';
import { ResultStore, StoreError } from '../store/store.js';
import type { Command } from './types.js';
import { openStoreForReading } from '../store/postgres/snapshot.js';
import { UsageError } from './types.js';

const HELP = `用法: budgetlint export [选项]

  把 budgetlint run 的结果库导出为整齐的表：每行一个事实（facts）、一条发现（findings）或一份文件（documents）。

选项:
  --db FILE               结果库（默认 results.sqlite）
  --format csv|jsonl      输出格式（默认 csv；CSV 为带 BOM 的 UTF-8，Excel 可直接打开）
  --what facts|findings|documents|coverage   导出内容（默认 facts）
  --run N|last            只导出某次运行涉及的文件（默认：每个路径最近一次所见的内容）
  -o, --output FILE       写入文件而非标准输出
  -h, --help              显示帮助

facts 的列：document_id, path, department, province, city, county, region_code, year, concept, funds, period, basis,
  value（金额以元计）, value_unit, printed_unit（原文单位）, raw（原文）, label, subject, table_id, table_title, measure（表格列路径）, code（科目编码）,
  place（页:行，Word 为“第 N 段”“表 N 第 M 行”）, page, line, column, locator, confidence（OCR 置信度）, disputed_by（对该数字提出错误或警告的规则）
findings 的列：文件信息 + rule_id, severity, message, message_id, place, page, line, column, locator, actual, expected, data, evidence,
  fingerprint（发现指纹）, decision（confirmed、dismissed、baseline）, decision_reason, decided_by, decided_at
coverage 的列（每份文件每类核对一行）：文件信息 + kind（self-evaluation-report、self-evaluation-table、final-accounts、budget）,
  read（full、partial、none）, unread_pages, family, family_name, state（consistent、inconsistent、not-applicable、undecidable、unreadable）,
  checks（重算的关系数）, findings, reason
documents 的列（每个路径一行，含副本、超时、缺失和无法读取的文件）：文件信息 + copy_of, title, filing_date, sha256, format, pages,
  status（ok、failed、timeout、missing）, error_code, error, income, income_disputed_by, expense, expense_disputed_by,
  carry_over, carry_over_disputed_by, self_score, facts, findings_error, findings_warning, findings_info, processed_at,
  tool_version, extractor_version, rules_version`;

const TABLES: ExportTable[] = ['facts', 'findings', 'documents', 'coverage'];

function csvValue(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

export const exportCommand: Command = {
  usage: 'budgetlint export [--db results.sqlite] [--format csv|jsonl] [--what facts|findings|documents|coverage] [-o FILE]',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: false,
        options: {
          db: { type: 'string', default: 'results.sqlite' },
          format: { type: 'string', default: 'csv' },
          what: { type: 'string', default: 'facts' },
          run: { type: 'string' },
          output: { type: 'string', short: 'o' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      process.stderr.write(`budgetlint export: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}\n`);
      return 2;
    }
    const { values } = parsed;
    if (values.help) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    let store: ResultStore | undefined;
    try {
      const format = values.format;
      if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`未知导出格式 "${format}"（可选 csv、jsonl）`);
      const what = values.what as ExportTable;
      if (!TABLES.includes(what)) throw new UsageError(`未知导出内容 "${values.what}"（可选 ${TABLES.join('、')}）`);
      if (values.run !== undefined && values.run !== 'last' && !/^[1-9]\d*$/.test(values.run)) throw new UsageError(`--run 需要运行编号或 last，收到 "${values.run}"`);

      const db = values.db ?? 'results.sqlite';
      // Before the store is opened: `-o results.sqlite` would truncate hours of work.
      if (values.output) checkOutputFile(values.output, '-o', storeInputs(db));
      store = await openStoreForReading(db);
      let runId: number | undefined;
      if (values.run === 'last') {
        runId = lastRunId(store.db);
        if (runId === undefined) throw new StoreError('结果库中还没有任何运行记录');
      } else if (values.run !== undefined) {
        runId = Number(values.run);
        if (!runExists(store.db, runId)) {
          const last = lastRunId(store.db);
          throw new StoreError(`结果库中没有第 ${runId} 次运行（${last === undefined ? '还没有任何运行记录' : `最近一次是第 ${last} 次`}）`);
        }
      }
      const data = exportData(store.db, what, runId !== undefined ? { runId } : {});
      const write = async (output: Writable, end: boolean) => {
        if (format === 'csv') {
          const rows = Readable.from((function* () {
            for (const row of data.rows) yield data.columns.map((column) => csvValue(row[column]));
          })());
          // RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break; no cell a formula.
          await pipeline(rows, stringify(csvOptions(data.columns)), output, { end });
        } else {
          const lines = Readable.from((function* () {
            for (const row of data.rows) {
              const ordered: Record<string, unknown> = {};
              for (const column of data.columns) ordered[column] = row[column] ?? null;
              yield `${JSON.stringify(ordered)}\n`;
            }
          })());
          await pipeline(lines, output, { end });
        }
      };
      // A file is written beside itself and renamed into place: a full disk leaves the old export whole.
      if (values.output) await writeStreamAtomic(values.output, (stream) => write(stream, true));
      else await write(process.stdout, false);
      return 0;
    } catch (error) {
      if (error instanceof UsageError || error instanceof StoreError) {
        process.stderr.write(`budgetlint export: ${error.message}\n`);
        return 2;
      }
      // The reader went away (`| head`): not an error of ours.
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
      throw error;
    } finally {
      store?.close();
    }
  },
};

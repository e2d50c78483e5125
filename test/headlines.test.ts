/**
 * Headline figures of the documents export, by document kind: a 部门预算's budget totals from its
 * 收支预算总表, a 部门决算's actuals and 年初预算, a self-evaluation's 年度预算, 执行数 and 执行率.
 * Run and exported as a researcher would, on page cuts of real documents and a bundled report.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollection } from '../pipeline/run/runner.js';
import { exportData } from '../pipeline/store/export.js';
import { HEADLINE_COLUMNS, selectHeadlines, type HeadlineFact } from '../pipeline/store/headlines.js';
import { ResultStore } from '../pipeline/store/store.js';

let dir: string;
let rows: Map<string, Record<string, unknown>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-headlines-'));
  const docs = join(dir, 'docs');
  mkdirSync(docs);
  for (const name of ['real/sh-putuo-sww-2025-yusuan-p9-11.pdf', 'real/sh-putuo-shgzb-2024-juesuan-excerpt.pdf', 'real/js-rdcwh-2019-yusuan-tables.pdf', 'reports/huizhou-ybj-2022.md', 'office/lincang-linxiang-2023-zipingbiao.xlsx']) {
    copyFileSync(new URL(`../fixtures/${name}`, import.meta.url), join(docs, name.split('/')[1]!));
  }
  const db = join(dir, 'results.sqlite');
  await runCollection({ paths: [docs], db, concurrency: 1, rules: {}, timeLimitMs: 120_000, memoryLimitMb: 1024 });
  const store = ResultStore.openForReading(db);
  try {
    rows = new Map([...exportData(store.db, 'documents').rows].map((row) => [String(row.path).slice(docs.length + 1), row]));
  } finally {
    store.close();
  }
}, 180_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The headline columns that are filled, as `name: value basis`. */
function headlines(path: string): Record<string, string> {
  const row = rows.get(path)!;
  const filled: Record<string, string> = {};
  for (let i = 0; i < HEADLINE_COLUMNS.length; i += 2) {
    const name = HEADLINE_COLUMNS[i]!;
    if (row[name] !== null) filled[name] = `${row[name]} ${row[`${name}_basis`]}`;
  }
  return filled;
}

describe('headline figures in the documents export', () => {
  it('部门预算 (tables-only attachment, 万元): 收入预算合计, 支出预算合计, 财政拨款, 基本支出, 项目支出 from its tables', () => {
    expect(rows.get('js-rdcwh-2019-yusuan-tables.pdf')).toMatchObject({ kind: 'department-budget', department: '江苏省人大常委会办公厅', year: 2019 });
    expect(headlines('js-rdcwh-2019-yusuan-tables.pdf')).toEqual({
      income_total: '183303700 budget', expense_total: '183303700 budget', fiscal_funds: '183303700 budget',
      basic_expense: '93129000 budget', project_expense: '64595800 budget',
    });
  });

  it('部门预算 in 元 with only its 收支总表 and 收入表: what those state, the rest empty', () => {
    expect(headlines('sh-putuo-sww-2025-yusuan-p9-11.pdf')).toEqual({
      income_total: '371514655 budget', expense_total: '371514655 budget', fiscal_funds: '371514655 budget',
    });
  });

  it('部门决算: the actuals and 年初预算', () => {
    expect(rows.get('sh-putuo-shgzb-2024-juesuan-excerpt.pdf')).toMatchObject({ kind: 'department-final-accounts', year: 2024 });
    expect(headlines('sh-putuo-shgzb-2024-juesuan-excerpt.pdf')).toEqual({
      income_total: '3078200 actual', expense_total: '3078200 actual', fiscal_funds: '3078200 actual',
      basic_expense: '1055800 actual', project_expense: '2022400 actual', initial_budget: '0 budget',
    });
  });

  it('self-evaluation: the undisputed 调整预算数 (3810.44, not the 3812.67 a rule disputes), 执行数, 执行率; 自评得分 as self_score', () => {
    expect(headlines('huizhou-ybj-2022.md')).toEqual({ annual_budget: '38104400 adjusted', executed: '38033800 actual', execution_rate: '99.81 computed' });
    expect(rows.get('huizhou-ybj-2022.md')).toMatchObject({ self_score: '99.7', kind: 'self-evaluation-report', level: 'department' });
  });

  it('an exported 项目支出绩效自评表: 全年预算数 and 全年执行数 of its 年度资金总额 row, 执行率 worked out, its 总分 as self_score, 主管部门 as the department', () => {
    expect(headlines('lincang-linxiang-2023-zipingbiao.xlsx')).toEqual({ annual_budget: '324000 adjusted', executed: '316900 actual', execution_rate: '97.81 computed' });
    expect(rows.get('lincang-linxiang-2023-zipingbiao.xlsx')).toMatchObject({
      self_score: '99',
      kind: 'self-evaluation-table',
      level: 'project',
      year: 2023,
      department: '临沧市临翔区林业和草原局',
      region_code: '530902',
    });
  });
});

describe('selectHeadlines', () => {
  const fact = (over: Partial<HeadlineFact>): HeadlineFact => ({
    concept: 'expense.basic', funds: 'all', period: 'current', basis: 'actual', value: '100', label: '基本支出', subject: '', table_id: null, measure: null, disputed_by: null, ...over,
  });

  it('takes a budget\'s 基本支出 as a budget figure even where its clause was tagged actual, a table cell before the text', () => {
    expect(selectHeadlines('department-budget', [fact({ value: '100' })])).toEqual({ basic_expense: { value: '100', basis: 'budget' } });
    const cell = fact({ concept: 'table.cell', basis: 'budget', value: '200', label: '合计', table_id: 'expense', measure: '基本支出' });
    expect(selectHeadlines('department-budget', [fact({ value: '100' }), cell]).basic_expense).toEqual({ value: '200', basis: 'budget' });
  });

  it('never takes an item\'s figure (a subject) or another year\'s for the department\'s', () => {
    expect(selectHeadlines('department-final-accounts', [fact({ subject: '一般公共服务支出' }), fact({ period: 'previous' })])).toEqual({});
  });

  it('states nothing for a document of another kind', () => {
    expect(selectHeadlines('other', [fact({})])).toEqual({});
    expect(selectHeadlines(undefined, [fact({})])).toEqual({});
  });
});

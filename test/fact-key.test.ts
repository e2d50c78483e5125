/**
 * One fact key for text and tables (normalizers/fact-key): a researcher joins the narrative's figures
 * to their table cells on `fact_key`, as `run` + `export --what facts` give them, on a real 部门决算 excerpt.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../pipeline/commands/export.js';
import { runCollection } from '../pipeline/run/runner.js';
import { cellKey, keyString, measureOfWords, textKey } from '../normalizers/fact-key.js';

const EXCERPT = new URL('../fixtures/real/sh-putuo-shgzb-2024-juesuan-excerpt.pdf', import.meta.url).pathname;

interface FactRow {
  fact_key: string;
  table_id: string | null;
  raw: string;
  label: string;
  page: number;
  line: number;
}

let dir: string;
let rows: FactRow[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-fact-key-'));
  const db = join(dir, 'results.sqlite');
  await runCollection({ paths: [EXCERPT], db, concurrency: 1, rules: {}, timeLimitMs: 120_000, memoryLimitMb: 1024 });
  const out = join(dir, 'facts.jsonl');
  expect(await exportCommand.run(['--db', db, '--what', 'facts', '--format', 'jsonl', '-o', out])).toBe(0);
  rows = readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FactRow);
}, 180_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Text facts joined to the table cells with the same key, as `text page:line raw → table page:line raw`. */
function joined(key: string): { text: string[]; table: string[] } {
  const same = rows.filter((row) => row.fact_key === key);
  const show = (row: FactRow) => `${row.page}:${row.line} ${row.raw}`;
  return { text: same.filter((row) => !row.table_id).map(show), table: same.filter((row) => row.table_id).map(show) };
}

describe('the fact key joins text to tables', () => {
  it('every exported fact has a key', () => {
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((row) => !row.fact_key)).toEqual([]);
  });

  it('本年支出 in the narrative meets 本年支出合计 of the 收入支出决算总表 and the 合计 of the 支出决算表', () => {
    expect(joined('|expense.total|all|actual|current')).toEqual({ text: ['4:11 307.82 万元'], table: ['1:32 307.82', '2:5 307.82'] });
  });

  it('基本支出 and 项目支出 meet their 支出决算表 columns; the 一般公共预算 ones meet the 一般公共预算财政拨款支出决算表', () => {
    expect(joined('|expense.basic|all|actual|current')).toEqual({ text: ['4:11 105.58 万元'], table: ['2:5 105.58'] });
    expect(joined('|expense.project|all|actual|current')).toEqual({ text: ['4:12 202.24 万元'], table: ['2:5 202.24'] });
    expect(joined('|expense.total|general|actual|current')).toEqual({ text: ['4:19 307.82 万元', '5:4 307.82 万元'], table: ['3:22 307.82'] });
  });

  it('收入支出总计 is its own quantity (grand), never 本年支出合计', () => {
    expect(joined('|grand|all|actual|current').table).toEqual(['1:35 307.82', '1:35 307.82']);
    expect(joined('|grand|all|actual|current').text).toEqual(['4:4 307.82万元']);
  });

  it('a 类 row and its 款 and 项 rows have keys of their own level', () => {
    const levels = rows
      .filter((row) => row.table_id === 'general-expense' && row.fact_key.endsWith('|expense.total|general|actual|current'))
      .map((row) => row.fact_key.split('|')[0]!.split('/').length);
    expect(new Set(levels)).toEqual(new Set([1, 2, 3]));
    expect(joined('一般公共服务支出|expense.total|general|actual|current').table).toEqual(['3:5 264.87']);
    expect(joined('一般公共服务支出/社会工作事务|expense.total|general|actual|current').table).toEqual(['3:6 264.87']);
  });
});

describe('keys from words', () => {
  it('a fiscal concept is the total of its funds', () => {
    const scope = { funds: 'fiscal', period: 'current', basis: 'budget' } as const;
    expect(keyString(textKey({ concept: 'expense.fiscal.general', label: '一般公共预算财政拨款支出', subject: [], scope }))).toBe('|expense.total|general|budget|current');
    expect(keyString(textKey({ concept: 'income.fiscal', label: '财政拨款收入', subject: [], scope }))).toBe('|income.total|fiscal|budget|current');
    expect(keyString(textKey({ concept: 'expense.function', label: '教育支出', subject: [], scope: { ...scope, funds: 'all' } }))).toBe(
      '教育支出|expense.total|all|budget|current',
    );
    expect(keyString(textKey({ concept: 'income.total', label: '收入总计', subject: [], scope: { ...scope, funds: 'all' } }))).toBe('|grand|all|budget|current');
  });

  it('column words name the same measures as the text', () => {
    expect(measureOfWords('本年支出合计', undefined, 'all')).toEqual({ measure: 'expense.total', funds: 'all' });
    expect(measureOfWords('合计', 'income', 'fiscal')).toEqual({ measure: 'income.total', funds: 'fiscal' });
    expect(measureOfWords('本年支出/基本支出', 'expense', 'all')).toEqual({ measure: 'expense.basic', funds: 'all' });
    expect(measureOfWords('总计', 'expense', 'all')).toEqual({ measure: 'grand', funds: 'all' });
    expect(measureOfWords('年初结转和结余', 'income', 'all')).toEqual({ measure: 'carryover.begin', funds: 'all' });
    expect(cellKey({ measure: '', funds: 'general', subject: ['教育支出', '普通教育'], direction: 'expense', basis: 'budget' }, 'current')).toEqual({
      subject: ['教育支出', '普通教育'],
      measure: 'expense.total',
      funds: 'general',
      basis: 'budget',
      period: 'current',
    });
    expect(keyString(cellKey({ measure: '合计', funds: 'all', subject: [], topic: 'sangong', basis: 'actual' }, 'current'))).toBe('|sangong|all|actual|current');
  });
});

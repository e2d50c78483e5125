/**
 * Statements (利润表, 收入费用表): the identities their structure states, read off the table model in any
 * table, not only the disclosure tables — a numbered row after a run of `减：`/`加：` rows is the numbered
 * row before it with that run added or taken away; a balance row (本期盈余) is income less costs; each
 * section is the sum of its rows. Fixtures: fixtures/tables/income-statement-2019-format.md and
 * revenue-expense-statement-format.md (fixtures/tables/README.md says where they come from).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzers/index.js';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
import { readHierarchy } from '../normalizers/row-hierarchy.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tables/${name}`, import.meta.url), 'utf8');
const normalized = (text: string) => normalizeDocument(textToDocument(text, { path: 'statement.md', sha256: '0'.repeat(64) }, 'markdown'));
const findings = (text: string) =>
  analyze(normalized(text)).map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    evidence: f.evidence.map((e) => `${e.role} ${e.raw} p${e.page}:${e.line}`),
  }));
/** A fixture with one row's cells replaced. */
const changed = (text: string, row: string, cells: string) => {
  const found = text.split('\n').find((line) => line.startsWith(`| ${row} |`));
  if (!found) throw new Error(`no row ${row}`);
  return text.replace(found, `| ${row} | ${cells} |`);
};
const lineOf = (text: string, row: string) => text.split('\n').findIndex((line) => line.startsWith(`| ${row} |`)) + 1;

describe('利润表 (the 2019 format: 减：/加： runs, 其中 rows under 财务费用, negatives printed)', () => {
  const text = fixture('income-statement-2019-format.md');

  it('reads each result row as the numbered row before it and the signed rows between', () => {
    const [model] = normalized(text).tableModels;
    const results = model!.panels[0]!.rows.filter((row) => row.terms).map(
      (row) => `${row.label} = ${row.terms!.map((term) => `${term.sign === 1 ? '+' : '−'}${term.row.label}`).join(' ')}`,
    );
    expect(results).toEqual([
      '二、营业利润（亏损以“-”号填列） = +一、营业收入 −减：营业成本 −税金及附加 −销售费用 −管理费用 −研发费用 −财务费用 −利息收入 +加：其他收益 +投资收益（损失以“-”号填列）',
      '三、利润总额（亏损总额以“-”号填列） = +二、营业利润（亏损以“-”号填列） +加：营业外收入 −减：营业外支出',
      '四、净利润（净亏损以“-”号填列） = +三、利润总额（亏损总额以“-”号填列） −减：所得税费用',
    ]);
    expect(model!.negativesPrinted).toBe(true);
  });

  it('is quiet as printed (利息收入 read as a part of 财务费用, the reading its figures agree with)', () => {
    expect(findings(text)).toEqual([]);
  });

  it('one cell changed (管理费用 80,000.00 → 81,000.00): 二、营业利润 no longer holds, both cells as evidence', () => {
    const found = findings(changed(text, '管理费用', '81,000.00 | 70,000.00'));
    expect(found).toEqual([
      {
        ruleId: 'table-sum-mismatch',
        severity: 'error',
        message:
          '表“利润表”“本期金额”列：一、营业收入 1,000,000.00元 + 加：其他收益 12,000.00元 + 投资收益（损失以“-”号填列） -3,000.00元 − 减：营业成本 600,000.00元 − 税金及附加 10,000.00元 − 销售费用 50,000.00元 − 管理费用 81,000.00元 − 研发费用 30,000.00元 − 财务费用 -5,000.00元 = 243000.00元，与二、营业利润（亏损以“-”号填列） 244,000.00元 不符（差 1000.00元，超出舍入容差 0.05元）',
        evidence: [
          `total 244,000.00 p1:${lineOf(text, '二、营业利润（亏损以“－”号填列）')}`,
          'part 1,000,000.00 p1:7',
          'part 12,000.00 p1:16',
          'part -3,000.00 p1:17',
          'subtracted 600,000.00 p1:8',
          'subtracted 10,000.00 p1:9',
          'subtracted 50,000.00 p1:10',
          `subtracted 81,000.00 p1:${lineOf(text, '管理费用')}`,
          'subtracted 30,000.00 p1:12',
          'subtracted -5,000.00 p1:13',
        ],
      },
    ]);
  });

  it('a result row changed (四、净利润 184,500.00 → 185,500.00): found against 三、 and 所得税费用', () => {
    const found = findings(changed(text, '四、净利润（净亏损以“－”号填列）', '185,500.00 | 163,500.00'));
    expect(found.map((f) => [f.ruleId, f.evidence])).toEqual([['table-sum-mismatch', ['total 185,500.00 p1:23', 'part 246,000.00 p1:21', 'subtracted 61,500.00 p1:22']]]);
  });

  it('the 2018 format, 资产减值损失 after 利息收入 (a row of its own, taken away): quiet, and its change found', () => {
    // 资产减值损失 1,000.00 takes 二、 to 243,000.00, 三、 to 245,000.00 and 四、 to 183,500.00.
    let text2018 = text.replace('| 加：其他收益 |', '| 资产减值损失 | 1,000.00 | 0.00 |\n| 加：其他收益 |');
    text2018 = changed(text2018, '二、营业利润（亏损以“－”号填列）', '243,000.00 | 215,000.00');
    text2018 = changed(text2018, '三、利润总额（亏损总额以“－”号填列）', '245,000.00 | 218,000.00');
    text2018 = changed(text2018, '四、净利润（净亏损以“－”号填列）', '183,500.00 | 163,500.00');
    expect(findings(text2018)).toEqual([]);
    const found = findings(changed(text2018, '资产减值损失', '2,000.00 | 0.00'));
    expect(found.map((f) => f.evidence.filter((e) => /^total| 2,000\.00 /.test(e)))).toEqual([
      [`total 243,000.00 p1:${lineOf(text2018, '二、营业利润（亏损以“－”号填列）')}`, `subtracted 2,000.00 p1:${lineOf(text2018, '资产减值损失')}`],
    ]);
  });
});

describe('收入费用表 (政府会计制度: 本期收入, 本期费用, 本期盈余)', () => {
  const text = fixture('revenue-expense-statement-format.md');

  it('reads 三、本期盈余 as 一、本期收入 − 二、本期费用, and is quiet as printed', () => {
    const [model] = normalized(text).tableModels;
    const result = model!.panels[0]!.rows.find((row) => row.terms);
    expect(result?.terms?.map((term) => `${term.sign === 1 ? '+' : '−'}${term.row.label}`)).toEqual(['+一、本期收入', '−二、本期费用']);
    expect(findings(text)).toEqual([]);
  });

  it('本期盈余 changed (200,000.00 → 210,000.00): found with 本期收入 and 本期费用 as evidence', () => {
    expect(findings(changed(text, '三、本期盈余', '210,000.00 | 80,000.00'))).toEqual([
      {
        ruleId: 'table-sum-mismatch',
        severity: 'error',
        message:
          '表“收入费用表”“本年数”列：一、本期收入 5,000,000.00元 − 二、本期费用 4,800,000.00元 = 200000.00元，与三、本期盈余 210,000.00元 不符（差 10000.00元，超出舍入容差 0.015元）',
        evidence: ['total 210,000.00 p1:29', 'part 5,000,000.00 p1:7', 'subtracted 4,800,000.00 p1:20'],
      },
    ]);
  });

  it('a row of a section changed (业务活动费用 3,000,000.00 → 3,000,500.00): 二、本期费用 no longer adds up', () => {
    const found = findings(changed(text, '（一）业务活动费用', '3,000,500.00 | 2,900,000.00'));
    expect(found.map((f) => [f.ruleId, f.evidence])).toEqual([
      ['table-sum-mismatch', ['total 4,800,000.00 p1:20', 'part 3,000,500.00 p1:21', 'part 1,500,000.00 p1:22', 'part 50,000.00 p1:24', 'part 250,000.00 p1:28']],
    ]);
  });

  it('a 其中 part larger than its whole (政府性基金收入 100,000.00 → 4,600,000.00) is found; 其中 under a row taken away bounds nothing', () => {
    const found = findings(changed(text, '其中：政府性基金收入', '4,600,000.00 | 80,000.00'));
    expect(found.map((f) => [f.ruleId, f.evidence])).toEqual([['table-sum-mismatch', ['total 4,500,000.00 p1:8', 'part 4,600,000.00 p1:9']]]);
  });
});

describe('a statement read two ways at once', () => {
  it('a result row with rows of its own is a conflict, and the table’s sums are not checked', () => {
    const { rows, conflicts } = readHierarchy([
      { label: '一、本期收入' },
      { label: '（一）财政拨款收入' },
      { label: '二、本期支出' },
      { label: '（一）基本支出' },
      { label: '三、本期结余' },
      { label: '（一）结转下年' },
    ]);
    expect(conflicts).toEqual(['本期结余 既是其下各行之和，又是其上各行之差']);
    expect(rows.some((row) => row.terms)).toBe(false);
  });

  it('gives one info naming the table when one of its sums fails', () => {
    const text = `收入支出表

单位：元

| 项目 | 本年数 |
| --- | --- |
| 一、本期收入 | 100.00 |
| （一）财政补助收入 | 60.00 |
| （二）事业收入 | 40.00 |
| 二、本期支出 | 90.00 |
| （一）基本支出 | 50.00 |
| （二）项目支出 | 30.00 |
| 三、本期结余 | 10.00 |
| （一）结转下年 | 10.00 |
`;
    expect(findings(text)).toEqual([
      {
        ruleId: 'table-sum-mismatch',
        severity: 'info',
        message: '表“收入支出表”的行次层级无法确定（本期结余 既是其下各行之和，又是其上各行之差），未核对其合计与分项',
        evidence: ['cell 100.00 p1:7'],
      },
    ]);
  });
});

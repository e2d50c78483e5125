/**
 * What the table model's structure implies, and when it is not to be trusted: a reading that
 * contradicts itself is not checked (one info names the table), and many differences of one unit in
 * the last place (元 → 万元 rounding) are one info that lists them.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzers/index.js';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';

const findings = (text: string) =>
  analyze(normalizeDocument(textToDocument(text, { path: 'table.md', sha256: '0'.repeat(64) }, 'markdown')), { only: ['table-sum-mismatch'] }).map((f) => ({
    severity: f.severity,
    messageId: f.messageId,
    message: f.message,
    evidence: f.evidence.map((e) => `${e.role} ${e.raw} p${e.page}:${e.line}`),
  }));

const table = (rows: string[]) => `一般公共预算财政拨款支出决算表

单位：万元

| 科目编码 | 科目名称 | 决算数 |
| --- | --- | --- |
${rows.join('\n')}
`;

describe('a structure that contradicts itself', () => {
  it('is not checked: a 类 smaller than one of its own 款 gives one info naming the table', () => {
    const text = table([
      '| | 合计 | 45.00 |',
      '| 208 | 社会保障和就业支出 | 10.00 |',
      '| 208 5 | 行政事业单位养老支出 | 30.00 |',
      '| 208 8 | 抚恤 | 5.00 |',
      '| 221 | 住房保障支出 | 35.00 |',
    ]);
    expect(findings(text)).toEqual([
      {
        severity: 'info',
        messageId: 'uncertain',
        message:
          '表“一般公共预算财政拨款支出决算表”的行次层级无法确定（社会保障和就业支出（208） 10.00万元 小于其下的行政事业单位养老支出（20805） 30.00万元），未核对其合计与分项',
        evidence: ['total 10.00 p1:8', 'part 30.00 p1:9', 'part 5.00 p1:10'],
      },
    ]);
  });

  it('the same table with its 类 printed right is checked and quiet', () => {
    expect(
      findings(
        table([
          '| | 合计 | 70.00 |',
          '| 208 | 社会保障和就业支出 | 35.00 |',
          '| 208 5 | 行政事业单位养老支出 | 30.00 |',
          '| 208 8 | 抚恤 | 5.00 |',
          '| 221 | 住房保障支出 | 35.00 |',
        ]),
      ),
    ).toEqual([]);
  });
});

describe('differences of one unit in the last place', () => {
  const rows = (housing: string) => [
    '| | 合计 | 100.00 |',
    '| 208 | 社会保障和就业支出 | 40.02 |',
    '| 208 5 | 行政事业单位养老支出 | 30.00 |',
    '| 208 8 | 抚恤 | 10.00 |',
    '| 221 | 住房保障支出 | 59.98 |',
    '| 221 2 | 住房改革支出 | 60.00 |',
    `| 221 3 | 城乡社区住宅 | ${housing} |`,
  ];

  it('many that pass the rounding tolerance by less than one unit in the last place are one info that lists them', () => {
    expect(findings(table(rows('0.00')))).toEqual([
      {
        severity: 'info',
        messageId: 'lastPlace',
        message:
          '表“一般公共预算财政拨款支出决算表”有 2 处合计与分项之差超出舍入容差不足末位 1 个单位，可能是由元折算为万元时截位所致，未作为错误报告：社会保障和就业支出（208） 40.02万元（分项合计 40.00万元，差 0.02万元）；住房保障支出（221） 59.98万元（分项合计 60.00万元，差 0.02万元）',
        evidence: ['total 40.02 p1:8', 'total 59.98 p1:11'],
      },
    ]);
  });

  it('a larger difference beside them is still an error, with both cells as evidence', () => {
    const found = findings(table(rows('1.00')));
    // 208 alone now passes its tolerance by less than one unit: one such difference is an error as any other.
    expect(found.map((f) => `${f.severity} ${f.evidence[0]}`)).toEqual(['error total 40.02 p1:8', 'error total 59.98 p1:11']);
    expect(found[1]!.evidence).toEqual(['total 59.98 p1:11', 'part 60.00 p1:12', 'part 1.00 p1:13']);
  });
});

describe('signs: 减： rows subtract, and negatives printed where the table says so', () => {
  const income = (deduction: string) => `收入决算表

单位：万元

| 项目 | 决算数 |
| --- | --- |
| 合计 | 300.00 |
| 一、财政拨款收入 | 310.00 |
| 1.一般公共预算财政拨款 | 330.00 |
| 减：上缴财政款 | ${deduction} |
| 二、其他收入（减少以“-”号填列） | -10.00 |
`;
  const model = (text: string) => normalizeDocument(textToDocument(text, { path: 'table.md', sha256: '0'.repeat(64) }, 'markdown')).tableModels[0]!;

  it('reads the 减： row as a part of 一、 that subtracts, and the table as printing its negatives', () => {
    const read = model(income('20.00'));
    expect(read.negativesPrinted).toBe(true);
    expect(read.panels[0]!.rows.map((row) => `${row.label} ${row.sign}${row.parent ? ` ⊂ ${row.parent.label}` : ''}`)).toEqual([
      '合计 1',
      '一、财政拨款收入 1',
      '1.一般公共预算财政拨款 1 ⊂ 一、财政拨款收入',
      '减：上缴财政款 -1 ⊂ 一、财政拨款收入',
      '二、其他收入（减少以“-”号填列） 1',
    ]);
  });

  it('is quiet when 一、 = 1. − 减 and 合计 = 一、 + 二、 (a negative 二、)', () => {
    expect(findings(income('20.00'))).toEqual([]);
  });

  it('the same negative without the note (`二、其他收入 -10.00`): a warning naming the cell, with the total it is a part of', () => {
    const found = findings(income('20.00').replace('二、其他收入（减少以“-”号填列）', '二、其他收入'));
    expect(found).toEqual([
      {
        severity: 'warning',
        messageId: 'negative',
        message: '表“收入决算表”“二、其他收入” 为负数 -10.00万元，而该表未注明负数以“-”号填列；收入、支出金额不应为负，请核对符号',
        evidence: ['stated -10.00 p1:11', 'total 300.00 p1:7'],
      },
    ]);
  });

  it('a note under the table says negatives are printed: the same negative is a value, and quiet', () => {
    const noted = income('20.00').replace('二、其他收入（减少以“-”号填列）', '二、其他收入') + '| 注：本表金额减少以“-”号填列 | |\n';
    expect(findings(noted)).toEqual([]);
  });

  it('a 减： row changed (20.00 → 25.00): 一、 no longer holds, the deduction as subtracted evidence', () => {
    expect(findings(income('25.00'))).toEqual([
      {
        severity: 'error',
        messageId: 'sum',
        message:
          '表“收入决算表”“决算数”列：1.一般公共预算财政拨款 330.00万元 − 减：上缴财政款 25.00万元 = 305.00万元，与一、财政拨款收入 310.00万元 不符（差 5.00万元，超出舍入容差 0.015万元）',
        evidence: ['total 310.00 p1:8', 'part 330.00 p1:9', 'subtracted 25.00 p1:10'],
      },
    ]);
  });
});

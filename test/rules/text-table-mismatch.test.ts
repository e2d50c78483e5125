import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../analyzers/index.js';
import type { Document } from '../../model/document.js';
import { normalizeDocument } from '../../normalizers/index.js';
import { readRealFixture } from '../helpers/fixture.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A 支出决算表 of our own (in `unit`) and a 情况说明 paragraph after it. */
const expenseTable = (unit = '万元', rows = { total: '486.30', basic: '215.06', project: '271.24' }) => `支出决算表

单位：${unit}

| 科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |
| --- | --- | --- | --- | --- |
| | 合计 | ${rows.total} | ${rows.basic} | ${rows.project} |
| 201 | 一般公共服务支出 | 412.50 | 141.26 | 271.24 |
| 2010301 | 行政运行 | 141.26 | 141.26 | |
| 221 | 住房保障支出 | 73.80 | 73.80 | |
`;

const narrative = (total: string, basic: string, classAmount = '412.50') => `
三、支出决算情况说明

本年支出合计 ${total} 万元，其中：基本支出 ${basic} 万元，占 44.22%。

五、一般公共预算财政拨款支出决算情况说明

一般公共服务支出（类）${classAmount} 万元，占 84.82%。
`;

/** Income table in 元 and its paragraph in 万元: each compared within its own interval. */
const incomeInYuan = (stated: string) => `收入决算表

单位：元

| 科目编码 | 科目名称 | 本年收入合计 | 财政拨款收入 | 其他收入 |
| --- | --- | --- | --- | --- |
| | 合计 | 4,863,049.00 | 4,763,049.00 | 100,000.00 |

二、收入决算情况说明

本年收入合计 ${stated} 万元，其中：财政拨款收入 476.30 万元。
`;

ruleTester('text-table-mismatch', {
  valid: [
    { name: 'the paragraph restates the table’s 合计, 基本支出 and a 类', code: expenseTable() + narrative('486.30', '215.06') },
    { name: 'rounding: 元 table, 万元 text (4,863,049.00 元 is 486.3049 万元, printed 486.30)', code: incomeInYuan('486.30') },
    { name: 'rounding: one decimal in the text (486.3 万元) allows the table’s 486.30', code: expenseTable() + narrative('486.3', '215.1') },
    {
      name: 'a figure of last year is not this year’s cell',
      code: expenseTable() + '\n三、支出决算情况说明\n\n本年支出合计 486.30 万元，上年支出合计 402.18 万元。\n',
    },
    {
      name: 'a 预算 figure is not compared with a 决算 table',
      code: expenseTable().replace('支出决算表', '支出决算表') + '\n一般公共服务支出（类）全年预算为 430.00 万元，支出决算为 412.50 万元。\n',
    },
    {
      name: 'a project’s 项目支出 after a 类 in the same paragraph is neither the 类’s nor the department’s',
      code: expenseTable() + '\n一般公共服务支出（类）412.50 万元。信息化建设项目支出 32.00 万元，主要用于系统运维。\n',
    },
    {
      name: 'a project’s own 项目支出 is not the department’s',
      code: expenseTable() + '\n信息化建设项目支出 32.00 万元，主要用于系统运维。\n',
    },
  ],
  invalid: [
    {
      name: 'the text states 基本支出 twice, once unlike its table: that one is reported, once, here',
      code: expenseTable() + '\n三、支出决算情况说明\n\n本年支出合计 486.30 万元，其中：基本支出 215.08 万元。\n\n四、基本支出情况\n\n基本支出 215.06 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'differs', page: 1, line: 14, column: 26,
          data: { label: '“基本支出”', stated: '215.08万元', table: '表“支出决算表”', cell: '“合计”“基本支出”', cellValue: '215.06万元', gap: '0.02万元', tolerance: '0.01万元' },
          actual: '215.08万元', expected: '215.06万元',
        },
      ],
    },
    {
      name: 'the 本年支出合计 restated wrongly (486.03 for 486.30)',
      code: expenseTable() + narrative('486.03', '215.06'),
      errors: [
        {
          severity: 'error', messageId: 'differs', page: 1, line: 14, column: 8,
          data: { label: '“本年支出合计”', stated: '486.03万元', table: '表“支出决算表”', cell: '“合计”“本年支出合计”', cellValue: '486.30万元', gap: '0.27万元', tolerance: '0.01万元' },
          actual: '486.03万元', expected: '486.30万元',
        },
      ],
    },
    {
      name: 'a 类 whose text amount its table does not give',
      code: expenseTable() + narrative('486.30', '215.06', '421.50'),
      errors: [
        {
          severity: 'error', messageId: 'differs', page: 1, line: 18, column: 12,
          data: { label: '“一般公共服务支出（类）”', stated: '421.50万元', table: '表“支出决算表”', cell: '“一般公共服务支出”“本年支出合计”', cellValue: '412.50万元', gap: '9.00万元', tolerance: '0.01万元' },
          actual: '421.50万元', expected: '412.50万元',
        },
      ],
    },
    {
      name: 'a 收入支出总计 printed as 0 against the table’s total',
      code: `收入支出决算总表

单位：万元

| 收入 | | 支出 | |
| --- | --- | --- | --- |
| 项目 | 决算数 | 项目 | 决算数 |
| 一、一般公共预算财政拨款收入 | 486.30 | 一、一般公共服务支出 | 412.50 |
| | | 二、住房保障支出 | 73.80 |
| 本年收入合计 | 486.30 | 本年支出合计 | 486.30 |
| 总计 | 486.30 | 总计 | 486.30 |

一、收入支出决算总体情况说明

某某局 2024 年度收入支出总计 0 万元。
`,
      errors: [
        {
          severity: 'error', messageId: 'differs', page: 1, line: 15, column: 19,
          data: { label: '“某某局 2024 年度收入支出总计”', stated: '0万元', table: '表“收入支出决算总表”', cell: '“总计”', cellValue: '486.30万元', gap: '486.30万元', tolerance: '0.505万元' },
          actual: '0万元', expected: '486.30万元',
        },
      ],
    },
    {
      name: '元 table, 万元 text: 486.31 is outside 4,863,049.00 元’s interval',
      code: incomeInYuan('486.31'),
      errors: [
        {
          severity: 'error', messageId: 'differs', page: 1, line: 11, column: 8,
          data: { label: '“本年收入合计”', stated: '486.31万元', table: '表“收入决算表”', cell: '“合计”“本年收入合计”', cellValue: '4,863,049.00元', gap: '0.0051万元', tolerance: '0.0050005万元' },
          actual: '486.31万元', expected: '4,863,049.00元',
        },
      ],
    },
  ],
});

/**
 * A real 部门决算 (fixtures/real/sh-putuo-shgzb-2024-juesuan-excerpt.pdf): its 收入支出决算总表 (p1), 支出决算表 (p2),
 * 一般公共预算财政拨款支出决算表 (p3) and the 情况说明 that restates them (p4–5).
 */
describe('the narrative against its tables on a real 部门决算', () => {
  let published: Document;
  beforeAll(async () => {
    published = await readRealFixture('sh-putuo-shgzb-2024-juesuan-excerpt.pdf');
  }, 60_000);
  const findings = (document: Document) =>
    analyze(normalizeDocument(document), { only: ['text-table-mismatch', 'unit-suspect'] }).map((f) => `${f.ruleId} p${f.page}:${f.line} ${f.message} [${f.evidence.map((e) => `${e.role} ${e.raw} p${e.page}:${e.line}`).join(', ')}]`);
  /** The document with one figure of the text changed where it is printed. */
  const withText = (page: number, from: string, to: string): { document: Document; line: number } => {
    const document = structuredClone(published);
    const line = document.pages[page - 1]!.lines.find((l) => l.text.includes(from))!;
    line.text = line.text.replace(from, to);
    return { document, line: line.number };
  };

  it('is quiet as published', () => {
    expect(findings(published)).toEqual([]);
  });

  it('finds 本年支出合计 307.82 restated as 307.28, with the 收入支出决算总表 cell', () => {
    const { document, line } = withText(4, '本年支出合计 307.82', '本年支出合计 307.28');
    expect(findings(document)).toEqual([
      `text-table-mismatch p4:${line} 正文“本年支出合计” 307.28万元，与表“收入支出决算总表”“本年支出合计” 307.82万元 不符（差 0.54万元，超出舍入容差 0.01万元） [stated 307.28 万元 p4:${line}, table 307.82 p1:32]`,
    ]);
  });

  it('finds a 类 amount its table does not give (一般公共服务支出 264.87 written 246.87)', () => {
    const { document, line } = withText(5, '264.87', '246.87');
    expect(findings(document)).toEqual([
      `text-table-mismatch p5:${line} 正文“一般公共服务支出（类）” 246.87万元，与表“收入支出决算总表”“一、一般公共服务支出” 264.87万元 不符（差 18.00万元，超出舍入容差 0.01万元） [stated 246.87 万元 p5:${line}, table 264.87 p1:6]`,
    ]);
  });

  it('finds an item’s 支出决算 (事业运行 11.31) against the 一般公共预算财政拨款支出决算表 row', () => {
    const { document, line } = withText(5, '为 11.31 万元', '为 13.11 万元');
    expect(findings(document)).toEqual([
      `text-table-mismatch p5:${line} 正文“支出决算” 13.11万元，与表“支出决算表”“事业运行”“本年支出合计” 11.31万元 不符（差 1.80万元，超出舍入容差 0.01万元） [stated 13.11 万元 p5:${line}, table 11.31 p2:9]`,
    ]);
  });
});

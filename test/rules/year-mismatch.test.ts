import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../analyzers/index.js';
import type { Document } from '../../model/document.js';
import { normalizeDocument } from '../../normalizers/index.js';
import { withCaption } from '../helpers/mutate.js';
import { readRealFixture } from '../helpers/fixture.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A 决算 of fiscal year 2024 (published 2025), with the given body under its title. */
const account = (body: string) => `# 某区文化旅游局2024年度部门决算\n\n${body}`;
/** A 部门预算 of fiscal year 2025 (published early 2025). */
const budget = (body: string) => `# 某区文化旅游局2025年部门预算\n\n${body}`;

const incomeTable = (title: string, header = '| 项目 | 决算数 |') => `${title}

单位：万元

${header}
| --- | --- |
| 一般公共预算财政拨款收入 | 612.40 |
| 合计 | 612.40 |
`;

ruleTester('year-mismatch', {
  valid: [
    { name: 'a heading that names the report’s year', code: account('一、部门概况\n\n二、2024年度部门决算情况说明\n\n三、2024 年度“三公”经费支出情况\n') },
    { name: 'a table titled with the report’s year', code: account(incomeTable('2024年一般公共预算财政拨款收入决算表')) },
    { name: 'a year-end of the report’s year', code: account('三、其他重要事项\n\n截至2024年12月31日，本部门共有车辆3辆，单价50万元以上通用设备1台。\n') },
    {
      name: 'years in citations and document numbers: 《…2021年…》, 财预〔2019〕12号, (2023)8号',
      code: account('四、编制依据\n\n1、《2021年度文化事业资金管理办法》（财预〔2019〕12号）\n\n2、区财政局（2023）8号文件\n'),
    },
    { name: 'a heading that compares with another year', code: account('二、收入支出决算情况\n\n（一）与2023年度决算对比情况\n\n（二）2023年、2024年支出变动原因\n') },
    {
      name: 'the previous year’s column of a table: 上年决算数, 2023年决算数',
      code: account(incomeTable('2024年收入决算表', '| 项目 | 2023年决算数 |').replace('612.40 |\n| 合计', '612.40 |\n| 上年合计')),
    },
    { name: 'history and a project’s start: 成立于2008年, 2019年立项, 自2020年以来', code: account('一、单位概况（成立于2008年）\n\n二、2019年立项的数字图书馆项目\n\n三、自2020年以来的场馆改造\n') },
    { name: 'a later year in a plan: 2025年工作计划, a numbered item under 下一步工作打算', code: account('五、2025年工作计划\n\n六、下一步工作打算\n\n1. 2025年文旅融合示范区建设\n') },
    { name: 'a period (2021-2025年, 2021年至2025年) is not one year', code: account('七、“十四五”规划（2021-2025年）中期评估\n\n八、2021年至2025年场馆建设情况\n') },
    { name: 'a date (2025年3月) is when something happened, not the year reported on', code: account('九、2025年3月审计发现问题说明\n') },
    { name: 'a year the work is done for, after a verb: 持续推进2025年参保缴费工作', code: account('二、年度重点工作\n\n1. 持续推进2025年参保缴费工作\n') },
    { name: 'a statement of an amount is not a heading: （一）2023年结转资金 50 万元', code: account('（一）2023年结转资金 50.00 万元，已于年内全部使用。\n') },
    { name: 'an earlier year’s findings followed up: 2023年度审计问题整改情况', code: account('十、2023年度审计问题整改情况\n') },
    {
      name: 'a 预算 reports last year’s 执行数 beside its own year',
      code: budget('一、2025年部门收支预算总体情况\n\n二、2024年预算执行情况\n\n2024年执行数 580.00 万元。\n\n三、2024 年度工作完成情况\n'),
    },
    {
      name: 'a 预算 dates its facts by the year-end before its year: 截至2024年12月31日',
      code: budget('四、国有资产占有使用情况\n\n截至2024年12月31日，本部门共有车辆3辆。\n'),
    },
    {
      name: 'a later date in a 决算 (截至2025年3月底, 力争截至2026年底) is not its year-end',
      code: account('五、其他说明\n\n截至2025年3月底，项目已完工；力争截至2026年底完成验收。\n'),
    },
    { name: 'a document with no year stated anywhere is not checked', code: '一、部门概况\n\n二、2023年度工作回顾\n' },
  ],
  invalid: [
    {
      name: 'a section heading of a 2024 决算 that says 2023',
      code: account('一、部门概况\n\n二、2023年度部门决算情况说明\n'),
      errors: [
        {
          severity: 'warning', messageId: 'heading', page: 1, line: 5, column: 3,
          data: { text: '2023年度部门决算情况说明', year: '2023', reportYear: '2024' },
          actual: '2023', expected: '2024',
        },
      ],
    },
    {
      name: 'a later year in a heading that is not a plan: 2025年度部门决算 in a 2024 决算, also as a markdown heading',
      code: account('## 2025年度收入支出决算总体情况\n'),
      errors: [{ severity: 'warning', messageId: 'heading', page: 1, line: 3, column: 4, data: { text: '2025年度收入支出决算总体情况', year: '2025', reportYear: '2024' } }],
    },
    {
      name: 'a table of a 2024 决算 titled 2022',
      code: account(incomeTable('2022年一般公共预算财政拨款收入决算表')),
      errors: [
        {
          severity: 'warning', messageId: 'table', page: 1, line: 3, column: 1,
          data: { text: '2022年一般公共预算财政拨款收入决算表', year: '2022', reportYear: '2024' },
          actual: '2022', expected: '2024',
        },
      ],
    },
    {
      name: 'a numbered table title that is also a heading is reported once, as the table’s',
      code: account(incomeTable('表3：2023年度一般公共预算财政拨款收入决算表')),
      errors: [{ severity: 'warning', messageId: 'table', page: 1, line: 3, column: 4, data: { text: '2023年度一般公共预算财政拨款收入决算表', year: '2023', reportYear: '2024' } }],
    },
    {
      name: 'a year-end of the year before in a 2024 决算: 截至2023年12月31日, 截止2023年底',
      code: account('三、其他重要事项\n\n截至2023年12月31日，本部门共有车辆3辆；截止 2023 年底，固定资产总额 120.00 万元。\n'),
      errors: [
        { severity: 'warning', messageId: 'asOf', page: 1, line: 5, column: 1, data: { text: '截至2023年12月31日', year: '2023', reportYear: '2024' }, actual: '2023', expected: '2024' },
        { severity: 'warning', messageId: 'asOf', page: 1, line: 5, column: 25, data: { text: '截止2023年底', year: '2023', reportYear: '2024' } },
      ],
    },
    {
      name: 'a 预算 of 2025 whose table and heading say 2024 (no 执行 or 决算: the budget itself)',
      code: budget(`一、2024年部门收支预算情况说明\n\n${incomeTable('2024年部门收入预算总表', '| 项目 | 预算数 |')}`),
      errors: [
        { severity: 'warning', messageId: 'heading', page: 1, line: 3, column: 3, data: { text: '2024年部门收支预算情况说明', year: '2024', reportYear: '2025' } },
        { severity: 'warning', messageId: 'table', page: 1, line: 5, column: 1, data: { text: '2024年部门收入预算总表', year: '2024', reportYear: '2025' } },
      ],
    },
    {
      name: 'the title’s year decides over the filing date: a self-evaluation of 2023 filed in 2024',
      code: '# 某区医疗保障局2023年度部门整体支出绩效自评报告\n\n填报日期：2024年3月20日\n\n一、2022年度部门基本情况\n',
      errors: [{ severity: 'warning', messageId: 'heading', page: 1, line: 5, column: 3, data: { text: '2022年度部门基本情况', year: '2022', reportYear: '2023' } }],
    },
  ],
});

describe('on a real 部门预算 (sh-putuo-sww-2025-yusuan-p9-11.pdf, two tables titled 2025年…)', () => {
  let document: Document;
  beforeAll(async () => {
    document = await readRealFixture('sh-putuo-sww-2025-yusuan-p9-11.pdf');
  }, 60_000);
  const findings = (doc: Document) => analyze(normalizeDocument(doc), { only: ['year-mismatch'] }).map((f) => `${f.page}:${f.line}:${f.column} ${f.message}`);

  it('is quiet as published', () => {
    expect(findings(document)).toEqual([]);
  });

  it('the second table retitled 2024年部门收入预算总表: its title is reported, at its line', () => {
    expect(findings(withCaption(document, 1, '2024年部门收入预算总表'))).toEqual(['2:1:1 表题“2024年部门收入预算总表”的年度 2024 与报告年度 2025 不符']);
  });
});

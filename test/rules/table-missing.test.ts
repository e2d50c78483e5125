import { ruleTester } from '../helpers/rule-tester.js';

/** A 收支总表 with figures of our own: present wherever a 目录 lists it. */
const summary = `收入支出决算总表

单位：万元

| 收入 | 决算数 | 支出 | 决算数 |
| --- | --- | --- | --- |
| 一、一般公共预算财政拨款收入 | 86.40 | 一、一般公共服务支出 | 86.40 |
| 本年收入合计 | 86.40 | 本年支出合计 | 86.40 |
`;

/** A 三公 table with figures. */
const sangong = `财政拨款“三公”经费支出决算表

单位：万元

| 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 | 公务接待费 |
| --- | --- | --- | --- |
| 3.60 | | 2.50 | 1.10 |
`;

/** A table with nothing printed under its header. */
const blank = (title: string, note = '') => `${title}

单位：万元

| 科目编码 | 科目名称 | 本年收入 | 本年支出 |
| --- | --- | --- | --- |
| | 合计 | | |
${note ? `\n${note}\n` : ''}`;

const emptySangong = (note = '') => `财政拨款“三公”经费支出决算表

单位：万元

| 合计 | 因公出国（境）费 | 公务用车购置及运行维护费 | 公务接待费 |
| --- | --- | --- | --- |
| | | | |
${note ? `\n${note}\n` : ''}`;

const toc = (...entries: string[]) => `目录

${entries.join('\n')}

第一部分 部门概况

本部门负责全区档案管理工作，下设两个科室和一个事业单位，人员编制二十名。
`;

ruleTester('table-missing', {
  valid: [
    {
      name: 'every listed table is present, under another number and slightly other words (公开05表 vs 表五, 支出预算表 vs 财政拨款…支出决算表)',
      code: `${toc('公开01表 收入支出总表 ……… 3', '公开05表 “三公”经费支出表 ……… 4')}
${summary}
表五 ${sangong}`,
    },
    {
      name: 'a listed title wrapped over two lines in the 目录, and the table printed as a text block (no table found), its title alone on a line',
      code: `${toc('一、收入支出决算总表', '二、财政拨款“三公”经费支出决', '算表')}
${summary}
二、财政拨款“三公”经费支出决算表

合计 3.60 万元，其中公务接待费 1.10 万元，公务用车购置及运行维护费 2.50 万元。
`,
    },
    {
      name: 'the sections of the 目录 that only explain a table (…决算情况说明) are no tables',
      code: `${toc('一、收入支出决算总表', '二、财政拨款“三公”经费支出决算情况说明')}
${summary}`,
    },
    {
      name: 'a narrative whose tables are published apart (公开表附后): it lists them all and prints none',
      code: `${toc('一、收支预算总表', '二、收入预算总表', '三、支出预算总表')}
2025 年度部门预算公开表附后。
`,
    },
    {
      name: 'an empty 政府性基金 table with a note under it (本单位无…收入，故本表无数据)',
      code: `${summary}
${blank('政府性基金预算财政拨款收入支出决算表', '说明：本单位本年度无政府性基金预算财政拨款收入，也没有使用政府性基金安排的支出，故本表无数据。')}`,
    },
    {
      name: 'an empty table with its note between the title and the rows (（注：本单位无……，此表为空表）)',
      code: `${summary}
国有资本经营预算财政拨款支出决算表

（注：本单位无国有资本经营预算拨款，此表为空表）

| 科目编码 | 科目名称 | 本年支出 |
| --- | --- | --- |
| | 合计 | |
`,
    },
    {
      name: 'an empty table explained in the narrative only (本年度无国有资本经营预算财政拨款收入和支出)',
      code: `${summary}
${blank('国有资本经营预算财政拨款收入支出决算表')}
九、国有资本经营预算财政拨款收入支出决算情况说明

本单位本年度无国有资本经营预算财政拨款收入和支出。
`,
    },
    {
      name: 'an empty 三公 table whose subject the text states as 0: quiet, and the 0 explains it',
      code: `${summary}
${emptySangong()}
本年度“三公”经费支出 0 万元，与上年持平。
`,
    },
    {
      name: 'an empty 三公 table, the text giving only last year’s amount and the change',
      code: `${summary}
${emptySangong('注：本部门本年度没有“三公”经费支出，故本表无数据。')}
本年度未发生“三公”经费支出，比上年减少 2.40 万元，上年“三公”经费支出 2.40 万元。
`,
    },
  ],
  invalid: [
    {
      name: 'the 目录 lists the 政府性基金 table, the document prints the other two but not it',
      code: `${toc('一、收入支出决算总表 ……… 3', '二、财政拨款“三公”经费支出决算表 ……… 4', '三、政府性基金预算财政拨款收入支出决算表 ……… 5')}
${summary}
${sangong}`,
      errors: [{ severity: 'warning', messageId: 'listedAbsent', page: 1, line: 5, column: 1, data: { title: '政府性基金预算财政拨款收入支出决算表' } }],
    },
    {
      name: 'a list of the tables under a heading (部门预算公开表, 公开NN表 entries) names one the document lacks',
      code: `2025年部门预算公开表

公开01表 部门收支预算总表
公开02表 部门“三公”经费预算表
公开03表 部门政府采购预算表

${summary}
${sangong}`,
      errors: [{ severity: 'warning', messageId: 'listedAbsent', page: 1, line: 5, column: 1, data: { title: '部门政府采购预算表' } }],
    },
    {
      name: 'an empty 政府性基金 table with no note anywhere',
      code: `${summary}
${blank('政府性基金预算财政拨款收入支出决算表')}`,
      errors: [{ severity: 'info', messageId: 'emptyWithoutNote', page: 1, line: 10, column: 1, data: { table: '表“政府性基金预算财政拨款收入支出决算表”' } }],
    },
    {
      name: 'printed 0.00 in every cell is empty too; the note after the 三公 table above is that table’s, not this one’s',
      code: `${summary}
${emptySangong('说明：本单位本年度没有“三公”经费支出，故本表无数据。')}
政府性基金预算财政拨款支出决算表

单位：万元

| 科目编码 | 科目名称 | 本年支出 |
| --- | --- | --- |
| | 合计 | 0.00 |
| 212 | 城乡社区支出 | 0.00 |
`,
      errors: [{ severity: 'info', messageId: 'emptyWithoutNote', page: 1, line: 20, column: 1, data: { table: '表“政府性基金预算财政拨款支出决算表”' } }],
    },
    {
      name: 'an empty 三公 table, noted as empty, while the text states 三公 amounts',
      code: `${summary}
${emptySangong('（注：本单位无“三公”经费支出，此表为空表）')}
本年度“三公”经费支出 12.34 万元，其中公务接待费 2.10 万元。
`,
      errors: [
        {
          severity: 'warning', messageId: 'emptyButQuoted', page: 1, line: 10, column: 1,
          data: { table: '表“财政拨款“三公”经费支出决算表”', label: '“三公”经费支出', value: '12.34万元' },
        },
      ],
    },
  ],
});

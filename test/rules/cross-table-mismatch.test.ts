import { ruleTester } from '../helpers/rule-tester.js';

/**
 * A 财政拨款收支预算总表 in 万元 and the 财政拨款基本支出预算表 in `unit`: the total's 基本支出 and the basic
 * table's 合计 are one quantity (figures of our own).
 */
const tables = (basicTotal: string, unit = '万元') => `财政拨款收支预算总表

单位：万元

| 收入 | | 支出 | |
| --- | --- | --- | --- |
| 项目 | 金额 | 项目 | 金额 |
| 一、一般公共预算 | 1,250.40 | 一、基本支出 | 830.15 |
| 二、政府性基金预算 | | 二、项目支出 | 420.25 |
| 收入合计 | 1,250.40 | 支出合计 | 1,250.40 |

财政拨款基本支出预算表

单位：${unit}

| 科目编码 | 科目名称 | 金额 |
| --- | --- | --- |
| | 合计 | ${basicTotal} |
`;

/** Two tables of different funds: all funds (收支预算总表) and 财政拨款 only. They need not agree. */
const differentFunds = `收支预算总表

单位：万元

| 收入 | | 支出 | |
| --- | --- | --- | --- |
| 项目 | 金额 | 项目 | 金额 |
| 一、财政拨款 | 1,250.40 | 一、基本支出 | 850.15 |
| 二、其他资金 | 20.00 | 二、项目支出 | 420.25 |
| 收入合计 | 1,270.40 | 支出合计 | 1,270.40 |

财政拨款基本支出预算表

单位：万元

| 科目编码 | 科目名称 | 金额 |
| --- | --- | --- |
| | 合计 | 830.15 |
`;

ruleTester('cross-table-mismatch', {
  valid: [
    { name: 'the 基本支出 of the 收支总表 and the 合计 of the 基本支出 table agree', code: tables('830.15') },
    { name: 'rounding: the basic table in 元 (8,301,512.34 元 = 830.151234 万元) against 830.15 万元', code: tables('8,301,512.34', '元') },
    { name: 'different funds never meet: all funds 850.15 against 财政拨款 830.15', code: differentFunds },
  ],
  invalid: [
    {
      name: 'the basic table’s 合计 changed to 831.15',
      code: tables('831.15'),
      errors: [
        {
          severity: 'error', messageId: 'differs', page: 1, line: 18,
          data: { first: '表“财政拨款收支预算总表”', firstName: '“一、基本支出”', firstValue: '830.15万元', second: '表“财政拨款基本支出预算表”', secondName: '“合计”', secondValue: '831.15万元', gap: '1.00万元', tolerance: '0.01万元' },
          actual: '831.15万元', expected: '830.15万元',
        },
      ],
    },
    {
      name: 'a table in 元 compared in 元: 8,301,562.00 元 is 830.1562 万元, outside 830.15 ± 0.005',
      code: tables('8,301,562.00', '元'),
      errors: [
        {
          severity: 'error', messageId: 'differs', page: 1, line: 18,
          data: { first: '表“财政拨款收支预算总表”', firstName: '“一、基本支出”', firstValue: '830.15万元', second: '表“财政拨款基本支出预算表”', secondName: '“合计”', secondValue: '8,301,562.00元', gap: '62.00元', tolerance: '50.005元' },
          actual: '8,301,562.00元', expected: '830.15万元',
        },
      ],
    },
  ],
});

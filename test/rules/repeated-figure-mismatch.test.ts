import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('repeated-figure-mismatch', {
  valid: [
    {
      name: 'rounding: intervals that merely touch (3803.38 vs 3803.37 share 3803.375) hold',
      code: '2022 年本单位总支出 3803.38 万元。\n\n2022 年本年支出 3803.37 万元。\n',
    },
    {
      name: 'rounding: 3810.4 (one decimal) is 3810.44 rounded',
      code: '2022 年调整预算数为 3810.44 万元。\n\n年初财政预算 3553.21 万元，调整预算数 3810.4 万元。\n',
    },
    {
      name: 'scope (huizhou): 基本支出 of all funds (1203.34) and of 财政拨款 (1198.79) are different facts',
      code: '2022 年本年支出 3803.37 万元，其中：基本支出 1203.34 万元，项目支出 2600.03 万元。\n\n2022 年本年财政拨款支出 3798.82 万元，其中：基本支出 1198.79 万元，项目支出 2600.03 万元。\n',
    },
    {
      name: 'scope: 财政拨款基本支出 named as such',
      code: '2022 年基本支出 1203.34 万元。\n\n2022 年财政拨款基本支出 1198.79 万元。\n',
    },
    {
      name: 'scope: a 上年 figure is not this year’s',
      code: '2022 年本单位总支出 3803.38 万元，上年总支出 2850.01 万元。\n',
    },
    {
      name: 'scope: a subordinate unit’s figure (下属医保中心) is not the department’s',
      code: '2022 年本单位总支出 3803.38 万元。下属医保中心总支出 1572.75 万元。\n',
    },
    {
      name: 'scope: budget (支出预算) and actual (本年支出) are different facts',
      code: '2022 年支出预算 3810.44 万元。\n\n2022 年本年支出 3803.37 万元。\n',
    },
    {
      name: 'the same digits in another unit are a unit slip (unit-suspect), not a second value',
      code: '支出总额 1854.42 万元。\n\n支出总额 1854.42 元。\n',
    },
    {
      name: 'scope: 财政拨款支出中，基本支出 … is the fiscal part, not all funds',
      code: '2022 年支出总额 3803.38 万元，其中：基本支出 1203.34 万元，项目支出 2600.04 万元。\n\n财政拨款支出中，基本支出 1198.79 万元。\n',
    },
  ],
  invalid: [
    {
      name: 'huizhou: 调整预算数 3810.44 万元 in one place, 3812.67 万元 in another',
      code: '2022 年调整预算数为 3810.44 万元。\n\n年初财政预算 3553.21 万元，调整预算数 3812.67 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 3, column: 25,
          data: { label: '调整预算数', value: '3812.67万元', other: '3810.44万元', otherPlace: '第 1 页第 1 行', count: '' },
          actual: '3812.67万元', expected: '3810.44万元',
        },
      ],
    },
    {
      name: 'the odd one out against two agreeing statements (等 2 处)',
      code: '2022 年调整预算数为 3810.44 万元。\n\n一、基本情况\n\n2022 年调整预算数为 3810.44 万元。\n\n二、执行情况\n\n调整预算数 3812.67 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 9, column: 7,
          data: { label: '调整预算数', value: '3812.67万元', other: '3810.44万元', otherPlace: '第 1 页第 1 行', count: '等 2 处' },
        },
      ],
    },
    {
      name: 'huizhou: 财政拨款支出 3798.82 twice, 3800.81 by source of funds',
      code: '其中财政拨款支出 3798.82 万元，比上年 2849.72 万元增加 33.31%。\n\n财政拨款支出 3798.82 万元，年初财政结转 5.21 万元。\n\n按资金来源，财政拨款支出 3800.81 万元，占 99.93%。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 5, column: 14,
          data: { label: '财政拨款支出', value: '3800.81万元', other: '3798.82万元', otherPlace: '第 1 页第 1 行', count: '等 2 处' },
        },
      ],
    },
    {
      name: 'rounding: 3803.38 vs 3803.36 do not touch (gap 0.01 beyond 0.005 + 0.005)',
      code: '2022 年本单位总支出 3803.38 万元。\n\n2022 年本年支出 3803.36 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'repeated', page: 1, line: 3, column: 12,
          data: { label: '本年支出', value: '3803.36万元', other: '3803.38万元', otherPlace: '第 1 页第 1 行', count: '' },
        },
      ],
    },
  ],
});

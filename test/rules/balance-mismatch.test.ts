import { ruleTester } from '../helpers/rule-tester.js';

const sentence = (income: string, expense: string, end: string) =>
  `年初结转结余 20.28 万元，本年收入 ${income} 万元，本年支出 ${expense} 万元，年末结转结余 ${end} 万元。\n`;

ruleTester('balance-mismatch', {
  valid: [
    {
      name: 'rounding (meizhou): 20.28 + 1834.3 − 1854.42 = 0.16 vs stated 0.15 holds (1834.3 has one decimal: ±0.05)',
      code: sentence('1834.3', '1854.42', '0.15'),
    },
    {
      name: 'rounding: with two decimals everywhere, 0.16 vs 0.17 still holds (±0.015 + ±0.005)',
      code: sentence('1834.30', '1854.42', '0.17'),
    },
    {
      name: 'the same with 收入总额 / 支出总额 and a year in front',
      code: '2022 年年初结转结余 20.28 万元，收入总额 1834.3 万元，支出总额 1854.42 万元，年末结转结余 0.15 万元。\n',
    },
    {
      name: 'fiscal scope throughout: 5.21 + 3810.44 − 3798.82 = 16.83',
      code: '年初财政拨款结转结余 5.21 万元，财政拨款收入 3810.44 万元，财政拨款支出 3798.82 万元，年末财政拨款结转结余 16.83 万元。\n',
    },
    {
      name: 'scope: 财政拨款 carry-overs with all-funds income and expense are not one scope',
      code: '年初财政拨款结转结余 5.21 万元，本年收入 3810.44 万元，本年支出 3798.82 万元，年末财政拨款结转结余 26.61 万元。\n',
    },
    {
      name: 'scope: a subordinate unit’s balance (下属医保中心)',
      code: '下属医保中心年初结转结余 20.28 万元，本年收入 1834.3 万元，本年支出 1854.42 万元，年末结转结余 0.25 万元。\n',
    },
    {
      name: 'scope: a 上年 expense is not this year’s',
      code: '年初结转结余 20.28 万元，本年收入 1834.3 万元，上年支出 1854.42 万元，年末结转结余 0.25 万元。\n',
    },
    {
      name: 'scope: a budget figure (支出预算) is not the actual expense',
      code: '年初结转结余 20.28 万元，本年收入 1834.3 万元，支出预算 1854.42 万元，年末结转结余 0.25 万元。\n',
    },
    {
      name: 'a balance that holds after rescaling 1854.42 元 by 10⁴ is a unit slip (unit-suspect)',
      code: '年初结转结余 20.28 万元，本年收入 1834.3 万元，本年支出 1854.42 元，年末结转结余 0.16 万元。\n',
    },
    {
      name: 'three of the four figures only',
      code: '年初结转结余 20.28 万元，本年收入 1834.3 万元，年末结转结余 0.25 万元。\n',
    },
  ],
  invalid: [
    {
      name: '20.28 + 1834.3 − 1854.42 = 0.16 vs 0.25 (beyond 0.005 + 0.05 + 0.005 + 0.005)',
      code: sentence('1834.3', '1854.42', '0.25'),
      errors: [
        {
          severity: 'error', messageId: 'balance', page: 1, line: 1, column: 55,
          data: { begin: '20.28万元', income: '1834.3万元', expense: '1854.42万元', end: '0.25万元', computed: '0.16万元', tolerance: '0.065万元' },
          actual: '0.25万元', expected: '0.16万元',
        },
      ],
    },
    {
      name: 'fiscal scope (huizhou figures): 5.21 + 3810.44 − 3798.82 = 16.83 vs 26.61',
      code: '年初财政拨款结转结余 5.21 万元，财政拨款收入 3810.44 万元，财政拨款支出 3798.82 万元，年末财政拨款结转结余 26.61 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'balance', page: 1, line: 1, column: 67,
          data: { begin: '5.21万元', income: '3810.44万元', expense: '3798.82万元', end: '26.61万元', computed: '16.83万元', tolerance: '0.02万元' },
        },
      ],
    },
    {
      name: 'the four figures in separate sentences and paragraphs; the finding points at the closing balance',
      code: '年初结转结余 20.28 万元。本年收入 1834.3 万元。本年支出 1854.42 万元。\n\n年末结转结余 0.25 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'balance', page: 1, line: 3, column: 8,
          data: { begin: '20.28万元', income: '1834.3万元', expense: '1854.42万元', end: '0.25万元', computed: '0.16万元', tolerance: '0.065万元' },
        },
      ],
    },
    {
      name: 'the figures next to the carry-over win over another statement of the expense',
      code: `${sentence('1834.3', '1854.42', '0.25')}\n本年支出 1850.00 万元。\n`,
      errors: [
        {
          severity: 'error', messageId: 'balance', page: 1, line: 1, column: 55,
          data: { begin: '20.28万元', income: '1834.3万元', expense: '1854.42万元', end: '0.25万元', computed: '0.16万元', tolerance: '0.065万元' },
        },
      ],
    },
    {
      name: '年初结转和结余 / 年末结转和结余 spelling',
      code: '年初结转和结余 20.28 万元，本年收入 1834.3 万元，本年支出 1854.42 万元，年末结转和结余 0.25 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'balance', page: 1, line: 1, column: 57,
          data: { begin: '20.28万元', income: '1834.3万元', expense: '1854.42万元', end: '0.25万元', computed: '0.16万元', tolerance: '0.065万元' },
        },
      ],
    },
  ],
});

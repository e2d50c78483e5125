/**
 * unit-suspect is reported by unit-suspect itself (the same figure in two units) and, under its
 * id, by every rule whose relation holds only after rescaling one money figure by 10⁴ or 10⁸:
 * lintRule runs all rules and keeps the findings with this id.
 */
import { describe, expect, it } from 'vitest';
import { lintMarkdown, lintRule } from '../helpers/lint.js';
import { ruleTester, type InvalidCase } from '../helpers/rule-tester.js';

const invalid: InvalidCase[] = [
  {
    name: 'meizhou, via sum-mismatch: 1493.04 + 361.38 万元 = 1854.42 万元, stated 1854.42 元',
    code: '支出总额 1854.42 元，其中：基本支出 1493.04 万元，项目支出 361.38 万元。\n',
    errors: [
      {
        severity: 'warning', messageId: 'slip', page: 1, line: 1, column: 6,
        data: { relation: '基本支出 1493.04万元 + 项目支出 361.38万元 与支出总额 1854.42元', explanation: '1854.42元 若按 1854.42万元 计则关系成立' },
        actual: '1854.42元', expected: '1854.42万元',
      },
    ],
  },
  {
    name: 'huizhou, via ratio-mismatch: 其他收入 2.23 元 占 0.1% (holds as 2.23 万元; the part, not the whole, is the suspect)',
    code: '2022 年本年收入 3797.83 万元，其中财政拨款收入 3795.60 万元，占 99.94%；其他收入 2.23 元，占 0.1%。\n',
    errors: [
      {
        severity: 'warning', messageId: 'slip', page: 1, line: 1, column: 57,
        data: { relation: '2.23元 占 3797.83万元 的 0.1%', explanation: '2.23元 若按 2.23万元 计则关系成立' },
        actual: '2.23元', expected: '2.23万元',
      },
    ],
  },
  {
    name: 'via sum-mismatch when no share is stated: 3795.60 万元 + 2.23 元 vs 3797.83 万元',
    code: '2022 年本年收入 3797.83 万元，其中财政拨款收入 3795.60 万元，占 99.94%；其他收入 2.23 元。\n',
    errors: [
      {
        severity: 'warning', messageId: 'slip', page: 1, line: 1, column: 57,
        data: { relation: '财政拨款收入 3795.60万元 + 其他收入 2.23元 与本年收入 3797.83万元', explanation: '2.23元 若按 2.23万元 计则关系成立' },
      },
    ],
  },
  {
    name: 'via balance-mismatch: 本年支出 1854.42 元',
    code: '年初结转结余 20.28 万元，本年收入 1834.3 万元，本年支出 1854.42 元，年末结转结余 0.16 万元。\n',
    errors: [
      {
        severity: 'warning', messageId: 'slip', page: 1, line: 1, column: 37,
        data: { relation: '20.28万元 + 1834.3万元 − 1854.42元 = 0.16万元', explanation: '1854.42元 若按 1854.42万元 计则关系成立' },
      },
    ],
  },
  {
    name: 'via difference-mismatch: 增加 257.23 元',
    code: '2022 年调整预算数为 3810.44 万元，比年初预算 3553.21 万元增加 257.23 元。\n',
    errors: [
      {
        severity: 'warning', messageId: 'slip', page: 1, line: 1, column: 44,
        data: { relation: '3810.44万元 − 3553.21万元 = 257.23元', explanation: '257.23元 若按 257.23万元 计则关系成立' },
      },
    ],
  },
  {
    name: 'via growth-mismatch: 上年 2854.75 元',
    code: '2022 年本单位总收入 3797.83 万元，上年 2854.75 元，增长 33.04%。\n',
    errors: [
      {
        severity: 'warning', messageId: 'slip', page: 1, line: 1, column: 28,
        data: { relation: '3797.83万元 比 2854.75元 增长 33.04%', explanation: '2854.75元 若按 2854.75万元 计则关系成立' },
      },
    ],
  },
  {
    name: 'the same figure in two units: 支出总额 1854.42 万元 and 1854.42 元',
    code: '支出总额 1854.42 万元。\n\n支出总额 1854.42 元。\n',
    errors: [
      {
        severity: 'warning', messageId: 'repeated', page: 1, line: 3, column: 6,
        data: { label: '支出总额', suspect: '1854.42元', other: '1854.42万元', otherPlace: '第 1 页第 1 行' },
        actual: '1854.42元', expected: '1854.42万元',
      },
    ],
  },
  {
    name: 'the minority unit is the suspect (two 万元 statements, one 元)',
    code: '支出总额 1854.42 万元。\n\n本年支出 1854.42 万元。\n\n支出总额 1854.42 元。\n',
    errors: [
      {
        severity: 'warning', messageId: 'repeated', page: 1, line: 5, column: 6,
        data: { label: '支出总额', suspect: '1854.42元', other: '1854.42万元', otherPlace: '第 1 页第 1 行' },
      },
    ],
  },
  {
    name: '10⁸: 0.80 亿元 + 0.70 亿元 vs 支出总额 1.50 元',
    code: '支出总额 1.50 元，其中：基本支出 0.80 亿元，项目支出 0.70 亿元。\n',
    errors: [
      {
        severity: 'warning', messageId: 'slip', page: 1, line: 1, column: 6,
        data: { relation: '基本支出 0.80亿元 + 项目支出 0.70亿元 与支出总额 1.50元', explanation: '1.50元 若按 1.50亿元 计则关系成立' },
      },
    ],
  },
  {
    name: 'a part, not the total: 0.80 亿元 + 7000.00 元 vs 15000.00 万元',
    code: '支出总额 15000.00 万元，其中：基本支出 0.80 亿元，项目支出 7000.00 元。\n',
    errors: [
      {
        severity: 'warning', messageId: 'slip', page: 1, line: 1, column: 39,
        data: { relation: '基本支出 0.80亿元 + 项目支出 7000.00元 与支出总额 15000.00万元', explanation: '7000.00元 若按 7000.00万元 计则关系成立' },
      },
    ],
  },
];

ruleTester('unit-suspect', {
  valid: [
    {
      name: 'a plain mismatch that no rescaling explains is sum-mismatch’s (358.84 vs 358.80)',
      code: '支出总额 358.84 万元，其中：基本支出 176.12 万元，项目支出 182.68 万元。\n',
    },
    {
      name: 'scope: a subordinate unit’s 1854.42 元 is not the department’s 1854.42 万元',
      code: '支出总额 1854.42 万元。\n\n下属单位支出总额 1854.42 元。\n',
    },
    {
      name: 'scope: a 上年 figure in 元',
      code: '支出总额 1854.42 万元。\n\n上年支出总额 1854.42 元。\n',
    },
    {
      name: 'the same digits for another concept (年末结转结余) are a different quantity',
      code: '支出总额 1854.42 万元。年末结转结余 1854.42 元。\n',
    },
    {
      name: 'rounding: 2.23 万元 占 0.1% holds without any rescaling',
      code: '2022 年本年收入 3797.83 万元，其中财政拨款收入 3795.60 万元，占 99.94%；其他收入 2.23 万元，占 0.1%。\n',
    },
  ],
  invalid,
});

describe('unit-suspect with --only', () => {
  // The engine runs every rule and filters by the id findings are reported under, so
  // `--only unit-suspect` shows the slips other rules find…
  for (const c of invalid.slice(0, 3)) {
    it(`--only unit-suspect keeps: ${c.name}`, () => {
      expect(lintMarkdown(c.code, { only: ['unit-suspect'] })).toEqual(lintRule(c.code, 'unit-suspect'));
    });
  }
  // …and `--only sum-mismatch` hides them (they are not sum-mismatch findings).
  it('--only sum-mismatch shows neither the slip nor a sum mismatch', () => {
    expect(lintMarkdown(invalid[0]!.code, { only: ['sum-mismatch'] })).toEqual([]);
  });
});

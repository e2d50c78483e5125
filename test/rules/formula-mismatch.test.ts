import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('formula-mismatch', {
  valid: [
    {
      name: 'rounding: 176.12 / 358.84 × 100% = 49.0804% vs written 49.0804% and 49.08%',
      code: '预算执行率 = 176.12 / 358.84 × 100% = 49.0804%。\n\n预算执行率 = 176.12 / 358.84 = 49.08%。\n',
    },
    {
      name: 'rounding: 2.23 / 3797.83 × 100% = 0.0587% vs written 0.1% (one decimal)',
      code: '其他收入占比 = 2.23 / 3797.83 × 100% = 0.1%。\n',
    },
    {
      name: 'rounding: 20.28 + 1834.3 − 1854.42 = 0.16 vs written 0.15 (1834.3 is ±0.05)',
      code: '偏差 = 20.28 + 1834.3 - 1854.42 = 0.15。\n',
    },
    {
      name: 'meizhou: (8.77 − 10.04) / 10.04 = −12.65% < 3%, plain and LaTeX',
      code: '增长幅度 = (8.77-10.04)/10.04 = -12.65% < 3%。\n\n增长幅度 $= (8.77 - 10.04) / 10.04 = -12.65\\% < 3\\%$。\n',
    },
    {
      name: 'rounding of the inputs: (8.77 − 10.04) / 10.04 may be anything in −12.75%…−12.55%, so −12.56% holds',
      code: '增长幅度 = (8.77-10.04)/10.04 = -12.56%。\n',
    },
    {
      name: 'meizhou: 769.89 / (202170.21 + 18342816.2) × 100% = 0.004% < 10% (LaTeX)',
      code: '结余结转率 = $769.89 / (202170.21 + 18342816.2) \\times 100\\% = 0.004\\% < 10\\%$ 。\n',
    },
    {
      name: 'words before the figures, then the figures: 0.03 / 358.87 × 100% = 0.01%',
      code: '结转结余率 = 结转结余总额 / 支出预算总额 × 100% = 0.03 / 358.87 × 100% = 0.01%。\n',
    },
    {
      name: 'an inequality that holds: 80.08% ≤ 100%',
      code: '公用经费控制率 = 20.5 ÷ 25.6 × 100% = 80.08% ≤ 100%。\n\n固定资产利用率=(486.96/486.96) × 100%=100%。\n',
    },
    {
      name: 'a whole-number divisor (12 people) with the right result',
      code: '人均经费 = 358.84 ÷ 12 = 29.90 万元。\n\n预算执行率 = 95 / 100 = 95%。\n',
    },
    {
      name: 'an `=` that is not a formula (基本支出 = 176.12 万元)',
      code: '2022 年支出 358.84 万元，其中基本支出 = 176.12 万元。\n',
    },
  ],
  invalid: [
    {
      name: '0.03 / 358.87 × 100% = 0.0084%, written 0.1% (the computed value gets two more decimals than the stated one)',
      code: '结转结余率 = 0.03 / 358.87 × 100% = 0.1%。\n',
      errors: [
        {
          severity: 'error', messageId: 'formula', page: 1, line: 1, column: 32,
          data: { formula: '0.03 / 358.87 × 100%', computed: '0.008%', stated: '0.1%' },
          actual: '0.1%', expected: '0.008%',
        },
      ],
    },
    {
      name: '176.12 / 358.84 × 100% = 49.0804%, written 49.09%',
      code: '预算执行率 = 176.12 / 358.84 × 100% = 49.09%。\n',
      errors: [
        {
          severity: 'error', messageId: 'formula', page: 1, line: 1, column: 34,
          data: { formula: '176.12 / 358.84 × 100%', computed: '49.0804%', stated: '49.09%' },
        },
      ],
    },
    {
      name: 'a sum: 176.12 + 182.68 = 358.80, written 358.84',
      code: '合计 = 176.12 + 182.68 = 358.84。\n',
      errors: [
        {
          severity: 'error', messageId: 'formula', page: 1, line: 1, column: 24,
          data: { formula: '176.12 + 182.68', computed: '358.8000', stated: '358.84' },
        },
      ],
    },
    {
      name: '20.28 + 1834.3 − 1854.42 = 0.16, written 0.25 (beyond ±0.065)',
      code: '偏差 = 20.28 + 1834.3 - 1854.42 = 0.25。\n',
      errors: [
        {
          severity: 'error', messageId: 'formula', page: 1, line: 1, column: 33,
          data: { formula: '20.28 + 1834.3 - 1854.42', computed: '0.1600', stated: '0.25' },
        },
      ],
    },
    {
      name: 'a false inequality: 80.08% ≤ 50%',
      code: '公用经费控制率 = 20.5 ÷ 25.6 × 100% = 80.08% ≤ 50%。\n',
      errors: [{ severity: 'error', messageId: 'inequality', page: 1, line: 1, column: 41, data: { inequality: '80.08% ≤ 50%' } }],
    },
    {
      name: 'a false inequality: −12.65% > 3%',
      code: '增长幅度 = (8.77-10.04)/10.04 = -12.65% > 3%。\n',
      errors: [{ severity: 'error', messageId: 'inequality', page: 1, line: 1, column: 39, data: { inequality: '-12.65% > 3%' } }],
    },
    {
      name: 'LaTeX: (8.77 − 10.04) / 10.04 written −13.65%',
      code: '增长幅度 $= (8.77 - 10.04) / 10.04 = -13.65\\%$。\n',
      errors: [
        {
          severity: 'error', messageId: 'formula', page: 1, line: 1, column: 34,
          data: { formula: '(8.77 - 10.04) / 10.04', computed: '-12.6495%', stated: '-13.65%' },
        },
      ],
    },
    {
      name: 'LaTeX: the formula is quoted without the blanks left by \\times and \\%',
      code: '增长幅度 $= (8.77 - 10.04) / 10.04 \\times 100\\% = -13.65\\%$。\n',
      errors: [
        {
          severity: 'error', messageId: 'formula', page: 1, line: 1, column: 47,
          data: { formula: '(8.77 - 10.04) / 10.04 × 100%', computed: '-12.6495%', stated: '-13.65%' },
        },
      ],
    },
    {
      name: 'whole-number operands are exact: 358.84 ÷ 12 (people) = 29.90, written 30.90',
      code: '人均经费 = 358.84 ÷ 12 = 30.90 万元。\n',
      errors: [{ severity: 'error', messageId: 'formula', page: 1, line: 1, column: 22, data: { formula: '358.84 ÷ 12', computed: '29.9033', stated: '30.90' } }],
    },
    {
      name: 'a tiny result is shown with enough decimals: 0.0042% against a written 0.04%',
      code: '结余结转率 = $769.89 / (202170.21 + 18342816.2) \\times 100\\% = 0.04\\% < 10\\%$ 。\n',
      errors: [
        {
          severity: 'error', messageId: 'formula', page: 1, line: 1, column: 59,
          data: { formula: '769.89 / (202170.21 + 18342816.2) × 100%', computed: '0.0042%', stated: '0.04%' },
        },
      ],
    },
  ],
});

import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('growth-mismatch', {
  valid: [
    {
      name: "收、支总计各为 x、y，比上年各减少 d、e，各下降 p、q: each rate on its own total (412.30 / 2730.92 = 15.10%, 455.91 / 2791.96 = 16.33%)",
      code: "收、支总计各为 2,318.62、2,336.05 万元，比上年各减少 412.30、455.91 万元，各下降 15.10%、16.33%。\n",
    },
    {
      name: 'huizhou income rates hold: (3797.83 − 2854.75) / 2854.75 = 33.04%, (3795.60 − 2851.75) / 2851.75 = 33.10%',
      code: '2022 年本单位总收入 3797.83 万元，较上年 2854.75 万元增加 33.04%。其中财政拨款收入 3795.60 万元，较上年 2851.75 万元增加 33.10%。\n',
    },
    {
      name: 'huizhou’s rates in its own wording (比上年 … 增加 X%) hold',
      code: '2022 年本单位总收入 3797.83 万元，比上年 2854.75 万元增加 33.04%。其中财政拨款收入 3795.60 万元，比上年 2851.75 万元增加 33.10%。\n\n2022 年本单位总支出 3803.38 万元，比上年 2850.01 万元增加 33.45%。其中财政拨款支出 3798.82 万元，比上年 2849.72 万元增加 33.31%。\n',
    },
    {
      name: 'huizhou expense rates hold: 33.45% and 33.31%',
      code: '2022 年本单位总支出 3803.38 万元，较上年 2850.01 万元增加 33.45%。其中财政拨款支出 3798.82 万元，较上年 2849.72 万元增加 33.31%。\n',
    },
    {
      name: 'rounding: a rate printed without decimals (33% stands for 32.5…33.5)',
      code: '2022 年本单位总收入 3797.83 万元，较上年 2854.75 万元增长 33%。\n',
    },
    {
      name: 'a decline: 下降 25.07%, and 下降 -25.07% written with a sign',
      code: '2022 年本单位总支出 2850.01 万元，较上年 3803.38 万元下降 25.07%。\n\n2022 年本单位总支出 2850.01 万元，较上年 3803.38 万元下降 -25.07%。\n',
    },
    {
      name: 'percentage points are not percents: 提高 2.5 个百分点 is not a growth rate of the amounts',
      code: '2022 年本单位总收入 3797.83 万元，上年 2854.75 万元，占比提高 2.5 个百分点。\n',
    },
    {
      name: 'a rate with the wrong direction word is direction-contradiction’s, not this rule’s',
      code: '2022 年本单位总收入 3797.83 万元，较上年 2854.75 万元减少 33.04%。\n',
    },
    {
      name: 'a rate that holds after rescaling 2854.75 元 by 10⁴ is a unit slip (unit-suspect)',
      code: '2022 年本单位总收入 3797.83 万元，上年 2854.75 元，增长 33.04%。\n',
    },
    {
      name: 'a rate with no previous-year figure in the sentence (同比增长) is not checked',
      code: '2022 年本单位总收入 3797.83 万元，同比增长 40.00%。\n',
    },
    {
      name: 'a change after an amount: 减少 40.10 万元, 下降 6.15% over the implied base 612.30 + 40.10 = 652.40',
      code: '教育支出 612.30 万元，同比减少 40.10 万元，下降 6.15%。\n',
    },
    {
      name: 'a change after an amount: 增加 120.00 万元, 增长 13.64% over the implied base 1000.00 − 120.00',
      code: '本年支出合计 1000.00 万元，比 2023 年增加 120.00 万元，增长 13.64%。\n',
    },
    {
      name: 'one change said of two totals (收、支总计各增加 D，增长 P%) holds for each: 844.15 / (13649.07 − 844.15) = 6.59%',
      code: '收入总计 13649.07 万元，支出总计 13649.07 万元，与上年相比收、支总计各增加 844.15 万元，增长 6.59%。\n',
    },
    {
      name: '上年结转和结余 is this year’s opening balance, not a 上年 figure: its change is read after it (48.00 / 50.00 = 96%)',
      code: '政府性基金预算财政拨款收入 30.00 万元，与上年相比增加 30.00 万元，增加 100%；上年结转和结余 2.00 万元，与上年相比减少 48.00 万元，减少 96.00%。\n',
    },
    {
      name: 'a table row of rates (2023年比2022年增减%) against the two year rows, column by column; integers enter once (100 / 120 − 1)',
      code: '| 年度 | 合计 | 公务接待费 | 公务用车运行费 |\n| --- | --- | --- | --- |\n| 2022年 | 500 | 120 | 380 |\n| 2023年 | 450 | 100 | 350 |\n| 2023年比2022年增减% | -10.00 | -16.67 | -7.89 |\n',
    },
  ],
  invalid: [
    {
      name: "the earlier year stated first (上年 Y，本年 X，同口径比上年增长 P): read by the clause grammar, 8463.10 / 8215.40 − 1 = 3.02%",
      code: "普通小学生均经费上年 8,215.40 元，本年 8,463.10 元，同口径比上年增长 13.02%。\n",
      errors: [{"severity": "error", messageId: 'relation', "data": {"formula": "(普通小学生均经费本年 8,463.10元 − 普通小学生均经费上年 8,215.40元) / 8,215.40元", "computed": "3.02%", "word": "增长", "stated": "13.02%", "gap": "10.00%", "tolerance": "0.0052%"}, "page": 1, "line": 1, "column": 46}],
    },
    {
      name: 'a table row of rates: 公务接待费 (100 − 120) / 120 = −16.67%, the row says −15.67',
      code: '| 年度 | 合计 | 公务接待费 | 公务用车运行费 |\n| --- | --- | --- | --- |\n| 2022年 | 500 | 120 | 380 |\n| 2023年 | 450 | 100 | 350 |\n| 2023年比2022年增减% | -10.00 | -15.67 | -7.89 |\n',
      errors: [
        {
          severity: 'error', messageId: 'table', page: 1, line: 5, column: 29,
          data: { where: '“公务接待费”列', current: '100', reference: '120', computed: '-16.67%', label: '2023年比2022年增减%', stated: '-15.67' },
          actual: '-15.67', expected: '-16.67%',
        },
      ],
    },
    {
      name: 'one change said of two totals (各增加 D，增长 P%) is checked against each: 944.15 / 12704.92 = 7.43%, not 6.59%',
      code: '收入总计 13649.07 万元，支出总计 13649.07 万元，与上年相比收、支总计各增加 944.15 万元，增长 6.59%。\n',
      errors: [
        {
          severity: 'error', messageId: 'implied', page: 1, line: 1, column: 62,
          data: { current: '13649.07万元', changeWord: '增加', change: '944.15万元', base: '12704.92万元', computed: '7.43%', word: '增长', stated: '6.59%', note: '' },
          actual: '6.59%', expected: '7.43%',
        },
      ],
    },
    {
      name: 'a change after an amount: 增长 1.26% where 1.26 / (3.26 − 1.26) = 63% (the change amount written as the rate)',
      code: '公务接待费支出 3.26 万元，与上年相比增加 1.26 万元，增长 1.26%。\n',
      errors: [
        {
          severity: 'error', messageId: 'implied', page: 1, line: 1, column: 36,
          data: { current: '3.26万元', changeWord: '增加', change: '1.26万元', base: '2.00万元', computed: '63.00%', word: '增长', stated: '1.26%', note: '（所述百分比与增减额数字相同，疑将增减额误作增长率）' },
          actual: '1.26%', expected: '63.00%',
        },
      ],
    },
    {
      name: 'a change after an amount, against the budget: 减少 0.20 万元, 下降 0.004% where 0.20 / 5.30 = 3.77%',
      code: '培训费支出 5.10 万元，与年度预算相比，减少 0.20 万元，下降 0.004%。\n',
      errors: [
        {
          severity: 'error', messageId: 'implied', page: 1, line: 1, column: 37,
          data: { current: '5.10万元', changeWord: '减少', change: '0.20万元', base: '5.30万元', computed: '3.774%', word: '下降', stated: '0.004%', note: '' },
          actual: '0.004%', expected: '3.774%',
        },
      ],
    },
    {
      name: '较上年 … 增长 40.00% vs (3797.83 − 2854.75) / 2854.75 = 33.04%',
      code: '2022 年本单位总收入 3797.83 万元，较上年 2854.75 万元增长 40.00%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 42,
          data: { current: '3797.83万元', reference: '2854.75万元', computed: '33.04%', word: '增长', stated: '40.00%' },
          actual: '40.00%', expected: '33.04%',
        },
      ],
    },
    {
      name: '上年收入 …，同比增长 34% (no decimals, still beyond 33.5)',
      code: '2022 年本单位总收入 3797.83 万元，上年收入 2854.75 万元，同比增长 34%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 46,
          data: { current: '3797.83万元', reference: '2854.75万元', computed: '33.04%', word: '增长', stated: '34%' },
        },
      ],
    },
    {
      name: 'rounding: 33.1% (one decimal: 33.05…33.15) vs 33.036%',
      code: '2022 年本单位总收入 3797.83 万元，上年收入 2854.75 万元，同比增长 33.1%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 46,
          data: { current: '3797.83万元', reference: '2854.75万元', computed: '33.04%', word: '增长', stated: '33.1%' },
        },
      ],
    },
    {
      name: '增幅 40%',
      code: '2022 年本单位总收入 3797.83 万元，较上年 2854.75 万元增幅 40%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 42,
          data: { current: '3797.83万元', reference: '2854.75万元', computed: '33.04%', word: '增幅', stated: '40%' },
        },
      ],
    },
    {
      name: 'a decline: 下降 25.5% vs −25.07%',
      code: '2022 年本单位总支出 2850.01 万元，较上年 3803.38 万元下降 25.5%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 42,
          data: { current: '2850.01万元', reference: '3803.38万元', computed: '-25.07%', word: '下降', stated: '25.5%' },
        },
      ],
    },
    {
      name: 'scope: a subordinate unit’s growth (下属医保中心) is only a note',
      code: '2022 年本单位总收入 3797.83 万元，下属医保中心收入 1581.95 万元，较上年 1000.00 万元增长 10%。\n',
      errors: [
        {
          severity: 'info', messageId: 'rate', page: 1, line: 1, column: 62,
          data: { current: '1581.95万元', reference: '1000.00万元', computed: '58.20%', word: '增长', stated: '10%' },
          message: '(1581.95万元 − 1000.00万元) / 1000.00万元 = 58.20%，与所述增长 10% 不符（口径未明确，仅作提示）',
        },
      ],
    },
    {
      name: '比上年 N 万元增加 X% (huizhou’s wording): 33.4% vs 33.04%',
      code: '2022 年本单位总收入 3797.83 万元，比上年 2854.75 万元增加 33.4%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 42,
          data: { current: '3797.83万元', reference: '2854.75万元', computed: '33.04%', word: '增加', stated: '33.4%' },
        },
      ],
    },
    {
      name: '比 2021 年 N 万元增长 X% (a year before the report’s is the previous year)',
      code: '2022 年本单位总收入 3797.83 万元，比 2021 年 2854.75 万元增长 40.00%。\n',
      errors: [
        {
          severity: 'error', messageId: 'rate', page: 1, line: 1, column: 47,
          data: { current: '3797.83万元', reference: '2854.75万元', computed: '33.04%', word: '增长', stated: '40.00%' },
        },
      ],
    },
  ],
});

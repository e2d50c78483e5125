import { ruleTester } from '../helpers/rule-tester.js';

const adjusted = (change: string) => `2022 年调整预算数为 3810.44 万元，比年初预算 3553.21 万元${change}。\n`;

ruleTester('difference-mismatch', {
  valid: [
    {
      name: "决算数大于年初预算数 D that holds, the budget stated after it",
      code: "会议费支出决算 95.00 万元，决算数大于年初预算数 5.00 万元，年初预算 90.00 万元。\n",
    },
    {
      name: 'huizhou: 3810.44 − 3553.21 = 257.23',
      code: adjusted('增加 257.23 万元'),
    },
    {
      name: 'rounding: 257.2 (one decimal: 257.15…257.25) and 257.24 (257.23 ± 0.01)',
      code: `${adjusted('增加 257.2 万元')}\n${adjusted('增加 257.24 万元')}`,
    },
    {
      name: '比上年决算 7.02 万元减少 2.02 万元',
      code: '2022 年培训费支出 5.00 万元，比上年决算 7.02 万元减少 2.02 万元。\n',
    },
    {
      name: 'scope: a change whose reference is not named (比/较/上年) is not checked, right or wrong',
      code: '年初预算 22.55 万元、执行数 22.52 万元。执行数共压减 0.03 万元。\n\n年初预算 22.55 万元、执行数 22.52 万元。执行数共压减 0.3 万元。\n',
    },
    {
      name: '当年结余 = 收入 − 支出, 净值 = 原值 − 累计折旧',
      code: '本年收入 100.00 万元，本年支出 90.00 万元，当年结余 10.00 万元。\n\n固定资产原值 100.00 万元，累计折旧 30.00 万元，净值 70.00 万元。\n',
    },
    {
      name: 'a change with the wrong direction word is direction-contradiction’s',
      code: adjusted('减少 257.23 万元'),
    },
    {
      name: 'a difference that holds after rescaling 257.23 元 by 10⁴ is a unit slip (unit-suspect)',
      code: adjusted('增加 257.23 元'),
    },
    {
      name: 'a change after an amount against the prior year stated elsewhere: 1000.00 − 880.00 = 增加 120.00',
      code: '一、总体情况\n\n2024 年本年支出合计 1000.00 万元，比上年增加 120.00 万元。\n\n二、说明\n\n上年支出合计 880.00 万元。\n',
    },
    {
      name: 'a change against a prior of another item (上年培训费) is not this total’s',
      code: '2024 年本年支出合计 1000.00 万元，比上年增加 120.00 万元。上年培训费 50.00 万元。\n',
    },
  ],
  invalid: [
    {
      name: "决算数大于年初预算数 D: the stage named after 大于 is the base, 95.00 − 90.00 = 5.00",
      code: "会议费支出决算 95.00 万元，年初预算 90.00 万元，决算数大于年初预算数 15.00 万元。\n",
      errors: [{"severity": "error", messageId: 'relation', "data": {"formula": "会议费决算数 95.00万元 − 会议费预算数 90.00万元", "computed": "5.00万元", "word": "大于", "stated": "15.00万元", "gap": "10.00万元", "tolerance": "0.015万元"}, "page": 1, "line": 1, "column": 43}],
    },
    {
      name: 'a fall against the prior year stated elsewhere reads prior − current: 900.00 − 800.00 = 100.00, stated 减少 120.00',
      code: '一、总体情况\n\n2024 年本年支出合计 800.00 万元，比上年减少 120.00 万元。\n\n二、说明\n\n上年支出合计 900.00 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'priorFall', page: 1, line: 3,
          data: { current: '800.00万元', label: '上年支出合计', prior: '900.00万元', priorPlace: '第 1 页第 7 行', computed: '100.00万元', word: '减少', stated: '120.00万元' },
          message: '上年支出合计 900.00万元（第 1 页第 7 行）− 800.00万元 = 100.00万元，与所述减少 120.00万元 不符',
          actual: '120.00万元', expected: '100.00万元',
        },
      ],
    },
    {
      name: 'a decrease reads reference − current, never 12.50 − 15.00 = 2.50: 比上年 15.00 万元减少 3.50 万元 against 12.50',
      code: '2023 年会议费支出 12.50 万元，比上年 15.00 万元减少 3.50 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'change', page: 1, line: 1, column: 37,
          data: { minuend: '15.00万元', subtrahend: '12.50万元', reference: '15.00万元', computed: '2.50万元', word: '减少', stated: '3.50万元' },
          message: '15.00万元 − 12.50万元 = 2.50万元（比较基数为 15.00万元），与所述减少 3.50万元 不符',
          actual: '3.50万元', expected: '2.50万元',
        },
      ],
    },
    {
      name: 'a change after an amount against the prior year stated elsewhere: 1000.00 − 900.00 = 100.00, stated 增加 120.00',
      code: '一、总体情况\n\n2024 年本年支出合计 1000.00 万元，比上年增加 120.00 万元。\n\n二、说明\n\n上年支出合计 900.00 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'prior', page: 1, line: 3, column: 31,
          data: { current: '1000.00万元', label: '上年支出合计', prior: '900.00万元', priorPlace: '第 1 页第 7 行', computed: '100.00万元', word: '增加', stated: '120.00万元' },
          actual: '120.00万元', expected: '100.00万元',
        },
      ],
    },
    {
      name: '3810.44 − 3553.21 = 257.23 vs stated 275.23 (digits swapped)',
      code: adjusted('增加 275.23 万元'),
      errors: [
        {
          severity: 'error', messageId: 'change', page: 1, line: 1, column: 44,
          data: { minuend: '3810.44万元', subtrahend: '3553.21万元', reference: '3553.21万元', computed: '257.23万元', word: '增加', stated: '275.23万元' },
          actual: '275.23万元', expected: '257.23万元',
        },
      ],
    },
    {
      name: '上年决算 …，减少 2.20 万元 vs 7.02 − 5.00 = 2.02',
      code: '2022 年培训费支出 5.00 万元，上年决算 7.02 万元，减少 2.20 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'change', page: 1, line: 1, column: 37,
          data: { minuend: '7.02万元', subtrahend: '5.00万元', reference: '7.02万元', computed: '2.02万元', word: '减少', stated: '2.20万元' },
          message: '7.02万元 − 5.00万元 = 2.02万元（比较基数为 7.02万元），与所述减少 2.20万元 不符',
        },
      ],
    },
    {
      name: '当年结余 11.00 vs 100.00 − 90.00',
      code: '本年收入 100.00 万元，本年支出 90.00 万元，当年结余 11.00 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'difference', page: 1, line: 1, column: 35,
          data: { minuend: '100.00万元', subtrahend: '90.00万元', computed: '10.00万元', word: '当年结余', stated: '11.00万元' },
        },
      ],
    },
    {
      name: '净值 60.00 vs 原值 100.00 − 累计折旧 30.00',
      code: '固定资产原值 100.00 万元，累计折旧 30.00 万元，净值 60.00 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'difference', page: 1, line: 1, column: 35,
          data: { minuend: '100.00万元', subtrahend: '30.00万元', computed: '70.00万元', word: '净值', stated: '60.00万元' },
        },
      ],
    },
    {
      name: 'scope: a subordinate unit’s budget change is a note',
      code: '下属医保中心调整预算数为 3810.44 万元，比年初预算 3553.21 万元增加 275.23 万元。\n',
      errors: [
        {
          severity: 'info', messageId: 'change', page: 1, line: 1, column: 44,
          data: { minuend: '3810.44万元', subtrahend: '3553.21万元', reference: '3553.21万元', computed: '257.23万元', word: '增加', stated: '275.23万元' },
          message: '3810.44万元 − 3553.21万元 = 257.23万元（比较基数为 3553.21万元），与所述增加 275.23万元 不符（口径未明确，仅作提示）',
        },
      ],
    },
    {
      name: '比上年决算 N 万元减少 M 万元',
      code: '2022 年培训费支出 5.00 万元，比上年决算 7.02 万元减少 2.20 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'change', page: 1, line: 1, column: 37,
          data: { minuend: '7.02万元', subtrahend: '5.00万元', reference: '7.02万元', computed: '2.02万元', word: '减少', stated: '2.20万元' },
          message: '7.02万元 − 5.00万元 = 2.02万元（比较基数为 7.02万元），与所述减少 2.20万元 不符',
        },
      ],
    },
  ],
});

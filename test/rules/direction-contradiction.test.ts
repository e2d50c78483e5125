import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('direction-contradiction', {
  valid: [
    {
      name: "增长 -P% is a fall written with its sign",
      code: "普通小学生均经费上年 8,463.10 元，本年 8,215.40 元，同口径比上年增长 -2.93%。\n",
    },
    {
      name: 'words and figures agree: 较上年 7.02 万元减少 2.02 万元',
      code: '2022 年培训费支出 5.00 万元，较上年 7.02 万元减少 2.02 万元。\n',
    },
    {
      name: 'the later explanation agrees (培训费下降的原因)',
      code: '2022 年培训费支出 5.00 万元，比上年决算减少 2.02 万元，主要是因为培训改为线上。培训费下降的原因是改为线上。\n',
    },
    {
      name: 'the later sentence is about another subject (会议费增加)',
      code: '2022 年培训费支出 5.00 万元，比上年决算减少 2.02 万元。会议费增加主要是因为会议增多。\n',
    },
    {
      name: 'a contradiction more than three sentences later is not taken as the explanation',
      code: '2022 年培训费支出 5.00 万元，比上年决算减少 2.02 万元。第二段。第三段。第四段。培训费增加主要是因为恢复线下培训。\n',
    },
    {
      name: 'rounding: a size that fits neither direction is a difference mismatch, not a contradiction',
      code: '2022 年培训费支出 5.00 万元，较上年 7.02 万元增加 3.00 万元。\n',
    },
    {
      name: 'no change: 增加 0.00 万元 between equal figures',
      code: '2022 年培训费支出 7.02 万元，上年 7.02 万元，增加 0.00 万元。\n',
    },
    {
      name: 'percentage points are not a change of the amounts',
      code: '2022 年本单位总收入 3797.83 万元，上年 2854.75 万元，占比提高 2.5 个百分点。\n',
    },
    {
      name: 'a decline written with its sign: 下降 -25.07%',
      code: '2022 年本单位总支出 2850.01 万元，较上年 3803.38 万元下降 -25.07%。\n',
    },
  ],
  invalid: [
    {
      name: "上年 Y，本年 X，同口径比上年增长 P where the figures fell by P",
      code: "普通小学生均经费上年 8,463.10 元，本年 8,215.40 元，同口径比上年增长 2.93%。\n",
      errors: [{"severity": "warning", messageId: 'relation', "data": {"word": "增长", "stated": "2.93%", "formula": "(普通小学生均经费本年 8,215.40元 − 普通小学生均经费上年 8,463.10元) / 8,463.10元 = -2.93%", "actualWord": "减少"}, "page": 1, "line": 1, "column": 46}],
    },
    {
      name: 'huizhou: 比上年决算减少 2.02 万元, then “培训费增加主要是因为…”',
      code: '2022 年培训费支出 5.00 万元，比上年决算减少 2.02 万元。培训费增加主要是因为疫情后恢复线下培训。\n',
      errors: [
        {
          severity: 'warning', messageId: 'words', page: 1, line: 1, column: 29,
          data: { subject: '培训费', word: '减少', stated: '2.02万元', laterWord: '增加' },
          actual: '增加', expected: '减少',
        },
      ],
    },
    {
      name: 'the subject in quotes (“培训费”), 增加的原因',
      code: '2022 年“培训费”支出 5.00 万元，比上年决算减少 2.02 万元。培训费增加的原因是恢复线下培训。\n',
      errors: [
        {
          severity: 'warning', messageId: 'words', page: 1, line: 1, column: 31,
          data: { subject: '培训费', word: '减少', stated: '2.02万元', laterWord: '增加' },
        },
      ],
    },
    {
      name: 'figures: 较上年 7.02 万元增加 2.02 万元 where 5.00 < 7.02',
      code: '2022 年培训费支出 5.00 万元，较上年 7.02 万元增加 2.02 万元。\n',
      errors: [
        {
          severity: 'warning', messageId: 'figures', page: 1, line: 1, column: 35,
          data: { word: '增加', stated: '2.02万元', current: '5.00万元', reference: '7.02万元', actualWord: '减少' },
          actual: '增加', expected: '减少',
        },
      ],
    },
    {
      name: 'figures: a rate — 增长 25.07% where the expense fell by 25.07%',
      code: '2022 年本单位总支出 2850.01 万元，较上年 3803.38 万元增长 25.07%。\n',
      errors: [
        {
          severity: 'warning', messageId: 'figures', page: 1, line: 1, column: 42,
          data: { word: '增长', stated: '25.07%', current: '2850.01万元', reference: '3803.38万元', actualWord: '减少' },
        },
      ],
    },
    {
      name: 'figures: the unnamed reference in its own clause (上年 7.02 万元，增加 2.02 万元)',
      code: '2022 年培训费支出 5.00 万元，上年 7.02 万元，增加 2.02 万元。\n',
      errors: [
        {
          severity: 'warning', messageId: 'figures', page: 1, line: 1, column: 35,
          data: { word: '增加', stated: '2.02万元', current: '5.00万元', reference: '7.02万元', actualWord: '减少' },
        },
      ],
    },
    {
      name: 'the contradicting explanation in its own paragraph (no figures in it)',
      code: '2022 年培训费支出 5.00 万元，比上年决算减少 2.02 万元。\n\n培训费增加主要是因为疫情后恢复线下培训。\n',
      errors: [{ severity: 'warning', messageId: 'words', page: 1, line: 1, data: { subject: '培训费', word: '减少', stated: '2.02万元', laterWord: '增加' } }],
    },
    {
      name: 'figures: 比上年 7.02 万元增加 2.02 万元 where 5.00 < 7.02',
      code: '2022 年培训费支出 5.00 万元，比上年 7.02 万元增加 2.02 万元。\n',
      errors: [
        {
          severity: 'warning', messageId: 'figures', page: 1, line: 1, column: 35,
          data: { word: '增加', stated: '2.02万元', current: '5.00万元', reference: '7.02万元', actualWord: '减少' },
        },
      ],
    },
  ],
});

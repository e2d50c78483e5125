import { ruleTester } from '../helpers/rule-tester.js';

/** The meizhou layout: the total in 自评结论, section scores in headings, item scores in sub-headings. */
const meizhou = (total: string, s1: string, items1: [string, string], s2 = '51.75', s3 = '33.5') => `# 二、绩效自评情况

2023 年度我局自评得分为 ${total} 分。

### 1. 预算编制情况（此项总分 13 分，自评得分 ${s1} 分）

#### （1）预算编制，该项指标自评分为 ${items1[0]} 分

#### （2）目标设置，该项指标自评分为 ${items1[1]} 分

### 2. 预算执行情况（此项总分 53 分，自评得分 ${s2} 分）

### 3. 预算使用效益（此项总分 34 分，自评得分 ${s3} 分）
`;

/** A 项目支出绩效自评表 of our own: 分值 and 得分 per 三级指标, and the 总分 row. */
const selfEvaluationTable = (score: string, total: string) => `项目支出绩效自评表

| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| --- | --- | --- | --- | --- | --- | --- |
| 产出指标 | 数量指标 | 培训人次 | ≥300人次 | 320人次 | 40 | ${score} |
| | 质量指标 | 考核合格率 | ≥95% | 97% | 30 | 30 |
| 效益指标 | 社会效益指标 | 服务满意度 | ≥90% | 92% | 30 | 28 |
| 总分 | | | | | 100 | ${total} |
`;

ruleTester('score-sum-mismatch', {
  valid: [
    { name: 'a 自评表 whose 得分 add up to its 总分 (38 + 30 + 28 = 96)', code: selfEvaluationTable('38', '96') },
    { name: 'a 自评表 总分 with decimals that rounding allows (96.0)', code: selfEvaluationTable('38', '96.0') },
    {
      name: 'meizhou: 13 + 51.75 + 33.5 = 98.25, and 3 + 10 = 13 in section 1',
      code: meizhou('98.25', '13', ['3', '10']),
    },
    {
      name: 'rounding: a total printed 98.3 (98.25…98.35) touches 98.25',
      code: meizhou('98.3', '13', ['3', '10']),
    },
    {
      name: 'meixian: item scores under ① ② paragraphs (该三级指标满分 5 分，自评 5 分) add up',
      code: '（一）自评结论\n\n我局 2025 年绩效自评 10 分。\n\n（二）部门整体支出绩效指标分析\n\n① 预算编制合理性\n\n该三级指标满分 5 分，自评 5 分。\n\n② 预算编制规范性\n\n该三级指标满分 5 分，自评 5 分。\n',
    },
    {
      name: 'scope: a satisfaction survey score (满意度调查得分 96 分) is not an item score',
      code: '# 二、绩效自评情况\n\n我局自评得分为 10 分。\n\n### 1. 服务对象满意度\n\n满意度调查得分 96 分。\n\n该项自评 5 分。\n\n### 2. 社会效益\n\n该项自评 5 分。\n',
    },
    {
      name: 'a section with one scored item only is not checked',
      code: '### 1. 预算编制情况（此项总分 13 分，自评得分 13 分）\n\n#### （1）预算编制，该项指标自评分为 3 分\n',
    },
    {
      name: 'an item with its full mark but no score makes the sum incomplete: 5 + 2 short of 12 is not a mismatch',
      code: '### 1. 预算编制情况（此项总分 12 分，自评得分 12 分）\n\n① 预算编制合理性\n\n该三级指标满分 5 分，自评 5 分。\n\n② 财政拨款收入预决算差异率\n\n该三级指标满分 5 分。\n\n③ 绩效信息公开情况\n\n该三级指标满分 2 分，自评 2 分。\n',
    },
  ],
  invalid: [
    {
      name: 'a 自评表 whose 得分 add up to 96 against its 总分 98',
      code: selfEvaluationTable('38', '98'),
      errors: [{ severity: 'error', messageId: 'table', page: 1, line: 8, data: { title: '总分', parts: '38 + 30 + 28', computed: '96', stated: '98' }, actual: '98', expected: '96' }],
    },
    {
      name: 'with an unscored item, parts already over the section score are still an error (scores are never negative)',
      code: '### 1. 预算编制情况（此项总分 12 分，自评得分 6 分）\n\n① 预算编制合理性\n\n该三级指标满分 5 分，自评 5 分。\n\n② 财政拨款收入预决算差异率\n\n该三级指标满分 5 分。\n\n③ 绩效信息公开情况\n\n该三级指标满分 2 分，自评 2 分。\n',
      errors: [
        {
          severity: 'error', messageId: 'section', page: 1, line: 1, column: 30,
          data: { title: '1. 预算编制情况', parts: '5分 + 2分', computed: '7分', stated: '6分' },
        },
      ],
    },
    {
      name: 'the total: 13 + 51.75 + 33.5 = 98.25 vs 99.25',
      code: meizhou('99.25', '13', ['3', '10']),
      errors: [
        {
          severity: 'error', messageId: 'total', page: 1, line: 3, column: 16,
          data: { title: '', parts: '13分 + 51.75分 + 33.5分', computed: '98.25分', stated: '99.25分' },
          actual: '99.25分', expected: '98.25分',
        },
      ],
    },
    {
      name: 'a section: 3.5 + 8.5 = 12.0 vs 13 (beyond 0.05 + 0.05)',
      code: meizhou('98.25', '13', ['3.5', '8.5']),
      errors: [
        {
          severity: 'error', messageId: 'section', page: 1, line: 5, column: 30,
          data: { title: '1. 预算编制情况', parts: '3.5分 + 8.5分', computed: '12.0分', stated: '13分' },
        },
      ],
    },
    {
      name: 'a section: 3 + 8 = 11 vs 13',
      code: meizhou('98.25', '13', ['3', '8']),
      errors: [
        {
          severity: 'error', messageId: 'section', page: 1, line: 5, column: 30,
          data: { title: '1. 预算编制情况', parts: '3分 + 8分', computed: '11分', stated: '13分' },
        },
      ],
    },
    {
      name: 'a section and the total both off: 14 + 51.75 + 33.5 = 99.25 vs 98.25',
      code: meizhou('98.25', '14', ['4', '10']),
      errors: [
        {
          severity: 'error', messageId: 'total', page: 1, line: 3, column: 16,
          data: { title: '', parts: '14分 + 51.75分 + 33.5分', computed: '99.25分', stated: '98.25分' },
        },
      ],
    },
    {
      name: 'whole scores are assigned, not rounded: 3 + 9 = 12 vs 13',
      code: meizhou('98.25', '13', ['3', '9']),
      errors: [
        {
          severity: 'error', messageId: 'section', page: 1, line: 5, column: 30,
          data: { title: '1. 预算编制情况', parts: '3分 + 9分', computed: '12分', stated: '13分' },
        },
      ],
    },
    {
      name: 'the section title in the message is the heading’s name',
      code: meizhou('98.25', '13', ['3', '8']),
      errors: [{ severity: 'error', messageId: 'section', page: 1, line: 5, data: { title: '1. 预算编制情况', parts: '3分 + 8分', computed: '11分', stated: '13分' } }],
    },
  ],
});

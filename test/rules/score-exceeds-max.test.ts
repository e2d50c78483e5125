import { ruleTester } from '../helpers/rule-tester.js';

const items = (first: string, second: string) => `（一）自评结论

我局 2025 年绩效自评 99 分。

（二）部门整体支出绩效指标分析

1. 预算编制情况。

① 预算编制合理性

该三级指标满分 5 分，自评 ${first} 分。

② 预算编制规范性

该三级指标满分 5 分，自评 ${second} 分。
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

ruleTester('score-exceeds-max', {
  valid: [
    { name: 'a 自评表 whose every 得分 is within its 分值', code: selfEvaluationTable('40', '98') },
    { name: 'a 自评表 得分 with decimals equal to its 分值 (40.0 against 40)', code: selfEvaluationTable('40.0', '98.0') },
    {
      name: 'meixian: 自评 5 分 of 满分 5 分, and 4.5 of 5',
      code: items('5', '4.5'),
    },
    {
      name: 'a total of 100 and a heading’s score equal to its 总分',
      code: '# 二、绩效自评情况\n\n我局自评得分为 100 分。\n\n### 1. 预算编制情况（此项总分 13 分，自评得分 13 分）\n',
    },
    {
      name: 'scope: a satisfaction survey score (满意度调查得分 96 分) is not the item’s score',
      code: '# 二、绩效自评情况\n\n### 1. 服务对象满意度（满分 5 分）\n\n满意度调查得分 96 分。\n\n该项自评 5 分。\n',
    },
  ],
  invalid: [
    {
      name: 'a 自评表 row scored 42 against its 分值 40',
      code: selfEvaluationTable('42', '100'),
      errors: [{ severity: 'error', messageId: 'row', page: 1, line: 5, data: { title: '培训人次', score: '42', max: '40', header: '分值' }, actual: '42', expected: '≤ 40' }],
    },
    {
      name: 'an item: 自评 6 分 of 满分 5 分',
      code: items('6', '5'),
      errors: [
        {
          severity: 'error', messageId: 'item', page: 1, line: 11, column: 16,
          data: { title: '① 预算编制合理性', score: '6分', max: '5分' },
          actual: '6分', expected: '≤ 5分',
        },
      ],
    },
    {
      name: 'a heading: 自评得分 14 分 of 此项总分 13 分',
      code: '# 二、绩效自评情况\n\n我局自评得分为 98.25 分。\n\n### 1. 预算编制情况（此项总分 13 分，自评得分 14 分）\n',
      errors: [
        {
          severity: 'error', messageId: 'item', page: 1, line: 5, column: 30,
          data: { title: '1. 预算编制情况', score: '14分', max: '13分' },
        },
      ],
    },
    {
      name: 'the total self-score above 100',
      code: '# 二、绩效自评情况\n\n2023 年度我局自评得分为 101 分。\n',
      errors: [
        {
          severity: 'error', messageId: 'total', page: 1, line: 3, column: 16,
          data: { score: '101分' },
          actual: '101分', expected: '≤ 100分',
        },
      ],
    },
    {
      name: 'a total above 100 stated under the title, before any numbered heading',
      code: '# 梅县区医疗保障局 2025 年度部门整体支出绩效自评报告\n\n我局 2025 年绩效自评 101 分。\n\n一、部门基本情况\n',
      errors: [{ severity: 'error', messageId: 'total', page: 1, line: 3, data: { score: '101分' } }],
    },
  ],
});

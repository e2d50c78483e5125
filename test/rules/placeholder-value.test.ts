import { ruleTester } from '../helpers/rule-tester.js';

const table = (rows: [string, string][]) => `| 一级指标 | 二级指标 | 三级指标 | 指标值 | 权重 | 实际完成指标值 |
| --- | --- | --- | --- | --- | --- |
${rows.map(([target, actual], i) => `| 产出指标 | 数量指标 | 指标${i + 1} | ${target} | 10% | ${actual} |`).join('\n')}
`;

ruleTester('placeholder-value', {
  valid: [
    { name: 'every indicator has its actual value', code: table([['≥30000人', '31250人'], ['≥99%', '100%']]) },
    { name: 'scope: a row without a target (a sub-heading row) may have no actual value', code: table([['≥30000人', '31250人'], ['', '']]) },
    { name: 'a single × is a multiplication sign', code: '会议费按 2 × 3 天计算，共 6 天。\n' },
    { name: 'X inside a Latin word (XXL) is not a placeholder', code: '使用 XXL 号服装 20 套。\n' },
    { name: '占 with its number', code: '2025 年财政拨款支出 358.84 万元，其中：基本支出 176.12 万元，占 49.08%。\n' },
  ],
  invalid: [
    {
      name: 'jinkouhe: XXXX as an indicator’s actual value',
      code: table([['≥0件', 'XXXX'], ['≥30000人', '31250人']]),
      errors: [
        {
          severity: 'warning', messageId: 'placeholder', page: 1, line: 3, column: 35,
          data: { text: 'XXXX', where: '“实际完成指标值”' },
          actual: 'XXXX',
        },
      ],
    },
    {
      name: 'XX, ××, 〇〇〇, 待补充 and 占 % in running text',
      code: '2025 年其他收入 XX 万元，占 %。\n\n会议费 ×× 万元。\n\n培训费 〇〇〇 万元。\n\n该指标数据待补充。\n',
      errors: [
        { severity: 'warning', messageId: 'placeholder', page: 1, line: 1, column: 12, data: { text: 'XX', where: '此处' } },
        { severity: 'warning', messageId: 'placeholder', page: 1, line: 1, column: 18, data: { text: '占 %', where: '此处' } },
        { severity: 'warning', messageId: 'placeholder', page: 1, line: 3, column: 5, data: { text: '××', where: '此处' } },
        { severity: 'warning', messageId: 'placeholder', page: 1, line: 5, column: 5, data: { text: '〇〇〇', where: '此处' } },
        { severity: 'warning', messageId: 'placeholder', page: 1, line: 7, column: 6, data: { text: '待补充', where: '此处' } },
      ],
    },
    {
      name: '待填 in a table cell names the column',
      code: table([['≥30000人', '待填'], ['≥99%', '100%']]),
      errors: [{ severity: 'warning', messageId: 'placeholder', page: 1, line: 3, column: 39, data: { text: '待填', where: '“实际完成指标值”' } }],
    },
    {
      name: 'rows with a target and an empty actual value: one finding for the table, at the first such row',
      code: table([['≥30000人', ''], ['≥99%', ''], ['≥90%', '95%']]),
      errors: [
        {
          severity: 'warning', messageId: 'empty', page: 1, line: 3, column: 23,
          data: { header: '实际完成指标值', count: '2', rows: '表内第 2、3 行' },
          actual: '空',
        },
      ],
    },
  ],
});

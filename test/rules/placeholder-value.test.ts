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
    { name: 'xx in a web address or host name is not a placeholder', code: '政策原文见 www.xx.gov.cn 和 http://czj.sxx.gov.cn/zwgk/20xx/xx.html，另见 ghj.xx.gov.cn/tzgg。\n' },
    { name: 'xx in an e-mail address is not a placeholder', code: '意见请发送至 xx@example.cn 或 xxzx2024@mail.example.gov.cn。\n' },
    { name: 'xx inside a Latin code with other letters and digits (KD20xx) is not a placeholder', code: '原设备型号 KD20xx 已停产，更换 4 台。\n' },
    { name: 'a year written in Chinese numerals (二〇〇〇) is not 〇〇〇', code: '单位成立于二〇〇〇年，现有编制 35 人。\n' },
    {
      name: '`占 %` whose number stands alone on the next line was typeset apart, not left out',
      code: '单位预留机动经费 140.2 万元，占 %\n0.78\n\n基本支出 12323.48 万元，占 ；\n68.48 %\n',
    },
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
      name: 'year placeholders: one finding for the document, at the first, quoting each with its context; XX keeps its own finding',
      code: '一、20xx年度项目资金安排情况\n\n本单位20xx年收到上级补助资金 XX 万元，于20XX年12月30日起拨付。\n\n| 指标 | 指标值 | 实际完成值 |\n| --- | --- | --- |\n| 完成时限 | 20××年底前 | 20××年11月 |\n',
      errors: [
        {
          severity: 'warning', messageId: 'year', page: 1, line: 1, column: 3,
          data: {
            forms: '“20xx”“20XX”“20××”',
            count: '5',
            quotes: '“20xx年度项目资金安排”“20xx年收到上级补助资”“20XX年12月30日起”“20××年底前”“20××年11月”',
            places: '第 1 页第 1、3、7 行',
          },
          actual: '20xx',
        },
        { severity: 'warning', messageId: 'placeholder', page: 1, line: 3, column: 18, data: { text: 'XX', where: '此处' } },
      ],
    },
    {
      name: 'a year range counts once, 二〇xx is a year, and the xx of 20xx 年 xx 月 xx 日 are the same blank date',
      code: '规划期为 20xx-20xx 年，二〇xx年完成验收，落款日期：20xx 年 xx 月 xx 日。\n',
      errors: [
        {
          severity: 'warning', messageId: 'year', page: 1, line: 1, column: 6,
          data: { forms: '“20xx”“二〇xx”', count: '3', quotes: '“20xx-20xx年”“二〇xx年完成验收”“20xx年xx月xx日”', places: '第 1 页第 1 行' },
        },
      ],
    },
    {
      name: 'many year placeholders: the count is complete, the quotes stop at six and repeated ones are listed once',
      code: '一季度20xx年1月；二季度20xx年4月；三季度20xx年7月；四季度20xx年10月；全年20xx年度；上年20xx年初；下年20xx年末；再次20xx年1月。\n',
      errors: [
        {
          severity: 'warning', messageId: 'year', page: 1, line: 1, column: 4,
          data: { forms: '“20xx”', count: '8', quotes: '“20xx年1月”“20xx年4月”“20xx年7月”“20xx年10月”“20xx年度”“20xx年初”等', places: '第 1 页第 1 行' },
        },
      ],
    },
    {
      name: 'year placeholders on several pages: a quote never ends in half a number, the places stop at three',
      code: '本年度20xx年预算资金1234.5万元。\n\n其中20xx年中央资金 300 万元。\n\n— 1 —\n\n第二部分20xx年。\n\n第三部分20xx年。\n\n第四部分20xx年。\n',
      errors: [
        {
          severity: 'warning', messageId: 'year', page: 1, line: 1, column: 4,
          data: { forms: '“20xx”', count: '5', quotes: '“20xx年预算资金”“20xx年中央资金300”“20xx年”', places: '第 1 页第 1、3 行，第 2 页第 7 行等' },
        },
      ],
    },
    {
      name: 'a 自评表 exported before it was filled in (分值 and 得分 all 0.0): one finding for the form',
      code: `项目支出绩效自评表

| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
| --- | --- | --- | --- | --- | --- | --- |
| 产出指标 | 数量指标 | 补助城乡居民医保参保人数 | ≥30000人 | | 0.0 | 0.0 |
| 产出指标 | 质量指标 | 足额保障率 | ≥99% | | 0.0 | 0.0 |
| 满意度指标 | 满意度指标 | 群众满意度 | ≥95% | | 0.0 | 0.0 |
| 总分 | | | | | 100 | 0.0 |
`,
      errors: [
        {
          severity: 'warning', messageId: 'unfilled', page: 1, line: 5,
          data: { header: '分值', count: '6', rows: '表内第 2、3、4 行' },
          actual: '0.0',
        },
      ],
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

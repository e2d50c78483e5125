import { ruleTester } from '../helpers/rule-tester.js';

const table = (total: string) => `单位：万元

| 项目 | 合计 | 基本支出 | 项目支出 |
| --- | --- | --- | --- |
| 财政拨款 | ${total} | 176.12 | 182.68 |
`;

/** A fund list printed as label–value lines: a whole, then (after `其中:`) two funds, row by row. */
const fundList = (wholeCounty: string, secondTotal: string) =>
  [
    '助学资金合计(万元) 年度资金总额: 90.00',
    '其中:省级补助 60.00',
    `县级资金 ${wholeCounty}`,
    '其中:',
    '助学金(万元)',
    '年度资金总额: 50.00',
    '其中:省级补助 35.00',
    '县级资金 15.00',
    '其中:',
    '免学费补助(万元)',
    `年度资金总额: ${secondTotal}`,
    '其中:省级补助 25.00',
    '县级资金 15.00',
    '',
  ].join('\n');

ruleTester('sum-mismatch', {
  valid: [
    {
      name: "a breakdown without 其中 that adds up",
      code: "公用经费 86,420.00 元，对个人和家庭的补助 15,300.00 元，合计 101,720.00 元。\n",
    },
    {
      name: 'a label–value list whose groups and funds add up (90 = 60 + 30, 30 = 15 + 15, 50 = 35 + 15)',
      code: fundList('30.00', '40.00'),
    },
    {
      name: 'rounding: 176.12 + 182.68 = 358.80 vs 358.81 (gap 0.01 within 0.005 + 0.005 + 0.005)',
      code: '（二）支出情况。2025 年财政拨款支出 358.81 万元，其中：基本支出 176.12 万元；项目支出 182.68 万元。\n',
    },
    {
      name: 'rounding: a total printed with one decimal (3803.4 stands for 3803.35…3803.45)',
      code: '2022 年本年支出 3803.4 万元，其中基本支出 1203.34 万元，项目支出 2600.03 万元。\n',
    },
    {
      name: 'rounding: 1203.34 + 2600.03 = 3803.37 vs 3803.38',
      code: '2022 年本年支出 3803.38 万元，其中基本支出 1203.34 万元，项目支出 2600.03 万元。\n',
    },
    {
      name: 'an unmarked 其中 list that stops before its smallest uses: the rest (2263 − 2255 = 8) is smaller than any use named (25)',
      code: '下达专项资金 2263 万元。其中：设备购置 1435 万元，人员培训 25 万元，宣传推广 55 万元，课题研究 700 万元，监测评估 40 万元。\n',
    },
    {
      name: 'a 其中 list that says it is partial (主要, 等) never has to add up, however small the rest',
      code: '下达专项资金 2263 万元。其中主要有：设备购置 1435 万元，人员培训 25 万元，宣传推广 55 万元，课题研究 700 万元，监测评估 6 万元。安排项目资金 2263 万元，其中设备购置 1435 万元、人员培训 25 万元、宣传推广 55 万元、课题研究 700 万元、监测评估 6 万元等。\n',
    },
    {
      name: 'a 其中 list one item per paragraph that adds up (2263 = 1435 + 25 + 55 + 700 + 6 + 14 + 18 + 10)',
      code: '下达专项资金 2263 万元。其中：\n\n1.设备购置 1435 万元；\n\n2.人员培训 25 万元；\n\n3.宣传推广 55 万元，主要用于印制资料 3 万元；\n\n4.课题研究 700 万元；5.监测评估 6 万元；\n\n6.档案整理 14 万元；\n\n7.绿化养护 18 万元；\n\n8.安全生产检查 10 万元。\n\n资金已全部到位，结余 3 万元。\n',
    },
    {
      name: 'a partial 其中 list (培训费, 会议费) legitimately sums to less than the total',
      code: '本年支出 1000.00 万元，其中：培训费 600.00 万元，会议费 300.00 万元。\n',
    },
    {
      name: 'scope: a 上年 total is not checked against current parts',
      code: '上年支出 358.84 万元，其中：基本支出 176.12 万元；项目支出 182.68 万元。\n',
    },
    {
      name: 'scope: a subordinate unit’s figures (下属医保中心) are not the department’s',
      code: '下属医保中心支出 358.84 万元，其中：基本支出 176.12 万元；项目支出 182.68 万元。\n',
    },
    {
      name: 'a single part equal to the total',
      code: '2025 年财政拨款收入 358.84 万元，其中：一般公共预算财政拨款收入 358.84 万元，占 100%。\n',
    },
    {
      name: 'parenthesised parts that add up',
      code: '2025 年支出总额 100.00 万元（基本支出 60.00 万元、项目支出 40.00 万元）。\n',
    },
    {
      name: 'counts in 万人: 244.18 + 245.92 = 490.10 vs 490.1',
      code: '参保人数 490.1 万人（职工医保 244.18 万人、居民医保 245.92 万人）。\n',
    },
    {
      name: 'a table row whose 合计 adds up within rounding',
      code: table('358.81'),
    },
    {
      name: 'a sum that holds after rescaling the total by 10⁴ is a unit slip, reported as unit-suspect',
      code: '支出总额 1854.42 元，其中：基本支出 1493.04 万元，项目支出 361.38 万元。\n',
    },
    {
      name: 'a partial 其中 list that happens to come within 1 % of the total',
      code: '本年支出 1000.00 万元，其中：培训费 600.00 万元，会议费 395.00 万元。\n',
    },
    {
      name: 'a 总计 is 本年收入 plus the opening balance: 上年结转和结余 is one of its parts (310.20 + 45.00 + 2.50 = 357.70)',
      code: '本年财政拨款收入总计 357.70 万元。其中：一般公共预算财政拨款收入 310.20 万元；政府性基金预算财政拨款收入 45.00 万元；上年结转和结余 2.50 万元。\n',
    },
    {
      name: 'a part’s own breakdown in brackets is not a part of the total (三公 40 = 0 + 36 + 4, the 36 split in brackets)',
      code: '“三公”经费 40 万元，其中：因公出国（境）费 0 万元；公务用车购置及运行费 36 万元（公务用车购置费 0 万元，公务用车运行维护费 36 万元）；公务接待费 4 万元。\n',
    },
    {
      name: 'a bound (≥ 500 人) is a target, never a part that adds up',
      code: '服务对象 1200 人，其中：老年人 ≥500 人，儿童 ≥800 人。\n',
    },
    {
      name: '一般公共预算财政拨款支出 is an expense, not the 一般公共预算 income named before it',
      code: '财政拨款收入 500.00 万元，其中：一般公共预算财政拨款收入 420.00 万元，政府性基金预算财政拨款收入 80.00 万元。财政拨款支出 498.00 万元，其中：一般公共预算财政拨款支出 421.00 万元，政府性基金预算财政拨款支出 77.00 万元。\n',
    },
    {
      name: 'sources without 其中: a partial list by source may fall short of its total (中央 + 省级 of a 共计 that also has 县级 money)',
      code: '项目总投资共计 860.00 万元，中央资金 500.00 万元，省级配套 200.00 万元，已全部到位。\n',
    },
    {
      name: 'sources, parts first: 中央资金 300 + 自筹 150 = 450 = 共计',
      code: '中央资金 300 万元，自筹资金 150 万元，共计 450 万元。\n',
    },
    {
      name: 'a 三公 table down its columns: 合计 = 出国 + 接待 + 用车, and 用车 = its 其中 rows (运行维护 + 购置), blank or 0 cells adding 0',
      code: '| 项目 | 预算数 | 决算数 |\n| --- | --- | --- |\n| 合计 | 120 | 83.77 |\n| 因公出国（境）费 | 0 | 0 |\n| 公务接待费 | 4 | 3.26 |\n| 公务用车购置及运行维护费 | 116 | 80.51 |\n| 其中：公务用车运行维护费 | 36 | 40.26 |\n| 公务用车购置费 | 80 | 40.25 |\n',
    },
    {
      name: 'rows of several levels printed alike (类 over 款 over 项) are not summed as one list',
      code: '| 科目 | 金额 |\n| --- | --- |\n| 合计 | 300.00 |\n| 一般公共服务支出 | 264.87 |\n| 社会工作事务 | 264.87 |\n| 行政运行 | 62.63 |\n| 其他社会工作事务支出 | 202.24 |\n| 卫生健康支出 | 35.13 |\n',
    },
  ],
  invalid: [
    {
      name: 'an unmarked 其中 list of seven uses down to 6 万元 falls 10 万元 short of its total (2253 vs 2263): a slip, not an unlisted rest',
      code: '下达专项资金 2263 万元。其中：设备购置 1435 万元，人员培训 25 万元，宣传推广 55 万元，课题研究 700 万元，监测评估 6 万元，档案整理 14 万元，绿化养护 18 万元。资金已全部到位。\n',
      errors: [
        {
          severity: 'warning', messageId: 'shortfall', page: 1, line: 1, column: 8,
          data: { count: '7', smallest: '6万元', parts: '设备购置 1435万元 + 人员培训 25万元 + 宣传推广 55万元 + 课题研究 700万元 + 监测评估 6万元 + 档案整理 14万元 + 绿化养护 18万元', computed: '2253万元', totalLabel: '总数', total: '2263万元', gap: '10万元', tolerance: '4万元' },
        },
      ],
    },
    {
      name: 'the same list one item per paragraph: the paragraphs that go on numbering it are its parts',
      code: '下达专项资金 2263 万元。其中：\n\n1.设备购置 1435 万元；\n\n2.人员培训 25 万元；\n\n3.宣传推广 55 万元；4.课题研究 700 万元；\n\n5.监测评估 6 万元；\n\n6.档案整理 14 万元；\n\n7.绿化养护 18 万元。\n',
      errors: [
        {
          severity: 'warning', messageId: 'shortfall', page: 1, line: 1, column: 8,
          data: { count: '7', smallest: '6万元', parts: '设备购置 1435万元 + 人员培训 25万元 + 宣传推广 55万元 + 课题研究 700万元 + 监测评估 6万元 + 档案整理 14万元 + 绿化养护 18万元', computed: '2253万元', totalLabel: '总数', total: '2263万元', gap: '10万元', tolerance: '4万元' },
        },
      ],
    },
    {
      name: "a breakdown without 其中 (A x，B y，合计 T): 86420.00 + 15300.00 = 101720.00",
      code: "公用经费 86,420.00 元，对个人和家庭的补助 15,300.00 元，合计 101,700.00 元。\n",
      errors: [{"severity": "error", messageId: 'relation', "data": {"formula": "公用经费 86,420.00元 + 对个人和家庭的补助 15,300.00元", "computed": "101720.00元", "word": "合计", "stated": "101,700.00元", "gap": "20.00元", "tolerance": "0.015元"}, "page": 1, "line": 1, "column": 43}],
    },
    {
      name: 'a label–value list: a fund whose parts do not add up (25 + 15 = 40 ≠ 41), so the whole is not its funds either (50 + 41 ≠ 90), and a row of the whole that its funds do not give (15 + 15 = 30 ≠ 31)',
      code: fundList('31.00', '41.00'),
      errors: [
        {
          severity: 'error', messageId: 'column', page: 1, line: 1, column: 20,
          data: { what: '“助学资金合计(万元)年度资金总额”', parts: '省级补助 60.00万元 + 县级资金 31.00万元', computed: '91.00万元', totalLabel: '助学资金合计(万元)年度资金总额', total: '90.00万元', gap: '1.00万元', tolerance: '0.015万元' },
        },
        {
          severity: 'error', messageId: 'column', page: 1, line: 1, column: 20,
          data: { what: '各组“助学资金合计(万元)年度资金总额”', parts: '助学金(万元)年度资金总额 50.00万元 + 免学费补助(万元)年度资金总额 41.00万元', computed: '91.00万元', totalLabel: '助学资金合计(万元)年度资金总额', total: '90.00万元', gap: '1.00万元', tolerance: '0.015万元' },
        },
        {
          severity: 'error', messageId: 'column', page: 1, line: 3, column: 6,
          data: { what: '各组“县级资金”', parts: '助学金(万元)县级资金 15.00万元 + 免学费补助(万元)县级资金 15.00万元', computed: '30.00万元', totalLabel: '县级资金', total: '31.00万元', gap: '1.00万元', tolerance: '0.015万元' },
        },
        {
          severity: 'error', messageId: 'column', page: 1, line: 11, column: 9,
          data: { what: '“免学费补助(万元)”', parts: '省级补助 25.00万元 + 县级资金 15.00万元', computed: '40.00万元', totalLabel: '年度资金总额', total: '41.00万元', gap: '1.00万元', tolerance: '0.015万元' },
        },
      ],
    },
    {
      name: 'a table in Traditional script: 合計 and 預算數（萬元） are read as 合计 and 预算数（万元）',
      code: '| 項目 | 預算數（萬元） |\n| --- | --- |\n| 合計 | 50.00 |\n| 公務接待費 | 14.90 |\n| 公務用車運行維護費 | 35.00 |\n',
      errors: [
        {
          severity: 'error', messageId: 'column', page: 1, line: 3, column: 8,
          data: { what: '“预算数（万元）”列', parts: '公务接待费 14.90万元 + 公务用车运行维护费 35.00万元', computed: '49.90万元', totalLabel: '合计', total: '50.00万元', gap: '0.10万元', tolerance: '0.015万元' },
          actual: '50.00万元', expected: '49.90万元',
        },
      ],
    },
    {
      name: 'a 三公 table whose 其中 rows don’t add up to their row (40.36 + 40.25 ≠ 80.51), nor the 合计 (blank + 3.26 + 80.51 ≠ 83.87)',
      code: '| 项目 | 预算数 | 决算数 |\n| --- | --- | --- |\n| 合计 | 120 | 83.87 |\n| 因公出国（境）费 | 0 |  |\n| 公务接待费 | 4 | 3.26 |\n| 公务用车购置及运行维护费 | 116 | 80.51 |\n| 其中：公务用车运行维护费 | 36 | 40.36 |\n| 公务用车购置费 | 80 | 40.25 |\n',
      errors: [
        {
          severity: 'error', messageId: 'column', page: 1, line: 3, column: 14,
          data: { what: '“决算数”列', parts: '公务接待费 3.26 + 公务用车购置及运行维护费 80.51', computed: '83.77', totalLabel: '合计', total: '83.87', gap: '0.10', tolerance: '0.015' },
          actual: '83.87', expected: '83.77',
        },
        {
          severity: 'error', messageId: 'column', page: 1, line: 6, column: 24,
          data: { what: '“决算数”列', parts: '公务用车运行维护费 40.36 + 公务用车购置费 40.25', computed: '80.61', totalLabel: '公务用车购置及运行维护费', total: '80.51', gap: '0.10', tolerance: '0.015' },
          actual: '80.51', expected: '80.61',
        },
      ],
    },
    {
      name: 'sources without 其中: the parts by source exceed the 共计 (政府拨款 + 自筹 > 实际利用共计)',
      code: '项目实际利用资金共计 2520.40 万元，超出计划 6%，政府拨款支出 310.20 万元，自筹资金支出 2830.60 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'exceeds', page: 1, line: 1, column: 12,
          data: { parts: '政府拨款支出 310.20万元 + 自筹资金支出 2830.60万元', computed: '3140.80万元', totalLabel: '总数', total: '2520.40万元', gap: '620.40万元', tolerance: '0.015万元' },
          actual: '2520.40万元', expected: '3140.80万元',
        },
      ],
    },
    {
      name: 'each year’s total has its own parts, over an enumerated list (1、… 。2、… 。): 2023’s 6.30 + 20.40 ≠ 26.50',
      code: '2024 年三公经费预算 24 万元，2023 年三公经费预算 26.50 万元，与上年相比减少 2.50 万元。其中：1、公务接待费 2024 年预算 5 万元，2023 年预算 6.30 万元；对比减少 1.30 万元，原因是压减接待。2、公务用车运行费 2024 年预算 19 万元，2023 年预算 20.40 万元；对比减少 1.40 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'exceeds', page: 1, line: 1, column: 33,
          data: { parts: '公务接待费2023 年预算 6.30万元 + 公务用车运行费2023 年预算 20.40万元', computed: '26.70万元', totalLabel: '三公经费', total: '26.50万元', gap: '0.20万元', tolerance: '0.015万元' },
          actual: '26.50万元', expected: '26.70万元',
        },
      ],
    },
    {
      name: 'jinkouhe: 176.12 + 182.68 = 358.80 vs 358.84 (gap 0.04 beyond 0.015)',
      code: '（二）支出情况。2025 年财政拨款支出 358.84 万元，其中：基本支出 176.12 万元；项目支出 182.68 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'parts', page: 1, line: 1, column: 22,
          data: { parts: '基本支出 176.12万元 + 项目支出 182.68万元', computed: '358.80万元', totalLabel: '财政拨款支出', total: '358.84万元', gap: '0.04万元', tolerance: '0.015万元' },
          actual: '358.84万元', expected: '358.80万元',
        },
      ],
    },
    {
      name: 'rounding: gap 0.02 just beyond 0.015',
      code: '（二）支出情况。2025 年财政拨款支出 358.82 万元，其中：基本支出 176.12 万元；项目支出 182.68 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'parts', page: 1, line: 1, column: 22,
          data: { parts: '基本支出 176.12万元 + 项目支出 182.68万元', computed: '358.80万元', totalLabel: '财政拨款支出', total: '358.82万元', gap: '0.02万元', tolerance: '0.015万元' },
        },
      ],
    },
    {
      name: 'the figure is found on its own line of a longer text',
      code: '# 部门整体支出绩效自评报告\n\n二、部门资金收支情况\n\n2022 年本年支出 3803.39 万元，其中基本支出 1203.34 万元，项目支出 2600.03 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'parts', page: 1, line: 5, column: 12,
          data: { parts: '基本支出 1203.34万元 + 项目支出 2600.03万元', computed: '3803.37万元', totalLabel: '本年支出', total: '3803.39万元', gap: '0.02万元', tolerance: '0.015万元' },
        },
      ],
    },
    {
      name: 'parts of a partial list that exceed the total',
      code: '本年支出 1000.00 万元，其中：工资福利支出 600.00 万元，商品和服务支出 500.00 万元。\n',
      errors: [
        {
          severity: 'error', messageId: 'exceeds', page: 1, line: 1, column: 6,
          data: { parts: '工资福利支出 600.00万元 + 商品和服务支出 500.00万元', computed: '1100.00万元', totalLabel: '本年支出', total: '1000.00万元', gap: '100.00万元', tolerance: '0.015万元' },
        },
      ],
    },
    {
      name: 'parenthesised parts that are a complete partition (基本 + 项目) and fall short',
      code: '2025 年支出总额 100.00 万元（基本支出 60.00 万元、项目支出 30.00 万元）。\n',
      errors: [
        {
          severity: 'error', messageId: 'parts', page: 1, line: 1, column: 12,
          data: { parts: '基本支出 60.00万元 + 项目支出 30.00万元', computed: '90.00万元', totalLabel: '支出总额', total: '100.00万元', gap: '10.00万元', tolerance: '0.015万元' },
        },
      ],
    },
    {
      name: 'a table 合计 column vs the cells after it (unit from 单位：万元)',
      code: table('358.84'),
      errors: [
        {
          severity: 'error', messageId: 'table', page: 1, line: 5, column: 10,
          data: { what: '第 2 行', parts: '基本支出 176.12万元 + 项目支出 182.68万元', computed: '358.80万元', total: '358.84万元', gap: '0.04万元', tolerance: '0.015万元' },
        },
      ],
    },
    {
      name: 'counts in 万人 (parenthesised): 244.18 + 245.92 = 490.10 vs 491.1',
      code: '参保人数 491.1 万人（职工医保 244.18 万人、居民医保 245.92 万人）。\n',
      errors: [
        {
          severity: 'error', messageId: 'parts', page: 1, line: 1, column: 6,
          data: { parts: '职工医保 244.18万人 + 居民医保 245.92万人', totalLabel: '总数', computed: '490.10万人', total: '491.1万人', gap: '1.00万人', tolerance: '0.06万人' },
        },
      ],
    },
    {
      name: 'a table without a stated unit is still a table whose 合计 must add up (bare numbers with bare numbers)',
      code: '| 项目 | 合计 | 基本支出 | 项目支出 |\n| --- | --- | --- | --- |\n| 财政拨款 | 358.84 | 176.12 | 182.68 |\n',
      errors: [
        {
          severity: 'error', messageId: 'table', page: 1, line: 3, column: 10,
          data: { what: '第 2 行', parts: '基本支出 176.12 + 项目支出 182.68', computed: '358.80', total: '358.84', gap: '0.04', tolerance: '0.015' },
        },
      ],
    },
  ],
});

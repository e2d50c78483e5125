import { ruleTester } from '../helpers/rule-tester.js';

/**
 * A 财政拨款收支预算总表 and the 基本支出 table beside it, in the shape the Jiangsu and Shanghai budgets print
 * them (figures of our own). `wages`, `allowance` and `spendingTotal` are the cells the cases change.
 */
const budgetTables = ({ wages = '610.00', allowance = '360.00', spendingTotal = '1,250.40', project = '420.25' } = {}) => `财政拨款收支预算总表

单位：万元

| 收入 | | 支出 | |
| --- | --- | --- | --- |
| 项目 | 金额 | 项目 | 金额 |
| 一、一般公共预算 | 1,250.40 | 一、基本支出 | 830.15 |
| 二、政府性基金预算 | | 二、项目支出 | ${project} |
| 收入合计 | 1,250.40 | 支出合计 | ${spendingTotal} |

财政拨款基本支出预算表

单位：万元

| 科目编码 | 科目名称 | 金额 |
| --- | --- | --- |
| | 合计 | 830.15 |
| 301 | 工资福利支出 | ${wages} |
| 30101 | 基本工资 | 250.00 |
| 30102 | 津贴补贴 | ${allowance} |
| 302 | 商品和服务支出 | 220.15 |
`;

/** A 支出决算表 by 功能分类 with its 合计 column and 类/款/项 rows; `admin` is 行政运行's 基本支出, `totalBasic` the 合计 row's. */
const expenseByFunction = (admin = '51.32', totalBasic = '62.63') => `支出决算表

单位：万元

| 功能分类科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出 |
| --- | --- | --- | --- | --- |
| | 合计 | 264.87 | ${totalBasic} | 202.24 |
| 201 | 一般公共服务支出 | 264.87 | 62.63 | 202.24 |
| 20139 | 社会工作事务 | 264.87 | 62.63 | 202.24 |
| 2013901 | 行政运行 | 51.32 | ${admin} | |
| 2013950 | 事业运行 | 11.31 | 11.31 | |
| 2013999 | 其他社会工作事务支出 | 202.24 | | 202.24 |
`;

/** A 功能科目 table of our own whose 款 codes are printed without their leading zero (`208 5` for 20805). */
const structureTable = (rows: string[]) => `一般公共预算财政拨款支出决算表

单位：万元

| 科目编码 | 科目名称 | 决算数 |
| --- | --- | --- |
${rows.join('\n')}
`;

/** A 三公 table printed as one list: the 公务用车 rows under it begin with its words and carry no marker. */
const sangongList = (running = '165.00') => `“三公”经费支出决算表

单位：万元

| 项目 | 决算数 |
| --- | --- |
| 合计 | 246.00 |
| 因公出国（境）费 | 0.00 |
| 公务接待费 | 1.00 |
| 公务用车购置及运行维护费 | 245.00 |
| 公务用车购置费 | 80.00 |
| 公务用车运行维护费 | ${running} |
`;

/** A 政府性基金 table of our own with its carry-over columns: 年末 = 年初 + 本年收入 − 本年支出 on each row. */
const fundTable = (end: string, begin = '35.20', income = '120.00') => `政府性基金预算财政拨款收入支出决算表

单位：万元

| 科目编码 | 科目名称 | 年初结转和结余 | 本年收入 | 本年支出 | 年末结转和结余 |
| --- | --- | --- | --- | --- | --- |
| | 合计 | ${begin} | ${income} | 131.45 | 23.75 |
| 2120801 | 征地和拆迁补偿支出 | ${begin} | ${income} | 131.45 | ${end} |
`;

/** A 收入决算表 of our own with a 减： row and a negative 二、; `note` is what the 二、 row says of its sign. */
const incomeWithNegative = (note = '（减少以“-”号填列）') => `收入决算表

单位：万元

| 项目 | 决算数 |
| --- | --- |
| 合计 | 300.00 |
| 一、财政拨款收入 | 310.00 |
| 1.一般公共预算财政拨款 | 330.00 |
| 减：上缴财政款 | 20.00 |
| 二、其他收入${note} | -10.00 |
`;

ruleTester('table-sum-mismatch', {
  valid: [
    { name: 'carry-over: 年初 35.20 + 本年收入 120.00 − 本年支出 131.45 = 年末 23.75', code: fundTable('23.75') },
    { name: 'carry-over with a blank 年初 cell (no carry-over: 0)', code: fundTable('23.75', '', '155.20') },
    { name: 'a 收支总表 and a 基本支出 table that add up: rows, codes, income against spending', code: budgetTables() },
    {
      name: 'rounding: amounts turned from 元 into 万元 make a 款 differ from its 项 by 0.01 (610.01 against 250.00 + 360.00)',
      code: budgetTables({ wages: '610.01' }),
    },
    { name: 'a 三公 list: 合计 = 出国 + 接待 + 用车 (246 = 0 + 1 + 245); the unmarked 购置费 and 运行维护费 rows are parts of 用车, not of 合计', code: sangongList() },
    { name: 'a 支出决算表 whose 合计 column and 类/款/项 rows add up; a blank cell adds as 0', code: expenseByFunction() },
    { name: 'a negative where the row says negatives are printed (二、其他收入（减少以“-”号填列） -10.00), and a 减： row subtracting', code: incomeWithNegative() },
  ],
  invalid: [
    {
      name: 'a negative amount in a table that does not say it prints negatives: a warning, the total it is a part of as evidence',
      code: incomeWithNegative(''),
      errors: [{ severity: 'warning', messageId: 'negative', page: 1, line: 11, data: { table: '表“收入决算表”', cell: '“二、其他收入”', value: '-10.00万元' } }],
    },
    {
      name: 'a 三公 list whose 公务用车 parts do not add up: 80.00 + 166.00 = 246.00 against 245.00',
      code: sangongList('166.00'),
      errors: [
        {
          severity: 'error', messageId: 'sum', page: 1, line: 10,
          data: { table: '表““三公”经费支出决算表”', along: '“决算数”列', parts: '公务用车购置费 80.00万元 + 公务用车运行维护费 166.00万元', computed: '246.00万元', totalLabel: '公务用车购置及运行维护费', total: '245.00万元', gap: '1.00万元', tolerance: '0.015万元' },
          actual: '245.00万元', expected: '246.00万元',
        },
      ],
    },
    {
      name: 'a 项 changed: 基本工资 250.00 + 津贴补贴 361.00 = 611.00 against 工资福利支出 610.00',
      code: budgetTables({ allowance: '361.00' }),
      errors: [
        {
          severity: 'error', messageId: 'sum', page: 1, line: 19,
          data: { table: '表“财政拨款基本支出预算表”', along: '“金额”列', parts: '基本工资（30101） 250.00万元 + 津贴补贴（30102） 361.00万元', computed: '611.00万元', totalLabel: '工资福利支出（301）', total: '610.00万元', gap: '1.00万元', tolerance: '0.015万元' },
          actual: '610.00万元', expected: '611.00万元',
        },
      ],
    },
    {
      name: 'income against spending in a 收支总表: 收入合计 1,250.40 but 支出合计 1,251.40 (its own parts add up to it)',
      code: budgetTables({ spendingTotal: '1,251.40', project: '421.25' }),
      errors: [
        {
          severity: 'error', messageId: 'balance', page: 1, line: 10,
          data: { table: '表“财政拨款收支预算总表”', along: '“收入合计”行', parts: '支出方支出合计 1,251.40万元', computed: '1251.40万元', totalLabel: '收入方收入合计', total: '1,250.40万元', gap: '1.00万元', tolerance: '0.01万元' },
          actual: '1,250.40万元', expected: '1251.40万元',
        },
      ],
    },
    {
      name: 'a 项 cell changed: 行政运行 基本支出 51.42 breaks its 款 (down the column) and its own row (across)',
      code: expenseByFunction('51.42'),
      errors: [
        {
          severity: 'error', messageId: 'sum', page: 1, line: 9,
          data: { table: '表“支出决算表”', along: '“基本支出”列', parts: '行政运行（2013901） 51.42万元 + 事业运行（2013950） 11.31万元', computed: '62.73万元', totalLabel: '社会工作事务（20139）', total: '62.63万元', gap: '0.10万元', tolerance: '0.015万元' },
          actual: '62.63万元', expected: '62.73万元',
        },
        {
          severity: 'error', messageId: 'sum', page: 1, line: 10,
          data: { table: '表“支出决算表”', along: '“行政运行”行', parts: '基本支出 51.42万元', computed: '51.42万元', totalLabel: '本年支出合计', total: '51.32万元', gap: '0.10万元', tolerance: '0.01万元' },
          actual: '51.32万元', expected: '51.42万元',
        },
      ],
    },
    {
      name: 'the 合计 row changed: 基本支出 62.53 against its row (264.87) and against the 类 below it (62.63)',
      code: expenseByFunction('51.32', '62.53'),
      errors: [
        {
          severity: 'error', messageId: 'sum', page: 1, line: 7,
          data: { table: '表“支出决算表”', along: '“合计”行', parts: '基本支出 62.53万元 + 项目支出 202.24万元', computed: '264.77万元', totalLabel: '本年支出合计', total: '264.87万元', gap: '0.10万元', tolerance: '0.015万元' },
          actual: '264.87万元', expected: '264.77万元',
        },
        {
          severity: 'error', messageId: 'sum', page: 1, line: 7,
          data: { table: '表“支出决算表”', along: '“基本支出”列', parts: '一般公共服务支出（201） 62.63万元', computed: '62.63万元', totalLabel: '合计', total: '62.53万元', gap: '0.10万元', tolerance: '0.01万元' },
          actual: '62.53万元', expected: '62.63万元',
        },
      ],
    },
    {
      name: 'a 其中 part above its whole: 公务用车运行维护费 193.60 under 公务用车购置及运行维护费 183.60',
      code: `“三公”经费支出预算表

单位：万元

| 项目 | 预算数 |
| --- | --- |
| 合计 | 767.60 |
| 1.因公出国（境）费 | 199.25 |
| 2.公务用车购置及运行维护费 | 183.60 |
| 其中：公务用车运行维护费 | 193.60 |
| 3.公务接待费 | 384.75 |
`,
      errors: [
        {
          severity: 'error', messageId: 'partExceeds', page: 1, line: 9,
          data: { table: '表““三公”经费支出预算表”', along: '“预算数”列', parts: '公务用车运行维护费 193.60万元', computed: '193.60万元', totalLabel: '2.公务用车购置及运行维护费', total: '183.60万元', gap: '10.00万元', tolerance: '0.01万元' },
          actual: '183.60万元', expected: '193.60万元',
        },
      ],
    },
    {
      name: 'a 类 clearly smaller than one of its own 款: the levels are not certain, one info, nothing checked',
      code: structureTable(['| | 合计 | 45.00 |', '| 208 | 社会保障和就业支出 | 10.00 |', '| 208 5 | 行政事业单位养老支出 | 30.00 |', '| 208 8 | 抚恤 | 5.00 |', '| 221 | 住房保障支出 | 35.00 |']),
      errors: [
        {
          severity: 'info', messageId: 'uncertain', page: 1, line: 8,
          data: { table: '表“一般公共预算财政拨款支出决算表”', reason: '社会保障和就业支出（208） 10.00万元 小于其下的行政事业单位养老支出（20805） 30.00万元' },
        },
      ],
    },
    {
      name: 'two gaps that pass the rounding tolerance by less than one unit in the last place: one info listing them',
      code: structureTable(['| | 合计 | 100.00 |', '| 208 | 社会保障和就业支出 | 40.02 |', '| 208 5 | 行政事业单位养老支出 | 30.00 |', '| 208 8 | 抚恤 | 10.00 |', '| 221 | 住房保障支出 | 59.98 |', '| 221 2 | 住房改革支出 | 60.00 |', '| 221 3 | 城乡社区住宅 | 0.00 |']),
      errors: [
        {
          severity: 'info', messageId: 'lastPlace', page: 1, line: 8,
          data: { table: '表“一般公共预算财政拨款支出决算表”', count: '2', list: '社会保障和就业支出（208） 40.02万元（分项合计 40.00万元，差 0.02万元）；住房保障支出（221） 59.98万元（分项合计 60.00万元，差 0.02万元）' },
        },
      ],
    },
    {
      name: 'carry-over: 年末 printed 32.75 where 年初 + 本年收入 − 本年支出 gives 23.75',
      code: fundTable('32.75'),
      errors: [
        {
          severity: 'error', messageId: 'sum', page: 1, line: 7,
          data: { table: '表“政府性基金预算财政拨款收入支出决算表”', along: '“年末结转和结余”列', parts: '征地和拆迁补偿支出（2120801） 32.75万元', computed: '32.75万元', totalLabel: '合计', total: '23.75万元', gap: '9.00万元', tolerance: '0.01万元' },
          actual: '23.75万元', expected: '32.75万元',
        },
        {
          severity: 'error', messageId: 'sum', page: 1, line: 8,
          data: { table: '表“政府性基金预算财政拨款收入支出决算表”', along: '“征地和拆迁补偿支出”行', parts: '年初结转和结余 35.20万元 + 本年收入 120.00万元 − 本年支出 131.45万元', computed: '23.75万元', totalLabel: '年末结转和结余', total: '32.75万元', gap: '9.00万元', tolerance: '0.02万元' },
          actual: '32.75万元', expected: '23.75万元',
        },
      ],
    },
  ],
});

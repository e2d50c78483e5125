/**
 * Words of table headers that the rules' table readers ask about: a year in a row label, a column of
 * rates of change, and the 自评表's 分值/得分/总分 headings. Decided here, in normalizers/, so that no
 * analyzer reads Chinese itself.
 */

/** A year a row label names (`2015年`, `2016 年决算`), if any. */
export function yearOf(label: string): number | undefined {
  const match = /((?:19|20)\d{2})\s*年/.exec(label);
  return match ? Number(match[1]) : undefined;
}

/** A label that says its row or column holds rates of change between two others. */
export const CHANGE_RATE_LABEL = /增减\s*%|增减(?:幅度|率|比例)|增长率|增幅|变动率|增减变化率|比上年增减/;

/** A weight column: 分值, 权重, 指标分值, 标准分, 满分 (the most an indicator may score). */
export const WEIGHT_HEADER = /^(?:指标)?(?:分值|权重|标准分|满分)(?:值|[（(](?:分|%)[)）])?$/;
/** A score column: 得分, 自评得分, 评价得分, 实际得分, 评分, 自评分. */
export const SCORE_HEADER = /^(?:(?:自评|评价|实际)?得分|评分|自评分)(?:[（(]分[)）])?$/;
const SCORE_TOTAL = /^(?:总分|合计|总计|小计|自评总分)$/;
const LEAF_INDICATOR = /^三级指标$/;

/** What a 自评表 header cell names (spaces dropped): the weight column, the score column, the leaf-indicator column. */
export function scoreHeaderOf(text: string): 'weight' | 'score' | 'leaf' | undefined {
  return WEIGHT_HEADER.test(text) ? 'weight' : SCORE_HEADER.test(text) ? 'score' : LEAF_INDICATOR.test(text) ? 'leaf' : undefined;
}

/** What a 自评表 column holds, by its heading: the money block's columns, the indicator levels, the weight and the score. */
export type SelfEvaluationColumn = 'initial-budget' | 'annual-budget' | 'executed' | 'rate' | 'weight' | 'score' | 'level-1' | 'level-2' | 'leaf';

/** Column letters a heading may carry (`全年预算数（A）`, `执行率（B/A）`): they name the column, not what it holds. */
const COLUMN_LETTERS = /[（(]\s*[A-Z](?:\s*[/／]\s*[A-Z])?\s*[)）]$/;

const SELF_EVALUATION_COLUMNS: [SelfEvaluationColumn, RegExp][] = [
  ['initial-budget', /^年初预算(?:数|金额)?$/],
  ['annual-budget', /^(?:全年|年度|调整后?)?预算(?:数|金额)$/],
  ['executed', /^(?:全年)?(?:执行数|实际支出数?|支付数)$/],
  ['rate', /^(?:预算)?执行率$/],
  ['level-1', /^一级指标$/],
  ['level-2', /^二级指标$/],
];

/** The column a 自评表 heading (spaces dropped) names, if any; `分值`/`得分`/`三级指标` as `scoreHeaderOf` reads them. */
export function selfEvaluationColumnOf(text: string): SelfEvaluationColumn | undefined {
  const plain = text.replace(/\s+/g, '');
  const own = scoreHeaderOf(plain);
  if (own) return own;
  const bare = plain.replace(COLUMN_LETTERS, '');
  return SELF_EVALUATION_COLUMNS.find(([, pattern]) => pattern.test(bare))?.[0];
}

/** Whose money a row of a 自评表's money block counts: the whole (年度资金总额), 财政拨款, or another source named by the row. */
export function moneyRowFunds(label: string): 'all' | 'fiscal' | 'other' {
  const plain = label.replace(/\s+/g, '').replace(/^其中[:：]?/, '');
  if (/^(?:年度)?资金总额|^合计$|^总计$/.test(plain)) return 'all';
  if (/^(?:当年|本年)?财政拨款(?:资金)?/.test(plain)) return 'fiscal';
  return 'other';
}

/** A 自评表 row label that states the totals (总分, 合计). */
export function isScoreTotal(text: string): boolean {
  return SCORE_TOTAL.test(text);
}

const CARRY_COLUMNS = {
  begin: /^(?:年初|上年)(?:财政拨款)?结转(?:和|及)?结余|^上年结转$/,
  income: /^本年收入(?:合计)?$/,
  expense: /^本年支出(?:合计)?$/,
  end: /^年末(?:财政拨款)?结转(?:和|及)?结余|^结转下年$/,
} as const;

export type CarryColumn = keyof typeof CARRY_COLUMNS;

/** A column heading of the carry-over identity 年末 = 年初 + 本年收入 − 本年支出, if it is one. */
export function carryColumnOf(heading: string): CarryColumn | undefined {
  return (Object.keys(CARRY_COLUMNS) as CarryColumn[]).find((role) => CARRY_COLUMNS[role].test(heading));
}

/** Which side a panel heading names: `收入`, `支出`, or both (`收入支出`). */
export function headingSides(heading: string): { income: boolean; expense: boolean } {
  return { income: /收入/.test(heading), expense: /支出/.test(heading) };
}

/** A column header of a row's total (合计, 资金总额, 小计). */
export function isTotalHeader(header: string): boolean {
  return /合计|总计|资金总额|^总额$|小计/.test(header);
}

/** A column header of counts or shares (人数, 比例, …数), not amounts that add to a row total. */
export function isCountOrShareHeader(header: string): boolean {
  return /数$|人数|比例|%/.test(header);
}

/** A column header of an indicator table (指标, 分值, 权重, 得分): targets and scores, not parts of a sum. */
export function isIndicatorHeader(header: string): boolean {
  return /指标|分值|权重|得分/.test(header);
}

/** A column header of rates, shares, serial numbers or codes: never summed down. */
export function isRateOrKeyHeader(header: string): boolean {
  return /率|%|比例|比重|占比|序号|编码|代码/.test(header);
}

/** A row label with a total word anywhere in it (本年收入合计, 小计). */
export function namesATotal(label: string): boolean {
  return /合计|小计|总计/.test(label);
}

/**
 * A row or column of a quantity that may fall below zero by its nature: a balance, a difference, a net
 * amount, a change or an adjustment (结余, 收支差额, 净额, 增减, 调整), a result (利润, 盈余, 收益).
 */
export function namesASignedQuantity(label: string): boolean {
  // `增、减金额`, `增（减）额` and `增减` alike.
  return /结余|结转|差额|净|盈余|利润|收益|亏损|增减|增长|增加|减少|下降|变动|变化|调整|损益/.test(label.replace(/[、，,\s()（）/·]/g, ''));
}

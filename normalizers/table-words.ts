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

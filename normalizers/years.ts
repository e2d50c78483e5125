/**
 * Years as the text states them: which year a heading or a table title dates itself by, the
 * year-end a `截至…年末` date names, and whether words name an earlier period (`比上年`, `与 2023 年相比`).
 * The year rule and the change readers read these; they never look for a year themselves.
 */
import { hasWord } from './lexicon.js';
import { DEPARTMENT_SUFFIX, YEAR_SOURCE, yearValue, type ReportGenre } from './meta.js';
import { outlineMarker } from './text.js';

/** A year as a heading or title writes it: `2024年`, `2024 年度`, `二〇二四年`. */
const YEAR = new RegExp(`(?<!\\d)(${YEAR_SOURCE})\\s*年\\s*(度)?`, 'g');

/** Spans that name something else: a cited document, a quoted name, a document number `〔2023〕12号`. */
const CITED =
  /《[^》]*》|〈[^〉]*〉|“[^”]*”|‘[^’]*’|「[^」]*」|〔[^〕]*〕|【[^】]*】|\[[^\]]*\]|[（(]\s*(?:19|20)\d{2}\s*[)）]\s*第?\s*\d+\s*号|(?:19|20)\d{2}\s*年\s*第\s*\d+\s*号/g;
/** Two years as a period (`2021-2025年`, `2021年至2025年`): a plan's or a project's span, not one year. */
const RANGE = new RegExp(`(?:${YEAR_SOURCE})\\s*年?\\s*度?\\s*[-－—–~～至到]\\s*(?:${YEAR_SOURCE})\\s*年?`, 'g');

/**
 * What may stand before a year that dates a heading: nothing, `关于`, or a name (a department, a
 * region: `江苏省高级人民法院2017年度…`), `部门`/`本单位`. After other words the year is the object of the heading's
 * work (`持续推进2023年参保缴费工作`, done in the year before), not the heading's period.
 */
const DATING_PREFIX = new RegExp(`^(?:关于)?(?:[\\u4e00-\\u9fff（）()]*(?:${DEPARTMENT_SUFFIX}|省|市|区|县|州|旗|盟))?(?:本|我)?(?:部门|单位)?(?:本级)?\\s*$`);

/** A heading that compares names the other year on purpose: `与2023年对比`, `比上年`, `同比`. */
const COMPARISON = /比|较|相比|对比|同比|环比|上年|上一年|增减|变动|变化/;
/** History and the stages of a project: `成立于2008年`, `2019年立项`, `自2020年以来`. */
const HISTORY = new RegExp(
  `(?:自|从|始于|成立于|设立于|组建于|建于|于)\\s*(?:${YEAR_SOURCE})\\s*年|(?:${YEAR_SOURCE})\\s*年\\s*度?\\s*(?:以来|起|开始|成立|设立|组建|始建|建成|立项|批复|开工|竣工|启动|投入使用)|沿革|历程|历史`,
);
/** A later year in a report on a year past is a plan: `2025年工作计划`, `2025年将…`. */
const PLAN = /计划|打算|思路|展望|规划|安排|目标|设想|下一步|将|拟|预计|力争|预算/;
/** An earlier year in any report: a follow-up of that year's findings, or money carried over from it. */
const FOLLOW_UP = /整改|问题|审计|反馈|结转|结余/;
/** An earlier year in a budget: its latest actuals, which a budget reports beside its own year. */
const ACTUALS = /执行|决算|完成|实际|回顾|总结|成效|成果/;

/** An amount or a percent: a clause that states one is a statement, not a heading. */
const AMOUNT = /\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|千元|元|%|％)/;

/** `第二部分 …`, `第三章 …`: headings no outline marker starts. */
const PART = /^[\s#]*第[一二三四五六七八九十]+(?:部分|章|节)\s*/;

/** How many characters of a heading the message quotes. */
const QUOTE_LENGTH = 40;

function overlaps(spans: [number, number][], start: number, end: number): boolean {
  return spans.some(([a, b]) => start < b && end > a);
}

function spansOf(pattern: RegExp, text: string): [number, number][] {
  return [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length]);
}

/**
 * The year a heading or title states, when it is not the report's and nothing in the heading says
 * why another year is named. Years in citations, document numbers, periods and dates
 * (`2025年3月`) are not the heading's year; a heading that also names the report's year is about both.
 */
export function wrongYear(text: string, reportYear: number, genre: ReportGenre | undefined, above = ''): { year: number; at: number } | undefined {
  const skip = [...spansOf(CITED, text), ...spansOf(RANGE, text)];
  const years: { year: number; at: number }[] = [];
  for (const m of text.matchAll(YEAR)) {
    const end = m.index + m[0].length;
    if (overlaps(skip, m.index, end)) continue;
    // A date (`2025年3月20日`): when something was filed or happened, not the year reported on.
    if (!m[2] && /^\s*\d{1,2}\s*月/.test(text.slice(end))) continue;
    if (!DATING_PREFIX.test(text.slice(0, m.index).replace(CITED, ''))) continue;
    years.push({ year: yearValue(m[1]!), at: m.index });
  }
  if (years.length === 0 || years.some((y) => y.year === reportYear)) return undefined;
  const plain = text.replace(CITED, '');
  if (COMPARISON.test(plain) || HISTORY.test(plain)) return undefined;
  // Why another year is named may be said by a heading above (`四、下一步工作计划` over `1. 2025年…`).
  const context = plain + above.replace(CITED, '');
  for (const found of years) {
    if (found.year > reportYear && genre !== 'budget' && PLAN.test(context)) continue;
    if (found.year < reportYear && (FOLLOW_UP.test(context) || (genre === 'budget' && ACTUALS.test(context)))) continue;
    return found;
  }
  return undefined;
}

/** A heading's own words: without its marker and `#`, up to the first clause mark. */
export function headingClause(text: string, scanned: boolean | undefined): { start: number; clause: string } {
  let start = text.length - text.replace(/^[\s#]+/, '').length;
  const part = PART.exec(text);
  if (part) start = part[0].length;
  else start += outlineMarker(text.slice(start), scanned)?.marker.length ?? 0;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  const rest = text.slice(start);
  const cut = rest.search(/[。；;，,：:！？!?]/);
  return { start, clause: (cut < 0 ? rest : rest.slice(0, cut)).trimEnd() };
}

export function quoteHeading(text: string): string {
  const compact = text
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u4e00-\u9fff“”（）]) | (?=[\u4e00-\u9fff“”（）])/g, '')
    .trim();
  return compact.length > QUOTE_LENGTH ? `${compact.slice(0, QUOTE_LENGTH)}…` : compact;
}

/** `截至2023年12月31日`, `截止2023年底`, `截至2023年末`: the end of a year. */
const AS_OF_YEAR_END = new RegExp(`截\\s*[至止]\\s*到?\\s*(${YEAR_SOURCE})\\s*年\\s*(?:12\\s*月\\s*(?:31\\s*日|底|末)|底|末)`, 'g');

/** `第二部分 …`, `第三章 …`: a heading no outline marker starts. */
export function isPartHeading(text: string): boolean {
  return PART.test(text);
}

/** A clause stating an amount or a percent is a statement, not a heading. */
export function statesAmount(clause: string): boolean {
  return AMOUNT.test(clause);
}

/** The year-end dates (`截至2023年12月31日`) of a text outside citations, with their year. */
export function yearEndDates(text: string): { index: number; text: string; year: number }[] {
  const cited = spansOf(CITED, text);
  return [...text.matchAll(AS_OF_YEAR_END)].filter((m) => !overlaps(cited, m.index, m.index + m[0].length)).map((m) => ({ index: m.index, text: m[0], year: yearValue(m[1]!) }));
}

/** `比上年`, `与 2023 年相比`: the words name the period a change is measured from (a previous-period word, or a year). */
export function namesEarlierPeriod(text: string): boolean {
  return hasWord(text, 'period.previous') || YEAR_IN_TEXT.test(text);
}

const YEAR_IN_TEXT = new RegExp(`(?:${YEAR_SOURCE})\\s*年`);
const YEARS_IN_TEXT = new RegExp(`(${YEAR_SOURCE})\\s*年`, 'g');

/** The years a label names, in order: `2016年比2015年` → 2016, 2015. */
export function yearsNamed(text: string): number[] {
  return [...text.matchAll(YEARS_IN_TEXT)].map((m) => yearValue(m[1]!));
}

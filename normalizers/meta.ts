/**
 * Report metadata: department, fiscal year evaluated, filing date, self-score, region.
 */
import type { Meta } from '../model/result.js';
import type { TextUnit } from './text.js';
import { findDocumentKind, findPublisher, publisherMeta, titleLines } from './publisher.js';

const NEXT_FIELD = /所属|下属|填报|联系|评价|单位数量|二级预算|市级预算|县级预算|区级预算|主管部门/;
/** How the name of a department or unit ends. */
export const DEPARTMENT_SUFFIX = '(?:局|委员会|委|办公室|办公厅|厅|部|院|中心|站|所|馆|队|处|会|社|署|室|街道办事处|街道|人民政府|政府|镇|乡|学校|大学|医院)';

function isDepartmentName(name: string): boolean {
  return name.length >= 4 && new RegExp(`${DEPARTMENT_SUFFIX}$`).test(name);
}

function cleanDepartment(name: string): string {
  return name
    .replace(/[（(]\s*(?:公章|盖章|章)\s*[)）]/g, '')
    .replace(/\s+/g, '')
    .replace(/本级$/, '')
    .replace(/^[:：]/, '')
    .trim();
}

/**
 * `部门名称：（公章）梅州市梅县区医疗保障局`, `市级预算部门单位（公章）：…`, or the title `…局 预算绩效自评报告`.
 * The seal's brackets may be as OCR read them (`《公章)`, `(AED)`).
 */
export function findDepartment(units: TextUnit[]): string | undefined {
  const labelled = /(?:部门名称|单位名称|预算部门(?:单位)?(?:[（(]\s*公章\s*[)）])?|部门单位(?:[（(]\s*公章\s*[)）])?|评价单位|主管部门)\s*[:：]\s*(?:[（(《〈]\s*(?:公章|盖章|章|[^\u4e00-\u9fff)）]{1,6})\s*[)）》〉])?\s*([\u4e00-\u9fff（）()]{2,60})/;
  for (const unit of units.slice(0, 60)) {
    const text = unit.kind === 'cell' ? unit.text : unit.text;
    const match = labelled.exec(text);
    if (match?.[1]) {
      // Form fields run together when a converter dropped the line breaks: cut at the next field.
      const name = cleanDepartment(match[1].split(NEXT_FIELD)[0] ?? '');
      if (isDepartmentName(name)) return name;
    }
  }
  // `部门名称` (a 自评表's `主管部门`) as a table header cell followed by the name in a later cell of the same row.
  for (const [index, unit] of units.entries()) {
    if (unit.kind === 'cell' && /^(?:(?:部门|单位)名称|主管部门)$/.test(unit.text.trim())) {
      for (const next of units.slice(index + 1, index + 4)) {
        if (next.kind !== 'cell' || next.cell?.row !== unit.cell?.row || !next.text.trim()) continue;
        // A header row (`部门名称 | 支出 | 备注`) names columns, not the department.
        const name = cleanDepartment(next.text);
        if (isDepartmentName(name)) return name;
        break;
      }
    }
  }
  const title = new RegExp(`([\\u4e00-\\u9fff]{2,30}?${DEPARTMENT_SUFFIX})\\s*(?:\\d{4}\\s*年度?)?\\s*(?:部门)?(?:整体)?(?:预算)?(?:支出)?绩效(?:自评|评价)`);
  for (const unit of units.slice(0, 15)) {
    const match = title.exec(unit.text);
    if (match?.[1]) return cleanDepartment(match[1]);
  }
  return undefined;
}

/** `填报日期：2026. 3. 20`, `2023 年 4 月 13 日` → ISO date. */
export function findFilingDate(units: TextUnit[]): string | undefined {
  const datePattern = /((?:19|20)\d{2})\s*(?:年|[.．/-])\s*(\d{1,2})\s*(?:月|[.．/-])\s*(\d{1,2})\s*日?/;
  const iso = (m: RegExpExecArray) => `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  for (const unit of units.slice(0, 80)) {
    const labelled = /(?:填报|报送|编制|报告)日期\s*[:：]?\s*(.*)$/.exec(unit.text);
    if (labelled?.[1]) {
      const m = datePattern.exec(labelled[1]);
      if (m) return iso(m);
    }
  }
  // A date standing alone on the last lines (the signature block).
  for (const unit of units.slice(-6).reverse()) {
    const m = /^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$/.exec(unit.text);
    if (m) return iso(m as RegExpExecArray);
  }
  return undefined;
}

/**
 * The year the figures describe: `评价年度：2022 年度` when stated, else the year most often
 * written as `YYYY 年度`/`YYYY 年` that is before the filing year.
 */
export function findFiscalYear(units: TextUnit[], filingDate: string | undefined): number | undefined {
  const stated = statedEvaluationYear(units);
  if (stated) return stated;
  const filingYear = filingDate ? Number(filingDate.slice(0, 4)) : undefined;
  const counts = new Map<number, number>();
  for (const unit of units) {
    for (const m of unit.text.matchAll(/((?:19|20)\d{2})\s*年(度)?/g)) {
      const year = Number(m[1]);
      if (filingYear && year >= filingYear) continue;
      counts.set(year, (counts.get(year) ?? 0) + (m[2] ? 2 : 1));
    }
  }
  let best: number | undefined;
  for (const [year, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0) || (count === counts.get(best) && year > best)) best = year;
  return best;
}

/** `评价年度：2022 年度` on a self-evaluation's cover. */
function statedEvaluationYear(units: TextUnit[]): number | undefined {
  for (const unit of units.slice(0, 40)) {
    const m = /(?:评价|评估|自评|考核)年度\s*[:：]?\s*((?:19|20)\d{2})/.exec(unit.text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** A year written out: `2024`, or digit by digit in Chinese numerals (`二〇二四`). */
export const YEAR_SOURCE = '(?:19|20)\\d{2}|[一二][〇○零][一二三四五六七八九〇○零][〇○零一二三四五六七八九]';
/**
 * A period in brackets after a name (`江苏省人民检察院（2019年度）收入`, `(2019年)`, `（2018-2019年）`): the
 * period of what the name states, never a part of the name. The last (or only) year is group `last`.
 */
const BRACKETED_PERIOD_SOURCE = `[（(]\\s*(?:(?:${YEAR_SOURCE})\\s*年?\\s*度?\\s*[-－—–~～至到]\\s*)?(?<last>${YEAR_SOURCE})\\s*年\\s*度?\\s*[)）]`;
/** A bracketed period where a text starts. */
export const BRACKETED_PERIOD = new RegExp(`^${BRACKETED_PERIOD_SOURCE}`);
/** A bracketed period where a text ends. */
export const BRACKETED_PERIOD_BEFORE = new RegExp(`${BRACKETED_PERIOD_SOURCE}$`);
const YEAR_DIGITS: Record<string, string> = { 〇: '0', '○': '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** The value of a year token matched by YEAR_SOURCE. */
export function yearValue(token: string): number {
  return Number([...token].map((char) => YEAR_DIGITS[char] ?? char).join(''));
}

/**
 * What a report is, as its title says: a budget (部门预算, written before its year) or an account
 * of a year past (部门决算, 绩效自评报告, 预算执行情况).
 */
export type ReportGenre = 'budget' | 'account';

export interface TitleYear {
  year: number;
  genre: ReportGenre;
  /** The title as read from the first lines, up to the table of contents. */
  title: string;
}

/** Words that make a line a report's title: what kind of document it is. */
const TITLE_KIND = '(?:决算|预算|绩效|自评|评价|报告)';
const TITLE_YEAR_FIRST = new RegExp(`(${YEAR_SOURCE})\\s*年\\s*度?[^。；，,;]{0,40}?${TITLE_KIND}`);
const TITLE_YEAR_AFTER = new RegExp(`${TITLE_KIND}[^。；，,;]{0,12}?[（(]\\s*(${YEAR_SOURCE})\\s*年\\s*度?\\s*[)）]`);

/**
 * The year a report's title states (`2024年度部门决算`, `2025年部门预算`, `部门决算（2024年度）`):
 * read from the lines before the table of contents and the first numbered heading, since a title
 * is often broken over several lines (`社会工作部 2024 年度` / `部门决算`). The title's year is
 * the report's own, whatever the filing date: a 部门预算 is published in or before its year, a
 * 决算 or 自评报告 the year after.
 */
export function findTitleYear(units: TextUnit[]): TitleYear | undefined {
  const lines: string[] = [];
  for (const unit of units) {
    if (unit.kind === 'cell') continue;
    const text = unit.text.trim();
    // A title is Chinese: a line without a Chinese character (a source note, a page number) is none of it.
    if (!/[\u4e00-\u9fff]/.test(text)) continue;
    if (lines.length >= 6 || /^[\s#]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.．、](?!\d)|第[一二三四五六七八九十]+(?:部分|章))/.test(text)) break;
    const contents = text.search(/目\s*录/);
    if (contents >= 0) {
      lines.push(text.slice(0, contents));
      break;
    }
    lines.push(text.replace(/^#+\s*/, ''));
  }
  const title = lines.join('');
  const match = TITLE_YEAR_FIRST.exec(title) ?? TITLE_YEAR_AFTER.exec(title);
  if (!match?.[1]) return undefined;
  // The kind is read from the title phrase itself (`2020年度预算项目绩效自评表` is a 自评表), not from
  // what follows it on the cover.
  const phrase = match[0] + (/^[^。；，,;：:\s\d]{0,20}/.exec(title.slice(match.index + match[0].length))?.[0] ?? '');
  const genre: ReportGenre = /预算/.test(phrase) && !/决算|绩效|自评|评价|执行|完成/.test(phrase) ? 'budget' : 'account';
  return { year: yearValue(match[1]), genre, title: title.replace(/\s+/g, ' ').trim() };
}

/**
 * The total self-score: the first `自评得分/自评分数/评价得分/绩效自评 N 分` that is not a
 * project's score (`项目自评 96 分`) or a maximum (`总分 100 分`).
 */
export function findSelfScore(units: TextUnit[]): { value: string; unit: TextUnit; start: number; end: number } | undefined {
  const pattern = /(?:自评(?:得分|分数|总分|结果)?|评价得分|综合得分)\s*(?:为|是|：|:)?\s*(\d{1,3}(?:\.\d+)?)\s*分/g;
  for (const unit of units) {
    if (unit.kind === 'cell') continue;
    for (const m of unit.text.matchAll(pattern)) {
      const before = unit.text.slice(Math.max(0, m.index - 12), m.index);
      if (/项目|该指标|该项|此项|三级指标|二级指标|一级指标|满意度/.test(before)) continue;
      if (/该|此项|指标/.test(unit.text.slice(Math.max(0, m.index - 4), m.index))) continue;
      const numberStart = m.index + m[0].indexOf(m[1]!);
      return { value: m[1]!, unit, start: numberStart, end: numberStart + m[1]!.length };
    }
  }
  return undefined;
}

export function readMeta(units: TextUnit[], resolveRegion: (name: string) => Meta['region'], tableTitles: string[] = []): Meta {
  const meta: Meta = {};
  Object.assign(meta, publisherMeta(findPublisher(units, resolveRegion)));
  Object.assign(meta, findDocumentKind(units, tableTitles));
  if (meta.kind === 'other' && !meta.department) meta.publisherNote = '不是部门预算、决算或绩效自评文件，文件中没有发布部门';
  const filingDate = findFilingDate(units);
  if (filingDate) meta.filingDate = filingDate;
  // The year the title states is the document's own (`2026年单位预算编制说明` is about 2026, whenever
  // filed); a stated 评价年度 comes first, the most written year before the filing date last.
  const year = statedEvaluationYear(units) ?? findTitleYear(units)?.year ?? findFiscalYear(units, filingDate);
  if (year) meta.year = year;
  const score = findSelfScore(units);
  if (score) meta.selfScore = score.value;
  const title = units.slice(0, 10).find((unit) => /报告|自评表/.test(unit.text) && unit.text.trim().length < 60);
  if (title) meta.title = title.text.trim().replace(/\s+/g, ' ');
  else {
    // A budget's or final account's title lines, up to a field run into them (`…部门预算预算主管部门：…`).
    // A title states its year; a date below it (`2018 年 2 月 24 日`) is not part of it.
    const lines = (titleLines(units).split(/(?:预算主管部门|编制部门|部门名称|单位名称|部门)\s*[:：]/)[0] ?? '').replace(/(?:19|20)\d{2}年\d{1,2}月\d{1,2}日.*$/, '');
    if (lines.length <= 60 && /预算|决算/.test(lines) && new RegExp(`(?:${YEAR_SOURCE})年`).test(lines)) meta.title = lines;
  }
  return meta;
}

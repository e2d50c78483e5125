import { placeIn, type Rule } from '../engine.js';
import type { NormalizedDocument } from '../../normalizers/index.js';
import { withoutNumbering } from '../../normalizers/disclosure.js';
import { DEPARTMENT_SUFFIX, findFiscalYear, findTitleYear, YEAR_SOURCE, yearValue, type ReportGenre } from '../../normalizers/meta.js';
import { normalizeChars, outlineMarker, type TextUnit } from '../../normalizers/text.js';

/**
 * The places that state which year a report is about: its headings (outline entries, marked
 * headings, `第二部分 …`), its tables' titles, and `截至…年末` dates in a report on a year past.
 * Years anywhere else in the prose (plans, history, comparisons) are not checked.
 */

type Place = { page: number; line: number; column: number; locator?: string };

/** A year as a heading or title writes it: `2024年`, `2024 年度`, `二〇二四年`. */
const YEAR = new RegExp(`(?<!\\d)(${YEAR_SOURCE})\\s*年\\s*(度)?`, 'g');

/** Spans that name something else: a cited document, a quoted name, a document number `〔2023〕12号`. */
const CITED = /《[^》]*》|〈[^〉]*〉|“[^”]*”|‘[^’]*’|「[^」]*」|〔[^〕]*〕|【[^】]*】|\[[^\]]*\]|[（(]\s*(?:19|20)\d{2}\s*[)）]\s*第?\s*\d+\s*号|(?:19|20)\d{2}\s*年\s*第\s*\d+\s*号/g;
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
const HISTORY = new RegExp(`(?:自|从|始于|成立于|设立于|组建于|建于|于)\\s*(?:${YEAR_SOURCE})\\s*年|(?:${YEAR_SOURCE})\\s*年\\s*度?\\s*(?:以来|起|开始|成立|设立|组建|始建|建成|立项|批复|开工|竣工|启动|投入使用)|沿革|历程|历史`);
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
function wrongYear(text: string, reportYear: number, genre: ReportGenre | undefined, above = ''): { year: number; at: number } | undefined {
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
function headingClause(text: string, scanned: boolean | undefined): { start: number; clause: string } {
  let start = text.length - text.replace(/^[\s#]+/, '').length;
  const part = PART.exec(text);
  if (part) start = part[0].length;
  else start += outlineMarker(text.slice(start), scanned)?.marker.length ?? 0;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  const rest = text.slice(start);
  const cut = rest.search(/[。；;，,：:！？!?]/);
  return { start, clause: (cut < 0 ? rest : rest.slice(0, cut)).trimEnd() };
}

function quote(text: string): string {
  const compact = text.replace(/\s+/g, ' ').replace(/(?<=[\u4e00-\u9fff“”（）]) | (?=[\u4e00-\u9fff“”（）])/g, '').trim();
  return compact.length > QUOTE_LENGTH ? `${compact.slice(0, QUOTE_LENGTH)}…` : compact;
}

/**
 * The report's year and kind: from its title (`2024年度部门决算`, `2025年部门预算`), else the
 * fiscal year of the metadata. That one skips years at or after the filing year, which suits a
 * report on a year past but not a budget, filed in its own year: a budget without a title year
 * takes the year its text names most.
 */
function reportYearOf(document: NormalizedDocument): { year: number; genre: ReportGenre | undefined } | undefined {
  const title = findTitleYear(document.units);
  if (title) return { year: title.year, genre: title.genre };
  const bases = new Set(document.tableModels.map((m) => m.disclosure?.basis).filter((b) => b !== undefined));
  const genre: ReportGenre | undefined = bases.size === 1 ? (bases.has('budget') ? 'budget' : 'account') : undefined;
  const year = genre === 'budget' ? findFiscalYear(document.units, undefined) : document.meta.year;
  return year === undefined ? undefined : { year, genre };
}

/** `截至2023年12月31日`, `截止2023年底`, `截至2023年末`: the end of a year. */
const AS_OF_YEAR_END = new RegExp(`截\\s*[至止]\\s*到?\\s*(${YEAR_SOURCE})\\s*年\\s*(?:12\\s*月\\s*(?:31\\s*日|底|末)|底|末)`, 'g');

const rule: Rule = {
  meta: {
    id: 'year-mismatch',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: '标题、表题或“截至…年末”的年度与报告年度不符（如 2024 年决算中的“2023年度部门决算情况说明”）',
      descriptionEn: 'A heading, a table title or a year-end date (截至…12月31日) names another year than the report’s own (its title’s year, else the fiscal year).',
    },
    messages: {
      heading: '标题“{{text}}”的年度 {{year}} 与报告年度 {{reportYear}} 不符',
      table: '表题“{{text}}”的年度 {{year}} 与报告年度 {{reportYear}} 不符',
      asOf: '“{{text}}”的年度 {{year}} 与报告年度 {{reportYear}} 不符（年末应为 {{reportYear}} 年末）',
    },
  },
  create(context) {
    const { document } = context;
    const placeAt = (unit: TextUnit, offset: number): Place => placeIn(document, unit, offset);
    const report = reportYearOf(document);
    if (!report) return {};
    const { year: reportYear, genre } = report;
    const reported = new Set<string>();
    const emit = (messageId: 'heading' | 'table' | 'asOf', at: Place, text: string, year: number) => {
      // A table title that is also a numbered heading is one place; two dates on a line are two.
      const key = messageId === 'asOf' ? `${at.page}:${at.line}:${at.column}` : `${at.page}:${at.line}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report({ messageId, at, data: { text, year: String(year), reportYear: String(reportYear) }, evidence: [], actual: String(year), expected: String(reportYear) });
    };
    /** Each outline heading's unit, with the titles of the headings above it. */
    const headings = new Map<TextUnit, string>();
    for (const node of document.outline.nodes) {
      const above: string[] = [];
      for (let parent = node.parent; parent; parent = parent.parent) above.push(headingClause(parent.unit.text, parent.unit.scanned).clause);
      headings.set(node.unit, above.join('；'));
    }
    /** A table's title line: the last text before the table's first cell that holds the title. */
    const titlePlace = (index: number, caption: string, clause: string): Place | undefined => {
      const firstCell = document.units.findIndex((u) => u.cell?.table === index);
      const wanted = normalizeChars(caption).replace(/\s+/g, '');
      const words = normalizeChars(clause);
      for (let i = (firstCell < 0 ? document.units.length : firstCell) - 1; i >= 0; i--) {
        const unit = document.units[i]!;
        if (unit.kind === 'cell') continue;
        const offset = unit.text.replace(/\s+/g, '').indexOf(wanted);
        if (offset < 0) continue;
        // Back from the offset in the text without spaces to the unit's own.
        let seen = 0;
        let at = 0;
        while (at < unit.text.length && (seen < offset || /\s/.test(unit.text[at]!))) {
          if (!/\s/.test(unit.text[at]!)) seen++;
          at++;
        }
        // At the title's own words, after its number (`表3：`).
        const own = unit.text.indexOf(words, at);
        return placeAt(unit, own >= 0 ? own : at);
      }
      const first = document.units[firstCell];
      return first ? placeAt(first, 0) : undefined;
    };
    return {
      // Table titles first: a title that is also a numbered heading is reported as the table's.
      document() {
        for (const view of document.tables) {
          const caption = view.table.caption?.trim();
          if (!caption) continue;
          const clause = headingClause(withoutNumbering(caption), false).clause;
          const wrong = wrongYear(clause, reportYear, genre);
          const at = wrong && titlePlace(view.table.index, caption, clause);
          if (wrong && at) emit('table', at, quote(clause), wrong.year);
        }
      },
      unit(unit) {
        if (unit.kind !== 'cell' && (headings.has(unit) || unit.kind === 'heading' || PART.test(unit.text))) {
          const { start, clause } = headingClause(unit.text, unit.scanned);
          if (clause && !AMOUNT.test(clause)) {
            const wrong = wrongYear(clause, reportYear, genre, headings.get(unit));
            if (wrong) emit('heading', placeAt(unit, start), quote(clause), wrong.year);
          }
        }
        // A year-end date in a report on a year past is that year's end; a budget, written
        // before its year, dates what it states by the last year-end or a day of the year before.
        if (genre === 'budget') return;
        const cited = spansOf(CITED, unit.text);
        for (const m of unit.text.matchAll(AS_OF_YEAR_END)) {
          const year = yearValue(m[1]!);
          // A later year-end is a plan (`力争截至2026年底完成`), not the year reported on.
          if (year >= reportYear || overlaps(cited, m.index, m.index + m[0].length)) continue;
          emit('asOf', placeAt(unit, m.index), quote(m[0]), year);
        }
      },
    };
  },
};

export default rule;

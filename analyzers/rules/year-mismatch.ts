import { placeIn, type Rule } from '../engine.js';
import type { NormalizedDocument } from '../../normalizers/index.js';
import { withoutNumbering } from '../../normalizers/disclosure.js';
import { findFiscalYear, findTitleYear, type ReportGenre } from '../../normalizers/meta.js';
import { normalizeChars, type TextUnit } from '../../normalizers/text.js';
import { headingClause, isPartHeading, quoteHeading as quote, statesAmount, wrongYear, yearEndDates } from '../../normalizers/years.js';

/**
 * The places that state which year a report is about: its headings (outline entries, marked
 * headings, `第二部分 …`), its tables' titles, and `截至…年末` dates in a report on a year past.
 * Years anywhere else in the prose (plans, history, comparisons) are not checked.
 */

type Place = { page: number; line: number; column: number; locator?: string };

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
        if (unit.kind !== 'cell' && (headings.has(unit) || unit.kind === 'heading' || isPartHeading(unit.text))) {
          const { start, clause } = headingClause(unit.text, unit.scanned);
          if (clause && !statesAmount(clause)) {
            const wrong = wrongYear(clause, reportYear, genre, headings.get(unit));
            if (wrong) emit('heading', placeAt(unit, start), quote(clause), wrong.year);
          }
        }
        // A year-end date in a report on a year past is that year's end; a budget, written
        // before its year, dates what it states by the last year-end or a day of the year before.
        if (genre === 'budget') return;
        for (const date of yearEndDates(unit.text)) {
          // A later year-end is a plan (`力争截至2026年底完成`), not the year reported on.
          if (date.year >= reportYear) continue;
          emit('asOf', placeAt(unit, date.index), quote(date.text), date.year);
        }
      },
    };
  },
};

export default rule;

import { placeIn, type Rule } from '../engine.js';
import { linkSpans } from '../../normalizers/figures.js';
import { selfEvaluationTable } from '../self-evaluation.js';
import type { TextUnit } from '../../normalizers/text.js';
import { isActualValueHeader, isTargetValueHeader, valuePlaceholders, yearPlaceholders } from '../../normalizers/placeholders.js';

/** Characters of context quoted after a year placeholder, and how many quotes and places the message lists. */
const QUOTE_CONTEXT = 8;
const MAX_QUOTES = 6;
const MAX_PLACES = 3;
/** A quote stops at sentence punctuation and at a line break. */
const QUOTE_STOP = /[，。；：！？、,;:!?（）()“”"‘’《》【】\[\]|\n\r\t]/;
const CJK = '[\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef]';

type Place = { page: number; line: number; column: number; locator?: string };

interface YearOccurrence {
  at: Place;
  form: string;
  quote: string;
}

function overlaps(spans: [number, number][], start: number, end: number): boolean {
  return spans.some(([a, b]) => start < b && end > a);
}

/**
 * The year placeholder and up to `QUOTE_CONTEXT` characters after it, on one line and within the
 * clause; spaces a PDF put between characters are dropped, and a number or word cut by the limit is left out.
 */
function quoteAt(text: string, start: number, end: number): string {
  let stop = end;
  let taken = 0;
  while (stop < text.length && taken < QUOTE_CONTEXT && !QUOTE_STOP.test(text[stop]!)) {
    if (!/\s/.test(text[stop]!)) taken++;
    stop++;
  }
  let tail = text.slice(end, stop);
  // Never half a number or a word: `…资金12` of `资金1234.5`, `…资金X` of `资金 XX`.
  if (/[A-Za-z0-9.,×]$/.test(tail) && /^[A-Za-z0-9.,×]/.test(text.slice(stop))) tail = tail.replace(/[A-Za-z0-9.,×]+$/, '');
  return (text.slice(start, end) + tail)
    .replace(/\s+/g, ' ')
    .replace(new RegExp(`(?<=${CJK}) | (?=${CJK})`, 'g'), '')
    .trim();
}

/** `第 1 页第 12、30 行，第 2 页第 4 行等`, or the locators of a Word file (`第 3 段、表 2 第 4 行`). */
function placesText(places: Place[]): string {
  const distinct: Place[] = [];
  for (const place of places) {
    if (!distinct.some((p) => (p.locator ?? `${p.page}:${p.line}`) === (place.locator ?? `${place.page}:${place.line}`))) distinct.push(place);
  }
  const shown = distinct.slice(0, MAX_PLACES);
  const parts: string[] = [];
  for (const place of shown) {
    const previous = parts.length > 0 ? shown[shown.indexOf(place) - 1] : undefined;
    if (place.locator) parts.push(place.locator);
    else if (previous && !previous.locator && previous.page === place.page) parts[parts.length - 1] = `${parts.at(-1)!.slice(0, -' 行'.length)}、${place.line} 行`;
    else parts.push(`第 ${place.page} 页第 ${place.line} 行`);
  }
  return parts.join('，') + (distinct.length > shown.length ? '等' : '');
}

const rule: Rule = {
  meta: {
    id: 'placeholder-value',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: '占位符代替了数值（XXXX、××、待填、“占 %”无数字），或自评表有目标值而实际完成值为空',
      descriptionEn: 'A placeholder stands where a value belongs (XXXX, ××, 待填, 占 % with no number), or an indicator row has a target but no actual value.',
    },
    messages: {
      placeholder: '“{{text}}”是占位符，{{where}}未填写实际数值',
      year: '年份以{{forms}}代替，共 {{count}} 处：{{quotes}}（{{places}}）',
      empty: '自评表“{{header}}”列有 {{count}} 行为空（{{rows}}），这些指标有目标值却无实际完成值',
      unfilled: '自评表未填写：“{{header}}”列与得分 {{count}} 处为 0 或空（{{rows}}），是未填数的表样，其分值和得分未作核对',
    },
  },
  create(context) {
    const placeAt = (unit: TextUnit, offset: number): Place => placeIn(context.document, unit, offset);
    const years: YearOccurrence[] = [];
    return {
      unit(unit) {
        // Web and e-mail addresses are not text a placeholder can stand in: `www.sxx.gov.cn`, `xx@163.com`.
        const skip = linkSpans(unit.text);
        for (const year of yearPlaceholders(unit.text)) {
          if (overlaps(skip, year.start, year.end)) continue;
          skip.push([year.start, year.end]);
          years.push({ at: placeAt(unit, year.start), form: year.form, quote: quoteAt(unit.text, year.start, year.end) });
        }
        for (const found of valuePlaceholders(unit.text)) {
          const { start, end } = found;
          if (overlaps(skip, start, end)) continue;
          // `占 %` with a bare number right after it or on the next line: the number was typeset on a
          // baseline of its own (justified PDF text), not left out.
          const following = unit.text.slice(end).trim() || (context.document.units[unit.id + 1]?.text.trim() ?? '');
          if (found.share && /^\d[\d.,]*(?![\d.,])/.test(following)) continue;
          const at = placeAt(unit, start);
          let where = '此处';
          if (unit.cell) {
            const view = context.document.tables.find((t) => t.table.index === unit.cell!.table);
            const header = view?.headerAt(unit.cell.row, unit.cell.col).split(' ').at(-1);
            if (header) where = `“${header}”`;
          }
          context.report({ messageId: 'placeholder', at, data: { text: found.text, where }, evidence: [], actual: found.text });
        }
      },
      table(table) {
        // A form exported before it was filled in (分值 and 得分 all 0.0): one finding for the form.
        const scored = selfEvaluationTable(context.document, table);
        if (scored?.unfilled) {
          const zeros = scored.rows.flatMap((row) => [row.weight, row.score]).filter((figure): figure is NonNullable<typeof figure> => figure !== undefined && Number(figure.number) === 0);
          const first = zeros[0];
          if (first) {
            context.report({
              messageId: 'unfilled',
              figure: first,
              data: { header: scored.weightHeader, count: String(zeros.length), rows: `表内第 ${[...new Set(zeros.map((figure) => figure.cell!.row + 1))].join('、')} 行` },
              evidence: zeros.map((figure) => ({ role: 'blank', figure })),
              actual: first.raw,
            });
            return;
          }
        }
        const lastRow = table.table.rows.length - 1;
        const columnOf = (isWanted: (header: string) => boolean) => [...Array(40).keys()].find((c) => isWanted(table.headerAt(lastRow, c)));
        const actual = columnOf(isActualValueHeader);
        const target = columnOf(isTargetValueHeader);
        if (actual === undefined || target === undefined || actual === target) return;
        const empty: number[] = [];
        let first: Place | undefined;
        for (const row of table.table.rows) {
          const rowIndex = row[0]?.row;
          if (rowIndex === undefined || !isActualValueHeader(table.headerAt(rowIndex, actual), true)) continue;
          const targetCell = table.cell(rowIndex, target);
          const actualCell = table.cell(rowIndex, actual);
          if (!targetCell?.text.trim() || targetCell.text.trim() === table.headerAt(rowIndex, target)) continue;
          if (actualCell && actualCell.text.trim()) continue;
          empty.push(rowIndex + 1);
          const span = targetCell.spans[0];
          if (!first && span) {
            first = { page: table.page, line: span.line, column: span.start + 1 };
            const locator = context.document.document.pages.find((p) => p.number === table.page)?.lines.find((l) => l.number === span.line)?.locator;
            if (locator) first.locator = locator;
          }
        }
        if (empty.length === 0 || !first) return;
        context.report({
          messageId: 'empty',
          at: first,
          data: { header: table.headerAt(lastRow, actual).trim() || '实际完成值', count: String(empty.length), rows: `表内第 ${empty.join('、')} 行` },
          evidence: [],
          actual: '空',
        });
      },
      // Year placeholders: one finding per document, at the first, quoting each (a template's
      // 20xx is usually left in many places at once, and one finding each would bury the rest).
      documentEnd() {
        if (years.length === 0) return;
        years.sort((a, b) => a.at.page - b.at.page || a.at.line - b.at.line || a.at.column - b.at.column);
        const forms = [...new Set(years.map((y) => y.form))];
        const quotes = [...new Set(years.map((y) => y.quote))];
        const listed = quotes.slice(0, MAX_QUOTES).map((q) => `“${q}”`).join('') + (quotes.length > MAX_QUOTES ? '等' : '');
        context.report({
          messageId: 'year',
          at: years[0]!.at,
          data: { forms: forms.map((f) => `“${f}”`).join(''), count: String(years.length), quotes: listed, places: placesText(years.map((y) => y.at)) },
          evidence: [],
          actual: forms[0]!,
        });
      },
    };
  },
};

export default rule;

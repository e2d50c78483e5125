/**
 * The standard tables of a 部门决算 / 部门预算 as the document lists and prints them:
 *
 * - a table its 目录 lists (by canonical id, `classifyTable`) that the document does not contain —
 *   neither as a table nor as a title line outside the 目录;
 * - a table printed empty (every amount blank or 0, or no rows) with no note saying why
 *   (`本单位无政府性基金收入，故本表无数据`, `此表为空表`), near it or in the narrative;
 * - a topic table printed empty (“三公”经费, 政府性基金, 国有资本经营, 机关运行经费, 政府采购) whose
 *   subject the narrative states with a non-zero amount.
 */
import type { Figure } from '../../model/figure.js';
import type { DisclosureTableId } from '../../normalizers/disclosure.js';
import { amountWords, disclosureTopic, placedLines, placeOf, readToc, saysTableEmpty, titleId, titlesOutside, type Place, type PlacedLine } from '../../normalizers/disclosure-contents.js';
import type { NormalizedDocument } from '../../normalizers/index.js';
import { hasWord } from '../../normalizers/lexicon.js';
import { stageOfMention } from '../../normalizers/phrases.js';
import type { Mention } from '../../normalizers/statements.js';
import type { TableModel } from '../../normalizers/table-model.js';
import { normalizeChars } from '../../normalizers/text.js';
import { show } from '../check.js';
import type { Rule, RuleContext } from '../engine.js';
import { tableName } from './table-sum-mismatch.js';


/** Tables of amounts whose emptiness means something (not 绩效目标 or 自评 tables). */
const AMOUNT_TABLES = new Set<DisclosureTableId>(['summary', 'income', 'expense', 'fiscal-summary', 'fiscal-expense', 'fiscal-basic', 'general-expense', 'general-basic', 'fund', 'state-capital', 'sangong', 'running-cost', 'procurement']);


/** Where each table's printed lines are, as indexes into the placed lines. */
function tableRanges(document: NormalizedDocument, lines: PlacedLine[]): Map<number, { first: number; last: number }> {
  const index = new Map<string, number>();
  lines.forEach((placed, i) => index.set(`${placed.page}:${placed.line.number}`, i));
  const ranges = new Map<number, { first: number; last: number }>();
  for (const page of document.document.pages) {
    for (const table of page.tables) {
      let first = Infinity;
      let last = -Infinity;
      for (const cell of table.rows.flat()) {
        for (const span of cell.spans) {
          const at = index.get(`${span.page ?? page.number}:${span.line}`);
          if (at === undefined) continue;
          first = Math.min(first, at);
          last = Math.max(last, at);
        }
      }
      if (first <= last) ranges.set(table.index, { first, last });
    }
  }
  return ranges;
}

/** No amount other than 0 in the table: every cell blank or a printed 0, or no rows at all. */
function emptyTable(model: TableModel): boolean {
  for (const panel of model.panels) {
    for (const row of panel.rows) {
      for (const col of panel.valueColumns) {
        const figure = model.figure(row.index, col);
        if (figure && !figure.value.match(/^-?0*(?:\.0*)?$/)) return false;
      }
    }
  }
  const { table } = model.view;
  for (const cells of table.rows.slice(model.view.headerRows)) {
    for (const cell of cells) {
      const figure = model.figure(cell.row, cell.col);
      if (figure?.kind === 'amount' && !/^-?0*(?:\.0*)?$/.test(figure.value)) return false;
    }
  }
  return true;
}

function isZero(figure: Figure): boolean {
  return /^-?0*(?:\.0*)?$/.test(figure.value);
}

const rule: Rule = {
  meta: {
    id: 'table-missing',
    type: 'problem',
    severity: 'warning',
    messageSeverity: { emptyWithoutNote: 'info' },
    docs: {
      description: '目录所列公开表在文中缺失；公开表为空而未说明原因；公开表为空而正文仍写有该表事项的非零金额',
      descriptionEn: 'A disclosure table the table of contents lists is missing; a table printed empty without a note saying why; or an empty table whose subject the text states with a non-zero amount.',
    },
    messages: {
      listedAbsent: '目录列出“{{title}}”，但文中没有这张表',
      emptyWithoutNote: '{{table}}无数据（金额均为空或 0），未说明原因（如“本单位无…，故本表无数据”）',
      emptyButQuoted: '{{table}}无数据，但正文写有{{label}} {{value}}',
    },
  },
  create(context) {
    return {
      document(document) {
        check(document, context);
      },
    };
  },
};

function check(document: NormalizedDocument, context: RuleContext): void {
  const lines = placedLines(document.document);
  const toc = readToc(lines);
  const models = document.tableModels;
  const presentIds = new Set<DisclosureTableId>(models.flatMap((m) => (m.disclosure ? [m.disclosure.id] : [])));
  for (const id of titlesOutside(lines, toc.covered)) presentIds.add(id);

  // 1. Listed but absent — only where the document carries its tables (one listed table at least is
  // there): a narrative whose tables are published apart (`公开表附后`) lists them all and prints none.
  if (toc.entries.some((entry) => presentIds.has(entry.id))) {
    const reported = new Set<DisclosureTableId>();
    for (const entry of toc.entries) {
      if (presentIds.has(entry.id) || reported.has(entry.id)) continue;
      reported.add(entry.id);
      context.report({ messageId: 'listedAbsent', at: entry.at, data: { title: entry.title }, evidence: [] });
    }
  }

  // 2 and 3. Empty tables.
  const ranges = tableRanges(document, lines);
  const narrative = document.sentences.filter((s) => s.unit.kind !== 'cell');
  for (let m = 0; m < models.length; m++) {
    const model = models[m]!;
    const id = model.disclosure?.id;
    if (!id || !AMOUNT_TABLES.has(id)) continue;
    // A table continued in the tables after it that have no title of their own (a page break).
    const group = [model];
    for (let n = m + 1; n < models.length && !models[n]!.disclosure && models[n]!.page <= model.page + 1; n++) group.push(models[n]!);
    if (!group.every(emptyTable)) continue;
    // The same table printed elsewhere with figures (a repeat, or a part the reader split off).
    if (models.some((other) => other !== model && other.disclosure?.id === id && !emptyTable(other))) continue;

    const range = ranges.get(model.index);
    const lastRange = ranges.get(group.at(-1)!.index) ?? range;
    const captionAt = captionLine(lines, range?.first, id);
    const at: Place = captionAt !== undefined ? placeOf(lines[captionAt]!) : range ? placeOf(lines[range.first]!) : { page: model.page, line: 1, column: 1 };
    const topic = disclosureTopic(id);

    // 3. The narrative states the subject's amount.
    if (topic) {
      const tableWords = model.roots.map(function words(node): string {
        return node.label + node.children.map(words).join('');
      }).join('');
      const hasBudgetColumns = hasWord(tableWords, 'stage.budget', 'stage.adjusted');
      const hasActualColumns = hasWord(tableWords, 'stage.actual');
      const quoted = document.mentions.filter((mention) => {
        if (mention.figure.kind !== 'amount' || isZero(mention.figure) || mention.scope.period === 'previous' || mention.relationWord || mention.figure.cell) return false;
        if (!(topic.concepts.includes(mention.concept ?? '') || topic.namesAmount(mention.label) || topic.namesAmount(mention.conceptLabel ?? ''))) return false;
        const stage = stageOfMention(mention);
        if (stage === 'budget' && model.disclosure?.basis === 'actual' && !hasBudgetColumns) return false;
        if (stage === 'actual' && model.disclosure?.basis === 'budget' && !hasActualColumns) return false;
        return true;
      });
      const first = quoted[0];
      if (first) {
        context.report({
          messageId: 'emptyButQuoted',
          at,
          data: { table: tableName(model), label: quotedLabel(first, topic.namesAmount), value: show(first.figure) },
          evidence: quoted.slice(0, 5).map((mention) => ({ role: 'stated', figure: mention.figure })),
        });
        continue;
      }
    }

    // 2. A note near the table: between its caption and its rows, in its cells, or after it up to
    // the next table; before the caption only when it names the table's subject (the note after the
    // table above is that table's).
    if (noteNear(lines, group, range, lastRange, captionAt, ranges, topic?.names)) continue;
    // …or in the narrative: `本年度无“三公”经费财政拨款支出`, `政府性基金支出 0 万元`.
    if (topic) {
      if (narrative.some((s) => topic.deniedIn(s.text))) continue;
      const zero = document.mentions.some((mention) => mention.figure.kind === 'amount' && isZero(mention.figure) && mention.scope.period !== 'previous' && !mention.figure.cell && (topic.concepts.includes(mention.concept ?? '') || topic.names(mention.label)));
      if (zero) continue;
    }
    context.report({ messageId: 'emptyWithoutNote', at, data: { table: tableName(model) }, evidence: [] });
  }
}

/** What the text calls the amount: the concept's words (`“三公”经费支出`) when they name the subject, else the label. */
function quotedLabel(mention: Mention, namesSubject: (text: string) => boolean): string {
  const { label, conceptLabel } = mention;
  let words = label;
  if (conceptLabel && namesSubject(conceptLabel) && label.includes(conceptLabel)) {
    const at = label.lastIndexOf(conceptLabel);
    // An opening quote before the words belongs to them: `“三公”经费`.
    words = label.slice(/[“"‘']/.test(label[at - 1] ?? '') ? at - 1 : at);
  }
  return amountWords(words);
}

/** The caption line of a table: the title line (or two wrapped lines) just above its first row. */
function captionLine(lines: PlacedLine[], first: number | undefined, id: DisclosureTableId): number | undefined {
  if (first === undefined) return undefined;
  for (let i = first - 1; i >= Math.max(0, first - 5); i--) {
    const text = lines[i]!.text;
    if (titleId(text) === id) return i;
    const next = lines[i + 1];
    if (next && i + 1 < first && titleId(text + next.text) === id) return i;
  }
  return undefined;
}

function noteNear(
  lines: PlacedLine[],
  group: TableModel[],
  range: { first: number; last: number } | undefined,
  lastRange: { first: number; last: number } | undefined,
  captionAt: number | undefined,
  ranges: Map<number, { first: number; last: number }>,
  namesSubject: ((text: string) => boolean) | undefined,
): boolean {
  // Its own cells: `此表为空` printed in the table.
  for (const member of group) for (const cell of member.view.table.rows.flat()) if (saysTableEmpty(normalizeChars(cell.text))) return true;
  if (!range || !lastRange) return false;
  const starts = [...ranges.values()].map((r) => r.first).sort((a, b) => a - b);
  const ends = [...ranges.values()].map((r) => r.last).sort((a, b) => a - b);
  // After: up to the next table or the next table's title, at most 12 lines.
  for (let i = lastRange.last + 1; i < lines.length && i <= lastRange.last + 12; i++) {
    if (starts.includes(i)) break;
    const text = lines[i]!.text;
    if (titleId(text) && i !== lastRange.last + 1) break;
    if (saysTableEmpty(text)) return true;
  }
  // Before: back to the previous table, at most 8 lines; below the caption any note, above it only
  // a note naming the subject.
  const previousEnd = ends.filter((e) => e < range.first).at(-1) ?? -1;
  for (let i = range.first - 1; i > previousEnd && i >= range.first - 8; i--) {
    const text = lines[i]!.text;
    const belowCaption = captionAt !== undefined && i > captionAt;
    if (saysTableEmpty(text) && (belowCaption || (namesSubject?.(text) ?? false))) return true;
  }
  return false;
}

export default rule;

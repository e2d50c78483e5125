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
import type { Line } from '../../model/document.js';
import type { Figure } from '../../model/figure.js';
import { classifyTable, type DisclosureTableId } from '../../normalizers/disclosure.js';
import type { NormalizedDocument } from '../../normalizers/index.js';
import type { Mention } from '../../normalizers/statements.js';
import type { TableModel } from '../../normalizers/table-model.js';
import { normalizeChars, outlineMarker } from '../../normalizers/text.js';
import { show } from '../check.js';
import type { Rule, RuleContext } from '../engine.js';
import { tableName } from './table-sum-mismatch.js';

interface PlacedLine {
  page: number;
  line: Line;
  /** The line's text, normalized, markdown markers and list bullets dropped, trimmed. */
  text: string;
  /** Offset of `text` in the line (0-based). */
  offset: number;
}

type Place = { page: number; line: number; column: number; locator?: string };

/** Tables of amounts whose emptiness means something (not 绩效目标 or 自评 tables). */
const AMOUNT_TABLES = new Set<DisclosureTableId>(['summary', 'income', 'expense', 'fiscal-summary', 'fiscal-expense', 'fiscal-basic', 'general-expense', 'general-basic', 'fund', 'state-capital', 'sangong', 'running-cost', 'procurement']);

/**
 * What a topic table is about: words the narrative names it by (for a note `无…` and for the
 * amounts it states). The department's own tables (收支总表, 支出表 …) have no such subject: their
 * words (收入, 支出, 基本支出) are stated in the narrative for other funds and scopes too.
 */
const TOPICS: Partial<Record<DisclosureTableId, { note: RegExp; amount: RegExp; concepts: string[]; name: string }>> = {
  sangong: { note: /三公/, amount: /三公|因公出国[（(]境[)）]|公务接待费|公务用车(?:购置|运行)/, concepts: ['sangong'], name: '“三公”经费' },
  fund: { note: /政府性基金/, amount: /政府性基金/, concepts: ['income.fiscal.fund', 'expense.fiscal.fund'], name: '政府性基金' },
  'state-capital': { note: /国有资本经营/, amount: /国有资本经营/, concepts: [], name: '国有资本经营预算' },
  'running-cost': { note: /机关运行经费/, amount: /机关运行经费/, concepts: [], name: '机关运行经费' },
  procurement: { note: /政府采购/, amount: /政府采购/, concepts: [], name: '政府采购' },
};

/** A note next to a table saying it is empty, or why: `本表无数据`, `此表为空`, `本单位无…收入`. */
const EMPTY_NOTE = /(?:本|此|该)表(?:无数据|为空|空白)|无数据|空表|不涉及|(?:无|没有|未(?:安排|发生|使用|产生|编制|取得))(?!形)[^。；;]{0,40}?(?:收入|支出|安排|预算|经费|资金|采购|数据|事项|业务)/;
/** Words that deny a subject: `无“三公”经费支出`, `没有政府性基金预算拨款`. */
const DENIAL = String.raw`(?:无|没有|未(?:安排|发生|使用|产生|编制|取得)|不涉及)(?!形)`;

/** Markdown markers and list bullets before a line's text. */
const LEAD = /^[\s#>*+\-|]*(?:[-*+]\s+)?/;
/** Dot leaders and a page number after a 目录 entry: `……… 5`, `.....12`, ` 3`. */
const LEADER = /[\s.…·．。\-—_]*\d{0,4}\s*$/;
/** A line that is only a page number: `2`, `— 1 —`, `- 2 -`, `第 3 页`. */
const PAGE_NUMBER = /^(?:[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页)$/;
const TOC_HEAD = /^(?:目录|目次)$/;
/** A heading over a list of the tables: `部门预算公开表`, `2024年度部门决算表`, `公开表目录`. */
const LIST_HEAD = /(?:预算|决算)?(?:公开)?表(?:目录)?$/;

/** The canonical table a title line names, if the line is a table's title (ends in 表). */
export function titleId(text: string): DisclosureTableId | undefined {
  const bare = text.replace(LEADER, '').replace(/\s+/g, '');
  if (!/表(?:[（(][^（()）]{1,12}[)）])?$/.test(bare)) return undefined;
  return classifyTable(bare)?.id;
}

function placedLines(document: NormalizedDocument): PlacedLine[] {
  const lines: PlacedLine[] = [];
  for (const page of document.document.pages) {
    for (const line of page.lines) {
      const normalized = normalizeChars(line.text);
      const lead = LEAD.exec(normalized)?.[0].length ?? 0;
      const text = normalized.slice(lead).trim();
      lines.push({ page: page.number, line, text, offset: lead + (normalized.slice(lead).length - normalized.slice(lead).trimStart().length) });
    }
  }
  return lines;
}

const placeOf = (placed: PlacedLine): Place => ({ page: placed.page, line: placed.line.number, column: placed.offset + 1, ...(placed.line.locator ? { locator: placed.line.locator } : {}) });

/** Text of an entry with numbering, leaders and spaces dropped: how a 目录 entry and its section heading compare. */
function entryKey(text: string): string {
  const marker = outlineMarker(text)?.marker.length ?? 0;
  return text
    .slice(marker)
    .replace(LEADER, '')
    .replace(/\s+/g, '')
    .replace(/^(?:\d{1,2}[.、](?=(?:19|20)\d{2}))|^(?:公开|附)?表[0-9一二三四五六七八九十]+(?:[-－—]\d+)?[:：]?|^公开\d+表/, '');
}

function entryLike(placed: PlacedLine): boolean {
  const { text, line } = placed;
  if (line.kind === 'table-row' || line.kind === 'caption' || !text) return false;
  const compact = text.replace(/\s+/g, '');
  if (compact.length > 60 || /[。；;！？]/.test(compact)) return false;
  if (/[：:]/.test(compact) && !/^第[一二三四五六七八九十\d]+部分/.test(compact)) return false;
  return /[\u4e00-\u9fff]/.test(compact);
}

interface TocEntry {
  id: DisclosureTableId;
  title: string;
  at: Place;
}

interface Toc {
  /** Line indexes (into the placed lines) the 目录 blocks cover. */
  covered: Set<number>;
  entries: TocEntry[];
}

/**
 * The 目录: from a `目录` line (or a heading over a list of tables, `部门预算公开表`) through the
 * entry-like lines after it, up to a line that is no entry (a sentence, a table row, a caption), a
 * heading of the same level as a `# 目录` heading, a line followed by a table (a caption), or an
 * entry repeated (the first section's own heading). An entry wrapped over two lines (`…培训费支` +
 * `出预算表`) is joined. A list under a list heading counts only with three or more tables.
 */
function readToc(lines: PlacedLine[]): Toc {
  const covered = new Set<number>();
  const entries: TocEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (covered.has(i)) continue;
    const head = lines[i]!;
    const compact = head.text.replace(/\s+/g, '');
    const isToc = TOC_HEAD.test(compact);
    const isList = !isToc && compact.length <= 30 && LIST_HEAD.test(compact) && /(?:预算|决算|公开)/.test(compact) && !classifyTable(compact) && head.line.kind !== 'table-row';
    if (!isToc && !isList) continue;
    const block: number[] = [i];
    const found: TocEntry[] = [];
    const keys = new Set<string>();
    let j = i + 1;
    while (j < lines.length && j - i < 120) {
      const placed = lines[j]!;
      if (PAGE_NUMBER.test(placed.text) && placed.line.kind !== 'table-row') {
        block.push(j++);
        continue;
      }
      if (!entryLike(placed)) break;
      if (head.line.headingLevel !== undefined && placed.line.headingLevel !== undefined && placed.line.headingLevel <= head.line.headingLevel) break;
      // A caption: a table follows (after at most a `单位：万元` line).
      const next = lines[j + 1];
      const nextButOne = lines[j + 2];
      if (next?.line.kind === 'table-row' || (next && /单位/.test(next.text) && nextButOne?.line.kind === 'table-row')) break;
      // The entry, joined with a wrapped rest (`出预算表`): a short line that starts no item.
      let text = placed.text;
      let end = j;
      const rest = lines[j + 1];
      if (!titleId(text) && rest && entryLike(rest) && !outlineMarker(rest.text) && rest.text.replace(/\s+/g, '').length <= 12 && titleId(text + rest.text)) {
        text += rest.text;
        end = j + 1;
      }
      const key = entryKey(text);
      if (keys.has(key)) break;
      keys.add(key);
      const id = titleId(text);
      if (id) found.push({ id, title: entryKey(text), at: placeOf(placed) });
      for (let k = j; k <= end; k++) block.push(k);
      j = end + 1;
    }
    if (isList && found.length < 3) continue;
    for (const k of block) covered.add(k);
    entries.push(...found);
    i = j - 1;
  }
  return { covered, entries };
}

/** Ids of the tables the document prints a title of, outside the 目录 (one line, or two wrapped). */
function titlesOutside(lines: PlacedLine[], covered: Set<number>): Set<DisclosureTableId> {
  const ids = new Set<DisclosureTableId>();
  for (let i = 0; i < lines.length; i++) {
    if (covered.has(i)) continue;
    const text = lines[i]!.text;
    const one = titleId(text);
    if (one) ids.add(one);
    const next = lines[i + 1];
    if (next && !covered.has(i + 1) && text.length <= 40) {
      const two = titleId(text + next.text);
      if (two) ids.add(two);
    }
  }
  return ids;
}

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

/** The 预算 or 决算 side a narrative amount is on, when its own words say so. */
function stageOfMention(mention: Mention): 'budget' | 'actual' | undefined {
  if (mention.scope.basis === 'budget' || mention.scope.basis === 'adjusted') return 'budget';
  const words = mention.unit.text.slice(Math.max(mention.sentence.start, mention.start - 20), mention.start);
  if (/预算(?:数|安排)?[为是]?\s*$|年初预算/.test(words)) return 'budget';
  if (/决算(?:数)?[为是]?\s*$|实际(?:支出)?|执行数/.test(words)) return 'actual';
  return undefined;
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
  const lines = placedLines(document);
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
    const topic = TOPICS[id];

    // 3. The narrative states the subject's amount.
    if (topic) {
      const tableWords = model.roots.map(function words(node): string {
        return node.label + node.children.map(words).join('');
      }).join('');
      const hasBudgetColumns = /预算/.test(tableWords);
      const hasActualColumns = /决算|执行/.test(tableWords);
      const quoted = document.mentions.filter((mention) => {
        if (mention.figure.kind !== 'amount' || isZero(mention.figure) || mention.scope.period === 'previous' || mention.relationWord || mention.figure.cell) return false;
        if (!(topic.concepts.includes(mention.concept ?? '') || topic.amount.test(mention.label) || topic.amount.test(mention.conceptLabel ?? ''))) return false;
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
          data: { table: tableName(model), label: quotedLabel(first, topic.amount), value: show(first.figure) },
          evidence: quoted.slice(0, 5).map((mention) => ({ role: 'stated', figure: mention.figure })),
        });
        continue;
      }
    }

    // 2. A note near the table: between its caption and its rows, in its cells, or after it up to
    // the next table; before the caption only when it names the table's subject (the note after the
    // table above is that table's).
    if (noteNear(lines, group, range, lastRange, captionAt, ranges, topic?.note)) continue;
    // …or in the narrative: `本年度无“三公”经费财政拨款支出`, `政府性基金支出 0 万元`.
    if (topic) {
      const denial = new RegExp(`${DENIAL}[^。；;，,]{0,30}?(?:${topic.note.source})|(?:${topic.note.source})[^。；;]{0,30}?(?:为零|为空|无数据|空表|不涉及)`);
      if (narrative.some((s) => denial.test(s.text))) continue;
      const zero = document.mentions.some((mention) => mention.figure.kind === 'amount' && isZero(mention.figure) && mention.scope.period !== 'previous' && !mention.figure.cell && (topic.concepts.includes(mention.concept ?? '') || topic.note.test(mention.label)));
      if (zero) continue;
    }
    context.report({ messageId: 'emptyWithoutNote', at, data: { table: tableName(model) }, evidence: [] });
  }
}

/** What the text calls the amount: the concept's words (`“三公”经费支出`) when they name the subject, else the label. */
function quotedLabel(mention: Mention, subject: RegExp): string {
  const { label, conceptLabel } = mention;
  let words = label;
  if (conceptLabel && subject.test(conceptLabel) && label.includes(conceptLabel)) {
    const at = label.lastIndexOf(conceptLabel);
    // An opening quote before the words belongs to them: `“三公”经费`.
    words = label.slice(/[“"‘']/.test(label[at - 1] ?? '') ? at - 1 : at);
  }
  return words.replace(/^[，,、：:（(\s]+|其中[:：]?/g, '').trim();
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
  subject: RegExp | undefined,
): boolean {
  // Its own cells: `此表为空` printed in the table.
  for (const member of group) for (const cell of member.view.table.rows.flat()) if (EMPTY_NOTE.test(normalizeChars(cell.text))) return true;
  if (!range || !lastRange) return false;
  const starts = [...ranges.values()].map((r) => r.first).sort((a, b) => a - b);
  const ends = [...ranges.values()].map((r) => r.last).sort((a, b) => a - b);
  // After: up to the next table or the next table's title, at most 12 lines.
  for (let i = lastRange.last + 1; i < lines.length && i <= lastRange.last + 12; i++) {
    if (starts.includes(i)) break;
    const text = lines[i]!.text;
    if (titleId(text) && i !== lastRange.last + 1) break;
    if (EMPTY_NOTE.test(text)) return true;
  }
  // Before: back to the previous table, at most 8 lines; below the caption any note, above it only
  // a note naming the subject.
  const previousEnd = ends.filter((e) => e < range.first).at(-1) ?? -1;
  for (let i = range.first - 1; i > previousEnd && i >= range.first - 8; i--) {
    const text = lines[i]!.text;
    const belowCaption = captionAt !== undefined && i > captionAt;
    if (EMPTY_NOTE.test(text) && (belowCaption || (subject?.test(text) ?? false))) return true;
  }
  return false;
}

export default rule;

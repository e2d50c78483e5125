/**
 * The contents of a 部门决算 / 部门预算 disclosure as printed: its lines, its 目录 and the tables it
 * lists, the titles printed outside it, the topic tables' subjects and the notes that say a table is
 * empty. The table-missing rule compares these; it reads no words itself.
 */
import type { Document, Line } from '../model/document.js';
import { classifyTable, type DisclosureTableId } from './disclosure.js';
import { normalizeChars, outlineMarker } from './text.js';

export type Place = { page: number; line: number; column: number; locator?: string };

export const placeOf = (placed: PlacedLine): Place => ({
  page: placed.page,
  line: placed.line.number,
  column: placed.offset + 1,
  ...(placed.line.locator ? { locator: placed.line.locator } : {}),
});

export interface PlacedLine {
  page: number;
  line: Line;
  /** The line's text, normalized, markdown markers and list bullets dropped, trimmed. */
  text: string;
  /** Offset of `text` in the line (0-based). */
  offset: number;
}

/**
 * What a topic table is about: words the narrative names it by (for a note `无…` and for the
 * amounts it states). The department's own tables (收支总表, 支出表 …) have no such subject: their
 * words (收入, 支出, 基本支出) are stated in the narrative for other funds and scopes too.
 */
const TOPICS: Partial<Record<DisclosureTableId, TopicWords>> = {
  sangong: { note: /三公/, amount: /三公|因公出国[（(]境[)）]|公务接待费|公务用车(?:购置|运行)/, concepts: ['sangong'], name: '“三公”经费' },
  fund: { note: /政府性基金/, amount: /政府性基金/, concepts: ['income.fiscal.fund', 'expense.fiscal.fund'], name: '政府性基金' },
  'state-capital': { note: /国有资本经营/, amount: /国有资本经营/, concepts: [], name: '国有资本经营预算' },
  'running-cost': { note: /机关运行经费/, amount: /机关运行经费/, concepts: [], name: '机关运行经费' },
  procurement: { note: /政府采购/, amount: /政府采购/, concepts: [], name: '政府采购' },
};

/** A note next to a table saying it is empty, or why: `本表无数据`, `此表为空`, `本单位无…收入`. */
const EMPTY_NOTE =
  /(?:本|此|该)表(?:无数据|为空|空白)|无数据|空表|不涉及|(?:无|没有|未(?:安排|发生|使用|产生|编制|取得))(?!形)[^。；;]{0,40}?(?:收入|支出|安排|预算|经费|资金|采购|数据|事项|业务)/;
/** Words that deny a subject: `无“三公”经费支出`, `没有政府性基金预算拨款`. */
const DENIAL = String.raw`(?:无|没有|未(?:安排|发生|使用|产生|编制|取得)|不涉及)(?!形)`;

interface TopicWords {
  note: RegExp;
  amount: RegExp;
  concepts: string[];
  name: string;
}

export interface DisclosureTopic {
  /** The table's subject as a message names it. */
  name: string;
  /** Concepts whose figures are the subject's amounts. */
  concepts: string[];
  /** The text names the subject (`三公`): a note about it, or a figure's label. */
  names: (text: string) => boolean;
  /** A figure's label names one of the subject's amounts (`公务接待费`). */
  namesAmount: (text: string) => boolean;
  /** The sentence says the subject has nothing: `本年度无“三公”经费支出`, `政府性基金支出为零`. */
  deniedIn: (text: string) => boolean;
}

/** What a topic table (“三公”经费, 政府性基金 …) is about, or undefined for the department's own tables. */
export function disclosureTopic(id: DisclosureTableId): DisclosureTopic | undefined {
  const words = TOPICS[id];
  if (!words) return undefined;
  const denial = new RegExp(`${DENIAL}[^。；;，,]{0,30}?(?:${words.note.source})|(?:${words.note.source})[^。；;]{0,30}?(?:为零|为空|无数据|空表|不涉及)`);
  return {
    name: words.name,
    concepts: words.concepts,
    names: (text) => words.note.test(text),
    namesAmount: (text) => words.amount.test(text),
    deniedIn: (text) => denial.test(text),
  };
}

/** A note next to a table saying it is empty, or why: `本表无数据`, `此表为空`, `本单位无…收入`. */
export function saysTableEmpty(text: string): boolean {
  return EMPTY_NOTE.test(text);
}

/** `其中：“三公”经费支出` → `“三公”经费支出`: a quoted amount's words without list punctuation or part word. */
export function amountWords(words: string): string {
  return words.replace(/^[，,、：:（(\s]+|其中[:：]?/g, '').trim();
}

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

/** Every line of the document with its place and its text as 目录 and titles are compared. */
export function placedLines(document: Document): PlacedLine[] {
  const lines: PlacedLine[] = [];
  for (const page of document.pages) {
    for (const line of page.lines) {
      const normalized = normalizeChars(line.text);
      const lead = LEAD.exec(normalized)?.[0].length ?? 0;
      const text = normalized.slice(lead).trim();
      lines.push({ page: page.number, line, text, offset: lead + (normalized.slice(lead).length - normalized.slice(lead).trimStart().length) });
    }
  }
  return lines;
}

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

export interface TocEntry {
  id: DisclosureTableId;
  title: string;
  at: Place;
}

export interface Toc {
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
export function readToc(lines: PlacedLine[]): Toc {
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
export function titlesOutside(lines: PlacedLine[], covered: Set<number>): Set<DisclosureTableId> {
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

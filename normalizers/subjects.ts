/**
 * Subjects: what a figure is about. A fact is (subject, measure, scope, period); two figures are
 * the same quantity only when all four match. The subject comes from where the figure stands:
 *
 * - the numbered item it is under, when the item names a thing (`1、一般公共服务支出（类）人大事务
 *   （款）行政运行（项）` → 一般公共服务支出/人大事务/行政运行, `2.公务接待费` → 公务接待费), not a topic
 *   (`（一）收入情况`, `2.预算执行情况`: those speak of the department as a whole);
 * - the words before a measure in the figure's own clause (`公务接待费年初预算 14.9 万元`);
 * - for a table cell, its row label (see `rowSubject`).
 *
 * The empty path is the department itself.
 */
import { matchConcept } from './concepts.js';
import { outlineMarker, type TextUnit } from './text.js';

export interface Subject {
  /** Broadest first: ['一般公共服务支出', '人大事务', '行政运行']; [] is the department. */
  path: string[];
  source: 'department' | 'heading' | 'label' | 'row' | 'document';
}

export const DEPARTMENT: Subject = Object.freeze({ path: [], source: 'department' }) as Subject;

export function subjectKey(subject: Subject): string {
  return subject.path.join('/');
}

/** Words that make a heading a topic of the report, not an item it accounts for. */
const TOPIC = /情况|说明|分析|概况|概述|总体|整体|基本|目标|评价|结论|问题|建议|措施|做法|经验|成效|效益|结果|自评|绩效|管理|工作|依据|原则|方法|组织|过程|范围|对象|内容|总结|附件|附表|公开|报告|表$/;
/** Nouns an accounted-for item ends with: an expense line, a fund, a project. */
const ITEM_NOUN = /(?:费|经费|支出|资金|补助|补贴|项目|工程|专项|基金|购置)$/;
/** Function-class annotations: `一般公共服务支出（类）人大事务（款）行政运行（项）`. */
export const CLASS_MARK = /[（(]\s*[类款项]\s*[)）]/;
/** Qualifiers that say whose or when, not what: left out of a label's subject. */
const QUALIFIER = /^(?:[\s，,、：:；;“”"'‘’]|其中|此外|另外|全年|本年度?|当年|上年|年度|年初|年末|[0-9]{4}\s*年度?|本(?:单位|部门|局|级)|[我本全各][省市州县区旗镇乡村]|部门|单位|我[局委办院厅部]|全[局委办院厅部]|财政拨款|一般公共预算|政府性基金(?:预算)?|国有资本经营预算|共|合计|总计|累计|实际|用于|安排|下达|其(?!他)|的|为|是)+/;
/** After a heading's title: `：指…`, `：是…` — a glossary entry. */
const DEFINITION = /^\s*[：:]\s*(?:是指|指|是)/;
/** A line that is a part's title, without a marker: `2025年部门预算编制说明`, `一般公共预算支出情况`. */
const PART_TITLE = /^[^，。；：,;:！？!?]{2,30}(?:说明|情况|报告|目录)$/;
/** Names that are really the department's own totals or kinds of money, not items. */
const NOT_AN_ITEM = /^(?:[“”"']*三公[“”"']*经费|支出|收入|资金|总支出|总收入|财政资金|项目资金|部门整体支出|专项资金)$/;

/**
 * `“公务接待费”支出` → `公务接待费`, `差旅费用` → `差旅费`: quotes and spaces dropped, and the 支出 or 用
 * after a 费 or 金, so that wordings of one item meet. Class names keep their 支出 (`一般公共服务支出`).
 */
export function canonicalName(name: string): string {
  return name.replace(/[\s“”"'‘’《》]/g, '').replace(/(?<=[费金])(?:支出|用)$/, '');
}

/** The item a heading title names, or undefined for a topic heading. */
export function itemOfTitle(title: string): string[] | undefined {
  const text = title.trim();
  if (!text) return undefined;
  if (CLASS_MARK.test(text)) {
    const parts: string[] = [];
    for (const part of text.split(CLASS_MARK).map((each) => canonicalName(each.replace(/^[、，,：:]+|[、，,：:。]+$/g, '')))) {
      // `住房保障（类）支出`: the mark set inside the class name, whose 支出 is still part of it (as tables write it).
      if (part === '支出' && parts.length > 0) parts.push(`${parts.pop()!}支出`);
      else if (part.length > 0) parts.push(part);
    }
    return parts.length > 0 ? parts : undefined;
  }
  if (TOPIC.test(text) || text.length > 24 || !ITEM_NOUN.test(text.replace(/[“”"'\s]/g, ''))) return undefined;
  // A heading that is one of the department's own accounts (`二、财政拨款支出`, `（三）基本支出`) is a
  // section about the department, not an item of it; a function class (`一般公共服务支出`) is an item.
  const concept = matchConcept(text);
  if (concept && concept.entry.concept !== 'expense.function' && text.slice(concept.end).replace(/[”"’'\s]/g, '') === '') return undefined;
  const name = canonicalName(text);
  return NOT_AN_ITEM.test(name) || NOT_AN_ITEM.test(text) ? undefined : [name];
}

/**
 * The title of an outline item that opens a unit: from the marker to the first clause mark or
 * number (`2.公务接待费支出2.14万元，…` → `公务接待费支出`).
 */
function titleAfterMarker(text: string, marker: string): string {
  const rest = text.slice(text.indexOf(marker) + marker.length);
  // Keep （类）（款）（项） marks inside the title; any other bracket, clause mark or digit ends it.
  let end = 0;
  while (end < rest.length) {
    const char = rest[end]!;
    if (/[（(]/.test(char) && /^[（(]\s*[类款项]\s*[)）]/.test(rest.slice(end))) {
      end = rest.indexOf(/[)）]/.exec(rest.slice(end))![0], end) + 1;
      continue;
    }
    if (/[。；;：:，,（(\d]/.test(char)) break;
    end++;
  }
  return rest.slice(0, end);
}

/**
 * The heading subject of each paragraph unit: the nearest enclosing outline item that names an
 * item. Topic headings pass their parent's subject on, and a new heading of the same or a
 * higher rank closes the item.
 */
export function headingSubjects(units: TextUnit[]): Map<number, Subject> {
  const byUnit = new Map<number, Subject>();
  const stack: { rank: number; subject?: Subject }[] = [];
  for (const unit of units) {
    if (unit.kind === 'cell') continue;
    const text = unit.text.replace(/^[\s#]+/, '');
    const marker = outlineMarker(text, unit.scanned);
    if (marker) {
      while (stack.length && stack.at(-1)!.rank >= marker.rank) stack.pop();
      const title = titleAfterMarker(text, marker.marker);
      // `（八）机关运行经费：指…`: a glossary entry defines a word; it accounts for no item.
      const definition = DEFINITION.test(text.slice(text.indexOf(marker.marker) + marker.marker.length + title.length));
      const path = definition ? undefined : itemOfTitle(title);
      const parent = [...stack].reverse().find((entry) => entry.subject)?.subject;
      // An item under an item (款 under 类) extends its path; a topic under an item keeps the item.
      const subject: Subject | undefined = path ? { path: parent && !CLASS_MARK.test(text) ? [...parent.path, ...path] : path, source: 'heading' } : undefined;
      stack.push(subject ? { rank: marker.rank, subject } : { rank: marker.rank });
    } else if (unit.kind === 'heading' || PART_TITLE.test(text.trim())) {
      // A heading without a marker (a markdown `#` title, a part's title line `2025年部门预算编制说明`)
      // starts a new part of the report.
      stack.length = 0;
    }
    const current = [...stack].reverse().find((entry) => entry.subject)?.subject;
    if (current) byUnit.set(unit.id, current);
  }
  return byUnit;
}

/**
 * The item named in a label before its measure word: `公务接待费年初预算` → 公务接待费. `prefix` is
 * the label text before the concept (or the whole label when there is none).
 */
export function itemOfLabel(prefix: string): string[] | undefined {
  // `公务接待费 2016 年预算`: the name ends where a year or a budget-stage word begins.
  const cut = prefix.search(/[（(]?\s*(?:19|20)\d{2}\s*年|预算|决算|执行数|拨入/);
  const named = cut > 0 ? prefix.slice(0, cut) : prefix;
  const rest = named.replace(QUALIFIER, '').replace(/[，,：:、\s]+$/, '');
  // `一般公共服务支出（类）行政运行（项）`: each class mark closes one level of the path.
  if (CLASS_MARK.test(rest) && rest.length <= 40) {
    const parts = rest.split(CLASS_MARK).map((part) => canonicalName(part.replace(/^[、，,：:]+|[、，,：:。]+$/g, ''))).filter((part) => part.length > 0);
    return parts.length > 0 && parts.every((part) => /[\u4e00-\u9fff]{2}/.test(part) && !/\d|预算|决算|执行/.test(part)) ? parts : undefined;
  }
  // Digits, or a budget-stage word, mean the label still holds a date or a measure: no clean name.
  if (rest.length < 2 || !/[\u4e00-\u9fff]{2}/.test(rest) || rest.length > 24 || /\d|预算|决算|执行/.test(rest)) return undefined;
  if (!ITEM_NOUN.test(rest.replace(/[“”"'\s]/g, '')) || TOPIC.test(rest)) return undefined;
  const name = canonicalName(rest);
  return NOT_AN_ITEM.test(name) || NOT_AN_ITEM.test(rest) ? undefined : [name];
}

/** A document number cited in a clause: `呼财农指【2023】41号`, `财预〔2024〕5 号`. */
const DOCUMENT_NUMBER = /[\u4e00-\u9fff]{1,10}\s*[〔【\[［（(﹝]\s*(?:19|20)\d{2}\s*[〕】\]］）)﹞]\s*(?:第\s*)?\d{1,4}\s*号/g;

/** The last document a clause cites: the funding notice its amounts are allocated by. */
export function citedDocument(clause: string): string[] | undefined {
  const found = [...clause.matchAll(DOCUMENT_NUMBER)].at(-1);
  if (!found) return undefined;
  // The notice is its code, year and number (`财农指【2023】41号`): the issuer's name before the code
  // is written in full or not at all, and its brackets vary.
  const compact = found[0].replace(/\s+/g, '').replace(/[〔【\[［（(﹝]/, '〔').replace(/[〕】\]］）)﹞]/, '〕').replace('第', '');
  const bracket = compact.indexOf('〔');
  return [compact.slice(Math.max(0, bracket - 3))];
}

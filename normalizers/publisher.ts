/**
 * Who published a document and what kind of document it is, from everything it says about itself:
 * - `title`: the title lines before the table of contents (`中共上海市普陀区委社会工作部 2024 年度 部门决算`,
 *   `2017 年度江苏省高级人民法院部门预算公开`);
 * - `field`: a labelled field in the text, a table caption, a cover or a web page's byline
 *   (`部门：`, `编制部门：`, `预算主管部门：`, `单位名称：`, `部门名称：`, `发布机构：`, `来源：`);
 * - `text`: the document naming itself elsewhere — a part heading, an attachment line, a running
 *   header or footer (`第二部分 江苏省人民检察院 2017 年度部门预算表`, `附件：江苏省政协办公厅 2019 年度部门预算公开表`)
 *   or the opening statement of a 编制说明 (`2026年，上海市普陀区…街道办事处（本级）收入预算…`).
 * The folder path and the other documents of a run (`path`, `inferred`) are read where a run's
 * documents are seen together (pipeline/store/dataset.ts), from `publisherFromPath` here.
 */
import type { DocumentKind, DocumentLevel, Meta, PublisherSource, Region } from '../model/result.js';
import { departmentKey, departmentName, preferredDepartmentName } from './department-name.js';
import { DEPARTMENT_SUFFIX, YEAR_SOURCE, findDepartment } from './meta.js';
import type { TextUnit } from './text.js';

export interface Publisher {
  department?: string;
  departmentSource?: PublisherSource;
  region?: Region;
  regionSource?: PublisherSource;
  publisherNote?: string;
}

/** Built on first use: meta.ts, which this module's patterns are made from, imports this module too. */
let built: ReturnType<typeof buildPatterns> | undefined;
function patterns() {
  return (built ??= buildPatterns());
}

function buildPatterns() {
  // Publishers also end in these: 妇联, 残联, 科协, 党校, 中学, 幼儿园, 监狱, 区委办, 县政府办, 广播电视台,
  // 演艺集团, 林场, 团校, 植物园, and the companies some budgets are published for.
  const SUFFIX = `(?:${DEPARTMENT_SUFFIX}|联|科协|党校|中学|小学|幼儿园|监狱|委办|政府办|人大办|政协办|台|集团|公司|场|校|园)`;
  const ORG = `[\\u4e00-\\u9fff（）()]{2,40}?${SUFFIX}`;
  const IS_ORG = new RegExp(`^(?:[\\u4e00-\\u9fff（）()]{2,40}?)${SUFFIX}$`);
  /** What a budget disclosure calls itself after its publisher and year. */
  const DISCLOSURE_KIND = '(?:部门|单位|区级部门|省级部门)?(?:整体)?(?:预算|决算)';
  /** A title's publisher before its year (`江苏省委办公厅2017年度部门预算`) or after it (`2017年度江苏省高级人民法院部门预算公开`). */
  /** `（本级）` after a unit's name: `上海市普陀区财政局（本级）2024年度单位决算`. */
  const OWN_LEVEL = '(?:[（(]本级[)）])?';
  const TITLE_BEFORE_YEAR = new RegExp(`^(?:关于)?(${ORG})${OWN_LEVEL}(?:关于)?(?:${YEAR_SOURCE})年度?`);
  /** A title that states no year: `江苏省教育厅部门预算`, `上海市普陀区财政局关于部门决算的说明`. */
  const TITLE_WITHOUT_YEAR = new RegExp(`^(?:关于)?(${ORG})${OWN_LEVEL}(?:关于)?${DISCLOSURE_KIND}`);
  const TITLE_AFTER_YEAR = new RegExp(`^(?:关于)?(?:${YEAR_SOURCE})年度?(${ORG})${OWN_LEVEL}${DISCLOSURE_KIND}`);
  /** A self-evaluation's title: `梅州市梅县区医疗保障局2025年度部门整体支出绩效自评报告`. */
  const TITLE_SELF_EVALUATION = new RegExp(`^(?:关于)?(${ORG})(?:(?:${YEAR_SOURCE})年度?)?(?:部门|单位)?(?:整体)?(?:预算)?(?:支出)?绩效`);

  /**
   * Labels of the fields that name the publisher: the long ones anywhere (a title run into its
   * field: `…部门预算预算主管部门：…`), `部门`, `单位` and `来源` alone only where a label can start.
   */
  // Letter-spaced as covers print them (`部 门:`); the name may be letter-spaced too, and ends at a
  // tab, a digit or punctuation (what follows a space is cut off by NEXT_FIELD and LONGEST_ORG).
  const spaced = (labels: string[]) => labels.map((label) => [...label].map((char) => char.replace(/[()]/, '\\$&')).join('\\s*')).join('|');
  const LONG_LABELS = ['编制部门', '编制单位', '报送部门', '预算主管部门', '主管部门', '部门名称', '单位名称', '预算单位名称', '部门（单位）名称', '部门(单位)名称', '发布机构', '发布单位', '信息来源', '填报单位', '编报单位', '报送单位', '公开单位'];
  const SHORT_LABELS = ['预算单位', '预算部门', '来源', '部门', '单位'];
  const FIELD = new RegExp(`(?:${spaced(LONG_LABELS)}|(?:^|[^\\u4e00-\\u9fff])(?:${spaced(SHORT_LABELS)}))\\s*(?:[（(]\\s*(?:公章|盖章|章)\\s*[)）])?\\s*[:：]\\s*(?:[（(《〈]\\s*(?:公章|盖章|章)\\s*[)）》〉])?\\s*([\\u4e00-\\u9fff（）()][\\u4e00-\\u9fff（）() ]{1,60})`, 'g');
  /** Fields that run together when a converter dropped the line breaks: the name ends where one starts. */
  const NEXT_FIELD = /所属|下属|填报|联系|评价|单位数量|二级预算|市级预算|县级预算|区级预算|主管部门|目录|网站|发布|日期|时间/;
  /** The longest start of a run of text that is a name: `上海市普陀区商务委员会目录` → `上海市普陀区商务委员会`. */
  const LONGEST_ORG = new RegExp(`^[\\u4e00-\\u9fff（）()]{2,40}${SUFFIX}`);

  /** A part heading, attachment line, header or footer that names the document: `…部分 X 2017 年度部门预算表`. */
  const SELF_NAMED = new RegExp(`(?:^|[\\s:：，,。；;、]|部分)(${ORG})\\s*${OWN_LEVEL}\\s*(?:${YEAR_SOURCE})\\s*年度?\\s*${DISCLOSURE_KIND}`, 'g');
  /** The opening statement of a 编制说明: `2026年，X（本级）收入预算…`. */
  /** Jiangsu's table notes and totals: `本表反映江苏省高级人民法院 2017 年度总体收入预算情况`, `江苏省高级人民法院本年收入预算合计`. */
  const TABLE_NOTE = new RegExp(`(?:本表反映|^)\\s*(${ORG})\\s*${OWN_LEVEL}\\s*(?:(?:${YEAR_SOURCE})\\s*年度?\\s*(?:总体|部门)?|本年)(?:收入|支出|收支)(?:预算|决算)`);
  const OPENING_STATEMENT = new RegExp(`(?:${YEAR_SOURCE})\\s*年\\s*[，,]\\s*(${ORG})\\s*(?:[（(〈《]\\s*本级\\s*[)）〉》])?\\s*(?:收入|支出)(?:预算|决算)`);

  return { SUFFIX, ORG, OWN_LEVEL, IS_ORG, DISCLOSURE_KIND, TITLE_BEFORE_YEAR, TITLE_WITHOUT_YEAR, TABLE_NOTE, TITLE_AFTER_YEAR, TITLE_SELF_EVALUATION, FIELD, NEXT_FIELD, LONGEST_ORG, SELF_NAMED, OPENING_STATEMENT };
}

function clean(name: string): string {
  return departmentName(name.replace(/[（(]\s*(?:公章|盖章|章|本级)\s*[)）]/g, ''));
}

function isOrg(name: string): boolean {
  return name.length >= 4 && patterns().IS_ORG.test(name) && !/^(?:本|我|该|各|全)/.test(name);
}

/** The title lines: before the table of contents and the first numbered heading, at most six. */
export function titleLines(units: TextUnit[]): string {
  return titleLineList(units).join('').replace(/\s+/g, '');
}

/** A numbered heading: a section of the document, where its title lines end. */
const OUTLINE_HEADING = /^[\s#]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}\s*[.．、](?!\d)|第[一二三四五六七八九十]+(?:部分|章))/;

/** The title lines one by one; `typedOnly` leaves out lines read by OCR. */
function titleLineList(units: TextUnit[], options: { typedOnly?: boolean } = {}): string[] {
  const lines: string[] = [];
  let seen = 0;
  for (const unit of units) {
    if (unit.kind === 'cell' || (options.typedOnly && unit.scanned)) continue;
    if (++seen > 12) break;
    const text = unit.text.trim();
    if (!/[\u4e00-\u9fff]/.test(text)) continue;
    // A paragraph of prose is not a title line: it ends the title, or is passed over before one. A sentence
    // with an amount (`2022 年支出预算 3810.44 万元。`) is prose however short.
    if (text.length > 80 || /\d\s*(?:万元|亿元|元)|[。；]$/.test(text)) {
      if (lines.length > 0) break;
      continue;
    }
    if (lines.length >= 6 || OUTLINE_HEADING.test(text)) break;
    const contents = text.search(/目\s*录/);
    if (contents >= 0) {
      lines.push(text.slice(0, contents));
      break;
    }
    lines.push(text.replace(/^#+\s*/, ''));
  }
  return lines;
}

function fromTitle(title: string): string | undefined {
  for (const pattern of [patterns().TITLE_AFTER_YEAR, patterns().TITLE_SELF_EVALUATION, patterns().TITLE_BEFORE_YEAR, patterns().TITLE_WITHOUT_YEAR]) {
    const name = pattern.exec(title)?.[1];
    if (name && isOrg(clean(name))) return clean(name);
  }
  return undefined;
}

/**
 * A cover whose name stands on a line of its own, below or above the title (`2024年度部门决算` / `上海市普陀区财政局`).
 * Weaker than a field or the text: a line is a name only by how it ends, and an OCR'd cover's line may be a misread one
 * (`江苏省民 院` for 江苏省人民检察院).
 */
function fromCoverLine(lines: string[]): string | undefined {
  for (const line of lines) {
    const name = clean(line);
    if (name.length <= 40 && isOrg(name) && !/预算|决算|报告|公开|说明|目录/.test(name)) return name;
  }
  return undefined;
}

/** The name most often given, first seen first among equals. */
function mostNamed(names: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  let best: string | undefined;
  for (const [name, count] of counts) if (best === undefined || count > counts.get(best)!) best = name;
  return best;
}

function fromFields(units: TextUnit[]): string | undefined {
  const names: string[] = [];
  // Cells too: a spreadsheet export puts its `编制单位：…` caption in a merged cell above the table.
  for (const unit of units) {
    for (const match of unit.text.matchAll(patterns().FIELD)) {
      const name = patterns().LONGEST_ORG.exec(clean((match[1] ?? '').split(patterns().NEXT_FIELD)[0] ?? ''))?.[0];
      if (name && isOrg(name)) names.push(name);
    }
  }
  // Self-evaluation forms: `部门名称` cells and sealed fields, as meta.ts has always read them.
  return mostNamed(names) ?? findDepartment(units);
}

function fromText(units: TextUnit[]): string | undefined {
  const names: string[] = [];
  for (const unit of units) {
    if (unit.kind === 'cell') continue;
    const text = unit.text.replace(/\s+/g, ' ');
    for (const match of text.matchAll(patterns().SELF_NAMED)) {
      const name = clean(match[1] ?? '');
      if (isOrg(name)) names.push(name);
    }
    for (const pattern of [patterns().OPENING_STATEMENT, patterns().TABLE_NOTE]) {
      const named = pattern.exec(text)?.[1];
      if (named && isOrg(clean(named))) names.push(clean(named));
    }
  }
  return mostNamed(names);
}

/**
 * The department and region a document states. The region is the department's own when its name
 * carries a place (`中共江苏省委办公厅`), else the title's (`上海市普陀区2025年区级部门预算`), else the
 * first field or self-naming line that names one.
 */
export function findPublisher(units: TextUnit[], resolveRegion: (text: string) => Region | undefined): Publisher {
  const publisher: Publisher = {};
  const title = titleLines(units);
  const candidates: [string | undefined, PublisherSource][] = [
    [fromTitle(title), 'title'],
    [fromFields(units), 'field'],
    [fromText(units), 'text'],
    [fromCoverLine(titleLineList(units, { typedOnly: true })), 'title'],
  ];
  for (const [name, source] of candidates) {
    if (!name) continue;
    // The fullest spelling the document gives of the same department (`中共江苏省委办公厅` in a field, `江苏省委办公厅` in the title).
    const key = departmentKey(name);
    publisher.department = preferredDepartmentName(candidates.flatMap(([other]) => (other && departmentKey(other) === key ? [other] : [])));
    publisher.departmentSource = source;
    break;
  }
  const regionCandidates: [string | undefined, PublisherSource | undefined][] = [
    [publisher.department, publisher.departmentSource],
    [title, 'title'],
    ...candidates.filter(([name]) => name && name !== publisher.department),
  ];
  for (const [text, source] of regionCandidates) {
    const region = text ? resolveRegion(text) : undefined;
    if (region?.code && source) {
      publisher.region = region;
      publisher.regionSource = source;
      break;
    }
  }
  if (!publisher.department) publisher.publisherNote = '文件未写明发布部门（标题、部门字段、表头、页眉页脚均无部门名称）';
  else if (!publisher.region) publisher.publisherNote = `部门名称“${publisher.department}”不含地名，文件其他处也未写明地区`;
  return publisher;
}

/** A path's folders and file name, nearest first, as a title would read: `…/江苏省委办公厅/2017年部门预算.pdf`. */
export function publisherFromPath(path: string, resolveRegion: (text: string) => Region | undefined): Publisher {
  const parts = path.split(/[\\/]+/).filter(Boolean).reverse();
  const publisher: Publisher = {};
  for (const [index, part] of parts.entries()) {
    const text = (index === 0 ? part.replace(/\.[A-Za-z0-9]{1,5}$/, '') : part).replace(/[\s_-]+/g, '');
    const name = fromTitle(text) ?? (isOrg(clean(text)) ? clean(text) : undefined);
    if (name && !publisher.department) publisher.department = name;
    const region = resolveRegion(text);
    if (region?.code && !publisher.region) publisher.region = region;
  }
  if (publisher.department) publisher.departmentSource = 'path';
  if (publisher.region) publisher.regionSource = 'path';
  return publisher;
}

/** Kind and level from the title (first), then the tables' titles, then the wording of the whole text. */
export function findDocumentKind(units: TextUnit[], tableTitles: string[]): { kind: DocumentKind; level?: DocumentLevel } {
  const title = titleLines(units);
  // No title line: a converter may have run the title into the first paragraph (`附件 1 部门预算单位整体支出绩效自评报告部门名称：…`).
  // Only words that name a kind of document count there: a first sentence about a 预算 figure names none.
  const opening = title ? '' : openingWords(units);
  const byTitle = kindOf(title) ?? kindOf(laterTitleLine(units)) ?? (KIND_WORDS.test(opening) ? kindOf(opening) : undefined);
  if (byTitle) return byTitle;
  // A tables-only attachment: `收支预算总表`, `收入支出决算总表`; a 自评表 without a title line.
  const tables = tableTitles.join('\n');
  if (/自评表|自评结果/.test(tables)) return { kind: 'self-evaluation-table', ...levelOfSelfEvaluation(tables) };
  const budgetTables = (tables.match(/预算(?:总)?表/g) ?? []).length;
  const accountTables = (tables.match(/决算(?:总)?表/g) ?? []).length;
  if (budgetTables + accountTables > 0) return { kind: accountTables > budgetTables ? 'department-final-accounts' : 'department-budget', level: 'department' };
  // The wording: how the document most often names itself.
  let text = '';
  // Paragraphs only: a list of documents in a table (a catalogue, a source list) is not what the text is.
  for (const unit of units.slice(0, 400)) if (unit.kind !== 'cell') text += unit.text.replace(/\s+/g, '') + '\n';
  const counts: [RegExp, DocumentKind][] = [
    [/绩效自评报告|自评报告/g, 'self-evaluation-report'],
    [/部门预算/g, 'department-budget'],
    [/部门决算/g, 'department-final-accounts'],
    [/单位预算/g, 'unit-budget'],
    [/单位决算/g, 'unit-final-accounts'],
  ];
  let best: { kind: DocumentKind; count: number } | undefined;
  for (const [pattern, kind] of counts) {
    const count = (text.match(pattern) ?? []).length;
    if (count >= 2 && (!best || count > best.count)) best = { kind, count };
  }
  if (best) return { kind: best.kind, ...levelOf(best.kind, text) };
  return { kind: 'other' };
}

/** Words that name a kind of document (a title's), not a figure's stage. */
const KIND_WORDS = /自评|绩效评价|评价报告|(?:部门|单位)(?:预算|决算)/;

/**
 * When the first title block names no kind (a cover that says only `封面`, a cover of names), the first
 * short line of the opening pages that does: `…2022年度部门整体支出绩效自评报告` on the page after the cover.
 * A numbered heading (`一、部门预算安排情况`) is a section, never the document's title.
 */
function laterTitleLine(units: TextUnit[]): string {
  let seen = 0;
  for (const unit of units) {
    if (unit.kind === 'cell') continue;
    if (++seen > 30) break;
    const text = unit.text.trim().replace(/^#+\s*/, '');
    if (text.length > 80 || /\d\s*(?:万元|亿元|元)|[。；，,]/.test(text) || OUTLINE_HEADING.test(text)) continue;
    if (KIND_WORDS.test(text.replace(/\s+/g, ''))) return text.replace(/\s+/g, '');
  }
  return '';
}

/** The first words of the first paragraph, up to its first sentence end or 40 characters. */
function openingWords(units: TextUnit[]): string {
  const first = units.find((unit) => unit.kind !== 'cell' && /[\u4e00-\u9fff]/.test(unit.text));
  return (first?.text.replace(/\s+/g, '').split(/[。；;]/)[0] ?? '').slice(0, 40);
}

function kindOf(title: string): { kind: DocumentKind; level?: DocumentLevel } | undefined {
  if (!title) return undefined;
  if (/自评表|评价表/.test(title)) return { kind: 'self-evaluation-table', ...levelOfSelfEvaluation(title) };
  if (/自评|绩效评价|评价报告/.test(title)) return { kind: 'self-evaluation-report', ...levelOfSelfEvaluation(title) };
  if (/单位决算/.test(title)) return { kind: 'unit-final-accounts', level: 'unit' };
  if (/单位预算/.test(title)) return { kind: 'unit-budget', level: 'unit' };
  if (/决算/.test(title)) return { kind: 'department-final-accounts', level: 'department' };
  if (/预算/.test(title)) return { kind: 'department-budget', level: 'department' };
  return undefined;
}

function levelOfSelfEvaluation(text: string): { level?: DocumentLevel } {
  if (/部门整体|部门预算单位整体|部门绩效/.test(text)) return { level: 'department' };
  if (/项目/.test(text) && !/整体/.test(text)) return { level: 'project' };
  if (/单位整体/.test(text)) return { level: 'unit' };
  // `整体绩效自评报告`: a whole department's, as the form is issued to departments.
  if (/整体/.test(text)) return { level: 'department' };
  return {};
}

function levelOf(kind: DocumentKind, text: string): { level?: DocumentLevel } {
  if (kind.startsWith('department-')) return { level: 'department' };
  if (kind.startsWith('unit-')) return { level: 'unit' };
  return levelOfSelfEvaluation(text);
}

/** The publisher fields of Meta. */
export function publisherMeta(publisher: Publisher): Partial<Meta> {
  const meta: Partial<Meta> = {};
  if (publisher.department) meta.department = publisher.department;
  if (publisher.departmentSource) meta.departmentSource = publisher.departmentSource;
  if (publisher.region) meta.region = publisher.region;
  if (publisher.regionSource) meta.regionSource = publisher.regionSource;
  if (publisher.publisherNote) meta.publisherNote = publisher.publisherNote;
  return meta;
}

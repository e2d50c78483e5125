/**
 * Statements: figures read in their sentence. Each figure gets the label before it, the
 * concept that label names and a scope; `其中` lists and parenthesised lists become breakdowns
 * of the total before them. The rules read these; they never re-parse the text.
 */
import type { Figure, Period, Scope } from '../model/figure.js';
import type { DocumentKind } from '../model/result.js';
import { matchConcept } from './concepts.js';
import { citedDocument, CLASS_MARK, DEPARTMENT, headingSubjects, itemOfLabel, type Subject } from './subjects.js';
import { namesCollectiveRest, opensPartialList, saysEtc, scanWords, stageOfClass, withoutPartWord, type Stage, type WordClass } from './lexicon.js';
import { rateNamedBefore, type RateDefinition } from './rates.js';
import { BRACKETED_PERIOD_BEFORE, DEPARTMENT_SUFFIX } from './meta.js';
import { outlineMarker, type TextUnit, withoutItemNumber } from './text.js';

export interface Mention {
  figure: Figure;
  unit: TextUnit;
  /** Offsets of the figure in the unit text. */
  start: number;
  end: number;
  /** Text from the clause start (or the previous figure) up to the figure. */
  label: string;
  /**
   * How a message names the figure: the words before it back to the clause start, brackets kept
   * (`因公出国（境）费支出`), without the part word or item number that opens a list.
   */
  name: string;
  /** For a percent: the rate its words name (`预算执行率为`, `完成下达任务数的`), read once here for the rules. */
  rate?: RateDefinition;
  concept?: string;
  conceptLabel?: string;
  scope: Scope;
  /** The label says how this figure relates to another: `比上年`, `增加`, `占` … */
  relationWord?: string;
  sentence: Sentence;
  /** Scope is stated plainly (false when a sentence mixes budget and actual figures). */
  scopeClear: boolean;
  /** The figure belongs to another body (a subordinate unit, an insurance fund), not the department. */
  otherEntity: boolean;
  /** The wording states the figure's stage (`预算数`, `决算`, `执行数`, a concept that is one): a `其中` part keeps it. */
  basisStated?: boolean;
  /** What the figure is about: an item (heading, label) or the department (empty path). */
  subject: Subject;
}

export interface Sentence {
  unit: TextUnit;
  start: number;
  end: number;
  text: string;
  mentions: Mention[];
}

export interface Breakdown {
  total: Mention;
  /** Parts grouped by `按…，` dimensions; one group when the list has none. */
  groups: Mention[][];
  /** Share stated right after each part (`占 49.08%`), by part figure id. */
  shares: Map<number, Mention>;
  kind: 'qizhong' | 'parenthesis' | 'sources';
  /** The list says it names only some parts (`其中主要…`, `…等`): it never has to add up. */
  partial: boolean;
}

const SENTENCE_END = /[。！？!?]/g;
const CLAUSE_DELIMITER = /[，,；;：:、。（(）)]/;
// `负增长` before `增长`: a fall, as the lexicon reads it.
const DIFFERENCE_WORDS = /(负增长|增加|增长|减少|下降|降低|提高|上升|压减|降幅|增幅|减幅|超出)了?\s*(为|到|至|达)?\s*$/;
/** A change word anywhere around the concept: `增加基本支出 844.15 万元`, `基本支出增加人员经费 1408.29 万元`. */
const CHANGE_WORD = /增加|增长|减少|下降|降低|提高|上升|压减|减支|增支/;
/** A label naming a subordinate unit: its figures are not the department's own. */
const FUND_WORD = /基金|医疗保险|生育保险|养老保险|失业保险|工伤保险|医保/g;
/** A name whose head noun is an office: `局`, `中心`, `部门` … (`医保局`, `社会保险基金管理中心`). */
const OFFICE_HEAD = new RegExp(`(?:${DEPARTMENT_SUFFIX}|部门|单位|机构)$`);
/** Where the name that goes on after a fund word ends: a mark, a figure, a list word, or a word of the lexicon (`本年`, `收入`). */
const NAME_STOP = /[^\u4e00-\u9fff]|[和及与、]/;

const SUBORDINATE = /下属|所属|二级单位|中心|分局|事业单位|医院|学校/;

/**
 * Do the words name a social-insurance fund (`城乡居民医保基金`, `职工基本养老保险`) or a body of it, whose money is
 * not the department's? A fund word names the fund unless it only qualifies the name of an office, whose head noun
 * comes after it; that office is the department itself (`医保局`, `医保部门`) unless it is a subordinate kind
 * (`医保中心`, `社会保险基金管理中心`, `医保分局`).
 */
export function namesFundBody(words: string): boolean {
  for (const match of words.matchAll(FUND_WORD)) {
    const rest = words.slice(match.index + match[0].length);
    const stop = rest.search(NAME_STOP);
    const lexiconWord = scanWords(rest)[0]?.start ?? rest.length;
    const name = rest.slice(0, Math.min(stop < 0 ? rest.length : stop, lexiconWord));
    if (!OFFICE_HEAD.test(name) || SUBORDINATE.test(name)) return true;
  }
  return false;
}
/** `财政拨款支出中，`: the clause that makes the figures after it in its sentence 财政拨款 money. */
const FISCAL_CLAUSE = /财政拨款(?:支出|收入)?(?:总额)?中\s*[，,：:]/;

/** The last `；` or `;` in text[floor..at], or -1. */
function lastSemicolonWithin(text: string, floor: number, at: number): number {
  for (let i = Math.min(at, text.length - 1); i >= Math.max(0, floor); i--) if (text[i] === '；' || text[i] === ';') return i;
  return -1;
}

const SHARE_WORDS = /占(比|用)?[^，。；]{0,12}?(的)?(比重|比例)?(为|是|达)?\s*$/;

export function splitSentences(unit: TextUnit): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const match of unit.text.matchAll(SENTENCE_END)) {
    const end = match.index + 1;
    sentences.push({ unit, start, end, text: unit.text.slice(start, end), mentions: [] });
    start = end;
  }
  if (start < unit.text.length) sentences.push({ unit, start, end: unit.text.length, text: unit.text.slice(start), mentions: [] });
  return sentences;
}

/** The number of items before the first whose key is at least `key` (items sorted by key). */
function countBelow<T>(items: readonly T[], key: number, keyOf: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The label of a figure: text back to the previous figure or clause delimiter. */
/** A short note in brackets inside a name (`因公出国（境）费`, `教育支出（类）`): part of the name, not an aside. */
const NAME_NOTE = /[（(][\u4e00-\u9fff]{1,2}[)）]$/;

function labelBefore(text: string, from: number, to: number): string {
  let start = to;
  for (;;) {
    while (start > from && !CLAUSE_DELIMITER.test(text[start - 1]!)) start--;
    // Go on past a bracketed period (`江苏省人民检察院（2018年度）收入`): it dates the label, whose period it is.
    const period = BRACKETED_PERIOD_BEFORE.exec(text.slice(Math.max(from, start - 24), start));
    if (period && start - period[0].length > from) {
      start -= period[0].length;
      continue;
    }
    // Go on past a name's bracketed note when a name's characters stand on both sides of it.
    const note = NAME_NOTE.exec(text.slice(Math.max(from, start - 4), start));
    if (!note || start - note[0].length <= from || !/[\u4e00-\u9fff]/.test(text[start - note[0].length - 1]!) || !/[\u4e00-\u9fff]/.test(text[start] ?? '')) break;
    start -= note[0].length;
  }
  // An item's number (`2.设备购置`, `（3）培训费`) orders the list; it is no part of the name.
  return withoutItemNumber(text.slice(start, to).trim());
}

function optionalRate(rate: RateDefinition | undefined): { rate?: RateDefinition } {
  return rate ? { rate } : {};
}

/** The words before `at` back to the clause start, a bracketed note inside them kept (`因公出国（境）费`). */
function nameBefore(text: string, clauseFloor: number, at: number): string {
  let start = at;
  let depth = 0;
  while (start > clauseFloor) {
    const char = text[start - 1]!;
    if (char === '）' || char === ')') depth++;
    else if (char === '（' || char === '(') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && /[，,；;：:、。]/.test(char)) break;
    start--;
  }
  return withoutItemNumber(withoutPartWord(text.slice(start, at).trim()));
}

function periodOf(label: string, fiscalYear: number | undefined): Period {
  // `上年结转和结余` is this year's opening balance, carried over from last year: not a 上年 figure.
  const text = label.replace(/上年(?:度)?(?:财政拨款)?结[转余]/g, '');
  if (/上年|上一年|去年|同期|上年度/.test(text)) return 'previous';
  const year = /((?:19|20)\d{2})\s*年/.exec(text);
  if (year && fiscalYear && Number(year[1]) < fiscalYear) return 'previous';
  return 'current';
}

/**
 * The stage of a figure whose wording states none: what the document accounts for. A budget's figures are
 * budget figures (`基本支出 17123.19 万元` in a 部门预算 is the budget), whatever their neighbours say; every
 * other document's are outcomes.
 */
export function unstatedBasis(kind: DocumentKind | undefined): Stage {
  return kind === 'department-budget' || kind === 'unit-budget' ? 'budget' : 'actual';
}

/** The stage the clause before a figure states, by its last stage word (`一般公共预算` is funds, not a stage). */
function statedStage(label: string): Stage | undefined {
  let stage: Stage | undefined;
  for (const word of scanWords(label)) stage = stageOfClass(word.cls) ?? stage;
  return stage;
}

/**
 * Mentions of every figure of paragraph units, sentence by sentence. `basis` is the stage of a figure
 * whose wording states none (see `unstatedBasis`).
 */
export function readStatements(
  units: TextUnit[],
  figuresByUnit: Map<number, { figure: Figure; start: number; end: number }[]>,
  fiscalYear: number | undefined,
  basis: Stage = 'actual',
): { sentences: Sentence[]; mentions: Mention[]; breakdowns: Breakdown[] } {
  const sentences: Sentence[] = [];
  const mentions: Mention[] = [];
  const breakdowns: Breakdown[] = [];
  const headings = headingSubjects(units);
  for (const unit of units) {
    const figures = figuresByUnit.get(unit.id) ?? [];
    if (unit.kind === 'cell') continue;
    // Sentences without figures are kept too: words alone can contradict figures stated before.
    const unitSentences = splitSentences(unit);
    sentences.push(...unitSentences);
    if (figures.length === 0) continue;
    let previousEnd = 0;
    let sentenceIndex = 0;
    const fiscalClauseEnd = new Map<Sentence, number>();
    for (const found of figures) {
      // Figures come in reading order: the sentence of each is at or after the previous one's.
      while (sentenceIndex < unitSentences.length - 1 && unitSentences[sentenceIndex]!.end <= found.start) sentenceIndex++;
      const sentence = unitSentences[sentenceIndex]!;
      const from = Math.max(sentence.start, previousEnd);
      const label = labelBefore(unit.text, from, found.start);
      const wideLabel = unit.text.slice(Math.max(sentence.start, found.start - 40), found.start);
      // A classification line's name (`其他商品和服务支出（款）`) is its subject, not its measure: the concept is read after it.
      const named = label.length - afterClassMarks(label).length;
      const tailMatch = matchConcept(label.slice(named));
      const match = tailMatch && { ...tailMatch, start: tailMatch.start + named, end: tailMatch.end + named };
      const scope: Scope = { funds: 'all', period: periodOf(label, fiscalYear), basis };
      if (match?.entry.scope) Object.assign(scope, match.entry.scope);
      // In a budget, only wording decides that a figure is not budget (`2016 年预算执行数`, `上年决算数`).
      const stated = statedStage(label);
      if (basis !== 'actual' && stated) scope.basis = stated;
      if (match && /财政拨款|财政/.test(label.slice(0, match.end))) scope.funds = 'fiscal';
      if (!match && /财政拨款/.test(label)) scope.funds = 'fiscal';
      // `财政拨款支出中，基本支出 1198.79 万元`: the clause before names whose money it is.
      // The sentence's first such clause, found once per sentence (issue 27: a test per figure over the text before it was n²).
      if (!fiscalClauseEnd.has(sentence)) {
        const clause = FISCAL_CLAUSE.exec(unit.text.slice(sentence.start, sentence.end));
        fiscalClauseEnd.set(sentence, clause ? sentence.start + clause.index + clause[0].length : Infinity);
      }
      if (fiscalClauseEnd.get(sentence)! <= found.start) scope.funds = 'fiscal';
      // Figures of a subordinate unit or of an insurance fund are not the department's own.
      // Back to the sentence start or the last semicolon: `；` separates parallel subjects
      // (`…医疗保险总收入 A，总支出 B；…`), so a fund named before it is not this figure's owner.
      const ownerEnd = found.start - (match ? label.length - match.start : 0);
      // One backward scan for either semicolon, stopping at the nearer (two scans ran to the sentence start when one kind was absent).
      const ownerStart = Math.max(sentence.start, lastSemicolonWithin(unit.text, sentence.start, ownerEnd) + 1);
      const owner = unit.text.slice(ownerStart, ownerEnd);
      // A line of the functional classification (`机关事业单位基本养老保险缴费支出（项）`) is the department's own
      // spending: words of a subordinate or a fund inside its name (up to its last class mark) say neither.
      const ownerWords = afterClassMarks(owner);
      const labelWords = afterClassMarks(match ? label.slice(0, match.start) : label);
      const subordinate = SUBORDINATE.test(labelWords) || (Boolean(match) && namesFundBody(ownerWords));
      // `预算安排三公经费`, `三公经费预算拨入`: a budget word on either side of the concept (not 预算执行/决算).
      if (match && scope.basis === 'actual' && (/预算/.test(label.slice(0, match.start)) || /^[^决执实]*预算(?!执行)/.test(label.slice(match.end)))) scope.basis = 'budget';
      const mention: Mention = {
        figure: found.figure,
        unit,
        start: found.start,
        end: found.end,
        label,
        name: nameBefore(unit.text, sentence.start, found.start),
        // Every rate label is anchored at the figure and under 30 characters: the last 64 before it decide.
        ...(found.figure.kind === 'percent' ? optionalRate(rateNamedBefore(unit.text.slice(Math.max(sentence.start, found.start - 64), found.start))) : {}),
        scope,
        sentence,
        scopeClear: !subordinate,
        otherEntity: subordinate,
        basisStated: Boolean(stated ?? match?.entry.scope?.basis),
        subject: subjectOf(label, match?.start, match?.entry.concept === 'budget.initial' || match?.entry.concept === 'budget.adjusted', opensOwnSubject(unit, unitSentences, sentence, found.start, match?.entry.concept) ? undefined : headings.get(unit.id), sentence.mentions.at(-1), unit.text.slice(previousEnd, found.start), match?.entry.concept === 'allocation' ? unit.text.slice(ownerStart, found.start) : ''),
      };
      // An allocation is a quantity only with what allocates it (a notice) or what it is for (an item):
      // `中央下达 X，自治区下达 Y` are two sources' money, not one figure stated twice.
      if (match && (match.entry.concept !== 'allocation' || mention.subject.source === 'document' || mention.subject.source === 'label')) {
        mention.concept = match.entry.concept;
        mention.conceptLabel = label.slice(match.start, match.end);
      }
      const difference = DIFFERENCE_WORDS.exec(label);
      const share = SHARE_WORDS.exec(label);
      if (share && found.figure.kind === 'percent') mention.relationWord = '占';
      else if (difference) mention.relationWord = difference[1]!;
      else if (match && CHANGE_WORD.test(label.slice(0, match.start) + label.slice(match.end))) {
        // The concept names what changed, the figure is the change: `增加基本支出 844.15 万元`.
        mention.relationWord = CHANGE_WORD.exec(label.slice(0, match.start) + ' ' + label.slice(match.end))![0];
      }
      else if (/比[^，,。；;]*$/.test(wideLabel) && scope.period === 'previous') mention.relationWord = '比';
      // `比上年增加 2.02 万元`: the figure is a change, not a stock; it names no concept.
      if (mention.relationWord && mention.relationWord !== '比') delete mention.concept;
      sentence.mentions.push(mention);
      mentions.push(mention);
      previousEnd = found.end;
    }
    for (const sentence of unitSentences) applyDistributive(sentence, fiscalYear);
    markMixedBudgetSentences(unitSentences);
    breakdowns.push(...findBreakdowns(unit, unitSentences));
  }
  continueEnumeratedLists(units, sentences, breakdowns);
  inheritBreakdownScope(breakdowns);
  return { sentences, mentions, breakdowns };
}

/** Text after the last 类/款/项 mark: what a classification line's name leaves to be read. */
function afterClassMarks(text: string): string {
  const last = [...text.matchAll(new RegExp(CLASS_MARK.source, 'g'))].at(-1);
  return last ? text.slice(last.index + last[0].length) : text;
}

/** Words of the lexicon that say how a figure relates, never what it is about: a label of only these names no other thing. */
const RELATION_ONLY = new Set<WordClass>(['stage.budget', 'stage.adjusted', 'stage.actual', 'period.previous', 'period.current', 'compare', 'compare.close', 'change.up', 'change.down', 'change.flat', 'rate.up', 'rate.down', 'rate.signed', 'completion', 'completion.rate', 'filler', 'to', 'from']);

/** The department's own accounts: a sentence that opens with one speaks of the department, not of the item above it. */
const DEPARTMENT_WIDE = /^(?:income\.|expense\.(?:total|fiscal|basic|project)|carryover\.|sangong)/;
/** Words that turn from the item just listed to something else: `此外，基本支出预算数为…`. */
const TURN = /^\s*(?:此外|另外|同时|总体(?:来看|而言)?|总的来看)/;

/**
 * A sentence whose first figure is one of the department's own accounts (`此外，基本支出预算数为 17123.19
 * 万元`) names its own subject: it does not inherit the item heading it follows (`3．住房保障（类）支出`).
 * In the heading's own paragraph only a sentence that turns away (`此外`, `另外`) does; a `其中` part stays the item's.
 */
function opensOwnSubject(unit: TextUnit, sentences: Sentence[], sentence: Sentence, at: number, concept: string | undefined): boolean {
  if (!concept || !DEPARTMENT_WIDE.test(concept) || sentence.mentions.length > 0 || /其中/.test(unit.text.slice(sentence.start, at))) return false;
  const underHeading = Boolean(outlineMarker(unit.text.replace(/^[\s#]+/, ''), unit.scanned));
  return !underHeading || (sentence !== sentences[0] && TURN.test(sentence.text));
}

/** The label's own item first (`公务接待费年初预算`), else the item heading it stands under, else the department. */
function subjectOf(label: string, conceptStart: number | undefined, stageConcept: boolean, heading: Subject | undefined, previous: Mention | undefined, sincePrevious: string, allocatingClause: string): Subject {
  // `下达 A 项目资金`: what an allocation is for stands after its verb.
  // `教育支出（类）支出决算`: a classification line names its item up to its last class mark, concept or not.
  const classifiedName = label.slice(0, label.length - afterClassMarks(label).length);
  const classified = classifiedName ? itemOfLabel(classifiedName) : undefined;
  const named = classified ?? itemOfLabel(conceptStart === undefined ? label : label.slice(0, conceptStart)) ?? (allocatingClause && conceptStart !== undefined ? itemOfLabel(label.slice(conceptStart).replace(/^下达|^下拨/, '')) : undefined);
  if (named) return { path: named, source: 'label' };
  // `…41号文件…，下达资金 5 万元`: money a notice allocates is that notice's.
  const notice = citedDocument(allocatingClause);
  if (notice) return { path: notice, source: 'document' };
  // `公务接待费 2016 年预算 8 万元，2015 年预算 12.5 万元；`: a figure after a named one, up to the next
  // semicolon or sentence end, is about the same item when its label names nothing of its own (a year, a
  // stage word), not when it names another thing (`小型水库维修养护`) or a concept.
  // A stage alone (`年初预算 b` after `公务接待费支出决算 a`) names no other thing either.
  let ownWords = label.replace(/(?:19|20)\d{2}\s*年度?|上年|本年|当年|预算数?|决算数?|执行数|实际|安排|拨入|为|是|达|共|计|的|[\s，,：:、]/g, '');
  // `年初预算 b`, `比上年增加 d`, `完成年初预算 b 的` after `公务接待费支出决算 a`: relation words alone name no other thing.
  if (stageConcept || conceptStart === undefined) ownWords = scanWords(label).every((word) => RELATION_ONLY.has(word.cls)) && label.replace(/[\s，,：:、\d]/g, '').length === scanWords(label).reduce((n, word) => n + word.text.length, 0) ? '' : ownWords;
  if (previous?.subject.source === 'label' && (conceptStart === undefined || stageConcept) && ownWords === '' && !/[；;。]/.test(sincePrevious)) return previous.subject;
  return heading ?? DEPARTMENT;
}

/** `收、支总计分别为`, `一般公共预算支出和政府性基金支出分别为`, `收、支预算总计各增加`: names, then 分别/各. */
const DISTRIBUTIVE_NAMES = /((?:[^，,。；;：:、和及与]{1,20}[、和及与]){1,5}[^，,。；;：:、和及与]{1,20}?)(?:分别|各)(?:为|是|达到?|有|(增加|增长|减少|下降|降低|提高|上升))?/g;
const SHORT_NAMES: Record<string, string> = { 收: '收入', 支: '支出' };

/**
 * `A、B 分别为 X、Y`: the i-th figure is the i-th name's. `收、支总计` shares its tail: 收入总计、支出总计.
 * A change word (`各增加 C、D`) makes each figure a change of its name.
 */
function applyDistributive(sentence: Sentence, fiscalYear: number | undefined): void {
  const text = sentence.unit.text;
  for (const match of text.slice(sentence.start, sentence.end).matchAll(DISTRIBUTIVE_NAMES)) {
    // `2023 年收、支总计`: the year before the first name is not part of it.
    const names = match[1]!.split(/[、和及与]/).map((name) => name.replace(/^\s*(?:(?:19|20)\d{2}\s*年度?|本年度?|全年)\s*/, '').trim());
    const last = names.at(-1)!;
    // `收、支总计`: 收 and 支 stand for 收入 and 支出, and share the last name's tail (总计).
    const short = (name: string) => Boolean(SHORT_NAMES[name[0]!]) && !/^[收支][入出]/.test(name);
    const tail = short(last) ? last.slice(1) : '';
    const expanded = names.map((name) => (short(name) && (name.length === 1 || name === last) ? SHORT_NAMES[name[0]!]! + (name.length === 1 ? tail : name.slice(1)) : name));
    const after = sentence.start + match.index + match[0].length;
    const figures = sentence.mentions.filter((m) => m.start >= after);
    // The figures that follow, one per name, separated only by list marks: `X 万元、Y 万元`.
    const listed: Mention[] = [];
    for (const m of figures) {
      const gap = text.slice(listed.at(-1)?.end ?? after, m.start);
      if (listed.length > 0 && !/^\s*[、，,和及与]\s*$/.test(gap)) break;
      if (listed.length === 0 && gap.trim() !== '') break;
      listed.push(m);
      if (listed.length === names.length) break;
    }
    if (listed.length !== names.length || names.length < 2) continue;
    listed.forEach((mention, index) => {
      const name = expanded[index]!;
      if (match[2]) {
        mention.relationWord = match[2];
        delete mention.concept;
        return;
      }
      const concept = matchConcept(name);
      mention.label = name;
      mention.scope.period = periodOf(name, fiscalYear);
      if (concept) {
        mention.concept = concept.entry.concept;
        mention.conceptLabel = name.slice(concept.start, concept.end);
        if (concept.entry.scope) Object.assign(mention.scope, concept.entry.scope);
      } else delete mention.concept;
    });
  }
}

/**
 * A sentence that lists budget figures (年初预算, 调整预算数) and then income figures compares
 * budget with outcome; which basis its income figures are on is not stated plainly.
 */
function markMixedBudgetSentences(sentences: Sentence[]): void {
  for (const sentence of sentences) {
    let budgetSeen = false;
    for (const mention of sentence.mentions) {
      if (mention.scope.basis !== 'actual') budgetSeen = true;
      else if (budgetSeen && mention.concept?.startsWith('income.')) mention.scopeClear = false;
    }
  }
}

const STOP_CONCEPT = /\.total$|^carryover|^budget|^sangong/;

function isStock(mention: Mention): boolean {
  // A bound (`≥ 9431 人`) is a target, not an amount that adds up.
  return (mention.figure.kind === 'amount' || mention.figure.kind === 'count') && mention.scope.period === 'current' && !mention.relationWord && !mention.figure.comparator;
}

/** Offsets inside brackets opened after `from`: `28 万元（购置费 0 万元，运行费 28 万元）` nests a list of its own. */
function bracketDepths(text: string, from: number, to: number): (offset: number) => boolean {
  const inside: [number, number][] = [];
  const open: number[] = [];
  for (let i = from; i < to; i++) {
    const char = text[i];
    if (char === '（' || char === '(') open.push(i);
    else if ((char === '）' || char === ')') && open.length) {
      const start = open.pop()!;
      if (open.length === 0) inside.push([start, i]);
    }
  }
  if (open.length) inside.push([open[0]!, to]);
  return (offset) => inside.some(([a, b]) => offset > a && offset < b);
}

/** A stock of the given period: a current amount, or a previous year's (`2015 年预算 12.5 万元`) beside it. */
function isStockOf(mention: Mention, period: Period): boolean {
  return isStock({ ...mention, scope: { ...mention.scope, period: mention.scope.period === period ? 'current' : 'begin' } });
}

/**
 * Where an enumerated list that opens right after `其中` ends: `其中：1、… 。2、… 。` runs on through
 * the sentences that start with the next numbers (2、, 3、 or （2）, （3）…).
 */
const LIST_START = /[:：]?\s*(?:(\d{1,2})\s*[、.．]|[（(](\d{1,2})[)）])/y;

function enumeratedListEnd(text: string, from: number, sentences: Sentence[]): number | undefined {
  LIST_START.lastIndex = from;
  const first = LIST_START.exec(text);
  if (!first) return undefined;
  const bracketed = first[2] !== undefined;
  let next = Number(first[1] ?? first[2]) + 1;
  let end: number | undefined;
  for (const sentence of sentences.slice(countBelow(sentences, from + 1, (each) => each.start))) {
    const marker = new RegExp(bracketed ? `^\\s*[（(]${next}[)）]` : `^\\s*${next}\\s*[、.．](?!\\d)`);
    if (!marker.test(sentence.text)) {
      // Sentences inside an item (`…减少率 35.22%。原因是…。`) don't end the list; the next number
      // or the unit's end does.
      continue;
    }
    next++;
    end = sentence.end;
  }
  if (end === undefined) return undefined;
  // The last item runs to the end of its own sentence only.
  return end;
}

function findBreakdowns(unit: TextUnit, sentences: Sentence[]): Breakdown[] {
  const breakdowns: Breakdown[] = [];
  // Mentions, stocks and brackets in reading order, found by binary search: a long paragraph of many
  // `其中` lists costs n log n, not n².
  const all = sentences.flatMap((s) => s.mentions);
  const stocks = all.filter(isStock);
  const lastStockEndingBy = (at: number) => stocks[countBelow(stocks, at + 1, (m) => m.end) - 1];
  const within = (from: number, to: number) => all.slice(countBelow(all, from + 1, (m) => m.start), countBelow(all, to, (m) => m.start));
  const opens: number[] = [];
  const closes: number[] = [];
  for (let i = 0; i < unit.text.length; i++) {
    const char = unit.text[i];
    if (char === '（') opens.push(i);
    else if (char === '）') closes.push(i);
  }
  const lastBefore = (positions: number[], at: number) => positions[countBelow(positions, at + 1, (p) => p) - 1] ?? -1;
  // `其中` lists: the total is the last stock figure before `其中` (in this or the previous sentence).
  for (const match of unit.text.matchAll(/其中/g)) {
    const at = match.index;
    const total = lastStockEndingBy(at);
    if (!total) continue;
    const sentenceEnd = sentences[countBelow(sentences, at + 1, (s) => s.start) - 1]?.end ?? unit.text.length;
    const enumerated = enumeratedListEnd(unit.text, at + 2, sentences);
    const closing = lastBefore(opens, at) > lastBefore(closes, at) ? (closes[countBelow(closes, at, (p) => p)] ?? -1) : -1;
    let end = closing > at ? Math.min(closing, sentenceEnd) : Math.max(sentenceEnd, enumerated ?? 0);
    // The list ends where the next 其中 list's total begins, or where an explanation starts.
    const nextQizhong = unit.text.indexOf('其中', at + 2);
    if (nextQizhong > 0 && nextQizhong < end) {
      const candidate = lastStockEndingBy(nextQizhong);
      const nextTotal = candidate && candidate.start > at ? candidate : undefined;
      end = Math.min(end, nextTotal ? nextTotal.start : nextQizhong);
    }
    // In an enumerated list each item may give its reasons; elsewhere an explanation ends the list.
    const explanation = enumerated ? null : EXPLANATION.exec(unit.text.slice(at, end));
    if (explanation) end = at + explanation.index;
    const after = within(at, end);
    const nested = bracketDepths(unit.text, at, end);
    // A 总计 is 本年收入 plus the carry-over: there 上年结转 is one of the parts.
    const grandTotal = /总计/.test(total.label);
    // `2016 年预算 33 万元，2015 年预算 57.55 万元。其中：…2016 年预算 8 万元，2015 年预算 12.5 万元`: each
    // year's total has its own parts. A previous year's total is taken from the current total's sentence.
    const totals: Mention[] = [total];
    const previousTotal = total.sentence.mentions.filter((m) => m.end <= at && isStockOf(m, 'previous') && m.figure.kind === total.figure.kind).at(-1);
    if (previousTotal) totals.push(previousTotal);
    for (const listTotal of totals) {
      const period = listTotal.scope.period;
      const parts: Mention[] = [];
      for (const m of after) {
        // A part's own breakdown in brackets is not a part of the total.
        if (nested(m.start)) continue;
        // Another total (支出总额, 年初结转和结余) closes the list.
        if (m.concept && STOP_CONCEPT.test(m.concept) && !(grandTotal && m.concept.startsWith('carryover.begin'))) break;
        // `…，合计 1170.00 万`: the list's own total repeated, not a part.
        if (RESTATED_TOTAL.test(m.label)) continue;
        // A part of another stage than its total's (`决算 A。其中：公务接待费年度预算 b，决算 a`): the item's budget is no part of an outcome.
        const partStage = statedStage(m.label);
        const totalStage = statedStage(listTotal.label);
        if (partStage && totalStage && (partStage === 'actual') !== (totalStage === 'actual')) continue;
        const openingBalance = period === 'current' && grandTotal && m.scope.period === 'begin' && !m.relationWord && !m.figure.comparator;
        // A subordinate unit's list is that unit's: its parts are checked with it (at most as a note).
        if ((isStockOf(m, period) || openingBalance) && m.figure.kind === listTotal.figure.kind && m.figure.unit !== '' && (m.scopeClear || listTotal.otherEntity)) parts.push(m);
      }
      if (parts.length === 0) continue;
      const listText = unit.text.slice(at + 2, end);
      const partial = opensPartialList(listText) || namesCollectiveRest(listText) || parts.some((part) => saysEtc(unit.text.slice(part.end, part.end + 4)));
      breakdowns.push(makeBreakdown(unit, listTotal, parts, after, 'qizhong', partial));
    }
  }
  breakdowns.push(...sourceBreakdowns(unit, sentences));
  // `490.1 万人（职工医保 244.18 万人、居民医保 245.92 万人）`
  for (const match of unit.text.matchAll(/[（(]([^（）()]*)[)）]/g)) {
    const open = match.index;
    // The figure right before the bracket, with nothing but spaces between.
    const before = all[countBelow(all, open + 1, (m) => m.end) - 1];
    const total = before && isStock(before) && unit.text.slice(before.end, open).trim() === '' ? before : undefined;
    if (!total || /其中/.test(match[1] ?? '')) continue;
    const inner = within(open, open + match[0].length);
    const parts = inner.filter((m) => isStock(m) && m.figure.kind === total.figure.kind);
    if (parts.length >= 2) breakdowns.push(makeBreakdown(unit, total, parts, inner, 'parenthesis'));
  }
  return breakdowns;
}

/** An enumerated item's number at the start of a paragraph: `2.`, `2、`, `（2）`, `2）`, with its style. */
/** Words that begin an explanation: a `其中` list ends there (`主要是因为…`). */
const EXPLANATION = /主要(?:是)?(?:因为|原因|由于)|是因为|由于/;
/** Where an item paragraph's own parts end: a list of its own, an explanation, or what its money is for. */
const ITEM_PARTS_END = new RegExp(`其中|主要(?:是)?用于|${EXPLANATION.source}`);
/** `…，合计 1170.00 万`: a list's own total repeated, not a part. */
const RESTATED_TOTAL = /合计|总计|小计|共计/;
/** Items numbered inside a paragraph after the first (`；2.B b；3.C c`). */
const INLINE_ITEM = /[；;，,。]\s*(?:(\d{1,2})\s*[、.．](?!\d)|[（(](\d{1,2})[)）])/g;

/** An enumerated item's number at the start of a paragraph (`2.`, `2、`, `（2）`, `2）`), with its style (the outline rank). */
function itemNumber(text: string): { number: number; style: number } | undefined {
  const marker = outlineMarker(text);
  const digits = marker && marker.rank >= 2 ? /\d+/.exec(marker.marker) : null;
  return digits ? { number: Number(digits[0]), style: marker!.rank } : undefined;
}

/** The numbers of the items a paragraph goes on to number after its first. */
function inlineItemNumbers(text: string): number[] {
  return [...text.matchAll(INLINE_ITEM)].map((match) => Number(match[1] ?? match[2]));
}

/**
 * A `其中` list laid out one item per paragraph (`…资金 T 万元。其中：` / `1.A a 万元；` / `2.B b 万元；`…), as
 * PDF text and web pages give it when every item starts a line: the paragraphs that go on numbering the
 * list after the one where `其中` leaves it open (no sentence closed after it) are its parts, one each.
 */
function continueEnumeratedLists(units: TextUnit[], sentences: Sentence[], breakdowns: Breakdown[]): void {
  const mentionsOf = new Map<number, Mention[]>();
  for (const sentence of sentences) {
    for (const mention of sentence.mentions) {
      const list = mentionsOf.get(mention.unit.id);
      if (list) list.push(mention);
      else mentionsOf.set(mention.unit.id, [mention]);
    }
  }
  for (let index = 0; index < units.length; index++) {
    const unit = units[index]!;
    if (unit.kind !== 'paragraph') continue;
    const at = unit.text.lastIndexOf('其中');
    if (at < 0) continue;
    const rest = unit.text.slice(at + 2);
    // The list is open: nothing after 其中 but a colon, or its first numbered items, none closed by `。`.
    if (/[。！？!?]/.test(rest)) continue;
    const opened = itemNumber(rest.replace(/^\s*[:：]?/, ''));
    const own = mentionsOf.get(unit.id) ?? [];
    const total = own.filter((m) => m.end <= at && isStock(m)).at(-1);
    if (!total) continue;
    let expected = opened ? undefined : 1;
    let style = opened?.style;
    if (opened) {
      // The items already in this paragraph: the next one continues after the last of them.
      expected = Math.max(opened.number, ...inlineItemNumbers(rest)) + 1;
    }
    const added: Mention[] = [];
    let next = index + 1;
    for (; next < units.length; next++) {
      const item = units[next]!;
      if (item.kind !== 'paragraph') break;
      const number = itemNumber(item.text);
      if (!number || number.number !== expected || (style !== undefined && number.style !== style)) break;
      style = number.style;
      expected++;
      // Items of the paragraph after its first (`2.B b；3.C c。`), and the parts it names before any list
      // of its own or explanation, outside brackets.
      for (const number of inlineItemNumbers(item.text)) if (number === expected) expected++;
      const stop = item.text.search(ITEM_PARTS_END);
      const bracketed = bracketDepths(item.text, 0, item.text.length);
      for (const part of mentionsOf.get(item.id) ?? []) {
        if (stop >= 0 && part.start >= stop) break;
        if (bracketed(part.start) || !isStock(part) || part.figure.kind !== total.figure.kind || part.figure.unit === '' || !part.scopeClear) continue;
        if (part.concept && STOP_CONCEPT.test(part.concept)) continue;
        if (RESTATED_TOTAL.test(part.label)) continue;
        added.push(part);
      }
    }
    if (added.length === 0) continue;
    const lastItem = units[next - 1]!;
    const etc = added.some((part) => saysEtc(part.unit.text.slice(part.end, part.end + 4))) || namesCollectiveRest(lastItem.text);
    const existing = breakdowns.find((breakdown) => breakdown.kind === 'qizhong' && breakdown.total === total);
    if (existing) {
      existing.groups.at(-1)!.push(...added);
      existing.partial ||= etc;
    } else {
      breakdowns.push({ total, groups: [added], shares: new Map(), kind: 'qizhong', partial: opensPartialList(rest) || etc });
    }
    index = next - 1;
  }
}

/** Where money came from: `中央资金`, `省级配套`, `自筹资金`, `政府拨款`, `其他资金`, `银行贷款`. */
const SOURCE = /中央|省级|省财政|市级|县级|区级|本级|地方|自筹|拨款|配套|社会资金|社会投资|其他资金|银行|贷款|债券/;
/** A label that says it is a total: `共计`, `合计`, `总计`, `总投资`, `资金总额`. */
const TOTAL_WORD = /共计|合计|总计|总投资|总额|共投入|共安排|累计投入/;

/**
 * A total and its parts by source in one sentence, without `其中`: `实际利用共计 T 万元，…，政府拨款 A
 * 万元，…，自筹资金 B 万元`, or the parts first and `共计 T` after them. The parts need not be all the
 * sources, so only a sum above the total is certain.
 */
function sourceBreakdowns(unit: TextUnit, sentences: Sentence[]): Breakdown[] {
  const found: Breakdown[] = [];
  for (const sentence of sentences) {
    if (/其中/.test(sentence.text)) continue;
    const stocks = sentence.mentions.filter((m) => isStock(m) && m.figure.kind === 'amount');
    const total = stocks.find((m) => TOTAL_WORD.test(m.label) && !SOURCE.test(m.label));
    if (!total) continue;
    const nested = bracketDepths(unit.text, sentence.start, sentence.end);
    const parts = stocks.filter((m) => m !== total && SOURCE.test(m.label) && !TOTAL_WORD.test(m.label) && !nested(m.start) && m.scopeClear);
    const sources = new Set(parts.map((m) => SOURCE.exec(m.label)![0]));
    if (parts.length < 2 || sources.size < parts.length) continue;
    found.push(makeBreakdown(unit, total, parts, sentence.mentions, 'sources'));
  }
  return found;
}

function makeBreakdown(unit: TextUnit, total: Mention, parts: Mention[], window: Mention[], kind: Breakdown['kind'], partial = false): Breakdown {
  const groups: Mention[][] = [];
  let current: Mention[] = [];
  let lastEnd = total.end;
  for (const part of parts) {
    // `按资金来源，… ；按支出性质，…` starts a new dimension of the same total.
    if (current.length > 0 && /按[^，。；]{1,10}[，,:：]/.test(unit.text.slice(lastEnd, part.start))) {
      groups.push(current);
      current = [];
    }
    current.push(part);
    lastEnd = part.end;
  }
  if (current.length) groups.push(current);
  const shares = new Map<number, Mention>();
  // Window and parts are in reading order: one pass pairs each part with the mention after it, and
  // the part after it is the only one that could come between (issue 27: a search per part was n²).
  let after = 0;
  for (const [index, part] of parts.entries()) {
    while (after < window.length && window[after]!.start <= part.end) after++;
    const next = window[after];
    const following = parts[index + 1];
    if (next && next.relationWord === '占' && !(following && following.start > part.end && following.start < next.start)) shares.set(part.figure.id, next);
  }
  return { total, groups, shares, kind, partial };
}

/** Parts of a breakdown are of the total's funds scope (基本支出 of 财政拨款支出 is fiscal) and stage. */
function inheritBreakdownScope(breakdowns: Breakdown[]): void {
  for (const breakdown of breakdowns) {
    for (const group of breakdown.groups) {
      for (const part of group) {
        if (breakdown.total.scope.funds === 'fiscal') part.scope.funds = 'fiscal';
        // The parts of a subordinate unit's or a fund's total are that body's too.
        if (breakdown.total.otherEntity) {
          part.otherEntity = true;
          part.scopeClear = false;
        }
        // A part is of its total's stage unless its own wording says otherwise (`预算合计 X，其中：基本支出 Y`).
        if ((breakdown.total.scope.basis !== 'actual' && part.scope.basis === 'actual') || !part.basisStated) part.scope.basis = breakdown.total.scope.basis;
      }
    }
  }
}

/**
 * The clause grammar: text → typed tokens → clause readings → subject records → relations.
 *
 * Tokens do not depend on punctuation width, spaces, thousands separators or line wraps: figures
 * come from `findFigures`, words from the lexicon (which skips spaces inside a phrase), and every
 * other character is either a mark (clause, list, bracket) or part of a name.
 *
 * Each clause's figures get a role from the lexicon words before them in that clause alone
 * (`比上年减少 D` → a change; `上年 Y` → a previous value; `占…的 P` → a share), so the clauses of
 * one subject may come in any order, and an intervening clause (a share, a reason) breaks nothing.
 * A clause that names a subject starts a record for it; a clause that names none adds to the
 * current one. `A、B 分别为 x、y`, `各下降 p、q` align figures with subjects by position.
 * Relations are then read off each record: an operand joins a relation only when it belongs to the
 * record's subject with the period and stage the wording requires; otherwise the relation is kept
 * as undecidable, so no rule pairs the stated figure by nearness.
 */
import type { Figure } from '../model/figure.js';
import type { Operand, Relation } from '../model/relation.js';
import { directionOfClass, LEXICON, scanWords, SENTENCE_MARKS, stageOfClass, wordAt, type Direction, type Stage, type Word, type WordClass } from './lexicon.js';
import { BRACKETED_PERIOD, YEAR_SOURCE, yearValue } from './meta.js';
import { canonicalName } from './subjects.js';
import type { TextUnit } from './text.js';

export type Token =
  | { kind: 'figure'; figure: Figure; start: number; end: number }
  | { kind: 'word'; word: Word; start: number; end: number }
  | { kind: 'mark'; mark: 'clause' | 'sentence' | 'group' | 'list'; start: number; end: number }
  | { kind: 'text'; text: string; start: number; end: number };

/** A year (`2019 年度`, `二〇一九年`): a period word, and where a subject's name stops. */
const YEAR = new RegExp(`^(${YEAR_SOURCE})\\s*年度?`);
const OPEN = new Set(['（', '(', '[', '【']);
const CLOSE = new Set(['）', ')', ']', '】']);
const QUOTES = /[“”"'‘’《》]/g;

/**
 * Tokens of one unit. Bracketed asides (`（含上年结转 12 万元）`) are left out: they qualify a figure,
 * they are not clauses of the sentence. Years (`2023 年`) become period words relative to the fiscal year.
 */
export function tokenize(text: string, figures: { figure: Figure; start: number; end: number }[], fiscalYear?: number): Token[] {
  const tokens: Token[] = [];
  let figureIndex = 0;
  let depth = 0;
  let textStart = -1;
  const flushText = (at: number) => {
    if (textStart >= 0 && depth === 0) {
      const raw = text.slice(textStart, at).replace(/\s+/g, '');
      if (raw) tokens.push({ kind: 'text', text: raw, start: textStart, end: at });
    }
    textStart = -1;
  };
  for (let i = 0; i < text.length;) {
    const figure = figures[figureIndex];
    if (figure && figure.start <= i) {
      // `两项合计 T`, `以上 3 项共计 T`: a count of the parts just named, not a figure of the relation.
      const countsParts = figure.figure.kind === 'count' && wordAt(text, figure.end + (/^\s*/.exec(text.slice(figure.end))?.[0].length ?? 0))?.cls === 'total';
      // `12345热线运行经费`, `第3批资金`: a bare number glued to the words of a name is part of the name.
      const inName = figure.figure.kind === 'number' && /^[\u4e00-\u9fff]/.test(text.slice(figure.end, figure.end + 1));
      if (countsParts || inName) {
        if (textStart < 0) textStart = i;
        i = Math.max(i + 1, figure.end);
        figureIndex++;
        continue;
      }
      flushText(i);
      if (depth === 0) tokens.push({ kind: 'figure', figure: figure.figure, start: figure.start, end: figure.end });
      i = Math.max(i + 1, figure.end);
      figureIndex++;
      continue;
    }
    const char = text[i]!;
    const period = depth === 0 && OPEN.has(char) ? BRACKETED_PERIOD.exec(text.slice(i, i + 24)) : null;
    if (period) {
      // `江苏省人民检察院（2019年度）收入`: the bracketed year is the period, as unbracketed; the name stops before it.
      flushText(i);
      const end = i + period[0].length;
      tokens.push({ kind: 'word', word: { cls: periodOfYear(period.groups!.last!, fiscalYear), text: period[0], start: i, end }, start: i, end });
      while (figures[figureIndex] && figures[figureIndex]!.start < end) figureIndex++;
      i = end;
      continue;
    }
    if (OPEN.has(char)) {
      flushText(i);
      depth++;
      i++;
      continue;
    }
    if (CLOSE.has(char)) {
      flushText(i);
      depth = Math.max(0, depth - 1);
      i++;
      continue;
    }
    if (depth > 0) {
      i++;
      continue;
    }
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const mark = SENTENCE_MARKS.has(char)
      ? 'sentence'
      : char === '；' || char === ';'
        ? 'group'
        : char === '，' || char === ',' || char === '：' || char === ':'
          ? 'clause'
          : char === '、'
            ? 'list'
            : undefined;
    if (mark) {
      flushText(i);
      tokens.push({ kind: 'mark', mark, start: i, end: i + 1 });
      i++;
      continue;
    }
    const year = YEAR.exec(text.slice(i, i + 8));
    if (year && !/\d/.test(text[i - 1] ?? '')) {
      flushText(i);
      tokens.push({ kind: 'word', word: { cls: periodOfYear(year[1]!, fiscalYear), text: year[0], start: i, end: i + year[0].length }, start: i, end: i + year[0].length });
      i += year[0].length;
      continue;
    }
    const word = wordAt(text, i);
    if (word) {
      flushText(i);
      tokens.push({ kind: 'word', word, start: word.start, end: word.end });
      i = word.end;
      continue;
    }
    if (textStart < 0) textStart = i;
    i++;
  }
  flushText(text.length);
  return tokens;
}

/** A year as a period word: before the fiscal year it is the previous period. */
function periodOfYear(year: string, fiscalYear: number | undefined): WordClass {
  return fiscalYear !== undefined && yearValue(year) < fiscalYear ? 'period.previous' : 'period.current';
}

/** What one figure is in its clause. */
export interface Reading {
  figure: Figure;
  role: 'value' | 'change' | 'rate' | 'share' | 'completion' | 'difference';
  period: 'current' | 'previous';
  stage?: Stage;
  direction?: Direction;
  /** A signed rate noun (变动率): the sign is the figure's. */
  signed?: boolean;
  /** A change stated against a stage (`比年初预算增加 D`), not against the previous year. */
  againstStage?: Stage;
  /** The figure a compare word names (`比年初预算 Y`): what the change after it is measured from. */
  reference?: boolean;
  /** `合计 T`, `总额 T`: a total. */
  total?: boolean;
  /** For a share: the whole's name as written. For a completion: the base's stage. */
  whole?: string;
  base?: Stage;
  word: string;
}

interface Clause {
  tokens: Token[];
  /** Names of the subjects the clause opens with (several when a list precedes 分别/各). */
  names: string[];
  distributive: boolean;
  readings: Reading[];
  /** Ends its sentence (or group): records do not continue past a group end without a name. */
  end: 'clause' | 'sentence' | 'group';
  /** The clause opens with `其中`, `包括`: what follows are parts of the total before. */
  partList: boolean;
  /** Text that explains (主要原因…): its figures are not read. */
  explanation: boolean;
}

/** Classes that end a clause's opening name: everything that says how a figure relates. */
const NAME_ENDERS = new Set<WordClass>([
  'stage.budget',
  'stage.adjusted',
  'stage.actual',
  'period.previous',
  'period.current',
  'compare',
  'compare.close',
  'change.up',
  'change.down',
  'change.flat',
  'from',
  'to',
  'rate.up',
  'rate.down',
  'rate.signed',
  'share',
  'completion',
  'completion.rate',
  'distributive',
  'exceeds',
  'falls-short',
  'reason',
]);
/** Qualifiers before a name that are not part of it. */
const NAME_PREFIX = /^(?:其中|包括|包含|此外|另外|全年|全部|本单位|本部门|我局|我单位|部门|共计|合计|总计|累计|小计|共)+/;
/** Names that only point back at the figures before them (`以上合计`, `两项合计`, `二者合计`): no subject of their own. */
const BACK_REFERENCE = new RegExp(`^(?:以上|上述|前述|[两二三四五六七八九十\\d]+项|[二两三]者)+(?:${LEXICON.total.join('|')})?$`);

function wordsOf(tokens: Token[]): Word[] {
  return tokens.filter((t): t is Extract<Token, { kind: 'word' }> => t.kind === 'word').map((t) => t.word);
}

function has(words: Word[], ...classes: WordClass[]): Word | undefined {
  return words.find((w) => classes.includes(w.cls));
}

function lastOf(words: Word[], ...classes: WordClass[]): Word | undefined {
  return [...words].reverse().find((w) => classes.includes(w.cls));
}

/** The text of tokens, names and words alike, without marks. */
function textOf(tokens: Token[]): string {
  return tokens.map((t) => (t.kind === 'text' ? t.text : t.kind === 'word' ? t.word.text : '')).join('');
}

/** `与` compares only when `相比`/`对比` closes it in the clause; elsewhere (`体育与传媒`) it is a name's. */
function resolveCompare(tokens: Token[]): Token[] {
  const closes = tokens.some((t) => t.kind === 'word' && t.word.cls === 'compare.close');
  return tokens.map((t) => (t.kind === 'word' && t.word.text === '与' && !closes ? { kind: 'text', text: '与', start: t.start, end: t.end } : t));
}

/** Split a clause's opening names: `A、B` by the list mark; else `A和B` when the figures ask for two. */
function splitNames(tokens: Token[], wanted: number): string[] {
  const names: string[] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.kind === 'mark' && token.mark === 'list') {
      names.push(textOf(current));
      current = [];
    } else current.push(token);
  }
  names.push(textOf(current));
  let cleaned = names.map(cleanName).filter((n) => n !== '');
  if (cleaned.length === 1 && wanted > 1) {
    // `社会保障和就业支出`, `文化旅游体育与传媒支出`: a 和 inside a name is not a list mark; one after a name's noun is.
    const split = cleaned[0]!.split(/(?<=(?:支出|收入|费|经费|资金|项目|补助|补贴))[和及与]/).filter((n) => n !== '');
    if (split.length === wanted) cleaned = split;
  }
  // `收、支总计`: 收 and 支 share the last name's tail.
  if (cleaned.length > 1 && cleaned.every((n, i) => (i < cleaned.length - 1 ? n.length === 1 : true)) && /^[收支]/.test(cleaned.at(-1)!)) {
    const tail = cleaned.at(-1)!.slice(1);
    const full = (short: string): string => (short === '收' ? '收入' : short === '支' ? '支出' : short);
    cleaned = cleaned.map((n, i) => `${i < cleaned.length - 1 ? full(n) : full(n.charAt(0))}${tail}`);
  }
  return cleaned;
}

function cleanName(name: string): string {
  const cleaned = name
    .replace(QUOTES, '')
    .replace(NAME_PREFIX, '')
    .replace(/(?:的|为|是|达到?|约|有|了)+$/, '')
    .trim();
  // `在W中`: a frame naming what the figure is measured in, not the subject.
  // A preposition alone (`按同口径同比减少`) opens no subject either.
  return BACK_REFERENCE.test(cleaned) || /^在.+中$/.test(cleaned) || /^(?:按|对|经|就)$/.test(cleaned) ? '' : cleaned;
}

/** Reads each figure of a clause from the words before it in that clause. */
function readClause(tokens: Token[]): Clause {
  const resolved = resolveCompare(tokens);
  const readings: Reading[] = [];
  let since: Token[] = [];
  const clauseWords = wordsOf(resolved);
  const explanation = Boolean(has(clauseWords, 'reason'));
  for (const token of resolved) {
    if (token.kind !== 'figure') {
      since.push(token);
      continue;
    }
    const words = wordsOf(since);
    const previous = readings.at(-1);
    // `各减少 412.30、455.91 万元`: a figure after only a list mark is read as the one before it.
    const listed =
      previous &&
      since.length > 0 &&
      since.every((t) => (t.kind === 'mark' && t.mark === 'list') || (t.kind === 'text' && /^[和及与]$/.test(t.text)) || (t.kind === 'word' && t.word.cls === 'filler')) &&
      // A list has its mark: `B 的 P` (filler only) is another figure's reading.
      since.some((t) => t.kind !== 'word');
    const reading = listed ? { ...previous, figure: token.figure } : readFigure(token.figure, words, textOf(since), previous);
    if (reading) readings.push(reading);
    since = [];
  }
  // The opening name: tokens before the first relation word or figure. A frame `在W中` before it is no name.
  const opening: Token[] = [];
  const frameEnd =
    resolved[0]?.kind === 'text' && resolved[0].text.startsWith('在') ? resolved.findIndex((t) => t.kind === 'figure' || (t.kind === 'text' && t.text.endsWith('中'))) : -1;
  const afterFrame = frameEnd >= 0 && resolved[frameEnd]!.kind === 'text' ? resolved.slice(frameEnd + 1) : resolved;
  for (const token of afterFrame) {
    if (token.kind === 'figure') break;
    if (token.kind === 'word' && NAME_ENDERS.has(token.word.cls)) {
      // Leading qualifiers (本年, 2024 年) may stand before the name, and before each name of a list (`本年收入、本年支出`).
      const listItemStart = opening.length === 0 || (opening.at(-1)!.kind === 'mark' && (opening.at(-1) as { mark: string }).mark === 'list');
      if (listItemStart && (token.word.cls === 'period.current' || token.word.cls === 'period.previous')) continue;
      break;
    }
    if (token.kind === 'word' && token.word.cls === 'part' && opening.length === 0) continue;
    opening.push(token);
  }
  const distributive = Boolean(has(clauseWords, 'distributive'));
  const valueCount = Math.max(1, readings.filter((r) => r.role === 'value').length);
  const names = splitNames(opening, distributive ? valueCount : 1);
  const partList = resolved[0]?.kind === 'word' && resolved[0].word.cls === 'part';
  return { tokens: resolved, names, distributive, readings, end: 'clause', partList, explanation };
}

const STAGE_WORD: Record<Stage, string> = { budget: '预算', adjusted: '调整预算', actual: '决算' };

/** One figure's reading from the words between it and the figure (or clause start) before it. */
function readFigure(figure: Figure, words: Word[], text: string, previous: Reading | undefined): Reading | undefined {
  if (figure.comparator) return undefined;
  const stageWord = lastOf(words, 'stage.budget', 'stage.adjusted', 'stage.actual');
  const stage = stageWord ? stageOfClass(stageWord.cls) : undefined;
  const previousPeriod = Boolean(has(words, 'period.previous'));
  const change = lastOf(words, 'change.up', 'change.down');
  const toWord = lastOf(words, 'to');
  const word = (w: Word | undefined) => w?.text ?? '';
  if (figure.kind === 'percent') {
    const share = has(words, 'share');
    if (share) {
      // `在W中所占比例为 P`: the whole stands in the frame before the share word.
      const frame = /在(.+?)中/.exec(text.slice(0, text.indexOf(share.text)));
      const after = frame?.[1] ?? text.slice(text.indexOf(share.text) + share.text.length);
      // `占W的比重分别为`: the whole is W, whatever of 的, 比重, 分别/各 and 为 follows it.
      const whole = after.replace(/(?:的)?(?:比重|比例)?(?:分别|各)?(?:为|是|达到?)?$/, '').replace(/的$/, '');
      return { figure, role: 'share', period: 'current', whole: whole.replace(QUOTES, ''), word: share.text };
    }
    const rateWord = lastOf(words, 'rate.up', 'rate.down', 'rate.signed');
    const completionRate = has(words, 'completion.rate');
    const completion = has(words, 'completion');
    if (completionRate || completion || (stage && /的(?:为|是)?$/.test(text) && !change && !rateWord)) {
      return { figure, role: 'completion', period: 'current', ...(stage ? { base: stage } : {}), word: (completionRate ?? completion)?.text ?? `${stageWord!.text}的` };
    }
    // `为年初预算 B 的 P`: a percent of the figure just named, its stage the base.
    if (!rateWord && !change && previous?.role === 'value' && previous.stage && previous.period === 'current' && /^的(?:为|是)?$/.test(text)) {
      return { figure, role: 'completion', period: 'current', base: previous.stage, word: `${STAGE_WORD[previous.stage]}的` };
    }
    if (rateWord) {
      const direction = directionOfClass(rateWord.cls);
      return { figure, role: 'rate', period: 'current', ...(direction ? { direction } : { signed: true }), word: rateWord.text };
    }
    if (change) return { figure, role: 'rate', period: 'current', direction: directionOfClass(change.cls)!, word: change.text };
    return undefined;
  }
  if (figure.kind !== 'amount' && figure.kind !== 'count') return undefined;
  const exceeds = lastOf(words, 'exceeds', 'falls-short');
  if (exceeds) {
    // `决算数大于年初预算数 D`: the stage after the word is the base.
    const after = words.slice(words.indexOf(exceeds) + 1);
    const baseWord = lastOf(after, 'stage.budget', 'stage.adjusted', 'stage.actual');
    if (baseWord)
      return { figure, role: 'difference', period: 'current', direction: directionOfClass(exceeds.cls)!, againstStage: stageOfClass(baseWord.cls)!, word: exceeds.text };
  }
  if (toWord && (toWord.text.length > 1 || change)) {
    const direction = directionOfClass(toWord.cls, toWord.text) ?? (change ? directionOfClass(change.cls) : undefined);
    return { figure, role: 'value', period: 'current', ...(stage ? { stage } : {}), ...(direction ? { direction } : {}), word: toWord.text };
  }
  if (has(words, 'from')) return { figure, role: 'value', period: 'previous', ...(stage ? { stage } : {}), word: word(has(words, 'from')) };
  if (change) {
    const compare = has(words, 'compare');
    // `比年初预算增加 D`: against a stage of the same year; `比上年增加 D`: against the previous year;
    // `比年初预算 Y 增加 D`: against the stage the reference before it names.
    const named = compare && !previousPeriod && stage && words.indexOf(stageWord!) < words.indexOf(change) ? stage : undefined;
    const against = named ?? (previous?.reference && previous.period === 'current' ? previous.stage : undefined);
    return { figure, role: 'change', period: 'current', direction: directionOfClass(change.cls)!, ...(against ? { againstStage: against } : {}), word: change.text };
  }
  const compare = has(words, 'compare');
  // `比年初预算 Y`: a reference of the same year at another stage; `比上年 Y`, `比 Y`: the previous year's.
  if (compare && stage && !previousPeriod) return { figure, role: 'value', period: 'current', stage, reference: true, word: compare.text };
  if (previousPeriod || compare) {
    return {
      figure,
      role: 'value',
      period: 'previous',
      ...(stage ? { stage } : {}),
      ...(compare ? { reference: true } : {}),
      word: word(has(words, 'period.previous', 'compare')),
    };
  }
  const total = has(words, 'total');
  return { figure, role: 'value', period: 'current', ...(stage ? { stage } : {}), ...(total ? { total: true } : {}), word: word(total) };
}

/** One subject's readings across the clauses that speak of it. */
export interface SubjectRecord {
  name: string;
  readings: Reading[];
  /** Sentence index in the unit where it was opened. */
  sentence: number;
  unit: TextUnit;
}

export interface GrammarReading {
  records: SubjectRecord[];
  /** Totals with their parts: `A x，B y，合计 T`. */
  sums: { total: Reading; parts: { record: SubjectRecord; reading: Reading }[]; word: string }[];
}

/** Splits a unit's tokens into clauses and reads subject records off them. */
export function readUnit(unit: TextUnit, tokens: Token[]): GrammarReading {
  const clauses: Clause[] = [];
  let current: Token[] = [];
  const close = (end: Clause['end']) => {
    if (current.length) {
      const clause = readClause(current);
      clause.end = end;
      clauses.push(clause);
    } else if (clauses.length && end !== 'clause') clauses.at(-1)!.end = end;
    current = [];
  };
  tokens.forEach((token, i) => {
    if (token.kind === 'mark' && token.mark !== 'list') close(token.mark);
    // `A x、B y`: a list mark between one name's figure and another name with its figure parts clauses as a comma does.
    else if (token.kind === 'mark' && current.some((t) => t.kind === 'figure') && namesNextFigure(tokens, i + 1)) close('clause');
    else current.push(token);
  });
  close('sentence');

  const records: SubjectRecord[] = [];
  const sums: GrammarReading['sums'] = [];
  let active: SubjectRecord[] = [];
  let sentence = 0;
  let sentenceRecords: SubjectRecord[] = [];
  let explaining = false;
  // `各增加 D，增长 P`: 各 and 分别 reach to the end of their sentence.
  let distributing = false;
  for (const clause of clauses) {
    if (clause.explanation) explaining = true;
    // `T，其中 A x，B y，合计 T`: what stands before 其中 is the total, not one of the parts the 合计 adds.
    if (clause.partList) sentenceRecords = [];
    if (!explaining) {
      const named = clause.names.length > 0 && clause.readings.length > 0;
      // `上年收入 Y，本年收入 X`: a clause naming the subject already open goes on with it.
      // `项目预算资金 B，到位资金 A，资金到位率 P`: a bare measure noun names no subject of its own either.
      const same =
        named && clause.names.length === 1 && active.length === 1 && active[0]!.name !== '' && (sameSubject(active[0]!.name, clause.names[0]!) || bareMeasure(clause.names[0]!));
      if (named && !same) {
        // `与上年决算数 Y 相比，S X，增长 P`: a comparison stated first, with no subject yet, is the subject's that follows.
        const frame =
          active.length === 1 &&
          active[0]!.name === '' &&
          active[0]!.sentence === sentence &&
          active[0]!.readings.every((r) => r.role === 'value' && r.reference && r.period === 'previous');
        const framed = frame && clause.names.length === 1 ? active[0]!.readings : [];
        if (framed.length > 0) records.splice(records.indexOf(active[0]!), 1);
        active = clause.names.map((name) => ({ name, readings: [...framed], sentence, unit }));
        records.push(...active);
        sentenceRecords.push(...active);
      }
      // `A x，B y，分别比上年增加 d、e`: an unnamed 分别/各 clause speaks of each subject its sentence has named, in order.
      const named_ = sentenceRecords.filter((record) => record.name !== '');
      if (!named && clause.distributive && active.length === 1 && named_.length > 1 && named_.at(-1) === active[0]) active = named_;
      const totalReading = clause.readings.find((r) => r.total && r.role === 'value');
      if (!named && totalReading && clause.readings.length === 1) {
        // `…，合计 T`: the records of this sentence before it, one value each, are its parts.
        const parts = sentenceRecords.flatMap((record) => {
          const values = record.readings.filter((r) => r.role === 'value' && r.period === 'current' && !r.total);
          return values.length === 1 && values[0]!.figure.kind === totalReading.figure.kind ? [{ record, reading: values[0]! }] : [];
        });
        if (parts.length >= 2 && parts.length === sentenceRecords.length) sums.push({ total: totalReading, parts, word: totalReading.word });
        active = [];
      } else if (active.length === 1) active[0]!.readings.push(...clause.readings);
      else if (active.length > 1 && (clause.distributive || distributing)) distribute(active, clause.readings);
      else if (active.length === 0 && clause.readings.length > 0) {
        // An unnamed subject: still one record, checked only against itself.
        active = [{ name: '', readings: [...clause.readings], sentence, unit }];
        records.push(...active);
        sentenceRecords.push(...active);
      }
    }
    if (clause.distributive) distributing = true;
    if (clause.end !== 'clause') {
      explaining = false;
      distributing = false;
      // `A x；B y；总计 T`: parts may stand in `；` groups of one sentence.
      if (clause.end === 'sentence') {
        sentence++;
        sentenceRecords = [];
      }
      // A new sentence may go on about the same subject; a `；` group or a sentence that names its own starts anew.
      if (clause.end === 'group') active = active.length === 1 && active[0]!.name === '' ? [] : active;
    }
  }
  return { records, sums };
}

/** Do the tokens from `from` name a subject (a name, no relation word) before their first figure? */
function namesNextFigure(tokens: Token[], from: number): boolean {
  let named = false;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'figure') return named;
    if (token.kind === 'mark') return false;
    if (token.kind === 'word' && NAME_ENDERS.has(token.word.cls)) return false;
    if (token.kind === 'text' && !/^[和及与]$/.test(token.text)) named = true;
  }
  return false;
}

/** `分别为 x、y`, `各下降 p、q`: the i-th figure of each role is the i-th subject's; one figure is each's. */
function distribute(records: SubjectRecord[], readings: Reading[]): void {
  const byRole = new Map<string, Reading[]>();
  for (const reading of readings) {
    const key = `${reading.role}:${reading.period}`;
    const list = byRole.get(key);
    if (list) list.push(reading);
    else byRole.set(key, [reading]);
  }
  for (const list of byRole.values()) {
    if (list.length === records.length) list.forEach((reading, i) => records[i]!.readings.push(reading));
    else if (list.length === 1) for (const record of records) record.readings.push(list[0]!);
  }
}

/** A name's key in the fact index: department totals by concept, items by canonical name. */
export function nameKey(name: string): string {
  const bare = canonicalName(name.replace(QUOTES, ''))
    .replace(/^(?:本年度?|全年|当年|上年度?|(?:19|20)\d{2}年度?)/, '')
    .replace(/(?:年初|调整后?|全年)?(?:预算|决算|执行)数?$/, '');
  const total = /^(?:部门整体|本年|全年|本单位|本部门|单位|部门)?(?:总)?(收入|支出)(?:总额|合计|总计|总预算|总数|预算总额|决算总额)?$/.exec(bare);
  if (total && (/^总|总|合计|总计/.test(bare) || bare.length > 2)) return total[1] === '收入' ? 'income.total' : 'expense.total';
  return bare.replace(/(?:总额|合计|总计)$/, '');
}

/**
 * Does a later clause's name restate the open subject? The same key, or the bare measure of a total
 * (`本单位总收入 X，上年收入 Y`: 收入 with a period word is the total's other year).
 */
function sameSubject(open: string, later: string): boolean {
  const key = nameKey(open);
  return key === nameKey(later) || (later === '收入' && key === 'income.total') || (later === '支出' && key === 'expense.total');
}

/** A name made only of measure nouns that name no total (资金, 经费, 到位资金; not 收入 or 支出, which are subjects). */
function bareMeasure(name: string): boolean {
  const words = scanWords(name);
  return words.length > 0 && words.every((w) => w.cls === 'measure' && w.text !== '收入' && w.text !== '支出') && words.map((w) => w.text).join('') === name;
}

/** The stage a name states (`支出总预算` → budget), if any. */
export function stageOfName(name: string): Stage | undefined {
  for (const cls of ['stage.adjusted', 'stage.budget', 'stage.actual'] as const) {
    if (LEXICON[cls].some((phrase) => name.includes(phrase))) return stageOfClass(cls);
  }
  return undefined;
}

export type { Operand, Relation };

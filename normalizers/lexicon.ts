/**
 * The lexicon: every word class the clause grammar reads, defined once. A class is a list of
 * phrases; the scanner takes the longest phrase at each place, so `一般公共预算` (funds) is never
 * read as the stage word `预算`, and `上年结转` (an opening balance) never as the period `上年`.
 *
 * Each class has a test table of phrases it accepts and rejects (test/lexicon.test.ts).
 */

export type WordClass =
  /** Budget stages: 年初预算, 调整预算, 决算/执行数. */
  | 'stage.budget'
  | 'stage.adjusted'
  | 'stage.actual'
  /** Periods: 上年/去年 (previous), 本年/今年 (current), 年初, 年末. */
  | 'period.previous'
  | 'period.current'
  /** Comparison with a reference: 比, 较, 与…相比, 同比. */
  | 'compare'
  /** The closing word of `与 Y 相比`. */
  | 'compare.close'
  | 'change.up'
  | 'change.down'
  /** No change: 持平, 无变化. */
  | 'change.flat'
  /** `由 Y` / `从 Y`: the earlier figure of a change. */
  | 'from'
  /** `增加到 X`, `增至 X`: the later figure. */
  | 'to'
  /** Rate nouns that carry their direction: 增幅, 降幅, 增长率, 下降比例; 变动率 is signed. */
  | 'rate.up'
  | 'rate.down'
  | 'rate.signed'
  | 'share'
  /** `完成…的`, `为…的`, `执行率`, `完成率`: an outcome over what it was measured against. */
  | 'completion'
  | 'completion.rate'
  | 'total'
  | 'part'
  | 'distributive'
  /** `大于`, `超出` / `小于`, `低于`: a stage compared with another by a difference. */
  | 'exceeds'
  | 'falls-short'
  /** Funds that contain the word 预算 but are not a stage. */
  | 'funds'
  /** The measure nouns a subject is named with: 支出, 收入, 经费, 资金. */
  | 'measure'
  /** Copulas and fillers that carry no meaning for the relation: 为, 是, 达到, 共. */
  | 'filler'
  /** Words that begin an explanation: what follows is not a figure of the relation. */
  | 'reason';

export const LEXICON: Record<WordClass, readonly string[]> = {
  'stage.budget': ['年初预算数', '年初预算', '预算数', '预算安排', '年度预算', '全年预算', '预算', '计划数', '预算金额'],
  'stage.adjusted': ['调整后预算数', '调整后预算', '调整预算数', '调整预算', '预算调整数'],
  'stage.actual': ['决算数', '支出决算', '决算', '执行数', '执行', '实际支出', '实际执行', '实际完成', '实际', '完成数', '完成额', '支出数'],
  'period.previous': ['上年度', '上年', '上一年度', '上一年', '去年', '上年同期', '同期', '前一年'],
  'period.current': ['本年度', '本年', '当年', '今年', '本期'],
  compare: ['比', '较', '与', '同比', '同口径比', '同口径', '相比于', '相较于'],
  'compare.close': ['相比', '对比', '比较'],
  'change.up': ['增加', '增长', '上升', '提高', '增收', '增支', '多支出', '上涨', '超支'],
  'change.down': ['减少', '下降', '降低', '压减', '减收', '减支', '节约', '缩减', '回落', '下滑', '负增长'],
  'change.flat': ['持平', '无变化', '没有变化', '基本持平'],
  from: ['由', '从'],
  to: ['增加到', '增长到', '提高到', '上升到', '增至', '升至', '减少到', '下降到', '降低到', '压减到', '降至', '减至', '到', '至'],
  'rate.up': ['增幅', '增长率', '增长幅度', '上升幅度', '增长比例', '增加比例', '增速'],
  'rate.down': ['降幅', '下降率', '下降幅度', '下降比例', '减少比例', '减幅', '降低比例'],
  'rate.signed': ['变动率', '变化率', '增减率', '增减幅度', '增减比例', '变动幅度'],
  share: ['占比', '占', '所占比例', '比重', '所占比重'],
  completion: ['完成'],
  'completion.rate': ['预算执行率', '执行率', '预算完成率', '完成率', '支付率', '到位率'],
  total: ['合计', '共计', '总计', '累计', '小计', '总额', '总数', '共'],
  part: ['其中', '包括', '包含', '含'],
  distributive: ['分别', '各'],
  exceeds: ['大于', '超出', '高于', '多于', '超过'],
  'falls-short': ['小于', '低于', '少于', '不足'],
  funds: ['一般公共预算', '政府性基金预算', '国有资本经营预算', '社会保险基金预算', '上年结转', '上年结余', '年初结转', '年初结余'],
  measure: ['支出', '收入', '经费', '资金', '金额', '拨款', '到位资金', '到位数'],
  filler: ['的', '为', '是', '达到', '达', '有', '了', '约', '共', '计', '万元', '元'],
  reason: ['主要原因', '主要是', '原因是', '主要用于', '用于', '因为', '由于', '是因为'],
};

export interface Word {
  cls: WordClass;
  text: string;
  start: number;
  end: number;
}

/** Phrases longest first, each with its class; a phrase in two classes keeps the first listed. */
const PHRASES: { text: string; cls: WordClass }[] = (() => {
  const seen = new Set<string>();
  const list: { text: string; cls: WordClass }[] = [];
  for (const [cls, phrases] of Object.entries(LEXICON) as [WordClass, readonly string[]][]) {
    for (const text of phrases) {
      if (seen.has(text)) continue;
      seen.add(text);
      list.push({ text, cls });
    }
  }
  return list.sort((a, b) => b.text.length - a.text.length);
})();

const BY_FIRST_CHAR = new Map<string, { text: string; cls: WordClass }[]>();
for (const phrase of PHRASES) {
  const list = BY_FIRST_CHAR.get(phrase.text[0]!);
  if (list) list.push(phrase);
  else BY_FIRST_CHAR.set(phrase.text[0]!, [phrase]);
}

/** The longest lexicon phrase starting at `at`, spaces inside it allowed (PDF text spaces words). */
export function wordAt(text: string, at: number): Word | undefined {
  const candidates = BY_FIRST_CHAR.get(text[at]!);
  if (!candidates) return undefined;
  for (const phrase of candidates) {
    let i = at;
    let j = 0;
    while (j < phrase.text.length && i < text.length) {
      if (text[i] === phrase.text[j]) {
        i++;
        j++;
      } else if (j > 0 && /\s/.test(text[i]!)) i++;
      else break;
    }
    if (j === phrase.text.length) return { cls: phrase.cls, text: phrase.text, start: at, end: i };
  }
  return undefined;
}

/** Every lexicon word in `text`, longest match first, left to right. */
export function scanWords(text: string): Word[] {
  const words: Word[] = [];
  for (let i = 0; i < text.length;) {
    const word = wordAt(text, i);
    if (word) {
      words.push(word);
      i = word.end;
    } else i++;
  }
  return words;
}

/** The classes a phrase reads as, in order (for the lexicon's test tables). */
export function classesOf(text: string): WordClass[] {
  return scanWords(text).map((word) => word.cls);
}

export type Direction = 'up' | 'down';

export function directionOfClass(cls: WordClass, text = ''): Direction | undefined {
  if (cls === 'to') return /^(?:减|下降|降|压减)/.test(text) ? 'down' : /^(?:增|提高|上升|升)/.test(text) ? 'up' : undefined;
  if (cls === 'change.up' || cls === 'rate.up' || cls === 'exceeds') return 'up';
  if (cls === 'change.down' || cls === 'rate.down' || cls === 'falls-short') return 'down';
  return undefined;
}

export type Stage = 'budget' | 'adjusted' | 'actual';

export function stageOfClass(cls: WordClass): Stage | undefined {
  if (cls === 'stage.budget') return 'budget';
  if (cls === 'stage.adjusted') return 'adjusted';
  if (cls === 'stage.actual') return 'actual';
  return undefined;
}

/** Clause and list punctuation, either width. */
export const CLAUSE_MARKS = new Set(['，', ',', '；', ';', '：', ':', '。', '！', '？', '!', '?']);
export const SENTENCE_MARKS = new Set(['。', '！', '？', '!', '?']);
export const GROUP_MARKS = new Set(['；', ';']);
export const LIST_MARKS = new Set(['、', '和', '及', '与']);

/** Does `text` hold a word of one of these classes? */
export function hasWord(text: string, ...classes: WordClass[]): boolean {
  return scanWords(text).some((word) => classes.includes(word.cls));
}

/** The direction the first change, rate, to or exceeds word of `text` names: `增加` up, `降幅` down, `比` none. */
export function directionOfWords(text: string): Direction | undefined {
  for (const word of scanWords(text)) {
    const direction = directionOfClass(word.cls, word.text);
    if (direction) return direction;
  }
  return undefined;
}

/**
 * The stage a figure's label names, adjusted budgets counted as budget: an outcome word anywhere
 * makes it an outcome (`预算执行数`, `支出决算`), else a budget word; funds (`一般公共预算`) are no stage.
 */
export function stageOfLabel(label: string): 'actual' | 'budget' | undefined {
  const stages = scanWords(label).map((word) => stageOfClass(word.cls));
  if (stages.includes('actual')) return 'actual';
  if (stages.includes('budget') || stages.includes('adjusted')) return 'budget';
  return undefined;
}

/** `各增加`, `各 下降`: one change said of each of several figures (`分别` lists one change per figure instead). */
export function eachChange(text: string): boolean {
  const words = scanWords(text);
  return words.some(
    (word, i) =>
      word.cls === 'distributive' &&
      word.text === '各' &&
      (words[i + 1]?.cls === 'change.up' || words[i + 1]?.cls === 'change.down') &&
      /^\s*$/.test(text.slice(word.end, words[i + 1]!.start)),
  );
}

/** `其中：基本支出` → `基本支出`: a name without the part word that opens its list. */
export function withoutPartWord(name: string): string {
  const word = wordAt(name, 0);
  return word?.cls === 'part' ? name.slice(word.end).replace(/^[:：]?\s*/, '') : name;
}

/**
 * Words by which a `其中` list says it names only some of its total's parts: `其中主要…`, `其中重点…`
 * right after the part word, and `等` right after a part (`…18万元等`) or before a collective noun
 * (`等项目`, `等方面`). Such a list never has to add up; any other list of many parts may be held to it.
 */
export const PARTIAL_LIST = {
  opening: ['主要', '重点', '部分', '大部分', '一部分', '包括但不限于'],
  etc: ['等等', '等'],
  collective: ['方面', '项目', '支出', '单位', '用途', '内容', '工作', '事项', '费用'],
} as const;

/** Does the list after `其中` (its text from just after the part word) open by saying it is partial? */
export function opensPartialList(listText: string): boolean {
  const start = /^[\s:：,，]*/.exec(listText)![0].length;
  return PARTIAL_LIST.opening.some((word) => listText.startsWith(word, start));
}

/** Does the text right after a part (`等`, `等等`) or anywhere in the list (`等项目`) say the list goes on? */
export function saysEtc(afterPart: string): boolean {
  const start = /^\s*/.exec(afterPart)![0].length;
  return PARTIAL_LIST.etc.some((word) => afterPart.startsWith(word, start) && !/^[于级额同待次]/.test(afterPart.slice(start + word.length)));
}

export function namesCollectiveRest(listText: string): boolean {
  return PARTIAL_LIST.collective.some((noun) => listText.includes(`等${noun}`));
}

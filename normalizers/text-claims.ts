/**
 * What a narrative figure may mean in the tables' terms (text-table-mismatch reads it): the label names a
 * measure (`本年支出合计`, `基本支出`, `因公出国（境）费`) or a 功能科目 item (`一般公共服务支出（类）…（项）`),
 * and may name the funds (`财政拨款`, `一般公共预算`), the stage (`决算`, `预算`) and the direction (`收入`,
 * `支出`). What the words leave unsaid may be any; the claim becomes the fact keys it may mean.
 */
import { fundsOf, type Funds } from './disclosure.js';
import { measureOfWords, type FactIndex, type FactKey } from './fact-key.js';
import { stageOfLabel } from './lexicon.js';
import type { Mention } from './statements.js';
import { canonicalName } from './subjects.js';
import { outlineMarker } from './text.js';

type Direction = 'income' | 'expense';

/** What a text figure may mean, in the table model's words. Unset fields are unsaid: any cell's fits. */
export interface Claim {
  /** Readings of the words: (subject path, measure) pairs, any of which may be meant. */
  readings: { subject: string[]; measure: string }[];
  directions?: Direction[];
  funds?: Funds;
  basis?: 'actual' | 'budget';
}

const CLASS_MARK = /[（(]\s*[类款项]\s*[)）]/;
const TOTAL_TERM = /^(收入支出|收支|收入|支出)?(合计|总计)?$/;
/** The department's own measures a subject's amount may be split into. */
const SPLIT_MEASURE = /^(基本支出|项目支出|人员经费|公用经费)$/;

/** `“三公”经费` → `三公经费`, `本年支出` → `支出`: a name as both the text and the tables print it. */
function plainName(name: string): string {
  return canonicalName(name.replace(/[“”"'‘’（）()]/g, (c) => (/[（(]/.test(c) ? '（' : /[）)]/.test(c) ? '）' : ''))).replace(/^(?:本年度?|当年|全年)/, '');
}

/**
 * The words of a label that say what the figure is, without who, when, stage and funds:
 * `中共某某部 2024 年度收入支出总计` → `收入支出总计`, `其中：基本支出` → `基本支出`,
 * `一般公共预算财政拨款支出` → `支出`, `支出决算为` → `支出`.
 */
function termOf(label: string): string {
  // Spaces first: `支出决算为 ` (a space before the figure, as PDF text has it) ends in 为 all the same.
  return label
    .replace(/\s+/g, '')
    .replace(/^.*(?:(?:19|20)\d{2}年度?|[：:，,；;。]|其中)/, '')
    .replace(/一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|财政拨款|拨款/g, '')
    .replace(/(?:年初|全年|调整后?)?(?:预算|决算)(?:数|执行数)?|执行数|实际/g, '')
    .replace(/^(?:本年度?|当年|全年|部门|单位|共计?|总额)+/, '')
    .replace(/(?:为|是|达到?|共计?|约|总额|金额|分别)+$/, '');
}

/** `…行政运行（项）` right before a figure, with the words between (`全年预算为`, `基本支出`). */
/** A name may hold a parenthesis of its own: `政府办公厅（室）及相关机构事务（款）`. */
const CLASS_RUN = /((?:(?:[^\s，,。；;：:、（）()]|[（(][^类款项（）()，,。]{1,8}[)）])+?\s*[（(]\s*[类款项]\s*[)）]\s*)+)([^，,。；;（）()]*)$/;

const CLASS_RUNS = /((?:(?:[^\s，,。；;：:、（）()]|[（(][^类款项（）()，,。]{1,8}[)）])+?\s*[（(]\s*[类款项]\s*[)）]\s*)+)/g;

/** The 功能科目 path a run of class marks names: `一般公共服务支出（类）人大事务（款）` → [一般公共服务支出, 人大事务]. */
function classPath(run: string): string[] {
  return run
    .split(CLASS_MARK)
    .map((part) => canonicalName(part.replace(/^[\s\d一二三四五六七八九十]*[、.．]/, '').replace(/^[、，,：:]+|[、，,：:。]+$/g, '')))
    .filter((part) => part.length > 0);
}

/** The text before a figure in its sentence; the label as a reader names the figure. */
export function claimOf(mention: Mention): (Claim & { label: string }) | undefined {
  const { figure } = mention;
  if (figure.kind !== 'amount' || figure.comparator || mention.relationWord || mention.otherEntity) return undefined;
  const before = mention.unit.text.slice(mention.sentence.start, mention.start);
  const clause = before.replace(/^.*[，,。；;：:]/, '');
  if (mention.scope.period !== 'current' || /上年|去年|上一年|同期|(?:19|20)\d{2}\s*年度?(?:相比|比)/.test(clause)) return undefined;
  const run = CLASS_RUN.exec(before);
  // `1、…行政运行（项）。主要用于：…全年预算为 52.00 万元，支出决算为 51.32 万元`: the paragraph's item,
  // unless the words name a total or whose money (`一般公共预算财政拨款支出合计`), which is the department's.
  const earlier = [...mention.unit.text.slice(0, mention.start).matchAll(CLASS_RUNS)].at(-1)?.[1];
  const paragraphItem = earlier && !/合计|总计/.test(mention.label) && !fundsOf(mention.label) ? classPath(earlier) : [];
  const subject = run ? classPath(run[1]!) : paragraphItem;
  const label = run ? (run[1]! + run[2]!).trim() : mention.label.replace(/^.*[：:，,；;。]/, '').trim();
  const words = run ? run[2]! : mention.label;
  const claim: Claim & { label: string } = { readings: [], label: label.replace(/(?:为|是|达到?)$/, '') };
  const funds = fundsOf(words);
  if (funds) claim.funds = funds;
  const basis = stageOfLabel(words);
  if (basis) claim.basis = basis;
  const term = plainName(termOf(words));
  const total = TOTAL_TERM.exec(term);
  if (subject.length > 0) {
    // `一般公共服务支出（类）264.87 万元`, `…（项）…支出决算为 51.32 万元`, `…（类）基本支出 62.63 万元`.
    const split = SPLIT_MEASURE.exec(term)?.[1];
    if (!total && !split) return undefined;
    claim.readings.push({ subject, measure: split ?? '' });
    if (/^支出|支出$/.test(term)) claim.directions = ['expense'];
    return claim;
  }
  if (total && term) {
    // `收入支出总计`, `本年收入合计`, `财政拨款收入` (its 合计), `一般公共预算财政拨款支出`.
    const measure = total[2] ?? '合计';
    const direction = total[1] ?? '';
    claim.directions = direction === '收入' ? ['income'] : direction === '支出' ? ['expense'] : ['income', 'expense'];
    if (!direction && !claim.funds) return undefined;
    claim.readings.push({ subject: [], measure });
    return claim;
  }
  if (term.length < 2 || /[\d%]/.test(term)) return undefined;
  // `基本支出`, `事业收入`, `因公出国（境）费`: a measure of the department or a topic table's column;
  // or an item of its own (`工资福利支出`).
  claim.readings.push({ subject: [], measure: term }, { subject: [term], measure: '' });
  const direction = /收入$/.test(term) ? 'income' : /支出$/.test(term) ? 'expense' : undefined;
  if (direction) claim.directions = [direction];
  return claim;
}

const ANY_FUNDS: Funds[] = ['all', 'fiscal', 'general', 'fund', 'capital'];
const ANY_BASIS = ['actual', 'budget'] as const;
/** Tables whose cells are of their own topic: a measure the text names may be one of their columns. */
const TOPICS = ['sangong', 'running-cost'];

/** The measures a reading's words may be, in the fact key's terms: an item's own amount is its direction's total. */
function measuresOf(words: string, direction: Direction | undefined, funds: Funds, subject: readonly string[]): string[] {
  if (!words) return [direction ? `${direction}.total` : 'total'];
  const measures = [measureOfWords(words, direction, funds).measure];
  // A topic table's columns (`因公出国（境）费`); its totals are its own, never the text's 合计.
  if (subject.length === 0 && !/^(?:合计|小计|总计)$/.test(words)) measures.push(...TOPICS.map((topic) => `${topic}/${canonicalName(words)}`));
  return measures;
}

/**
 * The keys a claim may mean: what its words leave unsaid (funds, stage, direction) may be any, and a
 * path naming only an item's last levels is resolved to the full paths the tables give it.
 */
export function claimKeys(claim: Claim, index: FactIndex): FactKey[] {
  const keys: FactKey[] = [];
  for (const reading of claim.readings) {
    for (const subject of index.subjectsNamed(reading.subject)) {
      for (const funds of claim.funds ? [claim.funds] : ANY_FUNDS) {
        for (const basis of claim.basis ? [claim.basis] : ANY_BASIS) {
          for (const direction of claim.directions ?? ([undefined, 'income', 'expense'] as const)) {
            for (const measure of measuresOf(reading.measure, direction, funds, subject)) keys.push({ subject, measure, funds, basis, period: 'current' });
          }
        }
      }
    }
  }
  return keys;
}

/** `其中：` before a part's label. */
const PART_MARK = /^其中[:：]?/;

/** A part's label without its `其中：`. */
export function withoutPartMark(label: string): string {
  return label.replace(PART_MARK, '');
}

/** The budget stage a column header or a label names: 预算 or 决算 (实际, 执行). */
export function stageOfHeader(text: string): 'budget' | 'actual' | undefined {
  const budget = /预\s*算/.test(text);
  const actual = /决\s*算|实际|执行/.test(text);
  if (budget === actual) return undefined;
  return budget ? 'budget' : 'actual';
}

/** An item's name as rows and sentences both write it: `因公出国（境）费支出` and `1.因公出国(境)费` meet. */
export function restatedItemKey(name: string): string {
  const marker = outlineMarker(name)?.marker.length ?? 0;
  return canonicalName(
    name
      .slice(marker)
      .replace(PART_MARK, '')
      .replace(/[()（）]/g, '')
      .replace(/(?:预算|决算)数?$/, ''),
  );
}

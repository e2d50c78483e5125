/**
 * Digit repair for OCR words, in numeric context only.
 *
 * OCR of figures fails in a few typical ways: letters that look like digits inside a number
 * (`1O2.5`, `l76.12`), a number cut into two words by a stray space (`358. 84`, `182 .68`), a
 * doubled or missing dot, thousands separators read as dots, full-width forms (`３５８．８４`,
 * `％`), and a percent sign read as `%o`, `°/o`, `0/0`. Repairs apply to words that already
 * look like numbers (at least two real digits), never to ordinary text, and every repaired
 * word is marked so its confidence can be lowered: a repair is a guess.
 */
import type { BBox } from '../../model/document.js';
import type { OcrWord } from './protocol.js';

/** A word after repair; `repaired` says the text was changed beyond width normalization. */
export interface RepairedWord extends OcrWord {
  repaired?: boolean;
}

/** Confidence given to a word whose characters were changed by a repair. */
export const REPAIRED_CONFIDENCE_CAP = 60;

const FULL_WIDTH_DIGIT_RE = /[\uFF10-\uFF19]/g;

/** Full-width digits always become ASCII; `．` `，` `％` `－` only next to a digit. */
export function normalizeWidth(text: string): string {
  let out = text.replace(FULL_WIDTH_DIGIT_RE, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
  out = out.replace(/(?<=\d)[．。](?=\d)/g, '.');
  out = out.replace(/(?<=\d)，(?=\d{3}(?!\d))/g, ',');
  out = out.replace(/(?<=\d)％/g, '%');
  out = out.replace(/[－−](?=\d)/g, '-');
  return out;
}

const DIGIT_RE = /\d/g;
function digitCount(text: string): number {
  return text.match(DIGIT_RE)?.length ?? 0;
}

/** Letters OCR confuses with digits, and the digit they stand for. */
const LOOKALIKE: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', l: '1', I: '1', '|': '1', i: '1', S: '5', s: '5', B: '8', Z: '2', z: '2' };
const LOOKALIKE_CLASS = 'OoDQlI|iSsBZz';

/** Percent sign misreads after a number. */
const PERCENT_MISREADS: Array<[RegExp, string]> = [
  [/(?<=\d)(?:%o|%0|°\/o|°\/0|0\/0|o\/o|\/o|%6)$/, '%'],
];

/**
 * Repairs one word in isolation. Returns the new text and whether anything beyond width
 * normalization changed. Words without two real digits are left alone.
 */
export function repairNumber(text: string): { text: string; repaired: boolean } {
  const width = normalizeWidth(text);
  // A percent sign read as `9%6` / `0%0` (its two circles taken for digits: `1009%6`, `50.920%0`
  // for `100%`, `50.92%`). A digit right after `%` never follows it in Chinese text, so it marks
  // the misread; the full stop after it (`。`) is often read as `.` as well.
  // Its left circle alone read as a `9` makes a third decimal (`33.119%` for `33.11%`): reports
  // print percents with two decimals, so a third that is a 9 goes (not below 1 %: `0.009%`).
  const percent = width
    .replace(/(\d)[90]%[60o](?=\D|$)/g, '$1%')
    .replace(/%\.(?=\d)/g, '%。')
    .replace(/(?<![\d.])([1-9]\d*\.\d{2})9%/g, '$1%');
  if (percent !== width) {
    const rest = repairNumber(percent);
    return { text: rest.text, repaired: true };
  }
  const normalized = width;
  if (digitCount(normalized) < 2) return { text: normalized, repaired: false };
  // Split leading/trailing non-numeric context (CJK, brackets, punctuation) off the core.
  const m = /^(.*?)([-+]?[\dOoDQlI|iSsBZz][\dOoDQlI|iSsBZz.,]*[\dOoDQlI|iSsBZz](?:%o|%0|°\/o|°\/0|0\/0|o\/o|%|‰)?)(.*)$/u.exec(normalized);
  if (!m) return { text: normalized, repaired: false };
  const [, before = '', coreRaw = '', after = ''] = m;
  let core = coreRaw;
  // A look-alike letter glued to ordinary words (`IS0`, `Class`) is not a number.
  if (/[A-Za-z]$/.test(before) || /^[A-Za-z]/.test(after)) return { text: normalized, repaired: false };
  for (const [re, value] of PERCENT_MISREADS) core = core.replace(re, value);
  const suffix = /(%|‰)$/.exec(core)?.[1] ?? '';
  let body = suffix ? core.slice(0, -suffix.length) : core;
  const sign = /^[-+]/.test(body) ? body[0]! : '';
  if (sign) body = body.slice(1);
  // Look-alike letters only count as digits when most of the core is real digits.
  const letters = body.replace(/[\d.,]/g, '').length;
  const digits = digitCount(body);
  if (letters > 0 && (digits < 2 || letters > Math.max(1, Math.floor(digits / 3)))) return { text: normalized, repaired: false };
  let fixed = body.replace(new RegExp(`[${LOOKALIKE_CLASS.replace('|', '\\|')}]`, 'g'), (ch) => LOOKALIKE[ch] ?? ch);
  // Doubled separators: `358..84`, `1,,234`.
  fixed = fixed.replace(/\.{2,}/g, '.').replace(/,{2,}/g, ',');
  // Thousands separators read as dots: `1.234.567.89` → `1,234,567.89`; `2.156.44` → `2,156.44`.
  if (/^\d{1,3}(\.\d{3})+\.\d{1,2}$/.test(fixed)) {
    const lastDot = fixed.lastIndexOf('.');
    fixed = fixed.slice(0, lastDot).replace(/\./g, ',') + fixed.slice(lastDot);
  }
  // A comma before the last 1–2 digits is a decimal point read as a comma: `358,84` → `358.84`
  // (a thousands separator is always followed by three digits).
  if (/^\d+,\d{1,2}$/.test(fixed)) fixed = fixed.replace(',', '.');
  const out = before + sign + fixed + suffix + after;
  return { text: out, repaired: out !== normalized };
}

function union(a: BBox, b: BBox): BBox {
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

/**
 * Words of one line that a stray space split inside a number: `358.` `84`, `182` `.68`,
 * `50.92` `%` (`join`), or `1` `234.56` tightly set (`guess`: it may also be two numbers).
 */
function splitInsideNumber(a: OcrWord, b: OcrWord, lineHeight: number): 'join' | 'guess' | undefined {
  const gap = b.bbox.x0 - a.bbox.x1;
  if (gap > 0.6 * lineHeight) return undefined;
  const left = normalizeWidth(a.text);
  const right = normalizeWidth(b.text);
  if (/\d[.,]$/.test(left) && /^\d/.test(right)) return 'join'; // 358. | 84
  if (/\d$/.test(left) && /^[.,]\d/.test(right)) return 'join'; // 182 | .68
  if (/\d$/.test(left) && /^[%‰]/.test(right)) return 'join'; // 50.92 | %
  if (/(^|[^\d.,])\d{1,3}$/.test(left) && /^\d{3}(,\d{3})*\.\d{1,2}(?!\d)/.test(right) && gap < 0.3 * lineHeight) return 'guess';
  return undefined;
}

/**
 * A list number run into a year by an engine that drops spaces (`1.2022` `年…` for
 * `1. 2022 年`) is split in two, so it does not read as the decimal 1.2022. Only at the start
 * of a line, only before `年`.
 */
function splitListNumbers(words: readonly OcrWord[], lineHeight: number): OcrWord[] {
  const first = words[0];
  const next = words[1];
  if (!first) return [...words];
  // `1.2022` + `年…` (engines that cut at script changes) or `6.2023年…` (one word).
  const m = next?.text.startsWith('年') ? /^(\d{1,2}[.．])((?:19|20)\d{2})$/.exec(first.text) : /^(\d{1,2}[.．])((?:19|20)\d{2}年.*)$/u.exec(first.text);
  if (!m) return [...words];
  const share = m[1]!.length / first.text.length;
  const cut = first.bbox.x0 + share * (first.bbox.x1 - first.bbox.x0);
  // The space the engine dropped: a gap the layout reads as one.
  const gap = 0.15 * lineHeight;
  return [
    { ...first, text: m[1]!, bbox: { ...first.bbox, x1: cut - gap } },
    { ...first, text: m[2]!, bbox: { ...first.bbox, x0: cut + gap } },
    ...words.slice(1),
  ];
}

/** Text that announces a score: `自评分为`, `自评分数为`, `得分`, `满分`. */
const SCORE_LEAD_RE = /(?:评分|分数|得分|满分|总分|分值|自评)\s*(?:为|是|[:：])?\s*$/u;

/**
 * Score statements misread around their number (`该项指标自评分为 1 分`):
 * - the unit `分` read as a `5` set apart from the number, which a real digit never is: its box
 *   is as wide as an ideograph (`自评分为 1 5` → `1 分`);
 * - a lone `1` read as `]`, `|`, `l` or `I` between the lead and `分` (`自评分数为 ] 分`).
 * Only right after a score lead, and the word is marked repaired either way.
 */
function repairScoreWords(words: RepairedWord[], lineHeight: number): void {
  // The line's text before word i, and before word i - 1.
  let before = words[0]?.text ?? '';
  let beforePrevious = '';
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const previous = words[i - 1]!;
    const wide = word.bbox.x1 - word.bbox.x0 >= 0.6 * lineHeight;
    if (/^[\]|lI]$/.test(word.text) && words[i + 1]?.text.startsWith('分') && SCORE_LEAD_RE.test(before)) {
      word.text = '1';
      word.repaired = true;
    } else if (word.text === '5' && wide && /^\d{1,3}(?:\.\d+)?$/.test(previous.text) && SCORE_LEAD_RE.test(beforePrevious)) {
      word.text = '分';
      word.repaired = true;
    }
    beforePrevious = before;
    before += word.text;
  }
}

/**
 * Repairs the words of one OCR line: joins numbers split by stray spaces, then repairs each
 * word. Confidence of a changed word is capped at REPAIRED_CONFIDENCE_CAP.
 */
export function repairLine(words: readonly OcrWord[], lineHeight: number): RepairedWord[] {
  const joined: RepairedWord[] = [];
  const listed = splitListNumbers(words, lineHeight);
  for (const word of listed) {
    const previous = joined[joined.length - 1];
    const split = previous && listed.length === words.length && splitInsideNumber(previous, word, lineHeight);
    if (previous && split) {
      previous.text = previous.text + word.text;
      previous.bbox = union(previous.bbox, word.bbox);
      previous.confidence = Math.min(previous.confidence, word.confidence);
      if (split === 'guess') previous.repaired = true;
      continue;
    }
    joined.push({ ...word, bbox: { ...word.bbox } });
  }
  repairScoreWords(joined, lineHeight);
  for (const word of joined) {
    const { text, repaired } = repairNumber(word.text);
    word.text = text;
    if (repaired) word.repaired = true;
    if (word.repaired) word.confidence = Math.min(word.confidence, REPAIRED_CONFIDENCE_CAP);
  }
  return joined;
}

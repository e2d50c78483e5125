/**
 * Placeholders a template left where a value belongs (`XXXX`, `××`, `待填`, `占 %` with no number, a year
 * `20xx`), and the columns of an indicator table that hold the target and the value achieved.
 */

/** A value not filled in: `XXXX`, `××`, `＊＊`, `〇〇〇`, `待填`, `待补充`, `占 %`. */
const PLACEHOLDER = /(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|×{2,}|＊{2,}|(?<![零〇○一二两三四五六七八九十百千万])〇{3,}|待填(?:写)?|待补充|占\s*比?\s*%/g;

/** A year not filled in: 20xx, 20XX, 20××, 202X, 二〇xx, 二〇二X; 19xx likewise. */
const YEAR_TOKEN = '(?:(?:19|20)(?:\\d[Xx×]|[Xx×]{2})|[一二][〇○零0](?:[一二三四五六七八九][Xx×]|[Xx×]{2}))';
/**
 * A year placeholder, with a range (`20xx-20xx`) counted once, and the month and day a template
 * left open with it (`20xx年xx月xx日`), which are part of the same blank date.
 */
const YEAR_PLACEHOLDER = new RegExp(
  `(?<![A-Za-z0-9])${YEAR_TOKEN}(?![A-Za-z0-9×])(?:\\s*[-—–~～至到]\\s*${YEAR_TOKEN}(?![A-Za-z0-9×]))?(?:\\s*年\\s*[Xx×]{1,2}\\s*月(?:\\s*[Xx×]{1,2}\\s*日)?)?`,
  'g',
);
const YEAR_TOKEN_AT_START = new RegExp(`^${YEAR_TOKEN}`);

/** Is the match at [start, end) part of a Latin word (a letter other than x around it: `Xxlarge`, `ab1xx`)? */
function inLatinWord(text: string, start: number, end: number): boolean {
  let a = start;
  let b = end;
  while (a > 0 && /[A-Za-z0-9_]/.test(text[a - 1]!)) a--;
  while (b < text.length && /[A-Za-z0-9_]/.test(text[b]!)) b++;
  return /[A-WYZa-wyz]/.test(text.slice(a, b));
}

export interface Placeholder {
  start: number;
  end: number;
  text: string;
  /** `占 %`: a share whose figure is missing (a PDF may have set it on a line of its own). */
  share: boolean;
}

/** The value placeholders of a text; `xx` inside a Latin word (`Xxlarge`, `ab1xx`) is none. */
export function valuePlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    const end = start + match[0].length;
    if (/^[Xx]/.test(match[0]) && inLatinWord(text, start, end)) continue;
    found.push({ start, end, text: match[0], share: /^占/.test(match[0]) });
  }
  return found;
}

/** The year placeholders of a text (`20xx`, `二〇二X`, `20xx-20xx`, `20xx年xx月xx日`), each with its year form. */
export function yearPlaceholders(text: string): { start: number; end: number; form: string }[] {
  return [...text.matchAll(YEAR_PLACEHOLDER)].map((match) => ({ start: match.index, end: match.index + match[0].length, form: YEAR_TOKEN_AT_START.exec(match[0])![0] }));
}

/**
 * An indicator table's column of values achieved: `实际完成值`, `实际值`, `完成值`, `实际完成情况`. A row's own
 * header in that column (`loose`) only has to name 实际: a table repeats the header block by block.
 */
export function isActualValueHeader(header: string, loose = false): boolean {
  return loose ? /实际/.test(header) : /实际完成(指标)?值|实际值|完成值|实际完成情况/.test(header);
}

/** An indicator table's column of targets: `指标值`, `年度指标值`, `目标值`. */
export function isTargetValueHeader(header: string): boolean {
  return /^(绩效|年度)?指标值$|目标值/.test(header);
}

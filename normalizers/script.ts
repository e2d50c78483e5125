/**
 * Script normalization for pages that reposting sites converted: Traditional characters become
 * Simplified ones, character for character, and pinyin annotations (`經(jīng)費`) are blanked, so
 * that the lexicons (万元, 预算, 经费, 减少, 合计 …), all written in Simplified Chinese, read them.
 * Both keep the text's length: offsets stay valid (see `normalizeChars` in text.ts).
 *
 * The character map is built from OpenCC's dictionaries (opencc-js, MIT; data Apache-2.0): its
 * Taiwan and Hong Kong variant tables, then its Traditional → Simplified character table, chained
 * as OpenCC's tw → cn and hk → cn converters chain them — for single characters only, never its
 * phrase tables, which would change the text's length.
 */
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';

/**
 * Characters that OpenCC maps but that are also Simplified characters (GB2312), used as such:
 * 著 (显著), 乾 (乾坤), 么 (什么), 吒, 拚, 捱, 榘, 薹, 袷, 麴. They are never mapped, so Simplified
 * text does not change. (The other GB2312 characters OpenCC maps are Traditional forms that
 * Simplified prose does not use outside names: 後 → 后, 於 → 于, 徵 → 征, 夥 → 伙 … are mapped.)
 * test/script.test.ts checks this list against GB2312 and the dictionaries.
 */
export const SIMPLIFIED_TOO = '么著乾吒拚捱榘薹袷麴';

let table: Uint16Array | undefined;

/** In a character table: the character's target is not one UTF-16 unit (`蔿 𫇭`). */
const NOT_ONE_UNIT = 0xffff;

/**
 * An OpenCC dictionary (`源 目标 [其他目标]|…`) → its entries whose source is one UTF-16 unit, as a
 * table by code unit: the first target, NOT_ONE_UNIT when that is longer, 0 for no entry. The
 * first entry of a source wins; the sources are added to `sources`.
 */
function characterTable(dict: string, sources: number[]): Uint16Array {
  const out = new Uint16Array(0x10000);
  for (let at = 0; at < dict.length; ) {
    const bar = dict.indexOf('|', at);
    const stop = bar === -1 ? dict.length : bar;
    const source = dict.charCodeAt(at);
    if (dict.charCodeAt(at + 1) === 0x20 && !out[source]) {
      out[source] = at + 3 === stop || dict.charCodeAt(at + 3) === 0x20 ? dict.charCodeAt(at + 2) : NOT_ONE_UNIT;
      sources.push(source);
    }
    at = stop + 1;
  }
  return out;
}

/**
 * Traditional → Simplified, one UTF-16 unit to one: `table[code]` is the Simplified code unit of
 * the character `code`, or 0. Built on first use (a few milliseconds, once per process).
 */
export function simplifiedTable(): Uint16Array {
  if (table) return table;
  const sources: number[] = [];
  // OpenCC's tw → cn and hk → cn chains: regional variants to OpenCC's standard Traditional form, then to Simplified.
  const tw = characterTable(TWVariantsRev, sources);
  const hk = characterTable(HKVariantsRev, sources);
  const ts = characterTable(TSCharacters, sources);
  const built = new Uint16Array(0x10000);
  for (const code of sources) {
    let target = code;
    for (const step of [tw, hk, ts]) if (target !== NOT_ONE_UNIT) target = step[target] || target;
    // Only one UTF-16 unit for one (a surrogate would be half of a character outside the BMP).
    if (target !== code && target !== NOT_ONE_UNIT && (target < 0xd800 || target > 0xdfff)) built[code] = target;
  }
  for (const char of SIMPLIFIED_TOO) built[char.charCodeAt(0)] = 0;
  table = built;
  return built;
}

/** Traditional → Simplified, character for character (same length). */
export function toSimplified(text: string): string {
  const map = simplifiedTable();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const simplified = map[code]!;
    out += simplified ? String.fromCharCode(simplified) : text[i];
  }
  return out;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** `(jīng)`, `（shù）` right after a CJK character: 1–6 lowercase pinyin letters in brackets. */
const ANNOTATION = /(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})[)）]/g;
/** A pinyin syllable as annotations write it has a tone mark (or ü): `(km)`, `(a)` are not pinyin. */
const TONED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]/;

/** Is there a `bracket` right after a CJK character and before a lowercase letter? (cheaper than the regex) */
function mayHaveAnnotation(text: string, bracket: string): boolean {
  for (let at = text.indexOf(bracket, 1); at !== -1; at = text.indexOf(bracket, at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (!((next >= 0x61 && next <= 0x7a) || (next >= 0xe0 && next <= 0x1dc))) continue;
    const previous = text.charCodeAt(at - 1);
    if ((previous >= 0x3400 && previous <= 0x9fff) || (previous >= 0xf900 && previous <= 0xfaff)) return true;
  }
  return false;
}

/**
 * Pinyin annotations blanked, length kept. Spaces where the annotation was would cut the word
 * (`经      费` is no longer 经费), so the CJK characters of the run the annotations sit in are
 * packed together at its end, after the spaces: `预(yù)算数(shù)5.21` → `        预算数5.21`.
 * The characters after the run (figures, units, punctuation) keep their offsets; only the
 * annotated run's own characters move right, by the length of the annotations in it.
 */
export function blankPinyin(text: string): string {
  if (!mayHaveAnnotation(text, '(') && !mayHaveAnnotation(text, '（')) return text;
  let out = '';
  let done = 0;
  let run: { start: number; end: number; annotations: [number, number][] } | undefined;
  const flush = () => {
    if (!run) return;
    let chars = '';
    let at = run.start;
    for (const [start, end] of run.annotations) {
      chars += text.slice(at, start);
      at = end;
    }
    chars += text.slice(at, run.end);
    out += text.slice(done, run.start) + ' '.repeat(run.end - run.start - chars.length) + chars;
    done = run.end;
    run = undefined;
  };
  for (const match of text.matchAll(ANNOTATION)) {
    if (!TONED.test(match[1]!)) continue;
    const start = match.index;
    const end = start + match[0].length;
    // Back over the CJK characters the annotated one ends: the word the run belongs to.
    const floor = run ? run.end : done;
    let runStart = start;
    while (runStart > floor && CJK.test(text[runStart - 1]!)) runStart--;
    if (run && runStart === run.end) {
      run.end = end;
      run.annotations.push([start, end]);
      continue;
    }
    flush();
    run = { start: runStart, end, annotations: [[start, end]] };
  }
  if (!run && done === 0) return text;
  flush();
  return out + text.slice(done);
}

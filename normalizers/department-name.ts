/**
 * One department, many spellings: covers, titles, table captions and file names write the same
 * department with or without `中共`, with a `部门`/`单位`/`（本级）` tail, in full-width or half-width
 * characters, letter-spaced or broken over lines, and with the long or the short form of a body's
 * name (`中国人民政治协商会议江苏省委员会` / `江苏省政协`). `departmentName` gives the one written form
 * the dataset shows; `departmentKey` what the variants of one department share, so that a run's
 * documents of one department group together (docs/dataset.md, `department_key`).
 */

/** Long forms and the short forms documents use for them, longest first. */
const SHORT_FORMS: [RegExp, string][] = [
  [/中国共产党/g, '中共'],
  [/中国人民政治协商会议(.{2,12}?)委员会/g, '$1政协'],
  [/人民代表大会常务委员会/g, '人大常委会'],
  [/中国共产主义青年团/g, '共青团'],
];

/**
 * The written form: spaces and line breaks out, full-width letters and digits half-width, brackets
 * Chinese, and what is not part of the name cut off (`（本级）`, a trailing `部门`/`单位` left by a title
 * such as `江苏省人民检察院部门预算`, a leading `关于`).
 */
export function departmentName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/^关于/, '')
    .replace(/(?:[（〈《]本级[）〉》]|本级)$/, '')
    .replace(/(?<=[\u4e00-\u9fff）]{4})(?:部门|单位)$/, '');
}

/** What every spelling of one department shares: its written form with the short forms of bodies and without `中共`. */
export function departmentKey(name: string): string {
  let key = departmentName(name);
  for (const [long, short] of SHORT_FORMS) key = key.replace(long, short);
  return key.replace(/^中共/, '');
}

/** A party committee's organ named by its place (`江苏省委办公厅`, `上海市普陀区委社会工作部`), without `中共`. */
const PARTY_ORGAN = /^[\u4e00-\u9fff]{1,12}?[省市区县州旗盟]委(?!员|托)/;

/**
 * The official name: a party committee's organ is `中共…` (`江苏省委办公厅` is 中共江苏省委办公厅, as its own
 * cover writes it), whichever way a title shortens it.
 */
export function officialDepartmentName(name: string): string {
  const written = departmentName(name);
  return PARTY_ORGAN.test(written) && !/^中共|^中国共产党/.test(written) ? `中共${written}` : written;
}

/**
 * The form to show for one department's spellings: the official name (`中共江苏省委办公厅` over
 * `江苏省委办公厅`), else the most written, else the longest.
 */
export function preferredDepartmentName(spellings: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const spelling of spellings) {
    const name = officialDepartmentName(spelling);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | undefined;
  const rank = (name: string) => [/^中共|^中国共产党/.test(name) ? 1 : 0, counts.get(name)!, name.length];
  for (const name of counts.keys()) {
    if (best === undefined) {
      best = name;
      continue;
    }
    const [a, b] = [rank(name), rank(best)];
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      if (a[i]! > b[i]!) best = name;
      break;
    }
  }
  return best;
}

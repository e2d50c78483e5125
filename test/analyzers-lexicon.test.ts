/**
 * Meaning is decided once, in normalizers/: no file under analyzers/ has a regular expression with
 * Chinese characters. The older readers have all moved (their counts fell to none and the list is empty);
 * a file listed here again would be a step back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A regular-expression literal (or `new RegExp('…')`) with a CJK character in it. A literal never follows a
 * letter, digit or closing bracket: there a slash divides, or stands in prose (`元/万元/亿元` in a description).
 */
const CHINESE_REGEX = /(?<![\p{L}\p{N}_$)\]])\/(?:[^/\n\\]|\\.)*[\u4e00-\u9fff](?:[^/\n\\]|\\.)*\/[dgimsuvy]*|new RegExp\(\s*[`'"][^`'"\n]*[\u4e00-\u9fff]/gu;

/** Every older reader has moved to normalizers/: no file under analyzers/ may have one again. */
const OLDER_READERS: Record<string, number> = {};

function sources(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name), `${prefix}${entry.name}/`) : entry.name.endsWith('.ts') ? [`${prefix}${entry.name}`] : [],
  );
}

function chineseRegexes(path: string): string[] {
  const code = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(?:\/\/|\*|\/\*\*)/.test(line))
    .join('\n');
  return [...code.matchAll(CHINESE_REGEX)].map((m) => m[0]);
}

describe('analyzers/ reads no Chinese', () => {
  const root = join(import.meta.dirname, '..', 'analyzers');
  for (const file of sources(root)) {
    const allowed = OLDER_READERS[file] ?? 0;
    it(`${file}: at most ${allowed} regular expression(s) with Chinese characters`, () => {
      const found = chineseRegexes(join(root, file));
      expect(found.length, found.join('\n')).toBeLessThanOrEqual(allowed);
    });
  }
  it('the guard sees a Chinese regular expression', () => {
    expect('const X = /增加|减少/;'.match(CHINESE_REGEX)).toEqual(['/增加|减少/']);
    expect("new RegExp('比上年')".match(CHINESE_REGEX)?.length).toBe(1);
    expect("text.replace(/^其中/, '')".match(CHINESE_REGEX)).toEqual(['/^其中/']);
  });
  it('the guard does not read a slash in prose as a regular expression', () => {
    expect("description: '金额单位疑似错误（元/万元/亿元）'".match(CHINESE_REGEX)).toBeNull();
    expect("'决算数大于/小于/等于预算数'".match(CHINESE_REGEX)).toBeNull();
  });
});

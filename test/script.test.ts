/** Traditional script and pinyin annotations: normalized to the Simplified text the lexicons read, length kept. */
import { ConverterFactory } from 'opencc-js/core';
import { from, to } from 'opencc-js/preset/t2cn';
import { describe, expect, it } from 'vitest';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
import { blankPinyin, SIMPLIFIED_TOO, simplifiedTable, toSimplified } from '../normalizers/script.js';
import { buildTextUnits, normalizeChars } from '../normalizers/text.js';

const doc = (text: string) => textToDocument(text, { path: 'r.txt', sha256: '0'.repeat(64) }, 'text');

/** What the pipeline reads from a text: figures (without ids) and facts by concept. */
function reading(text: string) {
  const normalized = normalizeDocument(doc(text));
  return {
    figures: normalized.figures.map(({ raw, number, kind, unit, value, location }) => ({ raw: normalizeChars(raw), number, kind, unit, value, location })),
    facts: normalized.facts.map(({ concept, figureId, scope }) => ({ concept, figure: normalized.figures[figureId]?.number, scope })),
    breakdowns: normalized.breakdowns.map((b) => [b.total.figure.number, b.groups.map((g) => g.map((m) => m.figure.number))]),
    relations: normalized.mentions.map((m) => m.relationWord ?? ''),
  };
}

/** Every hanzi of GB2312 (the Simplified standard set). */
function gb2312Hanzi(): string {
  const bytes: number[] = [];
  for (let lead = 0xb0; lead <= 0xf7; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) bytes.push(lead, trail);
  return [...new TextDecoder('gb18030').decode(new Uint8Array(bytes))].filter((c) => /\p{Script=Han}/u.test(c)).join('');
}

describe('Traditional → Simplified', () => {
  const simplifiedText = '二、部门整体支出情况\n2024年度部门整体支出共计846.30万元，其中：基本支出612.15万元，项目支出234.15万元。“三公”经费支出决算3.86万元，与上年相比，减少0.42万元，下降9.81%。';
  const traditionalText = '二、部門整體支出情況\n2024年度部門整體支出共計846.30萬元，其中：基本支出612.15萬元，項目支出234.15萬元。“三公”經費支出決算3.86萬元，與上年相比，減少0.42萬元，下降9.81%。';

  it('reads a Traditional report as its Simplified twin: same figures, units, concepts, breakdowns', () => {
    expect(traditionalText.length).toBe(simplifiedText.length);
    const simplified = reading(simplifiedText);
    const traditional = reading(traditionalText);
    expect(traditional).toEqual(simplified);
    expect(traditional.facts.map((f) => f.concept)).toEqual(expect.arrayContaining(['expense.total', 'expense.basic', 'expense.project', 'sangong']));
    expect(traditional.figures.filter((f) => f.kind === 'amount').map((f) => f.unit)).toEqual(['万元', '万元', '万元', '万元', '万元']);
    expect(traditional.relations).toContain('减少');
  });

  it('points at the original characters: columns of the Traditional line', () => {
    const figures = normalizeDocument(doc(traditionalText)).figures;
    const line = traditionalText.split('\n')[1]!;
    for (const number of ['846.30', '612.15', '3.86', '0.42', '9.81']) {
      const figure = figures.find((f) => f.number === number)!;
      expect(figure.location).toMatchObject({ line: 2, column: line.indexOf(number) + 1 });
      expect(line.slice(figure.location.column - 1, figure.location.column - 1 + figure.location.length!)).toMatch(/^[\d.]+(萬元|%)$/);
    }
  });

  it('maps Taiwan and Hong Kong forms one character for one, as OpenCC converts single characters', () => {
    expect(normalizeChars('預算調整後為1,250.00萬元，不低於上年；臺灣、爲、為、裡、衞')).toBe('预算调整后为1,250.00万元，不低于上年；台湾、为、为、里、卫');
    const opencc = ConverterFactory(...(from.tw ?? []), ...(from.hk ?? []), ...(to.cn ?? []));
    const map = simplifiedTable();
    let mapped = 0;
    map.forEach((target, code) => {
      if (!target) return;
      mapped++;
      expect(String.fromCharCode(target)).toBe(opencc(String.fromCharCode(code)));
    });
    expect(mapped).toBeGreaterThan(2500);
    // …and every character OpenCC turns into another single unit is mapped, but the Simplified ones.
    for (let code = 0x3400; code < 0xfb00; code++) {
      if (code >= 0xa000 && code < 0xf900) continue;
      const char = String.fromCharCode(code);
      const target = opencc(char);
      if (target !== char && target.length === 1 && !SIMPLIFIED_TOO.includes(char)) expect(map[code], char).toBe(target.charCodeAt(0));
    }
  });

  it('leaves Simplified text unchanged: every GB2312 hanzi but a few Traditional forms stays', () => {
    const hanzi = gb2312Hanzi();
    expect(hanzi.length).toBeGreaterThan(6700);
    const changed = [...hanzi].filter((c) => toSimplified(c) !== c).join('');
    expect(changed).toBe('後於徵夥摺菸醣麽'.split('').sort((a, b) => hanzi.indexOf(a) - hanzi.indexOf(b)).join(''));
    // The kept list is not stale: each is a GB2312 character OpenCC would map.
    const opencc = ConverterFactory(...(from.tw ?? []), ...(from.hk ?? []), ...(to.cn ?? []));
    for (const char of SIMPLIFIED_TOO) {
      expect(hanzi).toContain(char);
      expect(opencc(char)).not.toBe(char);
    }
    const sample = '2025年本部门收入合计358.84万元，显著提高；什么情况下乾坤未定，于是后来征收。';
    expect(normalizeChars(sample)).toBe(sample);
  });

  it('keeps the length of mixed text, also around characters outside the BMP', () => {
    const mixed = '𠀋單位：萬元（ＡＢＣ）　經費\u00a0𪚥−3.5％，about 預算';
    const normalized = normalizeChars(mixed);
    expect(normalized.length).toBe(mixed.length);
    expect(normalized).toBe('𠀋单位：万元（ABC） 经费 𪚥-3.5%，about 预算');
  });
});

describe('pinyin annotations', () => {
  it('blanks them, keeping the length and the word whole', () => {
    const text = '“三公”經(jīng)費預(yù)算數（shù）18.60萬元，說(shuō)明見附表。';
    const normalized = normalizeChars(text);
    expect(normalized.length).toBe(text.length);
    expect(normalized.replace(/ +/g, '')).toBe('“三公”经费预算数18.60万元，说明见附表。');
    // The annotated run is packed at its end: it still touches the figure after it, which keeps its column.
    expect(normalized.indexOf('经费预算数18.60')).toBe(text.indexOf('18.60') - '经费预算数'.length);
    expect(normalized.indexOf('18.60')).toBe(text.indexOf('18.60'));
  });

  it('reads the figures and concepts of an annotated sentence, at their source columns', () => {
    const annotated = '2024年“三公”經(jīng)費支出7.35萬元，與上年相比，減(jiǎn)少1.05萬元。';
    const plain = '2024年“三公”经费支出7.35万元，与上年相比，减少1.05万元。';
    const read = reading(annotated);
    const expected = reading(plain);
    expect(read.facts).toEqual(expected.facts);
    expect(read.relations).toEqual(expected.relations);
    expect(read.facts.map((f) => f.concept)).toContain('sangong');
    expect(read.figures.map((f) => [f.number, f.unit, f.location.column, f.location.length])).toEqual([
      ['7.35', '万元', annotated.indexOf('7.35') + 1, '7.35萬元'.length],
      ['1.05', '万元', annotated.indexOf('1.05') + 1, '1.05萬元'.length],
    ]);
  });

  it('touches only lowercase pinyin with a tone mark (or ü) right after a CJK character', () => {
    for (const text of ['里程(km)12', '指标(A)完成值(B/A)', '系数(ab)', 'word(jīng)', '（jīng）开头', '经(jing)费', '女(nü)']) {
      const expected = text === '女(nü)' ? '    女' : text;
      expect(blankPinyin(text)).toBe(expected);
    }
    expect(blankPinyin('经（jīng）费')).toBe('      经费');
  });

  it('keeps text units and their pieces the same length as the source', () => {
    const text = '本年支出預(yù)算\n數(shù)合計(jì)120.5萬元，\n其中基本支出80.5萬元。';
    for (const unit of buildTextUnits(doc(text))) {
      for (const piece of unit.pieces) expect(piece.offset + piece.length).toBeLessThanOrEqual(unit.text.length);
      expect(unit.pieces.reduce((n, p) => n + p.length, 0)).toBe(unit.text.length);
    }
  });
});

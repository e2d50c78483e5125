import { describe, expect, it } from 'vitest';
import { findFigures } from '../normalizers/figures.js';
import { parseChineseNumeral } from '../normalizers/chinese-numerals.js';
import { normalizeChars } from '../normalizers/text.js';

const brief = (text: string) => findFigures(normalizeChars(text)).map((f) => ({ raw: f.raw, number: f.number, decimals: f.decimals, kind: f.kind, unit: f.unit, value: f.value, ...(f.comparator ? { comparator: f.comparator } : {}) }));
const values = (text: string) => findFigures(normalizeChars(text)).map((f) => `${f.value}${f.kind === 'amount' ? '元' : f.unit}`);

describe('figure parser', () => {
  it('reads amounts with their unit and scale, exactly', () => {
    expect(brief('支出 358.84 万元，其中基本支出176.12万元')).toEqual([
      { raw: '358.84 万元', number: '358.84', decimals: 2, kind: 'amount', unit: '万元', value: '3588400' },
      { raw: '176.12万元', number: '176.12', decimals: 2, kind: 'amount', unit: '万元', value: '1761200' },
    ]);
    expect(values('节省 10.43 亿元，收入 90315901.07 元，合计 5 千元')).toEqual(['1043000000元', '90315901.07元', '5000元']);
  });

  it('keeps the printed decimals (358.80 has two) and never uses floats', () => {
    const [figure] = findFigures('358.80万元');
    expect(figure?.decimals).toBe(2);
    expect(figure?.number).toBe('358.80');
    expect(findFigures('0.1%')[0]?.decimals).toBe(1);
    expect(findFigures('1234567890123.45元')[0]?.value).toBe('1234567890123.45');
  });

  it('normalizes full-width digits, thousands separators and converter spaces', () => {
    expect(values('３５８．８４万元')).toEqual(['3588400元']);
    expect(values('330,435.30 万元')).toEqual(['3304353000元']);
    expect(values('3 797.83 万元')).toEqual(['37978300元']);
  });

  it('reads percents, per-mille, percentage points, scores and counts', () => {
    expect(brief('占 49.08%，千分之 2‰，提高 2 个百分点，自评 94.17 分，9人，103916 人次，192 家，21 批次').map((f) => `${f.number}|${f.kind}|${f.unit}`)).toEqual([
      '49.08|percent|%', '2|permille|‰', '2|points|个百分点', '94.17|score|分', '9|count|人', '103916|count|人次', '192|count|家', '21|count|批次',
    ]);
  });

  it('reads 万 after a number: 万人 is a count of 10⁴, 万 alone before punctuation is money', () => {
    expect(brief('参保人数 410.31 万人').map((f) => `${f.kind}|${f.value}`)).toEqual(['count|4103100']);
    expect(brief('预算 1720.00万，').map((f) => `${f.kind}|${f.unit}|${f.value}`)).toEqual(['amount|万元|17200000']);
    expect(brief('12.31 万困难群众').map((f) => f.kind)).toEqual(['number']);
  });

  it('reads Chinese numerals where they carry quantities', () => {
    expect(values('共十二人，两项，一百二十万元')).toEqual(['12人', '2项', '1200000元']);
    expect(parseChineseNumeral('三千零五')).toBe(3005);
    expect(parseChineseNumeral('十')).toBe(10);
    expect(values('党的二十大、十四五规划、一是、三公经费、一般公共预算')).toEqual([]);
  });

  it('reads negative numbers and comparisons', () => {
    expect(brief('增长幅度=-12.65%').map((f) => f.number)).toEqual(['-12.65']);
    expect(brief('(8.77-10.04)').map((f) => f.number)).toEqual(['8.77', '10.04']);
    expect(brief('满意度≥95%，结余率≤ 10%，不低于 90%').map((f) => `${f.number}${f.comparator}`)).toEqual(['95>=', '10<=', '90>=']);
    // 减少 2.02 stays a positive figure; the direction is the text's, read by the rules.
    expect(brief('减少 2.02 万元').map((f) => f.number)).toEqual(['2.02']);
  });

  it('keeps dates, years, phone and document numbers, ordinals and list markers out', () => {
    expect(values('截至2025年12月31日')).toEqual([]);
    expect(values('填报日期：2026. 3. 20')).toEqual([]);
    expect(values('2025 年度，1—12月，6 月')).toEqual([]);
    expect(values('联系电话：0753-2595939')).toEqual([]);
    expect(values('联系电话：2862892')).toEqual([]);
    expect(values('《关于批复的通知》（金财政〔2025〕10 号）')).toEqual([]);
    expect(values('（湛坡财〔2022〕10号）、（财政部令第35号）、湛财资(2009)21号')).toEqual([]);
    expect(values('序号第 105 项，降至第 11 位')).toEqual([]);
    expect(values('1.贯彻执行国家政策')).toEqual([]);
    expect(values('（2）信息公开')).toEqual([]);
    expect(values('1．2022 年年末结转和结余资金 2.84 万元')).toEqual(['28400元']);
    expect(values('根据财决01-1表和Z01-1表')).toEqual([]);
  });
});

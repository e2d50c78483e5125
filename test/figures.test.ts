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

  it('keeps names built of numerals out (八项规定, 十九大, 十四五) and list markers after a colon (其中：1、)', () => {
    expect(values('贯彻中央八项规定精神，落实三条禁令，学习十九大精神，编制十四五规划。')).toEqual([]);
    expect(values('完成三项指标。')).toEqual(['3项']);
    expect(values('其中：1、公务接待费 8 万元；2、会议费 2.5 万元。')).toEqual(['80000元', '25000元']);
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

  it('keeps document numbers in any bracket out: 【】, 〔〕, ﹝﹞, [], and 第 N 号', () => {
    expect(values('依据《通知》（乌财农指【2022】17号）')).toEqual([]);
    expect(values('赣财预〔2023〕8号、赣财预﹝2023﹞9号、黔府办发［2021］第4号')).toEqual([]);
    expect(values('按[2018]6号文件，安排资金 12.5 万元')).toEqual(['125000元']);
    expect(values('（省政府令第 27 号）')).toEqual([]);
  });

  it('keeps phone numbers out, with or without an area code or a label', () => {
    expect(values('咨询电话 0471-6612345，监督电话（0796）8223456，传真:(0797)5123456')).toEqual([]);
    expect(values('联系人手机 15807961234，服务热线 400-600-1234')).toEqual([]);
    expect(values('值班电话 6612345')).toEqual([]);
    expect(values('办公室 0796 8223456，邮编：343000')).toEqual([]);
    // Numbers a table row separates by single spaces are quantities, whatever they look like.
    expect(values('合计 150 2000 3000')).toEqual(['150', '2000', '3000']);
  });

  it('keeps web addresses, host names and e-mail addresses out', () => {
    expect(values('详见 https://czj.example.gov.cn/zwgk/2024/0315/c8812.html，下同')).toEqual([]);
    expect(values('公开网址：www.hz365.gov.cn/art/20240112/88.shtml')).toEqual([]);
    expect(values('见 czt.nmg.gov.cn/xxgk/czyjs/202401/t20240105_2411.html。收入 8.5 万元')).toEqual(['85000元']);
    expect(values('来信请寄 8123456@qq.com 或 budget_2024@mail.example.cn')).toEqual([]);
  });

  it('keeps long ID-like digit strings out, unless a unit says they are amounts', () => {
    expect(values('统一社会信用代码 11360700014321875E，身份证号 362101198807150021')).toEqual([]);
    expect(values('账号 6217002430012345678')).toEqual([]);
    expect(values('总额 24000000000 元')).toEqual(['24000000000元']);
    expect(values('支出 24000000000.50')).toEqual(['24000000000.5']);
    // A table in 元 may print 240 亿 without separators; 15 digits or more are a code there too.
    const inTable = (text: string, unit: string) => findFigures(text, { inheritedUnit: { unit, source: 'table' } }).map((f) => f.value);
    expect(inTable('24000000000', '元')).toEqual(['24000000000']);
    expect(inTable('362101198807150021', '元')).toEqual([]);
    expect(inTable('24000000000', '万元')).toEqual([]);
  });

  it('keeps a year written as a placeholder out: 20xx 年, 20××, 202X', () => {
    expect(values('20xx 年、20××年度、202X年、19XX年')).toEqual([]);
    expect(values('按 20×3 计')).toEqual(['20', '3']);
  });
});

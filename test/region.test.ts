import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RegionSchema } from '../model/result.js';
import { loadRegionIndex, resolveRegion } from '../normalizers/region.js';

const GD = '广东省';
const SH = '上海市';

describe('resolveRegion: department names', () => {
  it.each([
    ['梅州市梅县区医疗保障局', { province: GD, city: '梅州市', county: '梅县区', code: '441403' }],
    ['乐山市金口河区医疗保障局', { province: '四川省', city: '乐山市', county: '金口河区', code: '511113' }],
    ['梅州市医疗保障局', { province: GD, city: '梅州市', code: '441400' }],
    ['湛江市坡头区医疗保障局', { province: GD, city: '湛江市', county: '坡头区', code: '440804' }],
    ['惠州市医疗保障局', { province: GD, city: '惠州市', code: '441300' }],
    ['上海市普陀区商务委员会', { province: SH, city: SH, county: '普陀区', code: '310107' }],
    ['江苏省政协办公厅', { province: '江苏省', code: '320000' }],
    ['江苏省人大常委会办公厅', { province: '江苏省', code: '320000' }],
    ['中共上海市普陀区委社会工作部', { province: SH, city: SH, county: '普陀区', code: '310107' }],
  ])('%s', (text, expected) => {
    const region = resolveRegion(text);
    expect(region).toEqual(expected);
    expect(RegionSchema.parse(region)).toEqual(expected);
  });

  it('reads names with labels, seals, full-width punctuation and letter spacing', () => {
    const meixian = { province: GD, city: '梅州市', county: '梅县区', code: '441403' };
    expect(resolveRegion('部门名称：（公章）梅州市梅县区医疗保障局')).toEqual(meixian);
    expect(resolveRegion('梅 州 市 梅 县 区 医 疗 保 障 局')).toEqual(meixian);
    expect(resolveRegion('2025年度梅州市梅县区医疗保障局部门整体支出绩效自评报告')).toEqual(meixian);
  });
});

describe('resolveRegion: short forms', () => {
  it('takes a county without its suffix right after its city or province', () => {
    expect(resolveRegion('梅州市梅县医疗保障局')).toEqual({ province: GD, city: '梅州市', county: '梅县区', code: '441403' });
    expect(resolveRegion('上海普陀区委')).toEqual({ province: SH, city: SH, county: '普陀区', code: '310107' });
    expect(resolveRegion('乐山市峨边')).toEqual({ province: '四川省', city: '乐山市', county: '峨边彝族自治县', code: '511132' });
  });

  it('takes 梅县 (the former county, now 梅县区) like a full name', () => {
    expect(resolveRegion('梅县医疗保障局')).toEqual({ province: GD, city: '梅州市', county: '梅县区', code: '441403' });
  });

  it('takes province and city short forms where a name starts', () => {
    expect(resolveRegion('广东梅州')).toEqual({ province: GD, city: '梅州市', code: '441400' });
    expect(resolveRegion('部门名称：梅州医保局')).toEqual({ province: GD, city: '梅州市', code: '441400' });
    expect(resolveRegion('广西南宁')).toEqual({ province: '广西壮族自治区', city: '南宁市', code: '450100' });
    expect(resolveRegion('新疆生产建设兵团')).toEqual({ province: '新疆维吾尔自治区', code: '650000' });
  });

  it('takes the compact forms of autonomous divisions', () => {
    expect(resolveRegion('凉山州财政局')).toEqual({ province: '四川省', city: '凉山彝族自治州', code: '513400' });
    expect(resolveRegion('峨边县财政局')).toEqual({ province: '四川省', city: '乐山市', county: '峨边彝族自治县', code: '511132' });
    expect(resolveRegion('鄂温克旗')).toEqual({ province: '内蒙古自治区', city: '呼伦贝尔市', county: '鄂温克族自治旗', code: '150724' });
  });

  it('finds no place where there is none', () => {
    expect(resolveRegion('区医保局')).toBeUndefined();
    expect(resolveRegion('医疗保障局')).toBeUndefined();
    expect(resolveRegion('')).toBeUndefined();
    expect(resolveRegion('   ')).toBeUndefined();
  });

  it('does not read ordinary words as county short forms', () => {
    expect(resolveRegion('平安建设项目')).toBeUndefined(); // 平安区 (海东)
    expect(resolveRegion('合作医疗')).toBeUndefined(); // 合作市 (甘南)
    expect(resolveRegion('省、市和县三级')).toBeUndefined(); // 和县 (马鞍山)
    expect(resolveRegion('维护社会长治久安')).toBeUndefined(); // 长治市, not where a name starts
    expect(resolveRegion('主城区管网改造')).toBeUndefined(); // 城区 (阳泉, 晋城, 汕尾)
  });
});

describe('resolveRegion: ambiguity', () => {
  it('resolves a county name shared by several provinces from the city or province before it', () => {
    expect(resolveRegion('普陀区民政局')).toBeUndefined();
    expect(resolveRegion('浙江省普陀区民政局')).toEqual({ province: '浙江省', city: '舟山市', county: '普陀区', code: '330903' });
    expect(resolveRegion('舟山市普陀区民政局')).toEqual({ province: '浙江省', city: '舟山市', county: '普陀区', code: '330903' });
    expect(resolveRegion('朝阳区财政局')).toBeUndefined();
    expect(resolveRegion('北京市朝阳区财政局')).toEqual({ province: '北京市', city: '北京市', county: '朝阳区', code: '110105' });
    expect(resolveRegion('长春市朝阳区财政局')).toEqual({ province: '吉林省', city: '长春市', county: '朝阳区', code: '220104' });
    expect(resolveRegion('鼓楼区财政局')).toBeUndefined();
    expect(resolveRegion('南京市鼓楼区财政局')).toEqual({ province: '江苏省', city: '南京市', county: '鼓楼区', code: '320106' });
    expect(resolveRegion('福州市鼓楼区财政局')).toEqual({ province: '福建省', city: '福州市', county: '鼓楼区', code: '350102' });
  });

  it('returns only the levels that are certain', () => {
    // 城区 exists in 阳泉 and 晋城, both in 山西.
    expect(resolveRegion('山西省城区财政局')).toEqual({ province: '山西省', code: '140000' });
    expect(resolveRegion('阳泉市城区财政局')).toEqual({ province: '山西省', city: '阳泉市', county: '城区', code: '140302' });
    // A province's name wins over a city's or prefecture's short form.
    expect(resolveRegion('吉林财政')).toEqual({ province: '吉林省', code: '220000' });
    expect(resolveRegion('吉林市财政局')).toEqual({ province: '吉林省', city: '吉林市', code: '220200' });
    expect(resolveRegion('海南财政')).toEqual({ province: '海南省', code: '460000' });
    expect(resolveRegion('海南州财政局')).toEqual({ province: '青海省', city: '海南藏族自治州', code: '632500' });
  });

  it('keeps the earliest place and ignores places named later', () => {
    const meizhou = { province: GD, city: '梅州市', code: '441400' };
    expect(resolveRegion('梅州市医疗保障局关于乐山市金口河区的帮扶报告')).toEqual(meizhou);
    expect(resolveRegion('梅州市惠州市')).toEqual(meizhou);
    // A county named later is not the department's county.
    expect(resolveRegion('梅州市医疗保障局指导梅江区')).toEqual(meizhou);
    // Nor does a later name settle an ambiguity: that would be a guess.
    expect(resolveRegion('普陀区商务委员会（上海市）')).toBeUndefined();
  });
});

describe('resolveRegion: dataset conventions', () => {
  it('repeats a municipality as the city', () => {
    expect(resolveRegion('上海市财政局')).toEqual({ province: SH, city: SH, code: '310000' });
    expect(resolveRegion('重庆市城口县财政局')).toEqual({ province: '重庆市', city: '重庆市', county: '城口县', code: '500229' });
  });

  it('gives no city to counties directly under a province, and no county to cities without counties', () => {
    expect(resolveRegion('仙桃市财政局')).toEqual({ province: '湖北省', county: '仙桃市', code: '429004' });
    expect(resolveRegion('湖北省神农架林区')).toEqual({ province: '湖北省', county: '神农架林区', code: '429021' });
    expect(resolveRegion('东莞市财政局')).toEqual({ province: GD, city: '东莞市', code: '441900' });
  });

  it('resolves statistical zones to their city (their codes are not GB/T 2260)', () => {
    expect(resolveRegion('苏州工业园区财政局')).toEqual({ province: '江苏省', city: '苏州市', code: '320500' });
  });

  it('knows divisions of the 2020s', () => {
    expect(resolveRegion('会理市财政局')).toEqual({ province: '四川省', city: '凉山彝族自治州', county: '会理市', code: '513402' });
    expect(resolveRegion('白杨市财政局')).toEqual({ province: '新疆维吾尔自治区', county: '白杨市', code: '659012' });
    expect(resolveRegion('米林市财政局')).toEqual({ province: '西藏自治区', city: '林芝市', county: '米林市', code: '540481' });
  });

  it('loads the whole country once', () => {
    const { divisions, names } = loadRegionIndex();
    expect(divisions).toBeGreaterThan(3000); // 31 provinces, 333 cities, ~2850 counties
    expect(names).toBeGreaterThan(divisions);
  });
});

describe('resolveRegion: the corpus reports', () => {
  it.each([
    ['huizhou-ybj-2022', '部门名称：惠州市医疗保障局', { province: GD, city: '惠州市', code: '441300' }],
    ['jinkouhe-ybj-2025', '部门名称\t\t乐山市金口河区医疗保障局\t\t\t\t\t\t', { province: '四川省', city: '乐山市', county: '金口河区', code: '511113' }],
    ['meixian-ybj-2025', '部门名称：（公章）梅州市梅县区医疗保障局', { province: GD, city: '梅州市', county: '梅县区', code: '441403' }],
    ['meizhou-ybj-2023', '部门名称：（公章）梅州市医疗保障局', { province: GD, city: '梅州市', code: '441400' }],
    ['potou-ybj-2022', '评价单位：湛江市坡头区医疗保障局本级', { province: GD, city: '湛江市', county: '坡头区', code: '440804' }],
  ])('%s: from its department line and from the whole report', (name, departmentLine, expected) => {
    const text = readFileSync(new URL(`../fixtures/reports/${name}.md`, import.meta.url), 'utf8');
    expect(text.split('\n')).toContain(departmentLine);
    expect(resolveRegion(departmentLine)).toEqual(expected);
    // The first place a report names is its own department's; later ones (梅江区、梅县区… in meizhou) are not.
    expect(resolveRegion(text)).toEqual(expected);
  });
});

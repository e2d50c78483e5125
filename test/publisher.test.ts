/**
 * Publisher, region, kind, level and year of real published documents (page cuts in fixtures/real,
 * see fixtures/README.md), each from the place the document states it: the title lines, a labelled
 * field (cover, table caption, web page byline), the document naming itself elsewhere, the folder
 * path, or the other documents of a run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../extractors/index.js';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
import { publisherFromPath } from '../normalizers/publisher.js';
import { resolveRegion } from '../normalizers/region.js';
import { fillPublishers, type SeenDocument } from '../pipeline/store/dataset.js';
import { readRealFixture } from './helpers/fixture.js';

async function metaOf(name: string) {
  return normalizeDocument(await readRealFixture(name)).meta;
}

describe('publisher and region as the document states them', () => {
  it('title: a title broken over three lines (`中共上海市普陀区委` / `社会工作部 2024 年度` / `部门决算`)', async () => {
    expect(await metaOf('sh-putuo-shgzb-2024-juesuan-p1.pdf')).toMatchObject({
      department: '中共上海市普陀区委社会工作部', departmentSource: 'title',
      region: { province: '上海市', city: '上海市', county: '普陀区', code: '310107' }, regionSource: 'title',
      kind: 'department-final-accounts', level: 'department', year: 2024,
    });
  });

  it('title: the publisher after the year (`2017 年度江苏省高级人民法院部门预算公开`)', async () => {
    expect(await metaOf('js-gjfy-2017-yusuan-p1.pdf')).toMatchObject({
      department: '江苏省高级人民法院', departmentSource: 'title', region: { province: '江苏省', code: '320000' }, regionSource: 'title',
      kind: 'department-budget', level: 'department', year: 2017,
    });
  });

  it('field: `预算主管部门：` under a title that names only the district', async () => {
    const meta = await metaOf('sh-putuo-sww-2025-yusuan-p1.pdf');
    expect(meta).toMatchObject({
      department: '上海市普陀区商务委员会', departmentSource: 'field', region: { code: '310107' }, regionSource: 'field',
      kind: 'department-budget', level: 'department', year: 2025,
    });
  });

  it('field: a cover\'s `部门:` is the publisher, not the printer (`江苏省财政厅印制`)', async () => {
    expect(await metaOf('js-swbgt-2018-yusuan-tables-p1.pdf')).toMatchObject({
      department: '中共江苏省委办公厅', departmentSource: 'field', region: { code: '320000' }, kind: 'department-budget', year: 2018,
    });
  });

  it('field: `部门：` in the captions of a tables-only attachment; its kind from the tables', async () => {
    expect(await metaOf('js-rdcwh-2019-yusuan-tables.pdf')).toMatchObject({
      department: '江苏省人大常委会办公厅', departmentSource: 'field', region: { code: '320000' }, regionSource: 'field',
      kind: 'department-budget', level: 'department', year: 2019,
    });
  });

  it('text: a cover without text, the document naming itself in its last line (`附件：江苏省政协办公厅 2019 年度部门预算公开表`)', async () => {
    expect(await metaOf('js-zxbgt-2019-yusuan-p2-18.pdf')).toMatchObject({
      department: '江苏省政协办公厅', departmentSource: 'text', region: { code: '320000' }, regionSource: 'text', kind: 'department-budget', year: 2019,
    });
  });

  it('text: the opening statement of an OCR\'d 单位预算编制说明 page; the year is the title\'s 2026, not 2025', async () => {
    const bytes = new Uint8Array(readFileSync('fixtures/scanned/sh-putuo-shiquan-2026-unit-p06.png'));
    const extracted = await extractDocument({ path: 'p06.png', bytes, sha256: '0'.repeat(64) }, { ocr: 'tesseract', ocrWorkers: 1 });
    if (!extracted.ok) throw new Error(extracted.error.message);
    const meta = normalizeDocument(extracted.document).meta;
    // OCR reads 石泉路 as 石录路: the name is kept as read; the district is certain either way.
    expect(meta).toMatchObject({ departmentSource: 'text', region: { code: '310107' }, kind: 'unit-budget', level: 'unit', year: 2026 });
    expect(meta.department).toMatch(/^上海市普陀区人民政府石.路街道办事处$/);
  }, 120_000);

  it('text: pages without a title, named by their part heading (`第三部分 江苏省高级人民法院 2017 年度部门预算情况说明`) and table notes', async () => {
    expect(await metaOf('js-gjfy-2017-yusuan-p19-20.pdf')).toMatchObject({
      department: '江苏省高级人民法院', departmentSource: 'text', region: { code: '320000' }, regionSource: 'text', kind: 'department-budget', year: 2017,
    });
    // The same pages' table notes alone, as printed on 19:16–17.
    const notes = normalizeDocument(textToDocument('二、收入预算情况说明\n\n本表反映江苏省高级人民法院 2017 年度总体收入预算情况。\n\n江苏省高级人民法院本年收入预算合计 28849.38 万元，其中：\n', { path: 'a.md', sha256: '0'.repeat(64) }, 'markdown')).meta;
    expect(notes).toMatchObject({ department: '江苏省高级人民法院', departmentSource: 'text', region: { code: '320000' } });
  });

  it('title: an OCR\'d cover line that only looks like a name (`江苏省民 院` for 江苏省人民检察院) gives way to the text', async () => {
    const bytes = new Uint8Array(readFileSync('fixtures/real/js-jcy-2017-yusuan-p1-9.pdf'));
    const extracted = await extractDocument({ path: 'js-jcy-2017-yusuan-p1-9.pdf', bytes, sha256: '0'.repeat(64) }, { ocr: 'tesseract', ocrWorkers: 1 });
    if (!extracted.ok) throw new Error(extracted.error.message);
    const meta = normalizeDocument(extracted.document).meta;
    expect(meta).toMatchObject({ department: '江苏省人民检察院', departmentSource: 'text', region: { code: '320000' }, kind: 'department-budget', year: 2017 });
  }, 120_000);

  it('field: a web page\'s `发布机构：` byline (`来源：本网` names no one)', async () => {
    const bytes = new Uint8Array(readFileSync('fixtures/web/budget-page.html'));
    const extracted = await extractDocument({ path: 'budget-page.html', bytes, sha256: '0'.repeat(64) }, { ocr: 'off' });
    if (!extracted.ok) throw new Error(extracted.error.message);
    expect(normalizeDocument(extracted.document).meta).toMatchObject({
      department: '南京市鼓楼区财政局', departmentSource: 'field', region: { city: '南京市', county: '鼓楼区', code: '320106' }, kind: 'department-budget', year: 2024,
    });
  });

  it('kind: a title run into the first paragraph by the PDF (`附件 1 部门预算单位整体支出绩效自评报告部门名称：…`) is a self-evaluation, not a budget', async () => {
    const bytes = new Uint8Array(readFileSync('fixtures/reports/meixian-ybj-2025.pdf'));
    const extracted = await extractDocument({ path: 'meixian-ybj-2025.pdf', bytes, sha256: '0'.repeat(64) }, { ocr: 'off' });
    if (!extracted.ok) throw new Error(extracted.error.message);
    expect(normalizeDocument(extracted.document).meta).toMatchObject({ department: '梅州市梅县区医疗保障局', kind: 'self-evaluation-report', level: 'department', year: 2025 });
  });

  it('gives the reason when a document names no publisher: a scanned book page is `other`', async () => {
    const meta = await metaOf('scanned-capital-zh-p1.pdf');
    expect(meta.department).toBeUndefined();
    expect(meta).toMatchObject({ kind: 'other', publisherNote: '不是部门预算、决算或绩效自评文件，文件中没有发布部门' });
  });
});

describe('fields as covers and forms print them', () => {
  const publisherOf = (text: string) => normalizeDocument(textToDocument(text, { path: 'a.md', sha256: '0'.repeat(64) }, 'markdown')).meta;

  it('a cover that names no kind (`封面`): the kind is the first title line after it that does, never a numbered section or the wording', () => {
    const report = '封面\n\n本报告共 12 页，附表 3 张。\n\n惠州市医疗保障局2022年度部门整体支出绩效自评报告\n\n一、部门预算安排情况\n\n部门预算 3810.44 万元。部门预算执行率 99.8%。\n';
    expect(publisherOf(report)).toMatchObject({ kind: 'self-evaluation-report', level: 'department', department: '惠州市医疗保障局' });
    // A numbered section that names a kind is not a title: the wording decides (部门预算 twice).
    expect(publisherOf('封面\n\n一、部门预算安排情况\n\n部门预算 3810.44 万元，部门预算执行率 99.8%。\n').kind).toBe('department-budget');
  });

  it('a letter-spaced label (`部 门:中共江苏省委办公厅`), a sealed one (`填报单位（盖章）：`), `部门（单位）名称：`', () => {
    expect(publisherOf('部 门:中共江苏省委办公厅\n')).toMatchObject({ department: '中共江苏省委办公厅', departmentSource: 'field', region: { code: '320000' } });
    expect(publisherOf('填报单位（盖章）：南京市鼓楼区妇联\n')).toMatchObject({ department: '南京市鼓楼区妇联', region: { code: '320106' } });
    expect(publisherOf('部门（单位）名称：上海市普陀区财政局\n')).toMatchObject({ department: '上海市普陀区财政局', region: { code: '310107' } });
    // A byline: the name ends before the website and the date that follow it.
    expect(publisherOf('来源：南京市鼓楼区人民政府网站　发布时间：2024-02-05\n')).toMatchObject({ department: '南京市鼓楼区人民政府', departmentSource: 'field' });
  });

  it('a cover whose name stands on its own line; `（本级）` between the name and the year; `编制单位：` in a spreadsheet\'s caption cell', () => {
    expect(publisherOf('2024年度部门决算\n\n上海市普陀区财政局\n\n二〇二五年九月\n')).toMatchObject({
      department: '上海市普陀区财政局', departmentSource: 'title', region: { code: '310107' }, kind: 'department-final-accounts', year: 2024,
    });
    expect(publisherOf('江苏省教育厅部门预算\n\n目录\n')).toMatchObject({ department: '江苏省教育厅', departmentSource: 'title', region: { code: '320000' }, kind: 'department-budget' });
    expect(publisherOf('上海市普陀区财政局（本级）2024年度单位决算\n')).toMatchObject({ department: '上海市普陀区财政局', departmentSource: 'title', kind: 'unit-final-accounts', level: 'unit' });
    expect(publisherOf('| 编制单位：上海市普陀区财政局 | 单位：元 |\n|---|---|\n| 项目 | 预算数 |\n')).toMatchObject({ department: '上海市普陀区财政局', departmentSource: 'field', region: { code: '310107' } });
  });

  it('not a unit of measure (`单位：万元`), a source of funds (`资金来源：财政拨款`) or a word ending in a label (`本部门：`)', () => {
    const meta = publisherOf('单位：万元\n\n资金来源：财政拨款\n\n本部门：主要职能\n');
    expect(meta.department).toBeUndefined();
    expect(meta.publisherNote).toBeDefined();
  });

  it('a department without a place takes the region of the title; the reason when nothing gives one', () => {
    expect(publisherOf('上海市普陀区2025年区级部门预算\n\n预算主管部门：区财政局\n\n目录\n')).toMatchObject({
      department: '区财政局', departmentSource: 'field', region: { code: '310107' }, regionSource: 'title',
    });
    expect(publisherOf('2025年部门预算\n\n预算主管部门：区财政局\n')).toMatchObject({ department: '区财政局', publisherNote: '部门名称“区财政局”不含地名，文件其他处也未写明地区' });
  });
});

describe('publisher and region from the path and the other documents of a run', () => {
  it('path: the folder and file name as the source repository stored them', () => {
    expect(publisherFromPath('pdf_files/jszwfw/江苏省委办公厅/江苏省委办公厅2017年部门预算.pdf', resolveRegion)).toMatchObject({
      department: '江苏省委办公厅', departmentSource: 'path', region: { code: '320000' }, regionSource: 'path',
    });
    // A folder that names only the place gives the region and no department.
    expect(publisherFromPath('/data/上海市普陀区/2024/abc.pdf', resolveRegion)).toEqual({ region: { province: '上海市', city: '上海市', county: '普陀区', code: '310107' }, regionSource: 'path' });
  });

  const seen = (id: number, path: string, department: string | null, region: string | null, meta: object = {}): SeenDocument => ({
    document_id: id, path, department, province: region ? '上海市' : null, city: region ? '上海市' : null, county: region ? '普陀区' : null, region_code: region, meta: JSON.stringify(meta),
  });

  it('fills a department without a place from the path, else from the same department elsewhere, else from the folder', () => {
    const filled = fillPublishers([
      seen(1, '/runs/上海市普陀区/区财政局2024年度部门决算.pdf', '区财政局', null, { departmentSource: 'title', kind: 'department-final-accounts' }),
      seen(2, '/runs/a/sww-2025.pdf', '上海市普陀区商务委员会', '310107', { departmentSource: 'field', regionSource: 'field' }),
      seen(3, '/runs/b/sww-2024.pdf', '上海市普陀区商务委员会', null),
      seen(4, '/runs/a/unit-p06.pdf', '街道办事处', null, { departmentSource: 'text' }),
      seen(5, '/runs/a/scan.pdf', null, null, { publisherNote: '文件未写明发布部门' }),
      seen(6, '/runs/c/alone.pdf', '区民政局', null, { departmentSource: 'field', publisherNote: '部门名称“区民政局”不含地名' }),
    ]);
    const row = (id: number) => {
      const c = filled.get(id)!;
      return [c.department, c.department_source, c.region_code, c.region_source, c.publisher_note];
    };
    expect(row(1)).toEqual(['区财政局', 'title', '310107', 'path', null]);
    expect(row(2)).toEqual(['上海市普陀区商务委员会', 'field', '310107', 'field', null]);
    // The same department stated with its region in another document of the run.
    expect(row(3)).toEqual(['上海市普陀区商务委员会', null, '310107', 'inferred', null]);
    // The folder's documents all lie in one region.
    expect(row(4)).toEqual(['街道办事处', 'text', '310107', 'inferred', null]);
    // A folder of two departments gives no department; its region is still the folder's one region.
    expect(row(5)).toEqual([null, null, '310107', 'inferred', '文件未写明发布部门']);
    // Nothing says where: the reason stays.
    expect(row(6)).toEqual(['区民政局', 'field', null, null, '部门名称“区民政局”不含地名']);
  });
});

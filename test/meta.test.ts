/** Report metadata: a scan's cover with its form fields run together by OCR, and names in tables. */
import { describe, expect, it } from 'vitest';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
import { scannedDocument } from './helpers/scanned.js';
import { findDepartment, findTitleYear } from '../normalizers/meta.js';
import type { TextUnit } from '../normalizers/text.js';

describe('a scanned cover and opening sections', () => {
  it('meixian: the seal read as `《公章)` and the next field run into the name', () => {
    const cover = '附件 1 部门预算单位整体支出绩效自评报告部门名称 :\n《公章) 梅州市梅县区医疗保障局下属二级预算单位数量: 1 填\n\n(—) 自评结论我局2025 年绩效自评99 分。\n';
    const { meta } = normalizeDocument(scannedDocument(cover));
    expect(meta.department).toBe('梅州市梅县区医疗保障局');
    expect(meta.region?.code).toBe('441403');
  });

  it('meizhou: the seal read as `(AED)`', () => {
    const { meta } = normalizeDocument(scannedDocument('部门整体支出绩效自评报告\n\n部门名称: (AED) 梅州市医疗保障局所属下级预算单位\n'));
    expect(meta).toMatchObject({ department: '梅州市医疗保障局', region: { code: '441400' } });
  });

  it('jinkouhe: `（一）收入情况` read as `(=) 收入情况` still opens with the total', () => {
    const text = '二、部门资金收支情况\n\n(=) 收入情况。2025 年财政拨款收入358.84 万元，其中: 一般公共预算财政拨款收入358.84 万元，占 100%。\n\n(=) 支出情况。2025 年财政拨款支出358.84 万元，其中: 基本支出176.12 万元，占 49.08%; 项目支出182.68 万元，占 50.92%。\n';
    const facts = (doc: ReturnType<typeof normalizeDocument>) =>
      doc.facts.filter((f) => f.concept.endsWith('.total')).map((f) => `${f.concept} ${doc.figures[f.figureId]!.raw} ${doc.figures[f.figureId]!.location.line}`);
    expect(facts(normalizeDocument(scannedDocument(text)))).toEqual(['income.total 358.84 万元 3', 'expense.total 358.84 万元 5']);
    // In a text layer `(=)` is not a marker, and the sections are not recognized as such.
    expect(facts(normalizeDocument(textToDocument(text, { path: 'a.md', sha256: '0'.repeat(64) }, 'markdown')))).toEqual([]);
  });
});

describe('department from a table', () => {
  const cell = (text: string, row: number, col: number): TextUnit => ({ id: 0, kind: 'cell', text, pieces: [], cell: { table: 0, row, col } });
  it('takes the cell after `部门名称` when it names a department, not a header row (`部门名称 | 备注`)', () => {
    expect(findDepartment([cell('部门名称', 0, 0), cell('上海市普陀区国资委', 0, 1)])).toBe('上海市普陀区国资委');
    expect(findDepartment([cell('部门名称', 0, 0), cell('备注', 0, 1), cell('上海市普陀区国资委', 1, 0)])).toBeUndefined();
  });
});

describe('the year a report’s title states', () => {
  const units = (text: string) => normalizeDocument(textToDocument(text, { path: 'a.md', sha256: '0'.repeat(64) }, 'markdown')).units;
  it('reads a title broken over lines, and what kind of report it is', () => {
    expect(findTitleYear(units('某区委社会工作部 2024 年度\n\n部门决算\n\n目录\n\n一、部门概况\n'))).toMatchObject({ year: 2024, genre: 'account' });
    expect(findTitleYear(units('某区2025年区级部门预算\n\n一、部门主要职能\n'))).toMatchObject({ year: 2025, genre: 'budget' });
    expect(findTitleYear(units('某县民政局部门决算（2023年度）\n'))).toMatchObject({ year: 2023, genre: 'account' });
  });
  it('a 预算 project’s self-evaluation is an account of its year, not a budget', () => {
    expect(findTitleYear(units('某县民政局2020年度预算项目绩效自评表\n'))).toMatchObject({ year: 2020, genre: 'account' });
  });
  it('a filing date on the cover does not move the year: a 2025 budget published in February 2025', () => {
    const cover = units('某省高级人民法院 2025 年度\n\n部门预算公开\n\n2025 年 2 月 24 日\n\n一、主要职能\n\n2024年执行数 580.00 万元。\n');
    expect(findTitleYear(cover)).toMatchObject({ year: 2025, genre: 'budget' });
  });
  it('reads no year from a source note or from the body after the first heading', () => {
    expect(findTitleYear(units('source: https://example.gov.cn/2023/01.html\n\n一、2023年度部门决算情况说明\n'))).toBeUndefined();
  });
});

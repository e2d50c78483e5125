/**
 * One department, many spellings (normalizers/department-name.ts): the written form the dataset shows,
 * the key the spellings share, and documents of one department grouped in an export — on the two
 * spellings 中共江苏省委办公厅 uses in its own 2018 部门预算 (the narrative's title `江苏省委办公厅2018年度部门预算公开`,
 * the tables' cover `部门:中共江苏省委办公厅`; fixtures/README.md).
 */
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../normalizers/index.js';
import { departmentKey, departmentName, officialDepartmentName, preferredDepartmentName } from '../normalizers/department-name.js';
import { fillPublishers, type SeenDocument } from '../pipeline/store/dataset.js';
import { readRealFixture } from './helpers/fixture.js';

describe('department names', () => {
  it('writes one form: no spaces or line breaks, half-width letters and digits, Chinese brackets, no `（本级）`/`部门`/`单位` tail', () => {
    expect(departmentName('中共江苏省委\n办公厅')).toBe('中共江苏省委办公厅');
    expect(departmentName('江 苏 省 人 民 检 察 院')).toBe('江苏省人民检察院');
    expect(departmentName('上海市普陀区人民政府石泉路街道办事处(本级)')).toBe('上海市普陀区人民政府石泉路街道办事处');
    expect(departmentName('江苏省人民检察院部门')).toBe('江苏省人民检察院');
    expect(departmentName('上海市普陀区商务委员会单位')).toBe('上海市普陀区商务委员会');
    expect(departmentName('南京市第１２中学')).toBe('南京市第12中学');
    // A name that ends in 部门 as a word of its own is left alone when too short to be cut.
    expect(departmentName('区属部门')).toBe('区属部门');
  });

  it('keys the spellings of one department alike, and keeps different departments apart', () => {
    expect(departmentKey('中共江苏省委办公厅')).toBe(departmentKey('江苏省委办公厅'));
    expect(departmentKey('中国共产党江苏省委员会办公厅')).toBe(departmentKey('中共江苏省委员会办公厅'));
    expect(departmentKey('中国人民政治协商会议江苏省委员会办公厅')).toBe('江苏省政协办公厅');
    expect(departmentKey('江苏省人民代表大会常务委员会办公厅')).toBe('江苏省人大常委会办公厅');
    expect(departmentKey('中共上海市普陀区委社会工作部（本级）')).toBe('上海市普陀区委社会工作部');
    expect(departmentKey('江苏省人民检察院')).not.toBe(departmentKey('江苏省高级人民法院'));
  });

  it('gives a party organ named by its place its official `中共` name', () => {
    expect(officialDepartmentName('江苏省委办公厅')).toBe('中共江苏省委办公厅');
    expect(officialDepartmentName('南京市鼓楼区委宣传部')).toBe('中共南京市鼓楼区委宣传部');
    expect(officialDepartmentName('中共江苏省委办公厅')).toBe('中共江苏省委办公厅');
    // A 委员会 or a commission's short name (商委, 科委) is no party organ.
    expect(officialDepartmentName('上海市普陀区商务委员会')).toBe('上海市普陀区商务委员会');
    expect(officialDepartmentName('上海市商委')).toBe('上海市商委');
    expect(officialDepartmentName('上海市普陀区科委')).toBe('上海市普陀区科委');
  });

  it('shows the official name, else the most written, else the longest spelling', () => {
    expect(preferredDepartmentName(['江苏省委办公厅', '江苏省委办公厅', '中共江苏省委办公厅'])).toBe('中共江苏省委办公厅');
    expect(preferredDepartmentName(['江苏省政协办公厅', '江苏省政协办公厅', '中国人民政治协商会议江苏省委员会办公厅'])).toBe('江苏省政协办公厅');
    expect(preferredDepartmentName([])).toBeUndefined();
  });
});

describe('documents of one department group together', () => {
  it('the 2018 narrative (title `江苏省委办公厅…`) and its tables (cover `部门:中共江苏省委办公厅`) export one department', async () => {
    const narrative = normalizeDocument(await readRealFixture('js-swbgt-2018-yusuan-p1.pdf')).meta;
    const tables = normalizeDocument(await readRealFixture('js-swbgt-2018-yusuan-tables-p1.pdf')).meta;
    // The title shortens the party organ's name; the official name is shown, read from the title.
    expect([narrative.department, narrative.departmentSource]).toEqual(['中共江苏省委办公厅', 'title']);
    expect([tables.department, tables.departmentSource]).toEqual(['中共江苏省委办公厅', 'field']);
    const seen = (id: number, path: string, meta: typeof narrative): SeenDocument => ({
      document_id: id,
      path,
      department: meta.department ?? null,
      province: meta.region?.province ?? null,
      city: null,
      county: null,
      region_code: meta.region?.code ?? null,
      meta: JSON.stringify(meta),
    });
    const filled = fillPublishers([seen(1, '/runs/js/swbgt-2018.pdf', narrative), seen(2, '/runs/js/swbgt-2018-tables.pdf', tables)]);
    const row = (id: number) => {
      const columns = filled.get(id)!;
      return [columns.department, columns.department_key, columns.department_source, columns.region_code];
    };
    expect(row(1)).toEqual(['中共江苏省委办公厅', '江苏省委办公厅', 'title', '320000']);
    expect(row(2)).toEqual(['中共江苏省委办公厅', '江苏省委办公厅', 'field', '320000']);
  });

  it('an export shows each department once, in its most written spelling, whatever spelling each document has', () => {
    const seen = (id: number, department: string): SeenDocument => ({
      document_id: id,
      path: `/runs/js/${id}.pdf`,
      department,
      province: '江苏省',
      city: null,
      county: null,
      region_code: '320000',
      meta: JSON.stringify({ departmentSource: 'title', regionSource: 'title' }),
    });
    const filled = fillPublishers([seen(1, '江苏省政协办公厅'), seen(2, '中国人民政治协商会议江苏省委员会办公厅'), seen(3, '江苏省 政协办公厅'), seen(4, '江苏省人民检察院')]);
    expect([1, 2, 3, 4].map((id) => [filled.get(id)!.department, filled.get(id)!.department_key])).toEqual([
      ['江苏省政协办公厅', '江苏省政协办公厅'],
      ['江苏省政协办公厅', '江苏省政协办公厅'],
      ['江苏省政协办公厅', '江苏省政协办公厅'],
      ['江苏省人民检察院', '江苏省人民检察院'],
    ]);
  });
});

/**
 * One table model for every structural family, on real published tables (fixtures/real, fixtures/README.md):
 * the model reads each row's level as printed, the table as published is quiet, and one changed cell
 * is found by the right rule with both cells as evidence, page and line.
 */
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyzers/index.js';
import { extractDocument } from '../extractors/index.js';
import type { Document } from '../model/document.js';
import { normalizeDocument } from '../normalizers/index.js';
import type { TableModel } from '../normalizers/table-model.js';
import { readFileSync } from 'node:fs';
import { textToDocument } from '../extractors/text.js';
import { readRealFixture } from './helpers/fixture.js';
import { withCell } from './helpers/mutate.js';

const findings = (document: Document, only: string[]) =>
  analyze(normalizeDocument(document), { only }).map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    evidence: f.evidence.map((e) => `${e.role} ${e.raw} p${e.page}:${e.line}`),
  }));

/** Each row of a model's panels as `label level ⊂ parent`. */
const levels = (model: TableModel) =>
  model.panels.map((panel) =>
    panel.rows.filter((row) => row.label).map((row) => `${row.code ? `${row.code} ` : ''}${row.label} ${row.level.name}${row.parent ? ` ⊂ ${row.parent.label}` : ''}`),
  );

describe('codes printed without their leading zero (js-jcy-2019-yusuan-p21.pdf, 机关运行经费 with its 款 codes reprinted as `302 1`)', () => {
  let document: Document;
  beforeAll(async () => {
    document = await readRealFixture('js-jcy-2019-yusuan-p21.pdf');
    // Print every 款 code the way some departments do: `30201` as `302 1`, `30213` as `302 13`.
    const table = document.pages[0]!.tables[0]!;
    for (const cell of table.rows.flat()) {
      const code = /^302(\d\d)$/.exec(cell.text.trim());
      if (code && cell.col === 0) document = withCell(document, 0, cell.row, 0, `302 ${String(Number(code[1]))}`);
    }
  }, 60_000);

  it('reads `302 1` as 30201, a 款 under 商品和服务支出 (302)', () => {
    const model = normalizeDocument(document).tableModels[0]!;
    const [rows] = levels(model);
    expect(rows!.slice(0, 4)).toEqual(['合计 合计', '302 商品和服务支出 类', '30201 办公费 款 ⊂ 商品和服务支出', '30205 水费 款 ⊂ 商品和服务支出']);
    expect(rows!.filter((row) => row.includes('⊂ 商品和服务支出'))).toHaveLength(15);
  });

  it('is quiet as published', () => {
    expect(findings(document, ['table-sum-mismatch'])).toEqual([]);
  });

  it('one 款 changed (邮电费 42.00 → 43.00): its 类 no longer adds up, both cells as evidence', () => {
    const changed = withCell(document, 0, 6, 2, '43.00');
    const found = findings(changed, ['table-sum-mismatch']);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(
      /^表“一般公共预算机关运行经费支出预算表”“机关运行经费支出”列：办公费（30201） 158\.00万元 \+ .* = 2392\.92万元，与商品和服务支出（302） 2,391\.92万元 不符（差 1\.00万元/,
    );
    expect(found[0]!.evidence).toContain('total 2,391.92 p1:6');
    expect(found[0]!.evidence).toContain('part 43.00 p1:10');
  });
});

describe('codes split over 类 | 款 | 项 columns, the 项 printed without its leading zero (sh-putuo-sww-2025-yusuan-p9-11.pdf, 部门收入预算总表)', () => {
  let document: Document;
  beforeAll(async () => {
    document = await readRealFixture('sh-putuo-sww-2025-yusuan-p9-11.pdf');
    // `201 | 13 | 01` reprinted as `201 | 13 | 1`, on every 项 row.
    const table = document.pages.flatMap((page) => page.tables).find((t) => t.index === 1)!;
    for (const cell of table.rows.flat()) if (cell.col === 2 && /^0\d$/.test(cell.text.trim())) document = withCell(document, 1, cell.row, 2, cell.text.trim().slice(1));
  }, 60_000);

  it('reads `201 | 13 | 1` as 2011301, a 项 under 商贸事务 (20113)', () => {
    const model = normalizeDocument(document).tableModels[1]!;
    expect(levels(model)[0]!.slice(0, 4)).toEqual([
      '201 一般公共服务支出 类',
      '20113 商贸事务 款 ⊂ 一般公共服务支出',
      '2011301 行政运行 项 ⊂ 商贸事务',
      '2011302 一般行政管理事务 项 ⊂ 商贸事务',
    ]);
  });

  it('is quiet as published, and one 项 changed (行政运行 9,389,913.00 → 9,389,914.00) is found under its 款', () => {
    expect(findings(document, ['table-sum-mismatch'])).toEqual([]);
    const found = findings(withCell(document, 1, 5, 4, '9,389,914.00'), ['table-sum-mismatch']);
    expect(found.map((f) => f.evidence.slice(0, 2))).toContainEqual(['total 21,601,733.00 p2:7', 'part 9,389,914.00 p2:8']);
  });
});

describe('其中 rows (fixtures/tables/rdcwh-2019-sangong-list.md: a real 三公 table laid out as a list)', () => {
  const text = readFileSync(new URL('../fixtures/tables/rdcwh-2019-sangong-list.md', import.meta.url), 'utf8');
  const read = (source: string) => textToDocument(source, { path: 'sangong.md', sha256: '0'.repeat(64) }, 'markdown');

  it('reads the 其中 row, and the row after it that begins with its parent’s words, as parts of 公务用车购置及运行维护费', () => {
    const model = normalizeDocument(read(text)).tableModels[0]!;
    expect(model.disclosure?.id).toBe('sangong');
    expect(levels(model)[0]).toEqual([
      '合计 合计',
      '1.因公出国（境）费 第1级',
      '2.公务用车购置及运行维护费 第1级',
      '其中：公务用车购置费 其中 ⊂ 2.公务用车购置及运行维护费',
      '公务用车运行维护费 其中 ⊂ 2.公务用车购置及运行维护费',
      '3.公务接待费 第1级',
    ]);
  });

  it('is quiet as published (合计 = 1. + 2. + 3.; the 其中 parts not added again)', () => {
    expect(findings(read(text), ['table-sum-mismatch'])).toEqual([]);
  });

  it('a 其中 part changed above its whole (运行维护费 183.60 → 193.60): partExceeds, both cells as evidence', () => {
    const found = findings(read(text.replace('| 公务用车运行维护费 | 183.60 |', '| 公务用车运行维护费 | 193.60 |')), ['table-sum-mismatch']);
    expect(found).toEqual([
      {
        ruleId: 'table-sum-mismatch',
        severity: 'error',
        message:
          '表“江苏省人大常委会办公厅2019年“三公”经费支出预算表”“预算数”列：其中 公务用车运行维护费 193.60万元 = 193.60万元，超过2.公务用车购置及运行维护费 183.60万元（差 10.00万元，超出舍入容差 0.01万元）',
        evidence: ['total 183.60 p1:9', 'part 193.60 p1:11'],
      },
    ]);
  });
});

describe('a numbered hierarchy in two panels under merged header cells (sh-putuo-sww-2025-yusuan-p9-11.pdf, 部门财务收支预算总表)', () => {
  let document: Document;
  beforeAll(async () => {
    document = await readRealFixture('sh-putuo-sww-2025-yusuan-p9-11.pdf');
  }, 60_000);

  it('reads the 收入 and 支出 panels under their merged headings, `1.` rows under their `一、`', () => {
    const model = normalizeDocument(document).tableModels[0]!;
    expect(model.panels.map((panel) => panel.heading)).toEqual(['本年收入', '本年支出']);
    expect(levels(model)[0]!.slice(0, 6)).toEqual([
      '一、财政拨款收入 第1级',
      '1.一般公共预算资金 第2级 ⊂ 一、财政拨款收入',
      '2.政府性基金 第2级 ⊂ 一、财政拨款收入',
      '3.国有资本经营预算 第2级 ⊂ 一、财政拨款收入',
      '二、事业收入 第1级',
      '三、事业单位经营收入 第1级',
    ]);
  });

  it('is quiet as published', () => {
    expect(findings(document, ['table-sum-mismatch', 'sum-mismatch'])).toEqual([]);
  });

  it('a `1.` row changed (一般公共预算资金 371,514,655.00 → 371,514,656.00): its `一、` row does not add up', () => {
    const found = findings(withCell(document, 0, 3, 1, '371,514,656.00'), ['table-sum-mismatch']);
    expect(found.map((f) => f.evidence)).toEqual([['total 371,514,655.00 p1:5', 'part 371,514,656.00 p1:6']]);
  });
});

describe('a table continued on the next page (sh-putuo-shgzb-2024-juesuan-p10-11.pdf, 财政拨款收入支出决算总表 over two pages)', () => {
  let document: Document;
  beforeAll(async () => {
    document = await readRealFixture('sh-putuo-shgzb-2024-juesuan-p10-11.pdf');
  }, 60_000);

  it('is one table, quiet as published', () => {
    expect(normalizeDocument(document).tableModels.filter((model) => model.disclosure?.id === 'fiscal-summary')).toHaveLength(1);
    expect(findings(document, ['table-sum-mismatch'])).toEqual([]);
  });

  it('a row on the first page changed (社会保障和就业支出 10.82 → 10.92): the total on the second page no longer adds up', () => {
    const found = findings(withCell(document, 0, 9, 3, '10.92'), ['table-sum-mismatch']);
    expect(found.map((f) => f.evidence)).toContainEqual(['total 307.82 p2:12', 'part 264.87 p1:5', 'part 10.92 p1:12', 'part 2.71 p1:13', 'part 29.42 p2:4']);
  });
});

describe('merged header cells and codes (sh-putuo-shgzb-2024-juesuan-excerpt.pdf, 支出决算表)', () => {
  let document: Document;
  beforeAll(async () => {
    document = await readRealFixture('sh-putuo-shgzb-2024-juesuan-excerpt.pdf');
  }, 60_000);

  it('reads 类/款/项 from the codes under the merged 项目 heading', () => {
    const model = normalizeDocument(document).tableModels[1]!;
    expect(levels(model)[0]!.slice(0, 5)).toEqual([
      '合计 合计',
      '201 一般公共服务支出 类',
      '20139 社会工作事务 款 ⊂ 一般公共服务支出',
      '2013901 行政运行 项 ⊂ 社会工作事务',
      '2013950 事业运行 项 ⊂ 社会工作事务',
    ]);
  });

  it('one 项 cell changed (行政运行 基本支出 51.32 → 52.32): its row and its 款 column, each with both cells', () => {
    const found = findings(withCell(document, 1, 5, 3, '52.32'), ['table-sum-mismatch']);
    const evidence = found.map((f) => f.evidence);
    expect(evidence.some((e) => e[0]!.startsWith('total 51.32') && e.some((x) => x.startsWith('part 52.32')))).toBe(true);
    expect(evidence.some((e) => e[0]!.startsWith('total 62.63') && e.some((x) => x.startsWith('part 52.32')))).toBe(true);
  });
});

// --- a spreadsheet 自评表 ------------------------------------------------------------------------

/**
 * A 项目支出绩效自评表 as departments export it from their budget system (财预〔2020〕10号 layout:
 * the money block with 分值 | 执行率 | 得分, then 一级 | 二级 | 三级指标 | 年度指标值 | 实际完成值 | 分值 |
 * 得分), merged cells as exported, numbers in the `0.0` format. Indicator names and targets from
 * jinkouhe-ybj-2025's 自评表; `filled` false gives the form before anything was filled in.
 */
function selfEvaluationWorkbook(filled: boolean, weight = 30): Uint8Array {
  const v = (x: number) => (filled ? x : 0);
  const rows: (string | number | null)[][] = [
    ['项目支出绩效自评表', null, null, null, null, null, null, null],
    ['（2024年度）', null, null, null, null, null, null, null],
    ['项目名称', '城乡居民医疗保险区财政补助', null, null, null, null, null, null],
    ['主管部门', '乐山市金口河区医疗保障局', null, null, '实施单位', '乐山市金口河区医疗保障局', null, null],
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', v(120), v(120), v(114), 10, filled ? '95%' : null, v(9.5)],
    [null, '其中：当年财政拨款', v(120), v(120), v(114), '—', null, '—'],
    [null, '上年结转资金', null, null, null, '—', null, '—'],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    [null, '产出指标', '数量指标', '补助城乡居民医保参保人数', '≥30000人', filled ? '31200人' : null, v(weight), v(30)],
    [null, null, '质量指标', '足额保障率', '≥99%', filled ? '100%' : null, v(20), v(20)],
    [null, '效益指标', '社会效益指标', '减轻困难群众和大病患者医疗费用负担', '优', filled ? '优' : null, v(30), v(28)],
    [null, '满意度指标', '满意度指标', '群众满意度', '≥95%', filled ? '96%' : null, v(10), v(10)],
    ['总分', null, null, null, null, null, 100, v(97.5)],
  ];
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!merges'] = ['A1:H1', 'A2:H2', 'B3:H3', 'A5:B5', 'A6:A8', 'A9:A13', 'B10:B11', 'A14:F14'].map((range) => XLSX.utils.decode_range(range));
  for (const [ref, value] of Object.entries(sheet)) {
    if (ref.startsWith('!')) continue;
    const cell = value as XLSX.CellObject;
    if (cell.t === 'n') cell.z = '0.0';
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '项目支出绩效自评表');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

async function readWorkbook(bytes: Uint8Array): Promise<Document> {
  const result = await extractDocument({ path: 'zipingbiao.xlsx', bytes, sha256: '0'.repeat(64) }, {});
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

describe('a spreadsheet 项目支出绩效自评表', () => {
  const SCORE_RULES = ['weights-sum', 'score-sum-mismatch', 'score-exceeds-max', 'placeholder-value'];

  it('filled in: its 分值 and 得分 are read from the sheet, merged cells spread, and it is quiet', async () => {
    const document = await readWorkbook(selfEvaluationWorkbook(true));
    expect(findings(document, SCORE_RULES)).toEqual([]);
  });

  it('one 分值 changed (30 → 35): weights-sum, with every weight as evidence on its sheet line', async () => {
    const found = findings(await readWorkbook(selfEvaluationWorkbook(true, 35)), SCORE_RULES);
    expect(found.map((f) => `${f.ruleId} ${f.severity} ${f.message}`)).toEqual(['weights-sum error 分值列各项合计 10.0+35.0+20.0+30.0+10.0 = 105，不等于 100']);
    expect(found[0]!.evidence.map((e) => e.split(' ').slice(0, 2).join(' '))).toEqual(['weight 10.0', 'weight 35.0', 'weight 20.0', 'weight 30.0', 'weight 10.0']);
  });

  it('never filled in (分值 and 得分 all 0.0): one placeholder-value, no arithmetic error', async () => {
    const found = findings(await readWorkbook(selfEvaluationWorkbook(false)), SCORE_RULES);
    expect(found.map((f) => `${f.ruleId} ${f.severity} ${f.message}`)).toEqual([
      'placeholder-value warning 自评表未填写：“分值”列与得分 9 处为 0 或空（表内第 6、10、11、12、13 行），是未填数的表样，其分值和得分未作核对',
    ]);
  });
});

describe('every table of the fixtures: each row’s level agrees with what is printed', () => {
  // Every fixture with a table the model reads rows from (fixtures/README.md says where each came from).
  const files = [
    'real/js-jcy-2019-yusuan-p21.pdf',
    'real/js-rdcwh-2019-yusuan-p2-4.pdf',
    'real/js-rdcwh-2019-yusuan-p4-unruled.pdf',
    'real/js-rdcwh-2019-yusuan-tables.pdf',
    'real/js-zxbgt-2019-yusuan-p2-18.pdf',
    'real/sh-putuo-shgzb-2024-juesuan-excerpt.pdf',
    'real/sh-putuo-shgzb-2024-juesuan-p10-11.pdf',
    'real/sh-putuo-shgzb-2024-juesuan-toc-empty.pdf',
    'real/sh-putuo-sww-2025-yusuan-p9-11.pdf',
    'real/sh-putuo-sww-2025-yusuan-p9-redrawn.pdf',
    'real/zwgk-annual-report-template.docx',
    'reports/jinkouhe-ybj-2025.md',
    'reports/jinkouhe-ybj-2025.docx',
    'reports/jinkouhe-ybj-2025.pdf',
    'office/budget-two-sheets.xlsx',
    'office/budget-two-sheets.xls',
    'office/budget-two-sheets.ods',
    'tables/rdcwh-2019-sangong-list.md',
    'tables/sww-2025-income-numbered.md',
    'tables/income-statement-2019-format.md',
  ];
  const read = async (file: string) => {
    const result = await extractDocument({ path: file, bytes: new Uint8Array(readFileSync(`fixtures/${file}`)), sha256: '0'.repeat(64) }, { ocr: 'off' });
    if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
    return result.document;
  };

  it('a code is a 类 (3 digits), 款 (5) or 项 (7) under the row of its code less one segment; a numbered row under the nearest broader number above it; a 其中 row under the row its run of parts follows; a row keyed by its ancestors', async () => {
    let checked = 0;
    let nested = 0;
    for (const file of files) {
      const models = normalizeDocument(await read(file)).tableModels;
      for (const model of models) {
        for (const panel of model.panels) {
          const rows = panel.rows;
          rows.forEach((row, at) => {
            const where = `${file} 表 ${model.index} 第 ${row.index + 1} 行 ${row.label}`;
            const parentAt = row.parent ? rows.indexOf(row.parent) : -1;
            if (row.parent) {
              nested++;
              expect(parentAt, where).toBeGreaterThanOrEqual(0);
              expect(parentAt, where).toBeLessThan(at);
              expect(row.level.depth, where).toBe(row.parent.level.depth + 1);
              // Only a `其中` part stands under a total (`小计` / `其中：动用上年结转和结余资金`).
              if (row.parent.total) expect(row.partial, where).toBe(true);
              // The subject path is the parent's (a total names no item) and the row's own name.
              if (!row.code) expect(row.subject, where).toEqual(row.parent.total ? [row.name] : [...row.parent.subject, row.name]);
            } else if (!row.code) expect(row.subject, where).toEqual(row.label || row.name ? [row.name] : []);
            if (row.code) {
              expect(row.level.name, where).toBe(['类', '款', '项'][(row.code.length - 3) / 2]);
              if (row.parent?.code) expect(row.code.startsWith(row.parent.code) && row.code.length === row.parent.code.length + 2, where).toBe(true);
            }
            if (row.rank !== undefined && row.parent?.rank !== undefined && !row.partial) {
              expect(row.parent.rank, where).toBeLessThan(row.rank);
              // No row between them is numbered as broadly as the parent (it would be the nearer parent).
              for (const between of rows.slice(parentAt + 1, at))
                if (between.rank !== undefined) expect(between.rank, `${where}（${between.label}）`).toBeGreaterThan(row.parent.rank);
            }
            if (row.partial) {
              expect(row.parent?.partial, where).not.toBe(true);
              // Between a part and its whole stand only other parts of it.
              for (const between of rows.slice(parentAt + 1, at)) expect(between.partial && between.parent === row.parent, `${where}（${between.label}）`).toBe(true);
            }
            if (/^减[:：]/.test(row.label.replace(/^[（(]?其中[)）]?[:：]?/, ''))) expect(row.sign, where).toBe(-1);
            if (row.total) expect(row.parent, where).toBeUndefined();
            checked++;
          });
        }
      }
    }
    expect(checked).toBeGreaterThan(450);
    expect(nested).toBeGreaterThan(180);
  }, 240_000);
});

describe('signs (sh-putuo-shgzb-2024-juesuan-excerpt.pdf, 一般公共预算财政拨款支出决算表: no `以“-”号填列` anywhere)', () => {
  let document: Document;
  beforeAll(async () => {
    document = await readRealFixture('sh-putuo-shgzb-2024-juesuan-excerpt.pdf');
  }, 60_000);
  const ofTable = (found: ReturnType<typeof findings>) => found.filter((f) => f.message.startsWith('表“一般公共预算财政拨款支出决算表”'));

  it('is quiet as published', () => {
    expect(ofTable(findings(document, ['table-sum-mismatch']))).toEqual([]);
  });

  it('one amount printed negative (事业运行 11.31 → -11.31): a warning with the cell and its 款, and the sums it breaks', () => {
    const found = ofTable(findings(withCell(document, 2, 5, 2, '-11.31'), ['table-sum-mismatch']));
    expect(found.filter((f) => f.severity === 'warning')).toEqual([
      {
        ruleId: 'table-sum-mismatch',
        severity: 'warning',
        message: '表“一般公共预算财政拨款支出决算表”“事业运行”“合计” 为负数 -11.31万元，而该表未注明负数以“-”号填列；收入、支出金额不应为负，请核对符号',
        evidence: ['stated -11.31 p3:8', 'total 264.87 p3:6'],
      },
    ]);
    // The negative is taken as printed in the sums: 社会工作事务 and the row's 基本支出 + 项目支出 no longer hold.
    expect(found.filter((f) => f.severity === 'error').map((f) => f.evidence.slice(0, 2))).toEqual([
      ['total 264.87 p3:6', 'part 51.32 p3:7'],
      ['total -11.31 p3:8', 'part 11.31 p3:8'],
    ]);
  });
});

/** The markdown / text / HTML reader, and bad input through the whole pipeline. */
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, extractText, textToDocument } from '../extractors/text.js';
import { processBytes, processFile } from '../pipeline/process.js';
import { normalizeDocument } from '../normalizers/index.js';
import { spanBBox } from '../normalizers/text.js';

const doc = (text: string, path = 'r.md') => textToDocument(text, { path, sha256: '0'.repeat(64) }, path.endsWith('.md') ? 'markdown' : 'text');
const units = (text: string, path = 'r.md') => normalizeDocument(doc(text, path)).units.map((u) => u.text.trim());

describe('markdown and text reader', () => {
  it('blanks markup without moving columns: LaTeX, headings, bold, <p>', () => {
    const d = doc('## **2. 预算执行情况（此项总分 53 分）**\n率 = $(8.77-10.04) /10.04 \\times 100\\% = -12.65\\% \\geq 0$ 。\n<p>收入 3.5 万元</p>');
    const [heading, formula, html] = d.pages[0]!.lines;
    expect(heading).toMatchObject({ number: 1, kind: 'heading', headingLevel: 2 });
    expect(heading!.text.trim()).toBe('2. 预算执行情况（此项总分 53 分）');
    expect(heading!.text.indexOf('53')).toBe('## **2. 预算执行情况（此项总分 '.length);
    expect(formula!.text.replace(/\s+/g, ' ').trim()).toBe('率 = (8.77-10.04) /10.04 × 100% = -12.65% ≥ 0 。');
    expect(html!.text.indexOf('3.5')).toBe('<p>收入 '.length);
  });

  it('reads tab-separated and pipe tables, with their 单位 caption, across blank lines', () => {
    const d = doc('单位：万元\n\n项目\t预算\t决算\n基本支出\t176.12\t176.10\n\n项目支出\t182.68\t\n| a | b |\n|---|---|\n| 1 | 2 |');
    const [first, second] = d.pages[0]!.tables;
    expect(first!.unit).toBe('万元');
    expect(first!.rows.map((r) => r.map((c) => c.text))).toEqual([['项目', '预算', '决算'], ['基本支出', '176.12', '176.10'], ['项目支出', '182.68', '']]);
    expect(first!.rows[1]![1]!.spans).toEqual([{ line: 4, start: 5, end: 11 }]);
    expect(second!.rows.map((r) => r.map((c) => c.text))).toEqual([['a', 'b'], ['1', '2']]);
    const figures = normalizeDocument(d).figures.filter((f) => f.cell?.table === 0);
    expect(figures.map((f) => `${f.raw}=${f.value}元@${f.location.line}:${f.location.column}`)).toEqual(['176.12=1761200元@4:6', '176.10=1761000元@4:13', '182.68=1826800元@6:6']);
  });

  it('ends pages at page-number footers', () => {
    const d = doc('第一页的内容 1 万元。\n— 1 —\n第二页的内容 2 万元。\n-2-\n第三页 3 万元。\n第 3 页');
    expect(d.pages.map((p) => `${p.number}:${p.lines.map((l) => l.text).join('|')}`)).toEqual(['1:第一页的内容 1 万元。', '2:第二页的内容 2 万元。', '3:第三页 3 万元。']);
    expect(d.pageNumbersKnown).toBe(true);
  });

  it('joins lines broken mid-sentence, mid-number and mid-unit, and maps every character back', () => {
    const d = doc('2022 年本单位总支出 3803.38 万元，比上年 2850.01 万元\n\n增加 33.45%。\n\n支出 358.\n\n84 万\n\n元，占\n\n50.92%。');
    const n = normalizeDocument(d);
    expect(n.units.map((u) => u.text)).toEqual(['2022 年本单位总支出 3803.38 万元，比上年 2850.01 万元增加 33.45%。', '支出 358.84 万元，占50.92%。']);
    const split = n.figures.find((f) => f.number === '358.84')!;
    expect(split).toMatchObject({ raw: '358.84 万元', value: '3588400', location: { page: 1, line: 5, column: 4 } });
    expect(n.figures.find((f) => f.number === '50.92')!.location).toMatchObject({ line: 11, column: 1 });
  });

  it('does not join form fields or new outline items', () => {
    expect(units('部门整体支出绩效自评报告\n部门名称：（公章）梅州市医疗保障局\n所属下级预算单位数量：1\n一、部门基本情况')).toEqual([
      '部门整体支出绩效自评报告', '部门名称：（公章）梅州市医疗保障局', '所属下级预算单位数量：1', '一、部门基本情况',
    ]);
  });

  it('ends a heading at its score, and a line at a list marker `1）`', () => {
    expect(units('(4) 采购管理，该项指标自评分为 8 分\n\n采购意向公开合规性\n\n本项工作全年都按时完成，得分 8 分\n\n，其中意向公开 2 分。\n\n第一项工作已经全部完成并通过验收\n\n1）预算编制')).toEqual([
      '(4) 采购管理，该项指标自评分为 8 分', '采购意向公开合规性', '本项工作全年都按时完成，得分 8 分，其中意向公开 2 分。', '第一项工作已经全部完成并通过验收', '1）预算编制',
    ]);
  });

  it('decodes GBK / GB18030 and says so', async () => {
    const text = '部门名称：测试县医疗保障局\n2025年支出合计 358.84 万元，其中：基本支出 176.12 万元，项目支出 182.68 万元。';
    const bytes = new Uint8Array(iconv.encode(text, 'gbk'));
    expect(decodeText(bytes)).toEqual({ text, encoding: 'gb18030' });
    const { result } = await processBytes('gbk.txt', bytes);
    expect(result.encoding).toBe('gb18030');
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId}@${f.page}:${f.line}`)).toEqual(['sum-mismatch@1:2']);
  });

  it('reads HTML through the shared HTML converter', async () => {
    const html = '<html><body><p>部门名称：测试局</p><p>支出合计 358.84 万元，其中：基本支出 176.12 万元，项目支出 182.68 万元。</p><table><tr><td>项目</td><td>金额</td></tr><tr><td>基本支出</td><td>176.12</td></tr></table></body></html>';
    const result = await extractText({ path: 'r.html', bytes: new TextEncoder().encode(html), sha256: '0'.repeat(64) }, {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.format).toBe('html');
    expect(result.document.pages[0]!.tables[0]!.rows[1]!.map((c) => c.text)).toEqual(['基本支出', '176.12']);
    const { result: checked } = await processBytes('r.html', new TextEncoder().encode(html));
    expect(checked.findings.map((f) => `${f.ruleId} ${f.locator}`)).toEqual(['sum-mismatch 第 2 段']);
  });
});

describe('a document past the text limit', () => {
  it('is refused with one clear error naming its size and the limit, and nothing is checked', async () => {
    const sentence = '本年支出合计 100.00 万元，其中基本支出 60.00 万元，项目支出 40.00 万元。';
    const text = sentence.repeat(4000); // 188,000 characters on one line
    const { result } = await processBytes('long.txt', new TextEncoder().encode(text), { maxTextCharacters: 100_000 });
    expect(result.errors).toEqual([{ message: '文本过长（19 万字，上限 10 万字），未核对；可按章节拆分后再查', code: 'too-much-text' }]);
    expect(result.findings).toEqual([]);
    const within = await processBytes('long.txt', new TextEncoder().encode(text), { maxTextCharacters: 200_000 });
    expect(within.result.errors).toEqual([]);
  });
});

describe('bad input: one clear error for that file, the rest goes on', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-bad-'));
  writeFileSync(join(dir, 'empty.md'), '');
  writeFileSync(join(dir, 'garbage.md'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(dir, 'blank.txt'), '   \n\n  ');
  writeFileSync(join(dir, 'no-figures.md'), '这是一份没有任何数字的说明。');
  mkdirSync(join(dir, 'nothing-here'));

  it.each([
    ['empty.md', 'empty', '文件为空（0 字节）'],
    ['garbage.md', 'not-a-report', '不是可识别的报告文件：内容为二进制数据，既非 PDF、Word、图片，也非文本'],
    ['blank.txt', 'empty', '文件没有文字内容'],
    ['no-figures.md', 'not-a-report', '未找到任何数字：可能不是预算绩效报告'],
    ['nothing-here', 'not-a-file', '这是一个目录，不是文件'],
    ['missing.md', 'io', undefined],
  ])('%s', async (name, code, message) => {
    const { result } = await processFile(join(dir, name));
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.code).toBe(code);
    if (message) expect(result.errors[0]!.message).toBe(message);
    expect(result.errors[0]!.message).not.toContain('\n');
    expect(result.findings).toEqual([]);
  });
});

describe('the box of a figure inside a text run', () => {
  it('is its share of the run by display width (CJK counts double), not the whole run', () => {
    // `358.84 万元，其中：` drawn as one run 190 units wide: 7 narrow characters and 6 wide ones, 10 units per narrow one.
    const line = {
      number: 1, text: '支出 358.84 万元，其中：', kind: 'text' as const,
      bbox: { x0: 60, y0: 10, x1: 290, y1: 22 },
      segments: [
        { start: 0, end: 3, bbox: { x0: 60, y0: 10, x1: 100, y1: 22 } },
        { start: 3, end: 16, bbox: { x0: 100, y0: 10, x1: 290, y1: 22 } },
      ],
    };
    expect(spanBBox(line as never, 3, 9)).toEqual({ x0: 100, y0: 10, x1: 160, y1: 22 });
    // A span over two runs takes its part of each.
    expect(spanBBox(line as never, 0, 9)).toEqual({ x0: 60, y0: 10, x1: 160, y1: 22 });
    // A vertical run (taller than wide) is not cut.
    const vertical = { ...line, segments: [{ start: 0, end: 16, bbox: { x0: 10, y0: 0, x1: 22, y1: 300 } }] };
    expect(spanBBox(vertical as never, 3, 9)).toEqual({ x0: 10, y0: 0, x1: 22, y1: 300 });
  });
});

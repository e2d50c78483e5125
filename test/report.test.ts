/** The review report's HTML (check --format html) and a stored run's report folder (budgetlint report), without a browser. */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arithmetic, esc } from '../pipeline/format/html.js';
import { processFile } from '../pipeline/process.js';
import { buildHtmlReport, pagesOfFindings } from '../pipeline/report/build.js';
import { budgetlint, ROOT } from './helpers/report.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-report-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A JPEG's width and height, from its first start-of-frame segment. */
function jpegSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
  for (let i = 2; i < bytes.length;) {
    const marker = bytes[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc3) return [bytes.readUInt16BE(i + 7), bytes.readUInt16BE(i + 5)];
    i += 2 + bytes.readUInt16BE(i + 2);
  }
  throw new Error('no frame');
}

describe('check --format html', () => {
  it('writes the arithmetic of each finding: parts = computed, stated vs computed, gap and tolerance', async () => {
    const { result } = await processFile(join(ROOT, 'fixtures/reports/jinkouhe-ybj-2025.md'));
    const [sum, ratio] = result.findings;
    expect(arithmetic(sum!)).toEqual([
      '基本支出 176.12万元 + 项目支出 182.68万元 = 358.80万元',
      '文中 358.84万元 ≠ 应为 358.80万元',
      '计算区间 [358.79, 358.81]万元，所述区间 [358.835, 358.845]万元',
      '差 0.04万元（区间相距 0.025万元），舍入容差 0.015万元',
    ]);
    // The same recomputation, typed, in the base unit: what JSON, SARIF and the store carry.
    expect(sum!.outcome).toEqual({
      unit: '元', printedUnit: '万元', scale: 4,
      computed: { lo: '3587900', hi: '3588100' }, stated: { lo: '3588350', hi: '3588450' },
      difference: '400', gap: '250', tolerance: '150',
    });
    expect(arithmetic(ratio!)).toEqual([
      '项目支出 182.68万元 / 财政拨款支出 358.84万元 = 50.91%',
      '文中 50.92% ≠ 应为 50.91%',
      '计算区间 [50.9064, 50.9106]%，所述区间 [50.915, 50.93]%',
      '差 0.0115%（区间相距 0.0044%），舍入容差 0.0096%',
    ]);
  });

  it('marks the evidence figures in the paragraph of a markdown report, coloured by role', () => {
    const out = join(dir, 'md.html');
    const run = budgetlint(['check', '--format', 'html', '-o', out, 'fixtures/reports/jinkouhe-ybj-2025.md']);
    expect(run.code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<div class="ctx"><span class="loc">第 41 行</span><p>(二) 支出情况。2025 年财政拨款支出 <mark class="role-total" data-f="1-f1" title="合计">358.84 万元</mark>，其中：基本支出 <mark class="role-part" data-f="1-f1" title="分项">176.12 万元</mark>，占 49.08%；项目支出 <mark class="role-part" data-f="1-f1" title="分项">182.68 万元</mark>，占 50.92%。</p></div>');
    expect(html).toContain('<mark class="role-stated" data-f="1-f2" title="所述">50.92%</mark>');
    // No page images for a text source, and no facts lost (13 of the text, the 自评表’s 13 权重).
    expect(html).not.toContain('<figure class="page"');
    expect(html).toContain('<summary>事实（26 项）</summary>');
  });

  it('shows the table rows of a Word report with their locators', () => {
    const out = join(dir, 'docx.html');
    budgetlint(['check', '--format', 'html', '-o', out, 'fixtures/reports/jinkouhe-ybj-2025.docx']);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<div class="ctx"><span class="loc">第 18 段</span>');
    expect(html).toMatch(/<div class="ctx row"><span class="loc">表 1 第 14 行<\/span><p>[^<]*<span class="tab"> │ <\/span>/);
  });

  it('draws the pages a PDF\'s findings point at, inline as data: URIs, with one box per evidence figure', async () => {
    const processed = await processFile(join(ROOT, 'fixtures/reports/jinkouhe-ybj-2025.pdf'));
    expect(pagesOfFindings(processed.result)).toEqual([2, 8, 12, 13, 14]);
    const html = await buildHtmlReport([{ result: processed.result, ...(processed.document ? { document: processed.document } : {}) }], '0.0.0-test');
    expect([...html.matchAll(/<figure class="page" id="1-p(\d+)"/g)].map((m) => Number(m[1]))).toEqual([2, 8, 12, 13, 14]);
    expect(html.match(/<img src="data:image\/jpeg;base64,/g)).toHaveLength(5);
    // 595.28 × 841.89 pt at 110 dpi.
    expect(html).toContain('width="909" height="1286" alt="第 2 页"');
    const sumBoxes = [...html.matchAll(/<g class="box role-(\w+)" data-f="1-f1" data-role="(\w+)"><rect x="([\d.]+)" y="([\d.]+)"/g)].map((m) => [m[1], m[2], m[3], m[4]]);
    // pdftotext -bbox puts these words at x 384.6, 145.1 and 404.8 pt; each box starts its 1.5 pt padding before.
    expect(sumBoxes).toEqual([['total', 'total', '383.1', '616.04'], ['part', 'part', '143.6', '644.04'], ['part', 'part', '403.3', '644.04']]);
    // 13 weights over pages 12–14; the placeholder findings have no figures: boxed at their place in the line.
    expect(html.match(/data-f="1-f4" data-role="weight"/g)).toHaveLength(13);
    expect(html).toMatch(/<g class="box role-other" data-f="1-f5" data-role="place">/);
  });

  it('escapes every string from the document and allows only its own nonce\'d script and style', async () => {
    const hostile = join(dir, '"><img src=x onerror=alert(1)>.html');
    copyFileSync(join(ROOT, 'fixtures/xss/payload.html'), hostile);
    const processed = await processFile(hostile);
    const html = await buildHtmlReport([{ result: processed.result, ...(processed.document ? { document: processed.document } : {}) }], '0.0.0-test');
    expect(html).toContain(esc(hostile));
    expect(html).toContain('详见&quot;&gt;&lt;img src=x onerror=window.__pwned=4&gt;附表');
    expect(html).not.toMatch(/<img src=x|<img src="x"|onerror=(?!window\.__pwned=4&gt;|alert\(1\)&gt;)/);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'; style-src 'nonce-\1'; img-src data: 'self'/.exec(html)?.[1];
    expect(nonce).toBeDefined();
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    // Nothing the policy would have to allow: no style attributes, no remote resource.
    expect(html).not.toMatch(/\sstyle=|https?:\/\//);
  });

  it('rejects an unknown format, naming html among the choices', () => {
    const run = budgetlint(['check', '--format', 'xml', 'fixtures/reports/jinkouhe-ybj-2025.md']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('未知输出格式 "xml"（可选 stylish、json、csv、junit、sarif、html）');
  });
});

describe('budgetlint report', () => {
  let work: string;
  let db: string;
  beforeAll(() => {
    work = join(dir, 'run');
    mkdirSync(join(work, 'docs'), { recursive: true });
    for (const name of ['jinkouhe-ybj-2025.pdf', 'jinkouhe-ybj-2025.md', 'meixian-ybj-2025.docx']) copyFileSync(join(ROOT, 'fixtures/reports', name), join(work, 'docs', name));
    copyFileSync(join(ROOT, 'fixtures/bad/truncated.pdf'), join(work, 'docs', 'truncated.pdf'));
    db = join(work, 'results.sqlite');
    expect(budgetlint(['run', 'docs', '--db', db, '--concurrency', '2'], work).code).toBe(1);
  });

  it('writes an index, one page per document and the page images of the last run', () => {
    const run = budgetlint(['report', '--db', db, '-o', 'report'], work);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('已写入 report/index.html：4 个文件，10 条发现，5 张页面图像\n');
    const out = join(work, 'report');
    expect(readdirSync(out).sort()).toEqual(['.budgetlint-report', 'doc-1.html', 'doc-2.html', 'doc-3.html', 'doc-4.html', 'img', 'index.html']);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const rows = [...index.matchAll(/<tr class="doc-row" data-doc="(\d)" data-sev="([^"]*)" data-rules="([^"]*)" data-region="([^"]*)" data-year="(\d*)"/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['1', 'error warning', 'sum-mismatch ratio-mismatch weights-sum placeholder-value', '四川省 乐山市 金口河区', '2025'],
      ['2', 'error warning', 'sum-mismatch ratio-mismatch placeholder-value weights-sum', '四川省 乐山市 金口河区', '2025'],
      ['3', '', '', '广东省 梅州市 梅县区', '2025'],
      ['4', 'failed', '', '', ''],
    ]);
    expect(index).toContain('<a href="doc-2.html">乐山市金口河区医疗保障局</a><div class="path">docs/jinkouhe-ybj-2025.pdf</div>');
    const pdfPage = readFileSync(join(out, 'doc-2.html'), 'utf8');
    expect([...pdfPage.matchAll(/<img src="(img\/[^"]+)"/g)].map((m) => m[1])).toEqual([2, 8, 12, 13, 14].map((n) => `img/doc-2-p${n}.jpg`));
    expect(jpegSize(join(out, 'img', 'doc-2-p2.jpg'))).toEqual([909, 1286]);
    expect(pdfPage).toContain('<a href="index.html">← 返回文件列表</a>');
    expect(readFileSync(join(out, 'doc-4.html'), 'utf8')).toContain('PDF 文件不完整（文件末尾缺失，可能下载中断或被截断），无法读取');
  });

  it('--only-new shows what the last run found that the file\'s previous content did not', () => {
    const md = join(work, 'docs', 'jinkouhe-ybj-2025.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('占 50.92%', '占 50.97%'));
    expect(budgetlint(['run', 'docs', '--db', db, '--concurrency', '2'], work).code).toBe(1);
    const run = budgetlint(['report', '--db', db, '-o', 'new', '--only-new'], work);
    expect(run.stderr).toBe('已写入 new/index.html：1 个文件，1 条发现，0 张页面图像\n');
    const page = readFileSync(join(work, 'new', 'doc-1.html'), 'utf8');
    expect([...page.matchAll(/<p class="msg">([^<]*)<\/p>/g)].map((m) => m[1])).toEqual(['项目支出 182.68万元 / 财政拨款支出 358.84万元 = 50.91%，与所述占比 50.97% 不符']);
    expect(page).toContain('仅显示本次运行的新发现');
    // The whole of run 1 is still there.
    expect(budgetlint(['report', '--db', db, '-o', 'first', '--run', '1'], work).stderr).toBe('已写入 first/index.html：4 个文件，10 条发现，5 张页面图像\n');
  });

  it('says when the source file is gone, and refuses a run that does not exist', () => {
    rmSync(join(work, 'docs', 'jinkouhe-ybj-2025.pdf'));
    const run = budgetlint(['report', '--db', db, '-o', 'gone'], work);
    expect(run.code).toBe(0);
    const page = readFileSync(join(work, 'gone', 'doc-2.html'), 'utf8');
    expect(page).toContain('原文件无法读取，无法显示原文页面');
    expect(page).not.toContain('<figure class="page"');
    expect(existsSync(join(work, 'gone', 'img', 'doc-2-p2.jpg'))).toBe(false);
    const missing = budgetlint(['report', '--db', db, '--run', '9'], work);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('budgetlint report: 结果库中没有第 9 次运行\n');
  });
});

/**
 * The review report in a real browser (Debian's Chromium through playwright-core): boxes over the
 * figures on the rendered page, filters, keyboard, phone width, and a hostile document that must
 * run nothing. Screenshots go to test-artifacts/ (gitignored); the README's docs/review-report.png
 * (with decisions) is made by test/review-decisions-browser.test.ts.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processFile } from '../pipeline/process.js';
import { budgetlint, findChromium, ROOT } from './helpers/report.js';

const browserPath = findChromium();
if (!browserPath.path) console.warn(browserPath.reason);

const ARTIFACTS = join(ROOT, 'test-artifacts');
const PDF = 'fixtures/reports/jinkouhe-ybj-2025.pdf';
/** The file name of the hostile fixture: markup and a `javascript:` URL. */
const HOSTILE_NAME = '"><img src=x onerror=window.__pwned=9><script>window.__pwned=10<\\script>javascript:alert(1).html';

interface Rect { x: number; y: number; width: number; height: number }

describe.skipIf(!browserPath.path)('review report in Chromium', () => {
  let dir: string;
  let browser: Browser;
  let report: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budgetlint-report-browser-'));
    mkdirSync(ARTIFACTS, { recursive: true });
    report = join(dir, 'jinkouhe.html');
    const run = budgetlint(['check', '--format', 'html', '-o', report, PDF]);
    expect(run.code, run.stderr).toBe(1);
    browser = await chromium.launch({ executablePath: browserPath.path!, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(file: string, width = 1280, height = 900): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    await page.goto(pathToFileURL(file).href);
    return { page, errors, dialogs };
  }

  it('clicking the sum-mismatch finding lights its three boxes over 358.84, 176.12 and 182.68 on the rendered page 2', async () => {
    const { result, normalized } = await processFile(join(ROOT, PDF));
    // The figures the finding names, where the document has them (page 2, lines 19 and 20).
    const sum = result.findings.find((f) => f.ruleId === 'sum-mismatch')!;
    const figureBox = (number: string) => {
      const at = sum.evidence.find((e) => e.raw.startsWith(number))!;
      const figure = normalized!.figures.find((f) => f.number === number && f.location.page === at.page && f.location.line === at.line && f.location.column === at.column)!;
      return figure.location.bbox!;
    };
    const { page, errors } = await open(report);
    const finding = page.locator('li.finding[data-rule="sum-mismatch"]');
    await expect(finding.count()).resolves.toBe(1);
    await finding.click();
    const id = await finding.getAttribute('data-f');
    expect(await finding.getAttribute('class')).toContain('active');

    const boxes = page.locator(`g.box[data-f="${id}"]`);
    expect(await boxes.count()).toBe(3);
    const image = page.locator('figure.page[data-page="2"] img');
    const imageBox = (await image.boundingBox())!;
    const units = await page.locator('figure.page[data-page="2"] svg').getAttribute('viewBox');
    const unitsWidth = Number(units!.split(' ')[2]);
    const scale = imageBox.width / unitsWidth;
    const shot = await page.screenshot();
    writeFileSync(join(ARTIFACTS, 'report-sum-mismatch.png'), shot);
    const ink = await inkIn(shot);

    const expected: [string, string][] = [['total', '358.84'], ['part', '176.12'], ['part', '182.68']];
    for (const [i, [role, number]] of expected.entries()) {
      const box = boxes.nth(i);
      expect(await box.getAttribute('class')).toBe(`box role-${role} lit`);
      expect(await box.isVisible()).toBe(true);
      expect(await box.locator('text').textContent()).toContain(number);
      const rect = (await box.locator('rect').boundingBox())!;
      // On screen, inside the viewport (the click scrolled to it).
      expect(rect.y).toBeGreaterThanOrEqual(0);
      expect(rect.y + rect.height).toBeLessThanOrEqual(900);
      // Over the figure: the figure's bbox scaled to the image, give or take the 1.5 pt padding and 3 px.
      const b = figureBox(number);
      const want: Rect = { x: imageBox.x + b.x0 * scale, y: imageBox.y + b.y0 * scale, width: (b.x1 - b.x0) * scale, height: (b.y1 - b.y0) * scale };
      const pad = 1.5 * scale + 3;
      expect(Math.abs(rect.x - want.x)).toBeLessThanOrEqual(pad);
      expect(Math.abs(rect.y - want.y)).toBeLessThanOrEqual(pad);
      expect(Math.abs(rect.x + rect.width - (want.x + want.width))).toBeLessThanOrEqual(pad);
      expect(Math.abs(rect.y + rect.height - (want.y + want.height))).toBeLessThanOrEqual(pad);
      // And there is print under it: the figure's first digits are dark pixels on the rendered page.
      expect(ink({ x: want.x + 3, y: want.y + 3, width: Math.min(want.width, 40 * scale) - 6, height: want.height - 6 })).toBeGreaterThan(0.08);
    }
    // The other findings' boxes are there but not lit.
    expect(await page.locator('g.box.lit').count()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filtering by rule hides the other findings and their boxes; j and k move between findings', async () => {
    const { page, errors } = await open(report);
    const all = await page.locator('li.finding').count();
    expect(all).toBe(5);
    await page.selectOption('#f-rule', 'ratio-mismatch');
    expect(await page.locator('li.finding:visible').count()).toBe(1);
    expect(await page.locator('li.finding:visible').getAttribute('data-rule')).toBe('ratio-mismatch');
    expect(await page.locator('li.finding[data-rule="sum-mismatch"]').isHidden()).toBe(true);
    const sumId = await page.locator('li.finding[data-rule="sum-mismatch"]').getAttribute('data-f');
    expect(await page.locator(`g.box[data-f="${sumId}"]`).first().isHidden()).toBe(true);
    await page.selectOption('#f-rule', '');
    expect(await page.locator('li.finding:visible').count()).toBe(5);

    await page.keyboard.press('j');
    expect(await page.locator('li.finding.active').getAttribute('data-rule')).toBe('sum-mismatch');
    await page.keyboard.press('j');
    expect(await page.locator('li.finding.active').getAttribute('data-rule')).toBe('ratio-mismatch');
    await page.keyboard.press('j');
    expect(await page.locator('li.finding.active').getAttribute('data-rule')).toBe('placeholder-value');
    await page.keyboard.press('k');
    expect(await page.locator('li.finding.active').getAttribute('data-rule')).toBe('ratio-mismatch');
    // The ratio finding's three figures (part, whole, stated) are lit.
    expect(await page.locator('g.box.lit').count()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone screen: no sideways scrolling at 390 px, page images scaled to the width', async () => {
    const { page } = await open(report, 390, 844);
    expect(await page.evaluate('document.documentElement.scrollWidth') as number).toBeLessThanOrEqual(390);
    const image = (await page.locator('figure.page img').first().boundingBox())!;
    expect(image.width).toBeLessThanOrEqual(390);
    await page.locator('li.finding[data-rule="sum-mismatch"]').click();
    const rect = (await page.locator('g.box.lit rect').first().boundingBox())!;
    expect(rect.x + rect.width).toBeLessThanOrEqual(390);
    writeFileSync(join(ARTIFACTS, 'report-phone.png'), await page.screenshot());
    await page.close();
  });

  it('a document and file name full of markup and javascript: render as text and run nothing', async () => {
    const hostile = join(dir, HOSTILE_NAME);
    copyFileSync(join(ROOT, 'fixtures/xss/payload.html'), hostile);
    const out = join(dir, 'hostile.html');
    const run = budgetlint(['check', '--format', 'html', '-o', out, HOSTILE_NAME], dir);
    expect(run.code, run.stderr).toBe(1);
    const { page, errors, dialogs } = await open(out);
    await page.locator('li.finding').first().click();
    await page.waitForTimeout(200);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(dialogs).toEqual([]);
    // Only the report's own script, no injected element.
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img[src="x"], svg[onload], [onerror]').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain(HOSTILE_NAME);
    expect(text).toContain('详见"><img src=x onerror=window.__pwned=4>附表');
    expect(errors).toEqual([]);
    writeFileSync(join(ARTIFACTS, 'report-hostile.png'), await page.screenshot());
    await page.close();
  });

  it('a run report: the index filters by rule and year and searches by department; document pages load their images from img/', async () => {
    const docs = join(dir, 'run');
    mkdirSync(docs);
    for (const name of ['jinkouhe-ybj-2025.pdf', 'meizhou-ybj-2023.md', 'potou-ybj-2022.md']) copyFileSync(join(ROOT, 'fixtures/reports', name), join(docs, name));
    const db = join(dir, 'run.sqlite');
    expect(budgetlint(['run', 'run', '--db', db, '--concurrency', '1'], dir).code).toBe(1);
    const made = budgetlint(['report', '--db', db, '-o', 'out'], dir);
    expect(made.code, made.stderr).toBe(0);
    const { page, errors } = await open(join(dir, 'out', 'index.html'));
    const rows = page.locator('tr.doc-row');
    expect(await rows.count()).toBe(3);
    await page.selectOption('#f-rule', 'weights-sum');
    expect(await page.locator('tr.doc-row:visible td:first-child a').allInnerTexts()).toEqual(['乐山市金口河区医疗保障局']);
    await page.selectOption('#f-rule', '');
    await page.selectOption('#f-year', '2022');
    expect(await page.locator('tr.doc-row:visible .path').allInnerTexts()).toEqual(['run/potou-ybj-2022.md']);
    await page.selectOption('#f-year', '');
    await page.fill('#f-q', '梅州');
    expect(await page.locator('tr.doc-row:visible .path').allInnerTexts()).toEqual(['run/meizhou-ybj-2023.md']);
    await page.fill('#f-q', '');
    // Sorting by errors, most first.
    await page.locator('button.sort[data-col="4"]').click();
    await page.locator('button.sort[data-col="4"]').click();
    const firstRow = page.locator('tr.doc-row').first();
    expect(await firstRow.locator('.path').innerText()).toBe('run/jinkouhe-ybj-2025.pdf');
    await firstRow.locator('a').click();
    await page.waitForLoadState('load');
    const image = page.locator('figure.page[data-page="2"] img');
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction('document.querySelector(\'figure.page[data-page="2"] img\').complete');
    expect(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(909);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** Share of dark pixels of a screenshot inside a rectangle (CSS pixels = device pixels here). */
async function inkIn(png: Buffer): Promise<(rect: Rect) => number> {
  const { createCanvas, loadImage } = createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  return (rect) => {
    let dark = 0;
    let total = 0;
    for (let y = Math.round(rect.y); y < Math.round(rect.y + rect.height); y++) {
      for (let x = Math.round(rect.x); x < Math.round(rect.x + rect.width); x++) {
        const i = (y * image.width + x) * 4;
        const luma = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
        total++;
        if (luma < 110) dark++;
      }
    }
    return total ? dark / total : 0;
  };
}

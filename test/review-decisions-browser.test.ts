/**
 * Decisions in the review report, in Debian's Chromium through playwright-core: dismiss a finding
 * (a reason is required), confirm another, filter by decision, reload (kept in the page's storage),
 * download the decisions and feed them to `check` (which then hides the dismissed finding) and to
 * `decisions import`. BUDGETLINT_UPDATE_SCREENSHOT=1 refreshes the README's docs/review-report.png.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionsFileSchema } from '../model/decision.js';
import { ReportSchema } from '../model/result.js';
import { budgetlint, findChromium, ROOT } from './helpers/report.js';

const browserPath = findChromium();
if (!browserPath.path) console.warn(browserPath.reason);

const ARTIFACTS = join(ROOT, 'test-artifacts');
const NAME = 'jinkouhe-ybj-2025.pdf';

describe.skipIf(!browserPath.path)('decisions in the review report (Chromium)', () => {
  let dir: string;
  let docs: string;
  let browser: Browser;
  let report: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budgetlint-review-decisions-'));
    docs = join(dir, 'docs');
    mkdirSync(docs);
    mkdirSync(ARTIFACTS, { recursive: true });
    copyFileSync(join(ROOT, 'fixtures/reports', NAME), join(docs, NAME));
    report = join(dir, 'review.html');
    const run = budgetlint(['check', '--format', 'html', '-o', report, docs]);
    expect(run.code, run.stderr).toBe(1);
    browser = await chromium.launch({ executablePath: browserPath.path!, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dismiss with a reason, confirm, filter, reload, download: check and decisions import accept the file', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto(pathToFileURL(report).href);

    const ratio = page.locator('li.finding[data-rule="ratio-mismatch"]');
    const sum = page.locator('li.finding[data-rule="sum-mismatch"]');
    expect(await page.locator('li.finding').count()).toBe(5);
    await page.fill('#d-by', '审计员丙');

    // 忽略 without a reason: refused, the reason box asks for one.
    await ratio.locator('button[data-state="dismissed"]').click();
    expect(await ratio.getAttribute('data-decision')).toBe('');
    expect(await ratio.locator('input.reason').getAttribute('class')).toContain('need');
    await ratio.locator('input.reason').fill('50.92% 按未四舍五入的项目支出计算，无误');
    await ratio.locator('button[data-state="dismissed"]').click();
    expect(await ratio.getAttribute('data-decision')).toBe('dismissed');
    // Hidden under the default filter (未忽略), shown under 已忽略 / 基线 with who decided.
    expect(await ratio.isVisible()).toBe(false);
    await sum.locator('button[data-state="confirmed"]').click();
    expect(await sum.locator('.dmark').textContent()).toMatch(/^已确认 — 审计员丙 \d{4}-\d{2}-\d{2}$/);
    await page.selectOption('#f-dec', 'suppressed');
    expect(await ratio.isVisible()).toBe(true);
    expect(await sum.isVisible()).toBe(false);
    expect(await ratio.locator('.dmark').textContent()).toMatch(/^已忽略（误报）：50\.92% 按未四舍五入的项目支出计算，无误 — 审计员丙 /);
    await page.selectOption('#f-dec', 'undecided');
    expect(await page.locator('li.finding:visible').count()).toBe(3);
    await page.selectOption('#f-dec', 'confirmed');
    expect(await page.locator('li.finding:visible').count()).toBe(1);
    expect(await page.locator('#d-count').textContent()).toBe('2 条已决定');

    // Kept in the page across a reload.
    await page.reload();
    expect(await page.locator('li.finding[data-rule="ratio-mismatch"]').getAttribute('data-decision')).toBe('dismissed');
    expect(await page.inputValue('#d-by')).toBe('审计员丙');

    await page.selectOption('#f-dec', 'all');
    await page.locator('li.finding[data-rule="sum-mismatch"]').click();
    const shot = await page.screenshot();
    writeFileSync(join(ARTIFACTS, 'review-decisions.png'), shot);
    if (process.env.BUDGETLINT_UPDATE_SCREENSHOT) copyFileSync(join(ARTIFACTS, 'review-decisions.png'), join(ROOT, 'docs', 'review-report.png'));

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#d-download')]);
    expect(download.suggestedFilename()).toBe('budgetlint-decisions.json');
    const saved = join(docs, 'budgetlint-decisions.json');
    await download.saveAs(saved);
    expect(errors).toEqual([]);
    await context.close();

    const file = DecisionsFileSchema.parse(JSON.parse(readFileSync(saved, 'utf8')));
    expect(file.decisions.map((d) => [d.ruleId, d.state, d.reason ?? '', d.by])).toEqual([
      ['sum-mismatch', 'confirmed', '', '审计员丙'],
      ['ratio-mismatch', 'dismissed', '50.92% 按未四舍五入的项目支出计算，无误', '审计员丙'],
    ]);

    // check reads the downloaded file beside the document: the dismissed finding is gone, the confirmed one marked.
    const checked = budgetlint(['check', '--format', 'json', docs]);
    const result = ReportSchema.parse(JSON.parse(checked.stdout));
    expect(result.files[0]!.findings.map((f) => f.ruleId)).toEqual(['sum-mismatch', 'placeholder-value', 'weights-sum', 'placeholder-value']);
    expect(result.files[0]!.findings[0]!.decision).toMatchObject({ state: 'confirmed', by: '审计员丙' });
    expect(result.decisions).toMatchObject({ suppressed: 1, confirmed: 1, stale: [] });
    expect(checked.code).toBe(1);

    const imported = budgetlint(['decisions', 'import', saved, '--db', join(dir, 'results.sqlite')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('已导入 2 条决定');
  }, 120_000);
});

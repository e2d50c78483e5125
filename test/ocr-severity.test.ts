/** Findings that rest on OCR: a doubtful figure or a possibly unread item makes an error a warning. */
import { describe, expect, it } from 'vitest';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
import { analyze } from '../analyzers/index.js';
import { scannedDocument } from './helpers/scanned.js';

function scanned(markdown: string, confidence: (line: string) => number) {
  return analyze(normalizeDocument(scannedDocument(markdown, confidence)));
}

const SCORES = '二、绩效自评情况\n\n（一）自评结论\n\n我局绩效自评 99 分。\n\n（二）指标分析\n\n1. 预算编制。该一级指标满分 40 分，自评 40 分。\n\n2. 预算执行。该一级指标满分 60 分，自评 50 分。\n';

describe('OCR-aware severity', () => {
  it('a score sum short of its total on a scan is a warning: an item may not have been read', () => {
    const findings = scanned(SCORES, () => 95);
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`)).toEqual([
      'score-sum-mismatch warning 各项得分 40分 + 50分 = 90分，与自评总分 99分 不符（扫描页，可能为识别遗漏）',
    ]);
  });
  it('the same text from a text layer is an error', () => {
    const document = textToDocument(SCORES, { path: 'text.md', sha256: '0'.repeat(64) }, 'markdown');
    expect(analyze(normalizeDocument(document)).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['score-sum-mismatch error']);
  });
  it('an arithmetic error resting on a low-confidence figure is a warning naming it', () => {
    const text = '2025 年支出合计 358.84 万元，其中：基本支出 176.12 万元，项目支出 182.68 万元。\n';
    const findings = scanned(text, () => 62);
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['sum-mismatch warning']);
    expect(findings[0]!.message).toMatch(/（358\.84 万元、176\.12 万元、182\.68 万元 可能为识别误差）$/);
    expect(findings[0]!.evidence.map((e) => e.confidence)).toEqual([62, 62, 62]);
  });

  it('weights short of 100 on a scan with a row whose weight came out empty is a warning', () => {
    const table = '| 三级指标 | 指标值 | 权重 |\n| --- | --- | --- |\n| 参保人数 | 30000 | 50% |\n| 完成任务率 | 99% |  |\n| 群众满意度 | 95% | 40% |\n';
    expect(scanned(table, () => 95).map((f) => `${f.ruleId} ${f.severity} ${f.message}`)).toEqual([
      'weights-sum warning 权重列各项合计 50+40 = 90%，不等于 100%（扫描页，可能为识别遗漏）',
    ]);
    const text = textToDocument(table, { path: 'text.md', sha256: '0'.repeat(64) }, 'markdown');
    expect(analyze(normalizeDocument(text)).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['weights-sum error']);
  });

  it('a score above a full mark stated in another line of a scan is a warning: the two may belong to two items', () => {
    const text = '(3) 采购管理。\n\n名政府采购执行率该三级指标满分 3 分，评 3 as\n\n政府采购执行率 100%。\n\n外采购合规性该三级指标满分 5 分，自评 4 分。\n';
    expect(scanned(text, () => 95).map((f) => `${f.ruleId} ${f.severity} ${f.message}`)).toEqual([
      'score-exceeds-max warning (3) 采购管理 得分 4分 超过满分 3分（扫描页，可能为识别遗漏）',
    ]);
    // Stated together, on a scan too, it is an error.
    expect(scanned('(3) 采购管理。该二级指标满分 3 分，自评 4 分。\n', () => 95).map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['score-exceeds-max error']);
  });
});

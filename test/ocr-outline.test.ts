/**
 * The score outline of a scanned report, where OCR misreads the item markers (`①` as `©`, `@`,
 * `GD`, `(OF`, or a stray character such as `印`) and loses brackets (`（1）` as `1)`). Texts
 * follow meizhou pages 13–15 and meixian pages 3–5 as the corpus scans read.
 */
import { describe, expect, it } from 'vitest';
import { textToDocument } from '../extractors/text.js';
import { normalizeDocument } from '../normalizers/index.js';
import type { OutlineNode } from '../normalizers/outline.js';
import { analyze } from '../analyzers/index.js';
import { scannedDocument } from './helpers/scanned.js';

const PROCUREMENT = (scores: number[]) =>
  [
    '（4）采购管理，该项指标自评分为 8 分',
    '人采购意向公开合规性',
    `采购意向已按时公开。该指标自评分数为 ${scores[0]} 分。`,
    '@ 采购内控制度建设',
    `我局建立了政府采购内部控制管理制度。该指标自评分数为 ${scores[1]} 分。`,
    '印采购合同签订时效性',
    `采购合同均在规定时限内签订。该指标自评分数为 ${scores[2]} 分。`,
    'GD 合同备案时效性',
    `备案及时。该指标自评分数为 ${scores[3]} 分。`,
    '(OF 采购政策效能',
    `政府采购均在小微企业进行。该指标自评分数为 ${scores[4]} 分。`,
    '（5）资产管理，该项指标自评分为 2 分',
    '@) 资产配置合规性',
    '配置均符合规定标准。该指标自评分数为 1 分。',
    '@@ 数据质量',
    '资产账与财务账相符。该指标自评分数为 1 分。',
  ].join('\n\n') + '\n';

function tree(node: OutlineNode): string[] {
  return node.children.map((c) => `${c.title} ${c.score?.raw ?? '-'}`);
}

function section(document: ReturnType<typeof normalizeDocument>, title: string): OutlineNode {
  return document.outline.nodes.find((n) => n.title.startsWith(title))!;
}

describe('score outline of a scan', () => {
  it('finds every item under its section, whatever its marker was read as', () => {
    const document = normalizeDocument(scannedDocument(PROCUREMENT([2, 1, 2, 1, 2])));
    expect(tree(section(document, '（4）采购管理'))).toEqual([
      '人采购意向公开合规性 2 分',
      '@ 采购内控制度建设 1 分',
      '印采购合同签订时效性 2 分',
      'GD 合同备案时效性 1 分',
      '(OF 采购政策效能 2 分',
    ]);
    expect(tree(section(document, '（5）资产管理'))).toEqual(['@) 资产配置合规性 1 分', '@@ 数据质量 1 分']);
    expect(analyze(document)).toEqual([]);
  });

  it('still finds a real error there, as a warning on a scan', () => {
    const findings = analyze(normalizeDocument(scannedDocument(PROCUREMENT([2, 1, 1, 1, 2]))));
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.page}:${f.line} ${f.message}`)).toEqual([
      'score-sum-mismatch warning 1:1 （4）采购管理 的下级指标得分 2分 + 1分 + 1分 + 1分 + 2分 = 7分，与其得分 8分 不符（扫描页，可能为识别遗漏）',
    ]);
  });

  it('reads `©` and `GD` as markers only on a scan; in a text layer they are text', () => {
    const text = normalizeDocument(textToDocument(PROCUREMENT([2, 1, 2, 1, 2]), { path: 'a.md', sha256: '0'.repeat(64) }, 'markdown'));
    expect(tree(section(text, '（4）采购管理'))).toEqual([]);
  });

  it('meixian: a lost bracket (`1)`) nests, and a second `该三级指标` statement is the next item', () => {
    const scan = [
      '1. 预算编制情况。',
      '1) 预算编制。',
      '© 预算编制合理性该三级指标满分 5 分，自评 5 分。',
      '@ 预算编制规范性该三级指标满分 5 分，自评 5 分。',
      '(3) 采购管理。',
      '@@ 政府采购执行率该三级指标满分 3 分，自评 3 分。',
      '政府采购执行率 100%。',
      '加采购合规性该三级指标满分 5 分，自评 4 分。',
    ].join('\n\n');
    const document = normalizeDocument(scannedDocument(scan));
    expect(tree(section(document, '1) 预算编制'))).toEqual(['© 预算编制合理性 5 分', '@ 预算编制规范性 5 分']);
    expect(tree(section(document, '(3) 采购管理'))).toEqual(['@@ 政府采购执行率 3 分', '加采购合规性 4 分']);
  });

  it('`(D)` is `（1）` read by OCR; a bracketed `(RE)` (a misread seal) is no marker', () => {
    const scan = ['2. 预算执行情况（此项总分 13 分，自评得分 13 分）', '(D) 资金管理，该项指标自评分为 9 分', '© 结转结余率', '结余率为 0。该指标自评分数为 5 分。', '@ 财务管理合规性', '符合规定。该指标自评分数为 4 分。', '(2) 信息公开，该项指标自评分为 4 分', '(RE) 梅州市医疗保障局'].join('\n\n');
    const document = normalizeDocument(scannedDocument(scan));
    expect(tree(section(document, '2. 预算执行情况'))).toEqual(['(D) 资金管理 9 分', '(2) 信息公开 4 分']);
    expect(tree(section(document, '(D) 资金管理'))).toEqual(['© 结转结余率 5 分', '@ 财务管理合规性 4 分']);
    expect(document.outline.nodes.some((n) => n.title.startsWith('(RE)'))).toBe(false);
    expect(analyze(document)).toEqual([]);
  });

  it('an item scored above its whole section is named as a possible misreading (`2.5` read as `25`)', () => {
    const scan = ['(4) 公平性，该项指标自评分为 5 分', '© 群众信访办理情况', '办理及时。该指标自评分为 2.5 分。', '@ 绩效考核结果', '考核优秀。该指标自评分为 25 分。'].join('\n\n');
    const findings = analyze(normalizeDocument(scannedDocument(scan)));
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`)).toEqual([
      'score-sum-mismatch warning (4) 公平性 的下级指标得分 2.5分 + 25分 = 27.5分，与其得分 5分 不符（25 分 可能为识别误差）',
    ]);
  });
});

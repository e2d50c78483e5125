/**
 * Lookups on the one fact key and Arelle's duplicate policy: a share's named whole is found among the text's
 * facts and the tables' cells alike; a change on last year finds the prior year under the current figure's key;
 * facts of one key that disagree block every relation that takes one of them as an operand, and the
 * disagreement is reported once (repeated-figure-mismatch in the text, text-table-mismatch against a table).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzers/index.js';
import { textToDocument } from '../extractors/text.js';
import { keyString } from '../normalizers/fact-key.js';
import { normalizeDocument, type NormalizedDocument } from '../normalizers/index.js';
import { readRealFixture } from './helpers/fixture.js';

const TABLE = `支出决算表

单位：万元

| 项目 | 合计 | 基本支出 | 项目支出 |
| --- | --- | --- | --- |
| 合计 | 1,483.90 | 900.00 | 583.90 |
| 教育支出 | 612.40 | 400.00 | 212.40 |
| 科学技术支出 | 871.50 | 500.00 | 371.50 |

`;

function normalized(markdown: string): NormalizedDocument {
  return normalizeDocument(textToDocument(markdown, { path: 'case.md', sha256: '0'.repeat(64) }, 'markdown'));
}

function relationsOf(document: NormalizedDocument) {
  return document.relations.map((r) => ({
    kind: r.kind,
    stated: r.stated.raw,
    decidable: r.decidable,
    operands: r.operands.map((o) => `${o.role} ${o.name} ${o.figure.raw}`),
    ...(r.reason ? { reason: r.reason } : {}),
  }));
}

function findingsOf(document: NormalizedDocument) {
  return analyze(document)
    .filter((f) => f.severity !== 'info')
    .map((f) => ({ rule: f.ruleId, line: f.line, message: f.message, evidence: f.evidence.map((e) => `${e.role} ${e.raw}`) }));
}

describe('a share whose whole is stated only in a table', () => {
  it('finds 本年支出合计 in the 支出决算表 and checks the share against it', () => {
    const document = normalized(`${TABLE}教育支出 612.40 万元，占本年支出合计的 41.27%。\n`);
    expect(relationsOf(document)).toEqual([{ kind: 'share', stated: '41.27%', decidable: true, operands: ['part 教育支出 612.40 万元', 'whole 本年支出合计 1,483.90'] }]);
    expect(findingsOf(document)).toEqual([]);
  });

  it('a wrong share is found with the table cell as the whole', () => {
    const document = normalized(`${TABLE}教育支出 612.40 万元，占本年支出合计的 45.27%。\n`);
    expect(findingsOf(document)).toEqual([
      {
        rule: 'ratio-mismatch',
        line: 11,
        message: '教育支出 612.40万元 / 本年支出合计 1,483.90万元 = 41.27%，与所述占 45.27% 不符（差 4.00%，超出舍入容差 0.0055%）',
        evidence: ['part 612.40 万元', 'whole 1,483.90', 'stated 45.27%'],
      },
    ]);
  });
});

describe('disagreeing statements of one key block the relations that use them', () => {
  it('text against table: the share is not checked, text-table-mismatch reports the whole once', () => {
    const document = normalized(`${TABLE}本年支出合计 1,500.00 万元。教育支出 612.40 万元，占本年支出合计的 45.27%。\n`);
    expect(relationsOf(document)).toEqual([
      {
        kind: 'share',
        stated: '45.27%',
        decidable: false,
        operands: ['part 教育支出 612.40 万元', 'whole 本年支出合计 1,500.00 万元'],
        reason: '“本年支出合计”前后所述不一致（1,500.00 万元、1,483.90）',
      },
    ]);
    expect(findingsOf(document)).toEqual([
      {
        rule: 'text-table-mismatch',
        line: 11,
        message: '正文“本年支出合计” 1,500.00万元，与表“支出决算表”“合计”“合计” 1,483.90万元 不符（差 16.10万元，超出舍入容差 0.01万元）',
        evidence: ['stated 1,500.00 万元', 'table 1,483.90'],
      },
    ]);
  });

  it('twice in the text: the share is not checked, repeated-figure-mismatch reports the second statement once', () => {
    const document = normalized('本年支出合计 1,500.00 万元，较好地保障了各项工作。支出总额为 1,483.90 万元。差旅费 61.24 万元，占本年支出合计的 4.13%。\n');
    expect(relationsOf(document).map((r) => [r.kind, r.decidable, r.reason])).toEqual([['share', false, '“本年支出合计”前后所述不一致（1,500.00 万元、1,483.90 万元）']]);
    expect(findingsOf(document).map((f) => [f.rule, f.evidence])).toEqual([['repeated-figure-mismatch', ['stated 1,483.90 万元', 'other 1,500.00 万元']]]);
  });

  it('agreeing statements (元 in the table, 万元 in the text) are one figure: the finest printed is the operand', () => {
    const table = TABLE.replace('单位：万元', '单位：元').replace(
      /(\d[\d,]*)\.(\d\d)/g,
      (_m: string, int: string, frac: string) => `${(Number(int.replace(/,/g, '') + frac) * 100).toLocaleString('en-US')}.00`,
    );
    const document = normalized(`${table}本年支出合计 1,483.90 万元。教育支出 612.40 万元，占本年支出合计的 41.27%。\n`);
    expect(relationsOf(document)).toEqual([{ kind: 'share', stated: '41.27%', decidable: true, operands: ['part 教育支出 612.40 万元', 'whole 本年支出合计 14,839,000.00'] }]);
    expect(findingsOf(document)).toEqual([]);
  });

  it('a growth rate whose current figure is stated twice differently is not checked (20.00% would be wrong for either)', () => {
    const document = normalized('本年支出合计 1,000.00 万元，比上年增加 130.00 万元，增长 20.00%。支出总额为 990.00 万元。\n');
    expect(relationsOf(document).map((r) => [r.kind, r.decidable, r.reason])).toEqual([['growth', false, '“支出合计本年”前后所述不一致（1,000.00 万元、990.00 万元）']]);
    expect(findingsOf(document).map((f) => [f.rule, f.evidence])).toEqual([['repeated-figure-mismatch', ['stated 990.00 万元', 'other 1,000.00 万元']]]);
  });

  it('an operand of an older reading too: a prior year stated twice differently leaves the change unchecked', () => {
    const consistent = normalized('上年支出合计 880.00 万元。本年支出合计 1,000.00 万元，比上年增加 130.00 万元。\n');
    expect(findingsOf(consistent).map((f) => [f.rule, f.evidence])).toEqual([['difference-mismatch', ['current 1,000.00 万元', 'previous 880.00 万元', 'stated 130.00 万元']]]);
    const twice = normalized('上年支出合计 880.00 万元，上年支出总额 870.00 万元。本年支出合计 1,000.00 万元，比上年增加 130.00 万元。\n');
    // The prior year's two statements disagree: reported once, named as the prior year's.
    expect(findingsOf(twice).map((f) => [f.rule, f.message])).toEqual([
      ['repeated-figure-mismatch', '上年支出总额 此处为 870.00万元，别处为 880.00万元（第 1 页第 1 行），前后不一致'],
    ]);
    expect(relationsOf(twice).filter((r) => r.kind === 'change' && r.decidable)).toEqual([]);
  });
});

describe('a “三公”经费 table that also lists 会议费 and 培训费 (fixtures/real/js-gjfy-2018-yusuan-p14-22.pdf)', () => {
  it('the “三公”经费 小计 column is the 三公 total; the table’s 合计 is keyed apart; the narrative’s shares are checked against the 小计', async () => {
    const document = normalizeDocument(await readRealFixture('js-gjfy-2018-yusuan-p14-22.pdf'));
    const sangong = document.facts
      .filter((fact) => fact.table && fact.key.measure.startsWith('sangong'))
      .map((fact) => `${document.figures[fact.figureId]!.raw} ${keyString(fact.key)}`);
    expect(sangong.slice(0, 2)).toEqual(['2,558.26 |sangong/合计|all|budget|current', '620.75 |sangong|all|budget|current']);
    const shares = document.relations.filter((r) => r.kind === 'share');
    expect(shares.map((r) => [r.stated.raw, r.decidable, r.operands.map((o) => o.figure.raw.replace(/\s/g, ''))])).toEqual([
      ['27.39%', true, ['170万元', '620.75']],
      ['42.98%', true, ['266.8万元', '620.75']],
      ['29.63%', true, ['183.95万元', '620.75']],
    ]);
    expect(findingsOf(document).filter((f) => f.rule === 'ratio-mismatch')).toEqual([]);
  });
});

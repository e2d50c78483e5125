/**
 * A real exported 项目支出绩效自评表 (fixtures/office/lincang-linxiang-2023-zipingbiao.*: 临沧市临翔区林业和草原局,
 * 2023年马鹿坑国有林场新建野生动物收容所建设项目) read as a view of its table model: the workbook gives the
 * facts the same form gives as text — the money block by source of funds, each indicator's 分值 and 得分
 * under its 一级/二级/三级 path (merged cells spread over their range), the 总分 — with its sheet row, and
 * the same findings. One cell changed is found by the right rule, both cells as evidence; the form as
 * published is quiet.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzers/index.js';
import { extractDocument } from '../extractors/index.js';
import { normalizeDocument } from '../normalizers/index.js';
import { selfEvaluationOf } from '../normalizers/self-evaluation.js';
import { selfEvaluationMarkdown, selfEvaluationWorkbook } from './helpers/self-evaluation-workbook.js';

const FIXTURE = 'fixtures/office/lincang-linxiang-2023-zipingbiao';

async function normalized(path: string, bytes: Uint8Array = new Uint8Array(readFileSync(path))) {
  const result = await extractDocument({ path, bytes, sha256: '0'.repeat(64) }, { ocr: 'off' });
  if (!result.ok) throw new Error(result.error.message);
  return normalizeDocument(result.document);
}

type Normalized = Awaited<ReturnType<typeof normalized>>;

/** The 自评表's facts: subject, key measure, funds and basis, the figure as printed and its value (元 for money), and where. */
function tableFacts(document: Normalized, where: (figure: Normalized['figures'][number]) => string) {
  return document.facts
    .filter((fact) => fact.table?.id === 'self-evaluation')
    .map((fact) => {
      const figure = document.figures[fact.figureId]!;
      return `${fact.key.subject.join('/')} | ${fact.key.measure} | ${fact.key.funds} ${fact.key.basis} | ${figure.raw} = ${figure.value} | ${where(figure)}`;
    });
}

const sheetRow = (figure: Normalized['figures'][number]) => figure.location.locator ?? '';
const noPlace = () => '';

const SCORE_RULES = ['weights-sum', 'score-sum-mismatch', 'score-exceeds-max', 'placeholder-value', 'ratio-mismatch', 'table-sums', 'sum-mismatch'];

function findings(document: Normalized) {
  return analyze(document, { only: SCORE_RULES }).map((f) => ({
    ruleId: f.ruleId,
    message: f.message,
    evidence: f.evidence.map((e) => `${e.role} ${e.raw}`),
    places: f.evidence.map((e) => e.locator ?? `${e.page}:${e.line}`),
  }));
}

const withoutPlaces = (list: ReturnType<typeof findings>) => list.map(({ ruleId, message, evidence }) => ({ ruleId, message, evidence }));

describe('an exported 项目支出绩效自评表 (.xlsx) gives its facts', () => {
  it('the money block by source of funds, each indicator’s 分值 and 得分 under its 一级/二级/三级 path, the 总分; each with its sheet row', async () => {
    const document = await normalized(`${FIXTURE}.xlsx`);
    const row = (n: number) => `工作表“项目支出绩效自评表” 表中第 ${n} 行`;
    expect(tableFacts(document, sheetRow)).toEqual([
      // 年初预算数 is blank as published: no fact, not a 0.
      ` | self-evaluation/全年预算数 | all adjusted | 32.4 = 324000 | ${row(6)}`,
      ` | self-evaluation/全年执行数 | all actual | 31.69 = 316900 | ${row(6)}`,
      ` | self-evaluation/执行率 | all actual | 97.80% = 97.8 | ${row(6)}`,
      ` | self-evaluation/全年预算数 | fiscal adjusted | 32.4 = 324000 | ${row(7)}`,
      ` | self-evaluation/全年执行数 | fiscal actual | 31.69 = 316900 | ${row(7)}`,
      ` | self-evaluation/执行率 | fiscal actual | 97.80% = 97.8 | ${row(7)}`,
      `年度资金总额 | self-evaluation/分值 | all actual | 10 = 10 | ${row(6)}`,
      `年度资金总额 | self-evaluation/得分 | all actual | 9 = 9 | ${row(6)}`,
      `当年财政拨款 | self-evaluation/分值 | all actual | 10 = 10 | ${row(7)}`,
      `当年财政拨款 | self-evaluation/得分 | all actual | 9 = 9 | ${row(7)}`,
      `产出指标/数量指标/野生动物收容所 | self-evaluation/分值 | all actual | 10 = 10 | ${row(11)}`,
      `产出指标/数量指标/野生动物收容所 | self-evaluation/得分 | all actual | 10 = 10 | ${row(11)}`,
      // 产出指标 and 数量指标 are merged over this row: they spread to it.
      `产出指标/数量指标/钢结构圈养围栏 | self-evaluation/分值 | all actual | 10 = 10 | ${row(12)}`,
      `产出指标/数量指标/钢结构圈养围栏 | self-evaluation/得分 | all actual | 10 = 10 | ${row(12)}`,
      `产出指标/时效指标/项目完工时限 | self-evaluation/分值 | all actual | 15 = 15 | ${row(13)}`,
      `产出指标/时效指标/项目完工时限 | self-evaluation/得分 | all actual | 15 = 15 | ${row(13)}`,
      `产出指标/质量指标/项目竣工验收率 | self-evaluation/分值 | all actual | 15 = 15 | ${row(14)}`,
      `产出指标/质量指标/项目竣工验收率 | self-evaluation/得分 | all actual | 15 = 15 | ${row(14)}`,
      `效益指标/经济效益指标/务工人员年人均增收 | self-evaluation/分值 | all actual | 10 = 10 | ${row(15)}`,
      `效益指标/经济效益指标/务工人员年人均增收 | self-evaluation/得分 | all actual | 10 = 10 | ${row(15)}`,
      `效益指标/社会效益指标/提供务工岗位 | self-evaluation/分值 | all actual | 10 = 10 | ${row(16)}`,
      `效益指标/社会效益指标/提供务工岗位 | self-evaluation/得分 | all actual | 10 = 10 | ${row(16)}`,
      `效益指标/可持续影响指标/项目建成后可持续影响年限 | self-evaluation/分值 | all actual | 10 = 10 | ${row(17)}`,
      `效益指标/可持续影响指标/项目建成后可持续影响年限 | self-evaluation/得分 | all actual | 10 = 10 | ${row(17)}`,
      `满意度指标/服务对象满意度指标/受益农户满意度 | self-evaluation/分值 | all actual | 10 = 10 | ${row(18)}`,
      `满意度指标/服务对象满意度指标/受益农户满意度 | self-evaluation/得分 | all actual | 10 = 10 | ${row(18)}`,
      ` | self-evaluation/分值 | all actual | 100 = 100 | ${row(19)}`,
      // The 总分 row's 得分 meets a report's 自评总分 on one key.
      ` | score.total | all actual | 99 = 99 | ${row(19)}`,
    ]);
    expect(document.facts.find((fact) => fact.key.measure === 'score.total')).toMatchObject({ concept: 'score.total', label: '总分' });
  });

  it('the view reads the blocks from the model: money rows with their funds, indicator rows with their levels, the 总分 row', async () => {
    const document = await normalized(`${FIXTURE}.xlsx`);
    const read = selfEvaluationOf(document.tableModels[0]!)!;
    expect(read.money.map((row) => `${row.label} ${row.funds}${row.part ? ' 其中' : ''}: ${row.cells.map((cell) => `${cell.column}=${cell.figure.raw}`).join(' ')}`)).toEqual([
      '年度资金总额 all: annual-budget=32.4 executed=31.69 rate=97.80%',
      '其中：当年财政拨款 fiscal 其中: annual-budget=32.4 executed=31.69 rate=97.80%',
    ]);
    expect(read.rows.map((row) => `${row.path.join('/')}${row.part ? ' 其中' : ''}`).slice(0, 4)).toEqual([
      '年度资金总额',
      '当年财政拨款 其中',
      '产出指标/数量指标/野生动物收容所',
      '产出指标/数量指标/钢结构圈养围栏',
    ]);
    expect(read.total).toMatchObject({ label: '总分' });
    expect(read.unfilled).toBe(false);
  });

  it('the .xls and the markdown twin give the same facts, and all three are quiet', async () => {
    const xlsx = await normalized(`${FIXTURE}.xlsx`);
    const facts = tableFacts(xlsx, noPlace);
    for (const twin of [`${FIXTURE}.xls`, `${FIXTURE}.md`]) {
      const document = await normalized(twin);
      expect(tableFacts(document, noPlace), twin).toEqual(facts);
      expect(findings(document), twin).toEqual([]);
    }
    expect(findings(xlsx)).toEqual([]);
  });
});

describe('one cell of the 自评表 changed: the right rule, both cells as evidence, in the workbook and its text twin alike', () => {
  const both = async (changes: Record<string, string | number>) => {
    const sheet = findings(await normalized('changed.xlsx', selfEvaluationWorkbook('xlsx', changes)));
    const text = findings(await normalized('changed.md', new TextEncoder().encode(selfEvaluationMarkdown(changes))));
    expect(withoutPlaces(text)).toEqual(withoutPlaces(sheet));
    return sheet;
  };
  const row = (n: number) => `工作表“项目支出绩效自评表” 表中第 ${n} 行`;

  it('a 得分 above its 分值 (项目完工时限 15 → 16): score-exceeds-max, and the 总分 no longer adds up', async () => {
    expect(await both({ H13: 16 })).toEqual([
      {
        ruleId: 'score-exceeds-max',
        message: '自评表“项目完工时限”得分 16 超过其分值 15',
        evidence: ['score 16', 'max 15'],
        places: [row(13), row(13)],
      },
      {
        ruleId: 'score-sum-mismatch',
        message: '自评表各项得分 9 + 10 + 10 + 16 + 15 + 10 + 10 + 10 + 10 = 100，与“总分”行得分 99 不符',
        evidence: ['total 99', 'part 9', 'part 10', 'part 10', 'part 16', 'part 15', 'part 10', 'part 10', 'part 10', 'part 10'],
        places: [row(19), row(6), row(11), row(12), row(13), row(14), row(15), row(16), row(17), row(18)],
      },
    ]);
  });

  it('an 执行率 that does not follow from 执行数 / 预算数 (年度资金总额 97.80% → 95.80%): ratio-mismatch on that row only', async () => {
    expect(await both({ G6: 0.958 })).toEqual([
      {
        ruleId: 'ratio-mismatch',
        message: '表格“年度资金总额”行：全年执行数 31.69万元 / 全年预算数 32.4万元 = 97.81%，与执行率 95.80% 不符',
        evidence: ['numerator 31.69', 'denominator 32.4', 'stated 95.80%'],
        places: [row(6), row(6), row(6)],
      },
    ]);
  });

  it('分值 summing to 90 (项目竣工验收率 15 → 5): weights-sum with every weight, and its 得分 now above it', async () => {
    const found = await both({ G14: 5 });
    expect(found.map((f) => `${f.ruleId} ${f.message}`)).toEqual([
      'weights-sum 分值列各项合计 10+10+10+15+5+10+10+10+10 = 90，不等于 100',
      'score-exceeds-max 自评表“项目竣工验收率”得分 15 超过其分值 5',
    ]);
    expect(found[0]!.places).toEqual([row(6), row(11), row(12), row(13), row(14), row(15), row(16), row(17), row(18)]);
    expect(found[1]!.evidence).toEqual(['score 15', 'max 5']);
  });
});

describe('the coverage ledger reads the 自评表 the rules read', () => {
  it('a filled form: scores consistent; the same form never filled in: scores undecidable, with why', async () => {
    const { processFile } = await import('../pipeline/process.js');
    const filled = (await processFile(`${FIXTURE}.xlsx`, { ocr: 'off' })).result.coverage!;
    expect(filled.kind).toBe('self-evaluation-table');
    expect(filled.families.find((family) => family.id === 'scores')).toMatchObject({ state: 'consistent', findings: 0 });
    const zeros = Object.fromEntries(
      ['C6', 'D6', 'E6', 'F6', 'H6', 'D7', 'E7', 'F7', 'H7', ...[11, 12, 13, 14, 15, 16, 17, 18, 19].flatMap((r) => [`G${r}`, `H${r}`])].map((ref) => [ref, 0]),
    );
    const dir = mkdtempSync(join(tmpdir(), 'zipingbiao-'));
    try {
      const path = join(dir, 'unfilled.xlsx');
      writeFileSync(path, selfEvaluationWorkbook('xlsx', { ...zeros, G6: '', G7: '' }));
      const { result } = await processFile(path, { ocr: 'off' });
      expect(result.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)).toEqual(['placeholder-value']);
      expect(result.facts.filter((fact) => fact.tableId === 'self-evaluation')).toEqual([]);
      expect(result.coverage!.families.find((family) => family.id === 'scores')).toMatchObject({ state: 'undecidable', reason: '自评表未填写，分值和得分无从核对' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a 自评表 printed to PDF gives the facts of its Word and markdown forms (fixtures/reports/jinkouhe-ybj-2025)', () => {
  it('each indicator’s 权重 under the same 一级/二级/三级 path, on the page it is printed on', async () => {
    const pdf = await normalized('fixtures/reports/jinkouhe-ybj-2025.pdf');
    const facts = tableFacts(pdf, (figure) => `p${String(figure.location.page)}`);
    expect(facts.slice(0, 3)).toEqual([
      '产出指标/数量指标/按照实际举报数据 | self-evaluation/分值 | all actual | 5% = 5 | p12',
      '产出指标/数量指标/补助城乡居民医保参保人数 | self-evaluation/分值 | all actual | 5% = 5 | p12',
      '产出指标/数量指标/补助困难尘肺病患者人数 | self-evaluation/分值 | all actual | 10% = 10 | p12',
    ]);
    expect(facts).toHaveLength(13);
    for (const twin of ['fixtures/reports/jinkouhe-ybj-2025.md', 'fixtures/reports/jinkouhe-ybj-2025.docx']) {
      expect(tableFacts(await normalized(twin), noPlace), twin).toEqual(tableFacts(pdf, noPlace));
    }
  });
});

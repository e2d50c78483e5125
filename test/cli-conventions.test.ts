/**
 * The command line as CI jobs use it (ESLint's conventions): exit codes, options, formats, the config
 * file, stdin, validation before work, and the README's command-line section against `--help`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../model/result.js';
import { TOOL_VERSION } from '../pipeline/version.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'pipeline/cli.ts');
const TSX = createRequire(import.meta.url).resolve('tsx');
const JINKOUHE = 'fixtures/reports/jinkouhe-ybj-2025.md';
const MEIXIAN = 'fixtures/reports/meixian-ybj-2025.md';
const MEIZHOU = 'fixtures/reports/meizhou-ybj-2023.md';

function budgetlint(args: string[], options: { cwd?: string; input?: string } = {}) {
  const run = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], {
    encoding: 'utf8', cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1' }, ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'budgetlint-conventions-'));

const JINKOUHE_ROWS = [
  '  1:41:23   错误  基本支出 176.12万元 + 项目支出 182.68万元 = 358.80万元，与财政拨款支出 358.84万元 不符（差 0.04万元，超出舍入容差 0.015万元）  sum-mismatch',
  '  1:41:77   错误  项目支出 182.68万元 / 财政拨款支出 358.84万元 = 50.91%，与所述占比 50.92% 不符  ratio-mismatch',
  '  1:132:27  错误  权重列各项合计 5+5+10+5+5+5+10+10+10+10+5+5+5 = 90%，不等于 100%  weights-sum',
  '  1:132:30  警告  “XXXX”是占位符，“实际完成指标值”未填写实际数值  placeholder-value',
  '  1:133:19  警告  自评表“实际完成指标值”列有 12 行为空（表内第 15、16、17、18、19、20、21、22、23、24、25、26 行），这些指标有目标值却无实际完成值  placeholder-value',
];
const JINKOUHE_HEADER = `${JINKOUHE}  (乐山市金口河区医疗保障局 2025 年度)`;
/** The coverage ledger's line (pipeline/coverage/ledger.ts). */
const JINKOUHE_LEDGER = '  核对范围：已核对 6 项（不一致 4）；不适用 5；无法判断 1（增减与增长率：增减表述缺少可核对的两期数字）';

describe('exit codes', () => {
  it('0: every file checked, no error — the clean file is listed with the relations checked', () => {
    expect(budgetlint(['check', MEIXIAN])).toEqual({
      code: 0,
      stdout: `${MEIXIAN}  (梅州市梅县区医疗保障局 2025 年度)\n  未发现问题（已核对 4 项关系）\n  核对范围：已核对 5 项；不适用 5；无法判断 2（增减与增长率：增减表述缺少可核对的两期数字；评分表：分值无法对应到评分表）\n\n1 个文件：0 个错误，0 个警告，0 个提示\n`,
      stderr: '',
    });
  });

  it('1: findings of severity error', () => {
    expect(budgetlint(['check', JINKOUHE]).code).toBe(1);
  });

  it('2: a path that does not exist, before any work', () => {
    expect(budgetlint(['check', JINKOUHE, 'typo/'])).toEqual({ code: 2, stdout: '', stderr: 'budgetlint check: 路径不存在：typo/\n' });
  });

  it('2: no file matched (a folder without reports)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.bin'), 'x');
    expect(budgetlint(['check', dir])).toEqual({ code: 2, stdout: '', stderr: `budgetlint check: 没有找到可核对的文件：目录 ${dir} 中没有可识别的报告文件\n` });
  });

  it('2: an unknown option, in Chinese with the usage line', () => {
    expect(budgetlint(['check', '--bogus', JINKOUHE])).toEqual({
      code: 2, stdout: '',
      stderr: 'budgetlint check: 未知选项 "--bogus"\n用法: budgetlint check [选项] 路径…|-\n运行 budgetlint check --help 查看全部选项。\n',
    });
    expect(budgetlint(['check', JINKOUHE, '--format']).stderr.split('\n')[0]).toBe('budgetlint check: 选项 --format 需要一个值');
    expect(budgetlint(['check', '--quiet=yes', JINKOUHE]).stderr.split('\n')[0]).toBe('budgetlint check: 选项 --quiet 不接受值');
  });

  it('2: every file failed to read — each is a file error and the summary names them', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-empty.md'), '');
    writeFileSync(join(dir, 'b-fake.pdf'), 'this is not a pdf');
    const run = budgetlint(['check', dir]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe([
      `${dir}/a-empty.md`, '  无法处理  文件为空（0 字节）', '',
      `${dir}/b-fake.pdf`, '  无法处理  未找到任何数字：可能不是预算绩效报告', '',
      `2 个文件：0 个错误，0 个警告，0 个提示；2 个文件无法处理：${dir}/a-empty.md、${dir}/b-fake.pdf`, '',
    ].join('\n'));
  });

  it('--fail-on-file-error: a file that failed makes it 1, otherwise 0', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-empty.md'), '');
    copyFileSync(join(ROOT, MEIXIAN), join(dir, 'b-report.md'));
    const plain = budgetlint(['check', dir]);
    expect(plain.code).toBe(0);
    expect(plain.stdout.trim().split('\n').at(-1)).toBe(`2 个文件：0 个错误，0 个警告，0 个提示；1 个文件无法处理：${dir}/a-empty.md`);
    expect(budgetlint(['check', '--fail-on-file-error', dir]).code).toBe(1);
  });

  it('2: --only X with --rule X=off would run nothing', () => {
    expect(budgetlint(['check', '--only', 'sum-mismatch', '--rule', 'sum-mismatch=off', JINKOUHE])).toEqual({
      code: 2, stdout: '', stderr: 'budgetlint check: --only sum-mismatch 与 --rule sum-mismatch=off 矛盾：该规则不会运行\n',
    });
  });
});

describe('options', () => {
  it('--quiet prints errors only', () => {
    const run = budgetlint(['check', '--quiet', JINKOUHE]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe([JINKOUHE_HEADER, ...JINKOUHE_ROWS.slice(0, 3), JINKOUHE_LEDGER, '', '1 个文件：3 个错误，0 个警告，0 个提示（sum-mismatch 1，ratio-mismatch 1，weights-sum 1）', ''].join('\n'));
  });

  it('--max-warnings N: more warnings than N make it 1 (meizhou has one warning, no error)', () => {
    expect(budgetlint(['check', MEIZHOU]).code).toBe(0);
    expect(budgetlint(['check', '--max-warnings', '1', MEIZHOU]).code).toBe(0);
    expect(budgetlint(['check', '--max-warnings', '0', MEIZHOU]).code).toBe(1);
    expect(budgetlint(['check', '--max-warnings=-1', MEIZHOU]).stderr).toBe('budgetlint check: --max-warnings 需要非负整数，收到 "-1"\n');
  });

  it('--fail-on warning: a warning makes it 1', () => {
    expect(budgetlint(['check', '--fail-on', 'warning', MEIZHOU]).code).toBe(1);
    expect(budgetlint(['check', '--fail-on', 'error', MEIZHOU]).code).toBe(0);
    expect(budgetlint(['check', '--fail-on', 'info', MEIZHOU])).toMatchObject({ code: 2, stderr: 'budgetlint check: --fail-on 需要 warning 或 error，收到 "info"\n' });
  });
});

describe('formats on jinkouhe (sum-mismatch, ratio-mismatch, weights-sum, placeholder-value)', () => {
  it('stylish: 页:行:列, summary with counts per rule', () => {
    expect(budgetlint(['check', JINKOUHE]).stdout).toBe([JINKOUHE_HEADER, ...JINKOUHE_ROWS, JINKOUHE_LEDGER, '',
      '1 个文件：3 个错误，2 个警告，0 个提示（sum-mismatch 1，ratio-mismatch 1，weights-sum 1，placeholder-value 2）', ''].join('\n'));
  });

  it('json: the report, with the relations checked', () => {
    const report = ReportSchema.parse(JSON.parse(budgetlint(['check', '--format', 'json', JINKOUHE]).stdout));
    expect(report.files.map((file) => [file.path, file.relations, file.findings.map((f) => `${f.ruleId} ${f.page}:${f.line}:${f.column}`)])).toEqual([
      [JINKOUHE, 14, ['sum-mismatch 1:41:23', 'ratio-mismatch 1:41:77', 'weights-sum 1:132:27', 'placeholder-value 1:132:30', 'placeholder-value 1:133:19']],
    ]);
  });

  it('csv: one row per finding, BOM and CRLF', () => {
    expect(budgetlint(['check', '--format', 'csv', JINKOUHE]).stdout).toBe(`\ufeff${[
      'path,location,page,line,column,severity,rule_id,message,actual,expected,fingerprint,decision,decision_reason,decided_by,decided_at',
      `${JINKOUHE},1:41:23,1,41,23,error,sum-mismatch,基本支出 176.12万元 + 项目支出 182.68万元 = 358.80万元，与财政拨款支出 358.84万元 不符（差 0.04万元，超出舍入容差 0.015万元）,358.84万元,358.80万元,e21f2734d358-0ff07cd93fd95d1ccb0f,,,,`,
      `${JINKOUHE},1:41:77,1,41,77,error,ratio-mismatch,项目支出 182.68万元 / 财政拨款支出 358.84万元 = 50.91%，与所述占比 50.92% 不符,50.92%,50.91%,e21f2734d358-b20e3f0cbb1a45681534,,,,`,
      `${JINKOUHE},1:132:27,1,132,27,error,weights-sum,权重列各项合计 5+5+10+5+5+5+10+10+10+10+5+5+5 = 90%，不等于 100%,90%,100%,e21f2734d358-d77173813e44ba4bc495,,,,`,
      `${JINKOUHE},1:132:30,1,132,30,warning,placeholder-value,“XXXX”是占位符，“实际完成指标值”未填写实际数值,XXXX,,e21f2734d358-0c3510943180ccc31fee,,,,`,
      `${JINKOUHE},1:133:19,1,133,19,warning,placeholder-value,自评表“实际完成指标值”列有 12 行为空（表内第 15、16、17、18、19、20、21、22、23、24、25、26 行），这些指标有目标值却无实际完成值,空,,e21f2734d358-43806cc625677d1f693c,,,,`,
    ].join('\r\n')}\r\n`);
  });

  it('junit: a suite per file, a failing case per finding, a passing case for a clean file', () => {
    const failure = (rule: string, at: string, type: string, label: string, message: string) => [
      `    <testcase name="${rule} ${at}" classname="${JINKOUHE}">`,
      `      <failure type="${type}" message="${message}">${at} ${label} ${message} (${rule})</failure>`,
      '    </testcase>',
    ];
    expect(budgetlint(['check', '--format', 'junit', JINKOUHE, MEIXIAN]).stdout).toBe([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="budgetlint" tests="6" failures="5" errors="0">',
      `  <testsuite name="${JINKOUHE}" tests="5" failures="5" errors="0">`,
      ...failure('sum-mismatch', '1:41:23', 'error', '错误', '基本支出 176.12万元 + 项目支出 182.68万元 = 358.80万元，与财政拨款支出 358.84万元 不符（差 0.04万元，超出舍入容差 0.015万元）'),
      ...failure('ratio-mismatch', '1:41:77', 'error', '错误', '项目支出 182.68万元 / 财政拨款支出 358.84万元 = 50.91%，与所述占比 50.92% 不符'),
      ...failure('weights-sum', '1:132:27', 'error', '错误', '权重列各项合计 5+5+10+5+5+5+10+10+10+10+5+5+5 = 90%，不等于 100%'),
      ...failure('placeholder-value', '1:132:30', 'warning', '警告', '“XXXX”是占位符，“实际完成指标值”未填写实际数值'),
      ...failure('placeholder-value', '1:133:19', 'warning', '警告', '自评表“实际完成指标值”列有 12 行为空（表内第 15、16、17、18、19、20、21、22、23、24、25、26 行），这些指标有目标值却无实际完成值'),
      '  </testsuite>',
      `  <testsuite name="${MEIXIAN}" tests="1" failures="0" errors="0">`,
      `    <testcase name="未发现问题（已核对 4 项关系）" classname="${MEIXIAN}"/>`,
      '  </testsuite>',
      '</testsuites>',
      '',
    ].join('\n'));
  });

  it('sarif: 2.1.0, results with ruleId, level, message and the file region', () => {
    const result = (ruleId: string, level: string, text: string, startLine: number, startColumn: number, fingerprint: string, outcome?: object) => ({
      ruleId, level, message: { text },
      locations: [{ physicalLocation: { artifactLocation: { uri: JINKOUHE }, region: { startLine, startColumn } } }],
      partialFingerprints: { 'budgetlintFinding/v1': `e21f2734d358-${fingerprint}` },
      ...(outcome ? { properties: { outcome } } : {}),
    });
    // The recomputation, typed, in the base unit (元, %): ranges after rounding, difference, gap and tolerance.
    const sumOutcome = { unit: '元', printedUnit: '万元', scale: 4, stated: { lo: '3588350', hi: '3588450' }, computed: { lo: '3587900', hi: '3588100' }, difference: '400', gap: '250', tolerance: '150' };
    const shareOutcome = {
      unit: '%', printedUnit: '%', scale: 0, stated: { lo: '50.915', hi: '50.93' }, computed: { lo: '50.906380192005', hi: '50.910585645213' },
      difference: '0.01151711069', gap: '0.004414354787', tolerance: '0.009602726604',
    };
    const sarif = JSON.parse(budgetlint(['check', '--format', 'sarif', JINKOUHE]).stdout);
    expect(sarif).toEqual({
      version: '2.1.0',
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      runs: [{
        tool: {
          driver: {
            name: 'budgetlint', version: TOOL_VERSION,
            rules: [
              { id: 'sum-mismatch', shortDescription: { text: '总数与其分项之和不符（“其中”所列各项、括号内分项、表格合计行/列）' } },
              { id: 'ratio-mismatch', shortDescription: { text: '占比（“其中”分项占 X%、占某总数的 X%）及执行率、完成率、支付率、到位率、偏离度、结转结余率与同句所给数字不符' } },
              { id: 'weights-sum', shortDescription: { text: '自评表中各指标权重（权重、分值）合计不等于 100' } },
              { id: 'placeholder-value', shortDescription: { text: '占位符代替了数值（XXXX、××、待填、“占 %”无数字），或自评表有目标值而实际完成值为空' } },
            ],
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: [] }],
        results: [
          result('sum-mismatch', 'error', '基本支出 176.12万元 + 项目支出 182.68万元 = 358.80万元，与财政拨款支出 358.84万元 不符（差 0.04万元，超出舍入容差 0.015万元）', 41, 23, '0ff07cd93fd95d1ccb0f', sumOutcome),
          result('ratio-mismatch', 'error', '项目支出 182.68万元 / 财政拨款支出 358.84万元 = 50.91%，与所述占比 50.92% 不符', 41, 77, 'b20e3f0cbb1a45681534', shareOutcome),
          result('weights-sum', 'error', '权重列各项合计 5+5+10+5+5+5+10+10+10+10+5+5+5 = 90%，不等于 100%', 132, 27, 'd77173813e44ba4bc495'),
          result('placeholder-value', 'warning', '“XXXX”是占位符，“实际完成指标值”未填写实际数值', 132, 30, '0c3510943180ccc31fee'),
          result('placeholder-value', 'warning', '自评表“实际完成指标值”列有 12 行为空（表内第 15、16、17、18、19、20、21、22、23、24、25、26 行），这些指标有目标值却无实际完成值', 133, 19, '43806cc625677d1f693c'),
        ],
      }],
    });
  });

  it('stylish aligns Word locators by display width (CJK counts double)', () => {
    const rows = budgetlint(['check', 'fixtures/reports/huizhou-ybj-2022.docx']).stdout.split('\n').filter((line) => /^ {2}第/.test(line));
    expect(rows.map((line) => line.slice(0, line.search(/错误|警告/)))).toEqual(['  第 55 段   ', '  第 58 段   ', '  第 59 段   ', '  第 60 段   ', '  第 102 段  ']);
  });
});

describe('config file', () => {
  it('is found upward from the working directory; the command line overrides it', () => {
    const dir = tempDir();
    const nested = join(dir, 'a', 'b');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(dir, '.budgetlintrc.json'), JSON.stringify({ rules: { 'weights-sum': 'off', 'placeholder-value': 'info' } }));
    const report = join(ROOT, JINKOUHE);
    const rules = (args: string[]) => JSON.parse(budgetlint(['check', '--format', 'json', ...args, report], { cwd: nested }).stdout).files[0].findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`);
    expect(rules([])).toEqual(['sum-mismatch:error', 'ratio-mismatch:error', 'placeholder-value:info', 'placeholder-value:info']);
    expect(rules(['--rule', 'placeholder-value=off'])).toEqual(['sum-mismatch:error', 'ratio-mismatch:error']);
  });

  it('--config names one; a bad key or value is a one-line Chinese error, exit 2', () => {
    const dir = tempDir();
    const bad = join(dir, 'budgetlint.config.json');
    writeFileSync(bad, JSON.stringify({ rulez: { 'sum-mismatch': 'off' } }));
    expect(budgetlint(['check', '--config', bad, JINKOUHE])).toEqual({
      code: 2, stdout: '', stderr: `budgetlint check: 配置文件 ${bad} 有误：未知的键 “rulez”（可用：rules、only、ocr、ocrWorkers、timeLimit、maxUnzippedMb、decisions）\n`,
    });
    writeFileSync(bad, JSON.stringify({ rules: { 'sum-mismatch': 'loud' } }));
    expect(budgetlint(['check', JINKOUHE], { cwd: dir }).stderr).toBe(`budgetlint check: 配置文件 ${bad} 有误：“rules.sum-mismatch” 应为 off、info、warning、error 之一\n`);
    writeFileSync(bad, '{ "rules": ');
    expect(budgetlint(['check', JINKOUHE], { cwd: dir }).stderr).toMatch(new RegExp(`^budgetlint check: 配置文件 ${bad} 不是有效的 JSON`));
    writeFileSync(bad, JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
    expect(budgetlint(['check', JINKOUHE], { cwd: dir }).stderr).toMatch(/^budgetlint check: 未知规则 "no-such-rule"/);
  });
});

describe('input and output', () => {
  it('- reads one document from stdin, named by --stdin-filename', () => {
    const run = budgetlint(['check', '-', '--stdin-filename', 'jinkouhe.md'], { input: readFileSync(join(ROOT, JINKOUHE), 'utf8') });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').slice(0, 6)).toEqual(['jinkouhe.md  (乐山市金口河区医疗保障局 2025 年度)', ...JINKOUHE_ROWS]);
    expect(budgetlint(['check', '-'], { input: '本年收入 100.00 万元，本年支出 90.00 万元，当年结余 11.00 万元。\n' }).stdout.split('\n')[0]).toBe('<stdin>');
  });

  it('-o is checked before any work: its folder must exist, and it must not be a folder', () => {
    const dir = tempDir();
    expect(budgetlint(['check', '-o', join(dir, 'no', 'out.json'), JINKOUHE])).toEqual({ code: 2, stdout: '', stderr: `budgetlint check: -o ${join(dir, 'no', 'out.json')}：目录 ${join(dir, 'no')} 不存在\n` });
    expect(budgetlint(['check', '-o', dir, JINKOUHE]).stderr).toBe(`budgetlint check: -o ${dir}：这是一个目录\n`);
    const out = join(dir, 'out.csv');
    expect(budgetlint(['check', '--format', 'csv', '-o', out, JINKOUHE])).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8').split('\r\n')).toHaveLength(7);
  });

  it('run: --db in a folder that does not exist is refused, and no folder is made', () => {
    const dir = tempDir();
    const db = join(dir, 'typo', 'x.sqlite');
    expect(budgetlint(['run', '--db', db, JINKOUHE])).toEqual({ code: 2, stdout: '', stderr: `budgetlint run: --db ${db}：目录 ${join(dir, 'typo')} 不存在\n` });
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    expect(budgetlint(['run', '--db', join(dir, 'new.sqlite'), 'typo/']).stderr).toBe('budgetlint run: 路径不存在：typo/\n');
  });
});

describe('README', () => {
  it('its command-line section is exactly what budgetlint --help prints', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## Command line\n\n```\n([\s\S]*?)```\n/.exec(readme)?.[1];
    const help = budgetlint(['--help']);
    expect(help.code).toBe(0);
    expect(block).toBe(help.stdout);
  });
});

/**
 * Cost against size: documents of 10 KB, 100 KB, 1 MB and 5 MB in three shapes (prose paragraphs, a
 * table flattened one cell per line, one single line), each checked in a fresh process. The time per
 * KB should stay flat: every stage is meant to be linear (or n log n) in the text.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const title = 'Scale: time and memory of `check` from 10 KB to 5 MB';

const SIZES = [10_000, 100_000, 1_000_000, 5_000_000];

/** Sentences of a 决算 narrative, their figures varied by `i` and consistent (parts add up, shares right). */
function sentence(i) {
  const basic = 100 + (i % 97);
  const project = 50 + (i % 53);
  const total = basic + project;
  const share = ((basic / total) * 100).toFixed(2);
  const templates = [
    `第${i}项：本年支出合计 ${total}.00 万元，其中基本支出 ${basic}.00 万元，项目支出 ${project}.00 万元，基本支出占 ${share}%。`,
    `一般公共服务支出（类）行政运行（项）全年预算为 ${total}.00 万元，支出决算为 ${basic}.00 万元，决算数小于全年预算数的主要原因是人员调出。`,
    `会议费支出 ${project}.00 万元，比上年 ${project + 2}.00 万元减少 2.00 万元，主要是压减会议数量。`,
    `培训费${i % 7 === 0 ? '预算' : ''}支出 ${basic}.50 万元，用于干部教育培训 ${i % 40 + 3} 期。`,
  ];
  return templates[i % templates.length];
}

function prose(bytes) {
  const out = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = (i % 20 === 0 ? `${['一', '二', '三', '四', '五'][Math.floor(i / 20) % 5]}、第 ${i / 20 + 1} 部分情况说明\n\n` : '') + sentence(i) + '\n\n';
    out.push(text);
    size += Buffer.byteLength(text);
  }
  return out.join('');
}

function oneLine(bytes) {
  const out = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const text = sentence(i);
    out.push(text);
    size += Buffer.byteLength(text);
  }
  return out.join('');
}

/** A table as web pages print it: every cell on its own line ending in ` |`, rows opened by a lone `|`. */
function flatTable(bytes) {
  const out = ['支出决算明细表', '单位：万元', '|', '项 目 |', '预算数 |', '决算数 |'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const row = ['|', `支出事项${i} |`, `${100 + (i % 89)}.00 |`, `${90 + (i % 83)}.50 |`];
    out.push(...row);
    size += Buffer.byteLength(row.join('\n')) + 4;
  }
  return out.join('\n');
}

/** One `其中` list on one line, each part with its share (`支出事项7 12.00 万元，占 0.01%；…`): linear since issue 27. */
function shareList(bytes) {
  const values = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    values.push(10 + (i % 50));
    size += 40;
  }
  const total = values.reduce((sum, value) => sum + value, 0);
  return `本年支出合计 ${total}.00 万元，其中：${values.map((value, i) => `支出事项${i} ${value}.00 万元，占 ${((value / total) * 100).toFixed(2)}%`).join('；')}。\n`;
}

const SHAPES = { prose, 'flattened table': flatTable, 'one line': oneLine, 'share list': shareList };

/** One check in a fresh Node process; the child reports its own time (after loading) and peak RSS. */
function measure(root, path, warmUp, repeats) {
  const script = `
    const { processFile } = await import(${JSON.stringify(join(root, 'dist/pipeline/process.js'))});
    const { buildReport } = await import(${JSON.stringify(join(root, 'dist/pipeline/commands/check.js'))});
    // A 400 KB document first: lazy set-up and the JIT's optimizing are paid once, not per KB of the small documents.
    await processFile(${JSON.stringify(warmUp)}, { ocr: 'off' });
    // Small documents are checked several times and the median kept: one 10 KB check is too short to time alone.
    const times = [];
    let result;
    let json = '';
    for (let i = 0; i < ${repeats}; i++) {
      const started = performance.now();
      ({ result } = await processFile(${JSON.stringify(path)}, { ocr: 'off' }));
      json = JSON.stringify(buildReport([result]));
      times.push(performance.now() - started);
    }
    const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    process.stdout.write(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS, findings: result.findings.length, facts: result.facts.length, errors: result.errors.map((e) => e.code), bytes: json.length }));
  `;
  const startedAt = Date.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Date.now() - startedAt;
  if (child.status !== 0) throw new Error(child.stderr);
  return { ...JSON.parse(child.stdout), wall };
}

export async function run({ root }) {
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-scale-'));
  const warmUp = join(dir, 'warm-up.txt');
  writeFileSync(warmUp, prose(300_000) + '\n\n' + flatTable(100_000));
  const rows = [];
  const spread = [];
  try {
    for (const [shape, make] of Object.entries(SHAPES)) {
      const perKb = [];
      for (const size of SIZES) {
        const path = join(dir, `${shape.replace(/\s+/g, '-')}-${size}.txt`);
        const text = make(size);
        writeFileSync(path, text);
        const kb = Buffer.byteLength(text) / 1024;
        const m = measure(root, path, warmUp, Math.max(1, Math.round(500_000 / size)));
        perKb.push(m.ms / kb);
        rows.push(`| ${shape} | ${kb.toFixed(0)} | ${(m.ms / 1000).toFixed(2)} | ${(m.wall / 1000).toFixed(2)} | ${(m.ms / kb).toFixed(2)} | ${(m.rss / 1024).toFixed(0)} | ${m.facts} | ${m.findings} | ${m.errors.join(', ') || '—'} |`);
        console.error(`   ${shape} ${kb.toFixed(0)} KB: ${(m.ms / 1000).toFixed(2)} s, ${(m.rss / 1024).toFixed(0)} MiB`);
      }
      spread.push(`${shape}: ${(Math.max(...perKb) / Math.min(...perKb)).toFixed(2)}×`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    'Each document is checked in a fresh Node process (`processFile` and the JSON report, `--ocr off`); **check** is the time after',
    'the modules are loaded and a 400 KB document was checked (set-up and compilation paid once; documents under 500 KB are checked',
    'several times and the median kept), **process** the whole child process including',
    'Node start-up, loading and that warm-up. Peak RSS is the child\'s. The documents are generated (figures varied and consistent): prose paragraphs with headings, a',
    'table flattened one cell per line, the same prose with no line break at all, and one `其中` list on one line whose every part',
    'states its share (`占 X%`).',
    '',
    '| shape | size (KiB) | check (s) | process (s) | ms per KiB | peak RSS (MiB) | facts | findings | file errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    `Load average at the end of the run: ${loadavg()[0].toFixed(1)} (other processes share the cores when it is above their count).`,
    '',
    `Spread of ms per KiB from 10 KB to 5 MB (largest over smallest): ${spread.join('; ')}. Aim (issue 13): under 2× in every shape, and 1 MB in under 10 s.`,
  ].join('\n');
}

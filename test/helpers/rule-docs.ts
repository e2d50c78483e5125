/**
 * The rule docs (docs/rules/<id>.md) and their examples.
 *
 * A page marks its examples with HTML comments so they can be run:
 *
 *     <!-- example: fires -->
 *     ```md
 *     …report text…
 *     ```
 *     ```console
 *     $ budgetlint check --only <id> example.md
 *     …exactly what budgetlint prints…
 *     ```
 *
 *     <!-- example: quiet -->
 *     ```md
 *     …report text that must give no finding of the rule…
 *     ```
 *
 * test/rules-meta.test.ts checks every page against the pipeline; after a message changes,
 * `npx tsx test/helpers/rule-docs.ts --write` rewrites the console blocks from the pipeline.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildReport } from '../../pipeline/commands/check.js';
import { parseRuleOptions } from '../../pipeline/commands/rule-options.js';
import { formatStylish } from '../../pipeline/format/stylish.js';
import { processBytes } from '../../pipeline/process.js';
import { ruleIds, rules } from '../../analyzers/registry.js';

export const DOCS_DIR = fileURLToPath(new URL('../../docs/rules/', import.meta.url));
export const EXAMPLE_FILE = 'example.md';

export interface DocExample {
  kind: 'fires' | 'quiet';
  /** The report text (contents of the ```md block), ending with a newline. */
  code: string;
  /** For `fires`: the console block's command line and output, as written on the page. */
  command?: string;
  output?: string;
  /** Offsets of the console block's body (command line and output) in the page, for rewriting. */
  consoleSpan?: [number, number];
}

const EXAMPLE = /<!--\s*example:\s*(fires|quiet)\s*-->\s*\n```md\n([\s\S]*?)```\n/g;
const CONSOLE = /^\s*```console\n([\s\S]*?)```\n/;

export function parseExamples(page: string): DocExample[] {
  const examples: DocExample[] = [];
  for (const match of page.matchAll(EXAMPLE)) {
    const example: DocExample = { kind: match[1] as DocExample['kind'], code: match[2]! };
    const after = match.index + match[0].length;
    const consoleBlock = CONSOLE.exec(page.slice(after));
    if (example.kind === 'fires' && consoleBlock) {
      const body = consoleBlock[1]!;
      const bodyStart = after + consoleBlock[0].indexOf(body);
      const [command = '', ...rest] = body.split('\n');
      example.command = command;
      example.output = rest.join('\n');
      example.consoleSpan = [bodyStart, bodyStart + body.length];
    }
    examples.push(example);
  }
  return examples;
}

export function commandFor(id: string): string {
  return `$ budgetlint check --only ${id} ${EXAMPLE_FILE}`;
}

/** What `budgetlint check --only <id> example.md` prints for this text (no colour). */
export async function renderCheck(id: string, code: string): Promise<string> {
  const rules = parseRuleOptions([], [id]);
  const { result } = await processBytes(EXAMPLE_FILE, new TextEncoder().encode(code), { rules });
  delete result.timings;
  return formatStylish(buildReport([result]), { color: false });
}

export async function readDoc(id: string): Promise<string | undefined> {
  try {
    return await readFile(`${DOCS_DIR}${id}.md`, 'utf8');
  } catch {
    return undefined;
  }
}

const TABLE_START = '<!-- rules-table:start -->';
const TABLE_END = '<!-- rules-table:end -->';

/** The rule list of docs/rules/README.md, from the registry. */
export function rulesTable(): string {
  const rows = rules.map(({ meta }) => `| [\`${meta.id}\`](${meta.id}.md) | \`${meta.severity}\` | ${meta.docs.description} | ${meta.docs.descriptionEn} |`);
  return ['| id | default severity | 说明 | description |', '|---|---|---|---|', ...rows].join('\n');
}

const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const;

/** The table under a page's title: default severity, descriptions, message ids. */
export function metaTable(id: string): string {
  const meta = rules.find((rule) => rule.meta.id === id)?.meta;
  if (!meta) throw new Error(`unknown rule ${id}`);
  return [
    '| | |',
    '|---|---|',
    `| Default severity | \`${meta.severity}\` (${SEVERITY_LABEL[meta.severity]}) |`,
    `| 说明 | ${meta.docs.description} |`,
    `| Description | ${meta.docs.descriptionEn} |`,
    `| Messages | ${Object.keys(meta.messages).map((m) => `\`${m}\``).join(', ')} |`,
    ...(meta.messageSeverity ? [`| Message severities | ${Object.entries(meta.messageSeverity).map(([m, level]) => `\`${m}\`: \`${level}\` (${SEVERITY_LABEL[level!]})`).join(', ')} |`] : []),
  ].join('\n');
}

/** A page's text with its meta table (between the title and the first section) rewritten. */
function withMetaTable(id: string, page: string): string {
  const title = `# ${id}\n\n`;
  const firstSection = page.indexOf('\n## ');
  if (!page.startsWith(title) || firstSection < 0) return page;
  return `${title}${metaTable(id)}\n${page.slice(firstSection)}`;
}

/** Rewrite the README table and the console blocks of every page from the registry and what the pipeline prints now. */
async function writeAll(): Promise<void> {
  const readme = await readDoc('README');
  if (readme !== undefined && readme.includes(TABLE_START) && readme.includes(TABLE_END)) {
    const out = `${readme.slice(0, readme.indexOf(TABLE_START) + TABLE_START.length)}\n${rulesTable()}\n${readme.slice(readme.indexOf(TABLE_END))}`;
    if (out !== readme) {
      await writeFile(`${DOCS_DIR}README.md`, out);
      process.stdout.write('updated docs/rules/README.md\n');
    }
  }
  for (const id of ruleIds()) {
    const page = await readDoc(id);
    if (page === undefined) {
      process.stderr.write(`missing docs/rules/${id}.md\n`);
      continue;
    }
    let out = withMetaTable(id, page);
    // Rewrite from the end so earlier offsets stay valid.
    for (const example of parseExamples(out).reverse()) {
      if (example.kind !== 'fires' || !example.consoleSpan) continue;
      const printed = await renderCheck(id, example.code);
      const [start, end] = example.consoleSpan;
      out = out.slice(0, start) + `${commandFor(id)}\n${printed}` + out.slice(end);
    }
    if (out !== page) {
      await writeFile(`${DOCS_DIR}${id}.md`, out);
      process.stdout.write(`updated docs/rules/${id}.md\n`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes('--write')) {
  await writeAll();
}

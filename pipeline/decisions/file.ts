/**
 * `budgetlint-decisions.json`: decisions for `check`, beside the documents (the folder given, or
 * the folder of a file given) or named in the config (`"decisions": "path"`, relative to the config
 * file) or by `--decisions FILE`. Written sorted by path and fingerprint, two-space JSON, one
 * decision per object, so it reads and diffs well in git. Validated with zod on reading.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { DecisionsFileSchema, type Decision } from '../../model/decision.js';

export const DECISIONS_FILE_NAME = 'budgetlint-decisions.json';

export class DecisionsFileError extends Error {}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.map(String).join('.');
  return `${where ? `“${where}”` : '顶层'}：${issue.message}`;
}

/** Parses and validates a decisions file's text; a DecisionsFileError names what is wrong. */
export function parseDecisions(text: string, path: string): Decision[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DecisionsFileError(`决定文件 ${path} 不是有效的 JSON`);
  }
  const parsed = DecisionsFileSchema.safeParse(json);
  if (!parsed.success) throw new DecisionsFileError(`决定文件 ${path} 有误：${describeIssue(parsed.error.issues[0]!)}`);
  const seen = new Set<string>();
  for (const decision of parsed.data.decisions) {
    if (seen.has(decision.fingerprint)) throw new DecisionsFileError(`决定文件 ${path} 有误：指纹 ${decision.fingerprint} 出现了两次`);
    seen.add(decision.fingerprint);
  }
  return parsed.data.decisions;
}

/** The decisions in `path`; none when the file does not exist. */
export function readDecisionsFile(path: string): Decision[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new DecisionsFileError(`无法读取决定文件 ${path}（${(error as NodeJS.ErrnoException).code ?? '读取失败'}）`);
  }
  return parseDecisions(text, path);
}

/** The file's text: sorted, stable, ending in a newline. */
export function formatDecisions(decisions: readonly Decision[]): string {
  const order = (decision: Decision) => `${decision.path ?? ''}\u0000${decision.fingerprint}`;
  const sorted = [...decisions].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  const canonical = sorted.map((decision) => ({
    fingerprint: decision.fingerprint,
    state: decision.state,
    ...(decision.reason !== undefined ? { reason: decision.reason } : {}),
    ...(decision.by !== undefined ? { by: decision.by } : {}),
    at: decision.at,
    ...(decision.ruleId !== undefined ? { ruleId: decision.ruleId } : {}),
    ...(decision.path !== undefined ? { path: decision.path } : {}),
    ...(decision.message !== undefined ? { message: decision.message } : {}),
  }));
  return `${JSON.stringify({ budgetlintDecisions: 1, decisions: canonical }, null, 2)}\n`;
}

/** Writes the file whole (a temporary file renamed over it), so a reader never sees half of it. */
export function writeDecisionsFile(path: string, decisions: readonly Decision[]): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, formatDecisions(decisions));
  renameSync(temporary, path);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The decisions file of a `check`: named (option, then config, relative to the config file), else
 * `budgetlint-decisions.json` in the folder of the first path (the folder itself, or a file's folder).
 */
export function decisionsFilePath(paths: readonly string[], named?: string, config?: { path?: string; decisions?: string }): string | undefined {
  if (named) return named;
  if (config?.decisions) return config.path ? resolve(dirname(config.path), config.decisions) : config.decisions;
  const first = paths.find((path) => path !== '-');
  if (first === undefined) return undefined;
  return join(isDirectory(first) ? first : dirname(first), DECISIONS_FILE_NAME);
}

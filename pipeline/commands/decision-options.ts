/**
 * `check`'s options for decisions (pipeline/decisions): which decisions file, whether dismissed and
 * baseline findings are shown, recording a baseline, pruning stale decisions.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { DecisionsSummary, FileResult } from '../../model/result.js';
import type { LoadedConfig } from '../config.js';
import { applyDecisions, baselineDecisions, defaultDecider, mergeDecisions, pruneDecisions, shownResults } from '../decisions/decisions.js';
import { decisionsFilePath, DecisionsFileError, readDecisionsFile, writeDecisionsFile } from '../decisions/file.js';
import { UsageError } from './types.js';

export const DECISION_OPTIONS = {
  decisions: { type: 'string' },
  'show-dismissed': { type: 'boolean' },
  'baseline-write': { type: 'boolean' },
  'prune-decisions': { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const DECISION_HELP = `  --decisions FILE        决定文件（默认为配置中的 "decisions"，否则为第一个路径所在目录的 budgetlint-decisions.json）
  --show-dismissed        也显示已忽略和基线的发现（标注决定；仍不计入退出码）
  --baseline-write        把当前全部未决定的发现记为基线（写入决定文件），此后不再显示
  --prune-decisions       从决定文件中删除过期的决定（其发现已不再出现）`;

export interface DecisionValues {
  decisions?: string;
  'show-dismissed'?: boolean;
  'baseline-write'?: boolean;
  'prune-decisions'?: boolean;
}

/** A document's path as a decisions file records it: relative to the file's folder, `/` separators. */
export function relativePath(decisionsFile: string, documentPath: string): string {
  return relative(dirname(resolve(decisionsFile)), resolve(documentPath)).split(sep).join('/');
}

/** The decisions file this check reads (and writes, with --baseline-write or --prune-decisions). */
export function resolveDecisionsFile(values: DecisionValues, paths: readonly string[], config: LoadedConfig): string | undefined {
  const path = decisionsFilePath(paths, values.decisions, { ...(config.path ? { path: config.path } : {}), ...(config.config.decisions ? { decisions: config.config.decisions } : {}) });
  if ((values['baseline-write'] || values['prune-decisions']) && !path) throw new UsageError('--baseline-write 和 --prune-decisions 需要决定文件：请用 --decisions FILE 指定');
  return path;
}

/**
 * Reads the decisions file, records a baseline or prunes when asked, marks the findings of
 * `results` (in place) and returns the results to show, the summary for the report, and one line
 * per thing done or to be done for stderr.
 */
export function decideResults(results: FileResult[], values: DecisionValues, path: string | undefined, showSuppressed = false): { shown: FileResult[]; summary?: DecisionsSummary; messages: string[] } {
  const messages: string[] = [];
  const writes = values['baseline-write'] || values['prune-decisions'];
  if (!path || (!writes && !existsSync(path))) return { shown: results, messages };
  let decisions;
  try {
    decisions = readDecisionsFile(path);
  } catch (error) {
    if (error instanceof DecisionsFileError) throw new UsageError(error.message);
    throw error;
  }
  let baselined: number | undefined;
  if (values['baseline-write']) {
    applyDecisions(results, decisions);
    // Paths relative to the decisions file, so the file reads the same on every checkout.
    const added = baselineDecisions(results, defaultDecider()).map((decision) => ({ ...decision, ...(decision.path ? { path: relativePath(path, decision.path) } : {}) }));
    decisions = mergeDecisions(decisions, added);
    baselined = added.length;
  }
  const summary: DecisionsSummary = applyDecisions(results, decisions, path);
  let pruned: number | undefined;
  if (values['prune-decisions']) {
    pruned = summary.stale.length;
    decisions = pruneDecisions(decisions, summary.stale);
    summary.stale = [];
  }
  if (baselined !== undefined || pruned !== undefined) {
    try {
      writeDecisionsFile(path, decisions);
    } catch (error) {
      throw new UsageError(`无法写入决定文件 ${path}（${(error as NodeJS.ErrnoException).code ?? '写入失败'}）`);
    }
  }
  if (baselined !== undefined) {
    summary.baselined = baselined;
    messages.push(`已把 ${baselined} 条发现记为基线，写入 ${path}`);
  }
  if (pruned !== undefined) {
    summary.pruned = pruned;
    messages.push(`已从 ${path} 删除 ${pruned} 条过期决定`);
  }
  if (summary.stale.length > 0) {
    messages.push(`${path} 中有 ${summary.stale.length} 条决定已过期（其发现不再出现：${summary.stale.slice(0, 5).map((d) => `${d.ruleId ?? ''} ${d.fingerprint}`.trim()).join('、')}${summary.stale.length > 5 ? ' 等' : ''}），可用 --prune-decisions 删除`);
  }
  return { shown: shownResults(results, showSuppressed || Boolean(values['show-dismissed'])), summary, messages };
}

/**
 * The config file: `budgetlint.config.json` or `.budgetlintrc.json`, found in the working directory or
 * the nearest folder above it (the first name wins when both are there), or named by `--config`.
 * Validated with zod: a key or value that is wrong is a one-line Chinese error (exit 2).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { UsageError } from './commands/types.js';

export const CONFIG_NAMES = ['budgetlint.config.json', '.budgetlintrc.json'] as const;

const Level = z.enum(['off', 'info', 'warning', 'error']);

export const ConfigSchema = z.strictObject({
  /** Per rule: off, or a severity replacing its default (as `--rule id=level`). */
  rules: z.record(z.string(), Level).optional(),
  /** Run only these rules (as `--only`). */
  only: z.array(z.string()).optional(),
  /** OCR engine for scans (as `--ocr`). */
  ocr: z.enum(['tesseract', 'paddle', 'off']).optional(),
  /** OCR workers (as `--ocr-workers`). */
  ocrWorkers: z.number().int().positive().optional(),
  /** Per-file time limit in seconds (as `--time-limit`). */
  timeLimit: z.number().positive().optional(),
  /** ZIP containers (.docx, .xlsx, .odt…) inflating past this many MB are refused as bombs (default 200). */
  maxUnzippedMb: z.number().positive().optional(),
  /** The decisions file for `check` (relative to this file), instead of budgetlint-decisions.json beside the documents. */
  decisions: z.string().min(1).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

export interface LoadedConfig {
  path?: string;
  config: Config;
}

const TYPE_NAMES: Record<string, string> = { string: '字符串', number: '数字', object: '对象', array: '数组', boolean: '布尔值' };

/** A zod issue in one Chinese line: where (`rules.sum-mismatch`) and what is wrong. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.map(String).join('.');
  const at = where ? `“${where}”` : '顶层';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `未知的键 ${issue.keys.map((key) => `“${[...issue.path.map(String), key].join('.')}”`).join('、')}（可用：${Object.keys(ConfigSchema.shape).join('、')}）`;
    case 'invalid_value':
      return `${at} 应为 ${issue.values.map(String).join('、')} 之一`;
    case 'invalid_type':
      return `${at} 应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return `${at} 应为正数`;
    default:
      return `${at} 的值无效`;
  }
}

export function parseConfig(text: string, path: string): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    let where = '';
    if (position !== undefined) {
      const before = text.slice(0, Number(position));
      where = `（第 ${before.split('\n').length} 行第 ${before.length - before.lastIndexOf('\n')} 列）`;
    }
    throw new UsageError(`配置文件 ${path} 不是有效的 JSON${where}`);
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`配置文件 ${path} 有误：${describeIssue(parsed.error.issues[0]!)}`);
  return parsed.data;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The config file named, else the nearest one from `cwd` upwards, else none (all defaults). */
export function loadConfig(explicit: string | undefined, cwd = process.cwd()): LoadedConfig {
  let path = explicit;
  if (path === undefined) {
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      path = CONFIG_NAMES.map((name) => join(dir, name)).find(isFile);
      if (path || dirname(dir) === dir) break;
    }
  }
  if (path === undefined) return { config: {} };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`无法读取配置文件 ${path}：${code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : code === 'EISDIR' ? '这是一个目录' : '读取失败'}`);
  }
  return { path, config: parseConfig(text, path) };
}

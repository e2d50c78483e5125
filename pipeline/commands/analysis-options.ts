/**
 * Options shared by `check` and `run`: the config file, which rules at what severity, how to OCR
 * scans, the per-file time limit, and when the exit code is 1 (`--fail-on`, `--max-warnings`…).
 */
import type { ParseArgsConfig } from 'node:util';
import type { ProcessOptions } from '../process.js';
import { loadConfig, type LoadedConfig } from '../config.js';
import { parseRuleOptions } from './rule-options.js';
import { positiveNumber, UsageError } from './types.js';

export const ANALYSIS_OPTIONS = {
  config: { type: 'string' },
  rule: { type: 'string', multiple: true },
  only: { type: 'string', multiple: true },
  ocr: { type: 'string' },
  'ocr-workers': { type: 'string' },
  concurrency: { type: 'string' },
  'time-limit': { type: 'string' },
  'max-warnings': { type: 'string' },
  'fail-on': { type: 'string' },
  'fail-on-file-error': { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const ANALYSIS_HELP = `  --config FILE           配置文件（默认从当前目录向上查找 budgetlint.config.json 或 .budgetlintrc.json）
  --rule id=off|info|warning|error   关闭规则或改变其严重级别（可重复）
  --only id               只运行该规则（可重复）
  --ocr tesseract|paddle|off   扫描页的 OCR 引擎（默认 tesseract）
  --ocr-workers N         OCR 并发数（默认每核一个；并行处理多个文件时每个文件 1 个）
  --concurrency N         并行处理的文件数（默认 CPU 核数）
  --time-limit SECONDS    单个文件的处理时限（默认 300 秒，最长 86400；需 OCR 的每页另加 30 秒），超时记为该文件无法处理
  --max-warnings N        警告多于 N 个时退出码为 1
  --fail-on warning|error   该级别及以上的发现使退出码为 1（默认 error）
  --fail-on-file-error    有文件无法处理、只读出部分页面或没有可核对内容时退出码为 1`;

export const EXIT_HELP = `退出码: 0 每个文件都已核对且无使退出码为 1 的发现；1 有错误级别的发现（或 --fail-on、--max-warnings、
  --fail-on-file-error 所指的情况）；2 路径不存在、没有找到可核对的文件、选项或配置有误、所有文件都无法处理、内部错误。`;

export interface AnalysisValues {
  config?: string;
  rule?: string[];
  only?: string[];
  ocr?: string;
  'ocr-workers'?: string;
  concurrency?: string;
  'time-limit'?: string;
  'max-warnings'?: string;
  'fail-on'?: string;
  'fail-on-file-error'?: boolean;
}

export interface ExitPolicy {
  failOn: 'error' | 'warning';
  maxWarnings?: number;
  failOnFileError: boolean;
}

export interface AnalysisSettings {
  process: Pick<ProcessOptions, 'rules' | 'ocr' | 'ocrWorkers' | 'maxInflatedBytes'>;
  concurrency?: number;
  /** Seconds. */
  timeLimit: number;
  exit: ExitPolicy;
  config: LoadedConfig;
}

/** Validated settings: the command line over the config file over the defaults; a UsageError names what is wrong. */
export function readAnalysisOptions(values: AnalysisValues): AnalysisSettings {
  const loaded = loadConfig(values.config);
  const { config } = loaded;
  const rule = [...Object.entries(config.rules ?? {}).map(([id, level]) => `${id}=${level}`), ...(values.rule ?? [])];
  const only = values.only?.length ? values.only : (config.only ?? []);
  const where = (id: string) => (values.rule?.some((item) => item.startsWith(`${id}=`)) ? `--rule ${id}=off` : `配置文件中 "${id}": "off"`);
  const rules = parseRuleOptions(rule, only);
  const silenced = only.filter((id) => rules.severity?.[id] === 'off');
  if (silenced.length > 0) throw new UsageError(`--only ${silenced[0]} 与 ${where(silenced[0]!)} 矛盾：该规则不会运行`);
  const process: AnalysisSettings['process'] = { rules };
  const ocr = values.ocr ?? config.ocr;
  if (ocr !== undefined) {
    if (ocr !== 'tesseract' && ocr !== 'paddle' && ocr !== 'off') throw new UsageError(`未知 OCR 引擎 "${ocr}"（可选 tesseract、paddle、off）`);
    process.ocr = ocr;
  }
  const ocrWorkers = positiveNumber(values['ocr-workers'], '--ocr-workers', true) ?? config.ocrWorkers;
  if (ocrWorkers !== undefined) process.ocrWorkers = ocrWorkers;
  if (config.maxUnzippedMb !== undefined) process.maxInflatedBytes = Math.round(config.maxUnzippedMb * 1_000_000);
  const failOn = values['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on 需要 warning 或 error，收到 "${failOn}"`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings 需要非负整数，收到 "${values['max-warnings']}"`);
  }
  const concurrency = positiveNumber(values.concurrency, '--concurrency', true);
  return {
    process,
    ...(concurrency !== undefined ? { concurrency } : {}),
    timeLimit: timeLimitSeconds(values['time-limit'], config.timeLimit),
    exit: { failOn, ...(maxWarnings !== undefined ? { maxWarnings } : {}), failOnFileError: Boolean(values['fail-on-file-error']) },
    config: loaded,
  };
}

/** The longest per-file time limit: a day. Timers cannot wait more than 2³¹ ms (24.8 days), and no file needs a day. */
export const MAX_TIME_LIMIT_SECONDS = 86_400;

/** `--time-limit` (or the config's `timeLimit`) in seconds, default 300, within (0, MAX_TIME_LIMIT_SECONDS]. */
function timeLimitSeconds(option: string | undefined, configured: number | undefined): number {
  const seconds = positiveNumber(option, '--time-limit', false) ?? configured ?? 300;
  if (seconds > MAX_TIME_LIMIT_SECONDS) {
    const where = option !== undefined ? `--time-limit ${option}` : `配置文件中 "timeLimit": ${configured}`;
    throw new UsageError(`${where} 超出范围：单个文件的处理时限最长 ${MAX_TIME_LIMIT_SECONDS} 秒（24 小时）`);
  }
  return seconds;
}

export interface OutcomeCounts {
  files: number;
  /** Files that could not be read. */
  failed: number;
  /** Files read only in part (pages not read) or with nothing checkable: not failed, but not checked either. */
  incomplete?: number;
  error: number;
  warning: number;
}

/** The exit code once the files were processed: 2 when every file failed, 1 when the policy says so, else 0. */
export function exitCodeOf(counts: OutcomeCounts, policy: ExitPolicy): number {
  if (counts.files === 0 || counts.failed === counts.files) return 2;
  if (counts.error > 0) return 1;
  if (policy.failOn === 'warning' && counts.warning > 0) return 1;
  if (policy.maxWarnings !== undefined && counts.warning > policy.maxWarnings) return 1;
  if (policy.failOnFileError && counts.failed + (counts.incomplete ?? 0) > 0) return 1;
  return 0;
}

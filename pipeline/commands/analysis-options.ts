/** Options shared by `check` and `run`: which rules, at what severity, and how to OCR scans. */
import type { ParseArgsConfig } from 'node:util';
import type { ProcessOptions } from '../process.js';
import { parseRuleOptions } from './rule-options.js';
import { UsageError } from './types.js';

export const ANALYSIS_OPTIONS = {
  rule: { type: 'string', multiple: true },
  only: { type: 'string', multiple: true },
  ocr: { type: 'string' },
  'ocr-workers': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const ANALYSIS_HELP = `  --rule id=off|info|warning|error   关闭规则或改变其严重级别（可重复）
  --only id               只运行该规则（可重复）
  --ocr tesseract|paddle|off   扫描页的 OCR 引擎（默认 tesseract）
  --ocr-workers N         OCR 并发数（默认每核一个）`;

export interface AnalysisValues {
  rule?: string[];
  only?: string[];
  ocr?: string;
  'ocr-workers'?: string;
}

/** Validated rule settings and OCR options; a UsageError names what is wrong. */
export function readAnalysisOptions(values: AnalysisValues): Pick<ProcessOptions, 'rules' | 'ocr' | 'ocrWorkers'> {
  const options: Pick<ProcessOptions, 'rules' | 'ocr' | 'ocrWorkers'> = { rules: parseRuleOptions(values.rule ?? [], values.only ?? []) };
  if (values.ocr !== undefined) {
    if (values.ocr !== 'tesseract' && values.ocr !== 'paddle' && values.ocr !== 'off') throw new UsageError(`未知 OCR 引擎 "${values.ocr}"（可选 tesseract、paddle、off）`);
    options.ocr = values.ocr;
  }
  if (values['ocr-workers'] !== undefined) {
    const workers = Number(values['ocr-workers']);
    if (!Number.isInteger(workers) || workers <= 0) throw new UsageError('--ocr-workers 需要正整数');
    options.ocrWorkers = workers;
  }
  return options;
}

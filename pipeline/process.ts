/**
 * One file, start to end: bytes → Document → figures → facts → findings.
 * Never throws: whatever goes wrong becomes an error record on that file's result.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Document } from '../model/document.js';
import type { FileResult } from '../model/result.js';
import { extractDocument, sniffFormat } from '../extractors/index.js';
import type { ExtractOptions } from '../extractors/types.js';
import { normalizeDocument, type NormalizedDocument } from '../normalizers/index.js';
import { analyzeCounting, type RuleSettings } from '../analyzers/index.js';
import { toOutputFacts } from './output.js';

export interface ProcessOptions extends ExtractOptions {
  rules?: RuleSettings;
  /** Files larger than this are refused with a clear error (default 200 MiB). */
  maxBytes?: number;
}

export interface ProcessedFile {
  result: FileResult;
  /** Kept for callers that store pages (the batch store) or draw findings. */
  document?: Document;
  normalized?: NormalizedDocument;
}

const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function emptyResult(path: string): FileResult {
  return { path, meta: {}, facts: [], findings: [], errors: [], notices: [] };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
}

export async function processFile(path: string, options: ProcessOptions = {}): Promise<ProcessedFile> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { result: { ...emptyResult(path), errors: [{ message: '这是一个目录，不是文件', code: 'not-a-file' }] } };
    if (info.size > maxBytes) {
      return {
        result: {
          ...emptyResult(path),
          errors: [{ message: `文件过大（${(info.size / 1048576).toFixed(1)} MiB，上限 ${(maxBytes / 1048576).toFixed(0)} MiB），已跳过`, code: 'too-large' }],
        },
      };
    }
    const bytes = new Uint8Array(await readFile(path));
    return await processBytes(path, bytes, options);
  } catch (error) {
    return { result: { ...emptyResult(path), errors: [{ message: `无法读取文件：${describe(error)}`, code: 'io' }] } };
  }
}

export async function processBytes(path: string, bytes: Uint8Array, options: ProcessOptions = {}): Promise<ProcessedFile> {
  const result = emptyResult(path);
  const timings: Record<string, number> = {};
  result.timings = timings;
  let started = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = Math.round((now - started) * 100) / 100;
    started = now;
  };
  try {
    result.sha256 = sha256Hex(bytes);
    const extracted = await extractDocument({ path, bytes, sha256: result.sha256 }, options);
    lap('extract');
    if (!extracted.ok) {
      result.format = sniffFormat(bytes, path);
      result.errors.push(extracted.error);
      return { result };
    }
    const document = extracted.document;
    result.format = document.format;
    result.pages = document.pages.length;
    if (document.encoding) result.encoding = document.encoding;
    result.notices.push(...document.notices);
    for (const page of document.pages) {
      for (const notice of page.notices) result.notices.push(notice);
    }
    const normalized = normalizeDocument(document);
    lap('normalize');
    result.meta = normalized.meta;
    result.facts = toOutputFacts(normalized);
    if (normalized.figures.length === 0 && document.pages.every((page) => !page.needsOcr)) {
      result.errors.push({ message: '未找到任何数字：可能不是预算绩效报告', code: 'not-a-report' });
    }
    const analysis = analyzeCounting(normalized, options.rules);
    result.findings = analysis.findings;
    result.relations = analysis.relations;
    lap('analyze');
    return { result, document, normalized };
  } catch (error) {
    result.errors.push({ message: `处理失败：${describe(error)}`, code: 'internal' });
    return { result };
  }
}

/**
 * One file, start to end: bytes → Document → figures → facts → findings.
 * Never throws: whatever goes wrong becomes an error record on that file's result.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Document, FileError } from '../model/document.js';
import type { FileResult } from '../model/result.js';
import { extractDocument, sniffFormat } from '../extractors/index.js';
import type { ExtractOptions } from '../extractors/types.js';
import { normalizeDocument, type NormalizedDocument } from '../normalizers/index.js';
import { analyzeCounting, type RuleSettings } from '../analyzers/index.js';
import { summarizeNotices } from './notices.js';
import { toOutputFacts } from './output.js';
import { withFingerprints } from './decisions/fingerprint.js';
import { buildLedger } from './coverage/ledger.js';

export interface ProcessOptions extends ExtractOptions {
  rules?: RuleSettings;
  /** Files larger than this are refused with a clear error (default 200 MiB). */
  maxBytes?: number;
  /** Documents whose text holds more characters than this are not checked (default 10 million). */
  maxTextCharacters?: number;
}

export interface ProcessedFile {
  result: FileResult;
  /** Kept for callers that store pages (the batch store) or draw findings. */
  document?: Document;
  normalized?: NormalizedDocument;
}

const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
/**
 * About 3,000 pages of a 决算 bundle, a minute or so of checking: past it a document is refused
 * with a clear error rather than left to crawl into a batch's time limit.
 */
export const DEFAULT_MAX_TEXT_CHARACTERS = 10_000_000;

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

/** How many times this thread has called the extractors (a Document read from bytes); the batch runner reports it. */
let extractions = 0;
export function extractionCount(): number {
  return extractions;
}

/** A file's result before analysis: what its Document (or the reason there is none) says of it. */
export function resultOfDocument(path: string, document: Document): FileResult {
  const result = emptyResult(path);
  result.sha256 = document.sha256;
  result.format = document.format;
  result.pages = document.pages.length;
  if (document.encoding) result.encoding = document.encoding;
  // One line per kind of notice, pages as ranges (pipeline/notices.ts): never a line per page.
  result.notices.push(...summarizeNotices([...document.notices, ...document.pages.flatMap((page) => page.notices)]));
  return result;
}

/** A file that yielded no Document: its format (sniffed) and the one error that says why. */
export function resultOfFailure(path: string, sha256: string | undefined, format: string | undefined, error: FileError): FileResult {
  return { ...emptyResult(path), ...(sha256 ? { sha256 } : {}), ...(format ? { format } : {}), errors: [error] };
}

export async function processBytes(path: string, bytes: Uint8Array, options: ProcessOptions = {}): Promise<ProcessedFile> {
  const started = performance.now();
  let sha256: string | undefined;
  try {
    sha256 = sha256Hex(bytes);
    extractions++;
    const extracted = await extractDocument({ path, bytes, sha256 }, options);
    const extractMs = Math.round((performance.now() - started) * 100) / 100;
    if (!extracted.ok) {
      const result = resultOfFailure(path, sha256, sniffFormat(bytes, path), extracted.error);
      result.timings = { extract: extractMs };
      return { result };
    }
    const analyzed = analyzeDocument(path, extracted.document, options);
    analyzed.result.timings = { extract: extractMs, ...analyzed.result.timings };
    return analyzed;
  } catch (error) {
    return { result: { ...emptyResult(path), ...(sha256 ? { sha256 } : {}), errors: [{ message: `处理失败：${describe(error)}`, code: 'internal' }], timings: {} } };
  }
}

/**
 * Document → facts and findings: normalizing and rules, without reading the file again. The
 * batch runner calls it on a stored Document when only the rules or their settings changed.
 */
export function analyzeDocument(path: string, document: Document, options: Pick<ProcessOptions, 'rules' | 'maxTextCharacters'> = {}): ProcessedFile {
  const result = resultOfDocument(path, document);
  const timings: Record<string, number> = {};
  result.timings = timings;
  let started = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = Math.round((now - started) * 100) / 100;
    started = now;
  };
  try {
    const maxCharacters = options.maxTextCharacters ?? DEFAULT_MAX_TEXT_CHARACTERS;
    let characters = 0;
    for (const page of document.pages) for (const line of page.lines) characters += line.text.length;
    if (characters > maxCharacters) {
      result.errors.push({ message: `文本过长（${(characters / 10_000).toFixed(0)} 万字，上限 ${(maxCharacters / 10_000).toFixed(0)} 万字），未核对；可按章节拆分后再查`, code: 'too-much-text' });
      return { result };
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
    withFingerprints(result);
    result.coverage = buildLedger({ document, normalized, result, relationsByRule: analysis.relationsByRule, ...(options.rules ? { rules: options.rules } : {}) });
    lap('analyze');
    return { result, document, normalized };
  } catch (error) {
    result.errors.push({ message: `处理失败：${describe(error)}`, code: 'internal' });
    return { result };
  }
}

/**
 * From a file's result (and, when at hand, its Document and bytes) to a report entry: which pages
 * to draw, the page images, and what could not be shown.
 */
import { readFile } from 'node:fs/promises';
import type { Document } from '../../model/document.js';
import type { FileResult } from '../../model/result.js';
import { extractDocument } from '../../extractors/index.js';
import type { ReportEntry, ReportImage } from '../format/html.js';
import { sha256Hex } from '../process.js';
import { PAGE_IMAGE_TYPE, renderPageImages, type PageImage } from './images.js';

/** Where a page image goes: a `data:` URI, or a file whose relative path is returned. */
export type ImageSink = (image: PageImage) => Promise<string>;

export const inlineImages: ImageSink = async (image) => `data:${PAGE_IMAGE_TYPE.mime};base64,${image.data.toString('base64')}`;

/** Pages a result's findings point at (their own place and every evidence figure). */
export function pagesOfFindings(result: FileResult): number[] {
  const pages = new Set<number>();
  for (const finding of result.findings) {
    pages.add(finding.page);
    for (const evidence of finding.evidence) pages.add(evidence.page);
  }
  return [...pages].sort((a, b) => a - b);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

/**
 * The source's bytes, when the file at `path` still holds the content the result was made from;
 * otherwise a notice saying why the pages cannot be shown.
 */
export async function readSource(result: FileResult): Promise<{ bytes?: Uint8Array; notice?: string }> {
  try {
    const bytes = new Uint8Array(await readFile(result.path));
    if (result.sha256 && sha256Hex(bytes) !== result.sha256) return { notice: '原文件内容已改变，无法显示原文页面' };
    return { bytes };
  } catch (error) {
    return { notice: `原文件无法读取，无法显示原文页面（${describe(error)}）` };
  }
}

/** Formats whose findings are shown on page images; the others show their paragraphs. */
export function drawsPages(format: string | undefined): boolean {
  return format === 'pdf' || format === 'image';
}

export interface EntrySource {
  result: FileResult;
  document?: Document;
  /** The file's bytes; read from `result.path` when absent. */
  bytes?: Uint8Array;
}

/** Builds one document's report entry; never throws (what fails becomes a notice). */
export async function buildEntry(id: string, source: EntrySource, sink: ImageSink): Promise<ReportEntry> {
  const { result } = source;
  const notices: string[] = [];
  const entry: ReportEntry = { id, result, images: [], notices, ...(source.document ? { document: source.document } : {}) };
  if (result.findings.length === 0 || !result.format) return entry;
  const wantsPages = drawsPages(result.format);
  // Pages to draw need the bytes; paragraphs need the document (re-read without OCR: text sources only).
  if (!wantsPages && source.document) return entry;
  let bytes = source.bytes;
  if (!bytes) {
    const read = await readSource(result);
    if (read.notice) notices.push(read.notice);
    bytes = read.bytes;
  }
  if (!bytes) return entry;
  try {
    if (wantsPages) {
      const rendered = await renderPageImages(bytes, result.format, pagesOfFindings(result));
      notices.push(...rendered.notices);
      const images: ReportImage[] = [];
      for (const image of rendered.images) {
        images.push({ page: image.page, src: await sink(image), width: image.width, height: image.height, unitsWidth: image.unitsWidth, unitsHeight: image.unitsHeight });
      }
      entry.images = images;
    } else {
      const extracted = await extractDocument({ path: result.path, bytes, sha256: result.sha256 ?? sha256Hex(bytes) }, { ocr: 'off' });
      if (extracted.ok) entry.document = extracted.document;
      else notices.push(`原文无法重新读取，无法显示段落（${extracted.error.message}）`);
    }
  } catch (error) {
    notices.push(`无法生成原文预览（${describe(error)}）`);
  }
  return entry;
}

/** `check --format html`: one self-contained file, page images inline. */
export async function buildHtmlReport(sources: EntrySource[], toolVersion: string): Promise<string> {
  const { formatHtmlReport } = await import('../format/html.js');
  const entries: ReportEntry[] = [];
  for (const [index, source] of sources.entries()) entries.push(await buildEntry(String(index + 1), source, inlineImages));
  const title = sources.length === 1 && sources[0]!.result.meta.department
    ? `审阅报告：${sources[0]!.result.meta.department}`
    : `审阅报告：${sources.length} 个文件`;
  return formatHtmlReport(entries, { title, subtitle: `生成于 ${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC`, toolVersion });
}

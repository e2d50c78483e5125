/**
 * Word (.docx) → Document.
 *
 * mammoth turns the document into HTML (tables keep their cells, colspan and rowspan; Word
 * heading styles become `<h1>`…`<h6>`), and html.ts turns that into lines and tables. Word
 * files have no fixed pages: everything is on page 1, `pageNumbersKnown` is false and every
 * line carries a locator (`第 12 段`, `表 2 第 3 行`, `脚注 1`) instead of a page number.
 *
 * What mammoth does not read, and what is done about it:
 * - headers and footers (page numbers, running titles): ignored, which is what we want;
 * - text boxes that exist only as DrawingML (no VML fallback): recovered here from the XML
 *   and added at the end with locator `文本框 N`;
 * - charts, embedded objects (an Excel table pasted as an object) and pictures: their
 *   figures are not text; a document notice says how many there are;
 * - automatic numbering (`一、`, `（二）` produced by Word lists or numbered heading styles),
 *   equations and hidden text: handled before mammoth runs, in docx-xml.ts.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Document, Page } from '../model/document.js';
import { prepareDocx, type PrepareReport } from './docx-xml.js';
import { appendBlocks, blockLocator, htmlToBlocks, type BlockPlace, type HtmlBlock } from './html.js';
import type { ExtractInput, ExtractOptions, ExtractResult } from './types.js';

/** Word heading styles beyond mammoth's defaults (`Heading 1`…): Chinese names and the title. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`p[style-name='标题 ${n}'] => h${n}:fresh`, `p[style-name='标题${n}'] => h${n}:fresh`]),
];

function fail(message: string, code: string): ExtractResult {
  return { ok: false, error: { message, code } };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** The human location of a line in a Word file: `第 12 段`, `表 2 第 3 行`, `脚注 1`. */
export const wordLocator: (place: BlockPlace) => string = blockLocator;

interface PackageInfo {
  charts: number;
  embeddings: number;
  images: number;
  /** Text of each text box (`w:txbxContent`) in the body, whitespace removed, for the lost-text check. */
  textBoxes: string[];
}

function xmlText(xml: string): string {
  return xml
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<w:br\/>|<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

async function inspectPackage(zip: JSZip): Promise<PackageInfo> {
  const names = Object.values(zip.files).filter((entry) => !entry.dir).map((entry) => entry.name);
  const info: PackageInfo = {
    charts: names.filter((name) => /^word\/charts\/chart\d*\.xml$/.test(name)).length,
    embeddings: names.filter((name) => name.startsWith('word/embeddings/')).length,
    images: names.filter((name) => name.startsWith('word/media/')).length,
    textBoxes: [],
  };
  const body = await zip.file('word/document.xml')?.async('string');
  if (body) {
    for (const match of body.matchAll(/<w:txbxContent\b[^>]*>([\s\S]*?)<\/w:txbxContent>/g)) {
      const text = xmlText(match[1] ?? '').trim();
      if (text) info.textBoxes.push(text);
    }
  }
  return info;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** mammoth's HTML of a .docx → Document (also used for Word files converted by LibreOffice). */
export async function extractDocx(input: ExtractInput, options: ExtractOptions): Promise<ExtractResult> {
  if (options.signal?.aborted) return fail('读取 Word 文件超时', 'timeout');
  let buffer = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch (error) {
    return fail(`Word 文件已损坏或不完整，无法打开：${firstLine(error)}`, 'corrupt');
  }
  if (!zip.file('word/document.xml') && !zip.file('[Content_Types].xml')) {
    return fail('不是 Word 文档：ZIP 包中没有 word/document.xml', 'not-a-report');
  }
  let prepared: PrepareReport = { numbered: 0, equations: 0, hiddenRuns: 0, tableRows: 0 };
  try {
    prepared = await prepareDocx(zip);
    if (prepared.numbered + prepared.equations + prepared.hiddenRuns + prepared.tableRows > 0) buffer = await zip.generateAsync({ type: 'nodebuffer' });
  } catch {
    // Numbering, equations and hidden text are refinements: without them mammoth still reads the text.
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        // Pictures carry no text we can read here; don't embed their bytes in the HTML.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch (error) {
    const message = firstLine(error);
    if (/main document part/i.test(message)) return fail('不是 Word 文档：缺少正文部分（word/document.xml）', 'not-a-report');
    return fail(`Word 文件已损坏，无法读取：${message}`, 'corrupt');
  }
  if (options.signal?.aborted) return fail('读取 Word 文件超时', 'timeout');

  let info: PackageInfo;
  try {
    info = await inspectPackage(zip);
  } catch {
    info = { charts: 0, embeddings: 0, images: 0, textBoxes: [] };
  }

  const blocks: HtmlBlock[] = htmlToBlocks(html);
  const page: Page = { number: 1, lines: [], tables: [], source: 'text', notices: [] };
  appendBlocks(page, blocks, { locate: wordLocator });

  const notices: string[] = [];
  // Text boxes mammoth could not see (DrawingML without a VML fallback).
  const seen = squeeze(page.lines.map((line) => line.text).join(''));
  const lost = info.textBoxes.filter((text) => !seen.includes(squeeze(text)));
  if (lost.length > 0) {
    const paragraphs = page.lines.filter((line) => line.kind !== 'table-row').length;
    lost.forEach((text, i) => {
      appendBlocks(page, [{ type: 'paragraph', lines: text.split('\n').map((s) => s.trim()).filter(Boolean) }], {
        firstParagraph: paragraphs + i + 1,
        locate: () => `文本框 ${i + 1}`,
      });
    });
    notices.push(`文本框中的 ${lost.length} 段文字位置不确定，已附在文末（定位为“文本框 N”）`);
  }
  if (prepared.equations > 0) notices.push(`文档含 ${prepared.equations} 个公式，已按线性文本读取（分数写作 a/b，乘方写作 a^b）`);
  if (prepared.hiddenRuns > 0) notices.push(`已忽略 ${prepared.hiddenRuns} 处隐藏文字（Word 中不显示、不打印）`);
  if (info.charts > 0) notices.push(`文档含 ${info.charts} 个图表，图表中的数字未读取`);
  if (info.embeddings > 0) notices.push(`文档含 ${info.embeddings} 个嵌入对象（如 Excel 表格），其中的数字未读取`);

  if (page.lines.length === 0) {
    if (info.images > 0) return fail(`Word 文档中没有文字，只有 ${info.images} 张图片（可能是扫描件）：请另存为 PDF 后用 OCR 读取`, 'empty');
    return fail('Word 文档中没有文字内容', 'empty');
  }
  if (info.images > 0) notices.push(`文档含 ${info.images} 张图片，图片中的文字未识别`);

  const document: Document = {
    path: input.path,
    format: 'docx',
    sha256: input.sha256,
    pageNumbersKnown: false,
    pages: [page],
    notices,
  };
  return { ok: true, document };
}

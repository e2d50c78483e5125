/** file bytes → Document: sniff the format from content, then hand over to the reader for it. */
import type { ExtractResult } from '../model/document.js';
import { sniffFormat } from './sniff.js';
import type { ExtractInput, ExtractOptions } from './types.js';

export { sniffFormat };
export type { ExtractInput, ExtractOptions };

/** Extensions a folder walk picks up. Content decides the reader; the extension only selects files. */
export const SUPPORTED_EXTENSIONS = [
  '.md', '.markdown', '.txt', '.text', '.html', '.htm', '.mht', '.mhtml',
  '.pdf', '.docx', '.doc', '.wps', '.rtf', '.odt', '.xls', '.xlsx', '.xlsm', '.et', '.ods',
  '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.bmp', '.webp', '.gif',
] as const;

function fail(message: string, code: string): ExtractResult {
  return { ok: false, error: { message, code } };
}

/** A ZIP container (Office Open XML, OpenDocument): its local-header signature. */
function isZipContainer(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function extractDocument(input: ExtractInput, options: ExtractOptions = {}): Promise<ExtractResult> {
  const format = sniffFormat(input.bytes, input.path);
  // Before any reader inflates a part whole in memory: a bomb is refused by its counted size.
  if ((format === 'docx' || format === 'xlsx' || format === 'ole') && isZipContainer(input.bytes)) {
    const { guardZip } = await import('./zip-guard.js');
    const guard = await guardZip(input.bytes, options.maxInflatedBytes);
    if (!guard.ok) return fail(guard.message, guard.code);
  }
  switch (format) {
    case 'empty':
      return fail('文件为空（0 字节）', 'empty');
    case 'binary':
      return fail('不是可识别的报告文件：内容为二进制数据，既非 PDF、Word、图片，也非文本', 'not-a-report');
    case 'zip':
      return fail('不是可识别的报告文件：ZIP 压缩包中没有 Word 文档', 'unsupported');
    case 'markdown':
    case 'text':
    case 'html': {
      const { extractText } = await import('./text.js');
      return extractText(input, options);
    }
    case 'pdf': {
      const { extractPdf } = await import('./pdf.js');
      const result = await extractPdf(input, options);
      // Scanned pages: fill the pages the reader marked `needsOcr` (extractors/ocr/).
      if (result.ok && options.ocr !== 'off' && result.document.pages.some((p) => p.needsOcr)) {
        const { ocrPdfPages } = await import('./ocr/index.js');
        return ocrPdfPages(input, result.document, options);
      }
      return result;
    }
    case 'docx': {
      const { extractDocx } = await import('./docx.js');
      return extractDocx(input, options);
    }
    case 'ole':
    case 'xlsx': {
      const { extractViaLibreOffice } = await import('./convert.js');
      return extractViaLibreOffice(input, options, format);
    }
    case 'image': {
      const { extractImage } = await import('./image.js');
      return extractImage(input, options);
    }
  }
}

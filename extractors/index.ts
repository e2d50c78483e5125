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

export async function extractDocument(input: ExtractInput, options: ExtractOptions = {}): Promise<ExtractResult> {
  const format = sniffFormat(input.bytes, input.path);
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

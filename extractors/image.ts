/**
 * Image files (PNG, JPEG, TIFF, GIF, WebP, BMP; sniffed by content): one page, read by OCR
 * (extractors/ocr/). With `ocr: 'off'` the page is returned empty and marked `needsOcr`.
 */
import type { ExtractResult } from '../model/document.js';
import type { ExtractInput, ExtractOptions } from './types.js';

export async function extractImage(input: ExtractInput, options: ExtractOptions): Promise<ExtractResult> {
  try {
    const { ocrImageFile } = await import('./ocr/index.js');
    return await ocrImageFile(input, options);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, error: { message: `读取图片时出错（${detail}）`, code: 'internal' } };
  }
}

// Placeholder until the LibreOffice conversion lands (see the PDF/Word issue).
import type { ExtractResult } from '../model/document.js';
import type { ExtractInput, ExtractOptions } from './types.js';

export async function extractViaLibreOffice(_input: ExtractInput, _options: ExtractOptions, _format: 'ole' | 'xlsx'): Promise<ExtractResult> {
  return { ok: false, error: { message: '暂不支持旧版 Office 格式，请先另存为 .docx 或 PDF', code: 'unsupported' } };
}

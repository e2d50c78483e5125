// Placeholder until the docx reader lands (see its issue).
import type { ExtractResult } from '../model/document.js';
import type { ExtractInput, ExtractOptions } from './types.js';

export async function extractDocx(_input: ExtractInput, _options: ExtractOptions): Promise<ExtractResult> {
  return { ok: false, error: { message: '暂不支持此格式（docx）', code: 'unsupported' } };
}

// Placeholder: the markdown/text/HTML reader is being written next.
import type { ExtractResult } from '../model/document.js';
import type { ExtractInput, ExtractOptions } from './types.js';

export async function extractText(_input: ExtractInput, _options: ExtractOptions): Promise<ExtractResult> {
  return { ok: false, error: { message: 'not yet', code: 'unsupported' } };
}

/** An HTML report → Document. Block elements become lines; table rows become tab-joined lines. */
import type { Document } from '../model/document.js';
import { textToDocument } from './text.js';

export async function htmlToDocument(html: string, input: { path: string; sha256: string }, encoding?: string): Promise<Document> {
  const text = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(td|th)>\s*/gi, '\t')
    .replace(/<\/(p|div|tr|h[1-6]|li|br|table|caption)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/\t\n/g, '\n');
  return textToDocument(text, input, 'html', encoding);
}

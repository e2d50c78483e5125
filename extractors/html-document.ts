/** An HTML report → Document, through the project's one HTML converter (extractors/html.ts). */
import type { Document, Page } from '../model/document.js';
import { appendBlocks, htmlToBlocks } from './html.js';

export async function htmlToDocument(html: string, input: { path: string; sha256: string }, encoding?: string): Promise<Document> {
  const page: Page = { number: 1, lines: [], tables: [], source: 'text', notices: [] };
  appendBlocks(page, htmlToBlocks(html), {
    locate: (place) => (place.kind === 'paragraph' ? `第 ${place.paragraph} 段` : `表 ${place.table + 1} 第 ${place.row + 1} 行`),
  });
  return {
    path: input.path,
    format: 'html',
    sha256: input.sha256,
    ...(encoding ? { encoding } : {}),
    pageNumbersKnown: false,
    pages: [page],
    notices: [],
  };
}

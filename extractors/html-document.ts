/** An HTML report → Document, through the project's one HTML converter (extractors/html.ts). */
import type { Document, Page } from '../model/document.js';
import { appendBlocks, blockLocator, htmlToBlocks } from './html.js';

export async function htmlToDocument(html: string, input: { path: string; sha256: string }, encoding?: string): Promise<Document> {
  const page: Page = { number: 1, lines: [], tables: [], source: 'text', notices: [] };
  appendBlocks(page, htmlToBlocks(html), { locate: blockLocator });
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

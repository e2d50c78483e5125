/** A markdown text as if OCR had read it: pages marked `ocr`, each line one word box with a confidence. */
import type { Document } from '../../model/document.js';
import { textToDocument } from '../../extractors/text.js';

export function scannedDocument(markdown: string, confidence: (line: string) => number = () => 95): Document {
  const document = textToDocument(markdown, { path: 'scan.md', sha256: '0'.repeat(64) }, 'markdown');
  for (const page of document.pages) {
    page.source = 'ocr';
    for (const line of page.lines) line.segments = [{ start: 0, end: line.text.length, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, confidence: confidence(line.text) }];
  }
  return document;
}

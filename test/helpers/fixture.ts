/** A real document of fixtures/real read as the CLI reads it (no OCR): the Document the tests mutate. */
import { readFileSync } from 'node:fs';
import { extractDocument } from '../../extractors/index.js';
import type { Document } from '../../model/document.js';

export async function readRealFixture(name: string): Promise<Document> {
  const result = await extractDocument({ path: name, bytes: new Uint8Array(readFileSync(`fixtures/real/${name}`)), sha256: '0'.repeat(64) }, { ocr: 'off' });
  if (!result.ok) throw new Error(result.error.message);
  return result.document;
}

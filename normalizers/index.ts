/** Document → text units → figures → facts and metadata. */
import type { Document } from '../model/document.js';
import type { Fact, Figure } from '../model/figure.js';
import type { Meta } from '../model/result.js';

export interface NormalizedDocument {
  document: Document;
  figures: Figure[];
  facts: Fact[];
  meta: Meta;
}

export function normalizeDocument(document: Document): NormalizedDocument {
  return { document, figures: [], facts: [], meta: {} };
}

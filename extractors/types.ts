import type { DocumentFormat, ExtractResult } from '../model/document.js';

export interface ExtractInput {
  path: string;
  bytes: Uint8Array;
  sha256: string;
}

export interface ExtractOptions {
  /** OCR engine for pages without a usable text layer; `off` marks them as needing OCR. */
  ocr?: 'tesseract' | 'paddle' | 'off';
  /** Number of OCR workers (default: one per core). */
  ocrWorkers?: number;
  /**
   * Render scanned pages at this multiple of the scan's own resolution (default 1; the bench
   * compares 1, 1.5 and 2), and scale image files by it (default: ×2 below 2,000 pixels across,
   * else ×1).
   */
  ocrUpsample?: number;
  /** ZIP containers (.docx, .xlsx, .odt…) that inflate past this many bytes are refused (default 200 MB, extractors/zip-guard.ts). */
  maxInflatedBytes?: number;
  /** Told how many pages a file will OCR before it starts (the batch worker extends the time limit by them). */
  onOcrPages?: (pages: number) => void;
  /** Aborts long work (per-document time limit). */
  signal?: AbortSignal;
}

/** file bytes → Document. Never throws: problems come back as `{ ok: false, error }`. */
export type Extractor = (input: ExtractInput, options: ExtractOptions) => Promise<ExtractResult>;

export type { DocumentFormat, ExtractResult };

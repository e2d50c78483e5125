/**
 * Page images for the review report: PDF pages rendered with pdf.js onto @napi-rs/canvas (as OCR
 * renders them, extractors/ocr/render.ts), scans and image files decoded and scaled down, all
 * encoded as JPEG (a quarter of PNG's encoding time and two thirds of its size, text still sharp
 * at 110 dpi; BENCHMARKS.md). Each image keeps the size of the page in its own units (PDF points, or image
 * pixels), which is what evidence bboxes are measured in.
 */
import { closePdf, openPdf } from '../../extractors/pdfjs.js';
import { decodeImageFile, scaledGreyCanvas } from '../../extractors/ocr/render.js';

/** About 110 dpi: a figure is readable at 1280 px, a page stays around 100–200 KiB. */
export const REPORT_DPI = 110;
/** Widest image made of a scan or picture, in pixels (its own resolution is unknown). */
const MAX_IMAGE_WIDTH = 1240;

/** Quality of the JPEG page images. */
const JPEG_QUALITY = 85;
export const PAGE_IMAGE_TYPE = { mime: 'image/jpeg', extension: 'jpg' } as const;

export interface PageImage {
  page: number;
  /** The encoded image (PAGE_IMAGE_TYPE). */
  data: Buffer;
  /** Image size in pixels. */
  width: number;
  height: number;
  /** Page size in the units of its bboxes. */
  unitsWidth: number;
  unitsHeight: number;
}

export interface PageImages {
  images: PageImage[];
  /** Pages that could not be drawn, in Chinese. */
  notices: string[];
}

interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasContext;
  encode(format: 'jpeg', quality: number): Promise<Buffer>;
}
interface CanvasContext {
  fillStyle: string;
  imageSmoothingEnabled: boolean;
  imageSmoothingQuality: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
  putImageData(image: unknown, x: number, y: number): void;
}
interface CanvasFactory {
  create(width: number, height: number): { canvas: Canvas; context: CanvasContext };
  destroy(entry: { canvas: Canvas; context: CanvasContext }): void;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

/** Renders the given pages (1-based) of a PDF or an image file; other formats have no page images. */
export async function renderPageImages(bytes: Uint8Array, format: string | undefined, pages: number[], dpi = REPORT_DPI): Promise<PageImages> {
  const wanted = [...new Set(pages)].sort((a, b) => a - b);
  if (wanted.length === 0) return { images: [], notices: [] };
  if (format === 'pdf') return renderPdfPages(bytes, wanted, dpi);
  if (format === 'image') return renderImagePages(bytes, wanted);
  return { images: [], notices: [] };
}

async function renderPdfPages(bytes: Uint8Array, pages: number[], dpi: number): Promise<PageImages> {
  const images: PageImage[] = [];
  const notices: string[] = [];
  let doc;
  try {
    doc = await openPdf(bytes);
  } catch (error) {
    return { images, notices: [`无法打开 PDF 以生成页面图像（${describe(error)}）`] };
  }
  try {
    const factory = doc.canvasFactory as CanvasFactory;
    // Encoding runs off the main thread: page n is encoded while page n + 1 is drawn.
    const encoding: Promise<void>[] = [];
    for (const number of pages) {
      if (number > doc.numPages) continue;
      try {
        const page = await doc.getPage(number);
        try {
          const units = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: dpi / 72 });
          const width = Math.max(1, Math.round(viewport.width));
          const height = Math.max(1, Math.round(viewport.height));
          const entry = factory.create(width, height);
          try {
            entry.context.fillStyle = '#ffffff';
            entry.context.fillRect(0, 0, width, height);
            await page.render({ canvas: entry.canvas as never, canvasContext: entry.context as never, viewport, intent: 'print' }).promise;
          } catch (error) {
            factory.destroy(entry);
            throw error;
          }
          encoding.push(entry.canvas.encode('jpeg', JPEG_QUALITY).then(
            (data) => { images.push({ page: number, data, width, height, unitsWidth: units.width, unitsHeight: units.height }); },
            (error: unknown) => { notices.push(`第 ${number} 页无法生成图像（${describe(error)}）`); },
          ).finally(() => factory.destroy(entry)));
        } finally {
          page.cleanup();
        }
      } catch (error) {
        notices.push(`第 ${number} 页无法生成图像（${describe(error)}）`);
      }
    }
    await Promise.all(encoding);
    images.sort((a, b) => a.page - b.page);
  } finally {
    await closePdf(doc);
  }
  return { images, notices };
}

async function renderImagePages(bytes: Uint8Array, pages: number[]): Promise<PageImages> {
  const images: PageImage[] = [];
  let decoded;
  try {
    decoded = await decodeImageFile(bytes, Math.max(...pages));
  } catch (error) {
    return { images, notices: [`图片无法解码，未能显示页面（${describe(error)}）`] };
  }
  for (const number of pages) {
    const grey = decoded[number - 1];
    if (!grey) continue;
    const { canvas: target, width, height } = scaledGreyCanvas(grey, Math.min(1, MAX_IMAGE_WIDTH / grey.width));
    images.push({ page: number, data: await target.encode('jpeg', JPEG_QUALITY), width, height, unitsWidth: grey.width, unitsHeight: grey.height });
  }
  return { images, notices: [] };
}

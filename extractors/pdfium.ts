/**
 * PDFium (compiled to WebAssembly, `@embedpdf/pdfium`) loaded once per process, for reading the
 * text layer and drawing of PDF pages (issue 13: four times pdf.js's pages per CPU second, every
 * number pdftotext finds, a real box per character).
 *
 * The module is instantiated from the packaged `.wasm` by path (no fetch, no network). Calls go
 * straight to the wasm exports (the package's `cwrap` wrappers convert every argument); the heap
 * views are looked up after each call that may grow memory.
 *
 *   const engine = await loadPdfium();
 *   const doc = openPdfiumDocument(engine, bytes, password);  // throws PdfOpenError
 *   …FPDF_LoadPage(doc.handle, i)…
 *   doc.close();                                              // safe to call twice
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PdfOpenError } from './pdfjs.js';

/** The PDFium functions the reader calls, by their C signatures (pointers are numbers in wasm32). */
export interface PdfiumExports {
  malloc(size: number): number;
  free(ptr: number): void;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(doc: number): number;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_CloseDocument(doc: number): void;
  FPDF_GetPageBoundingBox(page: number, rect: number): number;
  FPDFPage_GetRotation(page: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetUnicode(textPage: number, index: number): number;
  FPDFText_IsGenerated(textPage: number, index: number): number;
  FPDFText_HasUnicodeMapError(textPage: number, index: number): number;
  FPDFText_GetFontSize(textPage: number, index: number): number;
  FPDFText_GetCharOrigin(textPage: number, index: number, x: number, y: number): number;
  FPDFText_GetLooseCharBox(textPage: number, index: number, rect: number): number;
  FPDFText_GetMatrix(textPage: number, index: number, matrix: number): number;
  FPDFText_GetTextObject(textPage: number, index: number): number;
  FPDFPage_CountObjects(page: number): number;
  FPDFPage_GetObject(page: number, index: number): number;
  FPDFFormObj_CountObjects(form: number): number;
  FPDFFormObj_GetObject(form: number, index: number): number;
  FPDFPageObj_GetType(object: number): number;
  FPDFPageObj_GetMatrix(object: number, matrix: number): number;
  FPDFPageObj_GetStrokeWidth(object: number, width: number): number;
  FPDFPageObj_GetStrokeColor(object: number, r: number, g: number, b: number, a: number): number;
  FPDFPageObj_GetFillColor(object: number, r: number, g: number, b: number, a: number): number;
  FPDFPath_GetDrawMode(path: number, fillMode: number, stroke: number): number;
  FPDFPath_CountSegments(path: number): number;
  FPDFPath_GetPathSegment(path: number, index: number): number;
  FPDFPathSegment_GetPoint(segment: number, x: number, y: number): number;
  FPDFPathSegment_GetType(segment: number): number;
  FPDFPathSegment_GetClose(segment: number): number;
  FPDFImageObj_GetImagePixelSize(image: number, width: number, height: number): number;
}

export interface PdfiumEngine {
  fn: PdfiumExports;
  /** Current heap views (memory growth replaces them). */
  heap(): { u8: Uint8Array; i32: Int32Array; u32: Uint32Array; f32: Float32Array; f64: Float64Array };
  /** FPDF_LoadMemDocument with a C-string password (the wrapper converts the string). */
  loadMemDocument(ptr: number, size: number, password: string): number;
}

/** PDFium's error codes (fpdfview.h). */
const ERR_FILE = 2;
const ERR_FORMAT = 3;
const ERR_PASSWORD = 4;
const ERR_SECURITY = 5;

const require = createRequire(import.meta.url);
let loading: Promise<PdfiumEngine> | undefined;

/** Loads and initialises PDFium once per process (about 0.1 s). */
export function loadPdfium(): Promise<PdfiumEngine> {
  loading ??= (async () => {
    const { init } = await import('@embedpdf/pdfium');
    const wasmBinary = readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm'));
    const wrapped = await init({ wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer });
    wrapped.FPDF_InitLibrary();
    const module = wrapped.pdfium as unknown as {
      wasmExports: PdfiumExports;
      HEAPU8: Uint8Array;
      HEAP32: Int32Array;
      HEAPU32: Uint32Array;
      HEAPF32: Float32Array;
      HEAPF64: Float64Array;
    };
    return {
      fn: module.wasmExports,
      heap: () => ({ u8: module.HEAPU8, i32: module.HEAP32, u32: module.HEAPU32, f32: module.HEAPF32, f64: module.HEAPF64 }),
      loadMemDocument: (ptr, size, password) => wrapped.FPDF_LoadMemDocument(ptr, size, password),
    };
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** A wasm heap grown past this by one large file is dropped after it, not kept for the next. */
const RECYCLE_HEAP_BYTES = 512 * 1024 * 1024;

/**
 * After a document: a heap that a large file grew is given back (WebAssembly memory never
 * shrinks), so a nightly worker does not keep a large file's memory for the rest of the run.
 * The next document loads a fresh instance.
 */
export function releasePdfiumIfLarge(engine: PdfiumEngine, limit = RECYCLE_HEAP_BYTES): void {
  if (engine.heap().u8.byteLength > limit && loading) {
    loading = undefined;
  }
}

/** An open document: its handle, and the heap copy of its bytes that PDFium reads from. */
export interface PdfiumDocument {
  handle: number;
  pageCount: number;
  close(): void;
}

/**
 * Opens a PDF from bytes (copied into the wasm heap, where PDFium reads them while the document
 * is open). Throws PdfOpenError: `empty`, `encrypted` (password needed or wrong), `corrupt`.
 */
export function openPdfiumDocument(engine: PdfiumEngine, bytes: Uint8Array, password?: string): PdfiumDocument {
  if (bytes.length === 0) throw new PdfOpenError('文件为空（0 字节）', 'empty');
  const { fn } = engine;
  const data = fn.malloc(bytes.length);
  if (!data) throw new PdfOpenError(`PDF 文件过大，无法载入内存（${bytes.length} 字节）`, 'internal');
  engine.heap().u8.set(bytes, data);
  const handle = engine.loadMemDocument(data, bytes.length, password ?? '');
  if (!handle) {
    const code = fn.FPDF_GetLastError();
    fn.free(data);
    throw openError(code, password !== undefined);
  }
  let open = true;
  return {
    handle,
    pageCount: fn.FPDF_GetPageCount(handle),
    close() {
      if (!open) return;
      open = false;
      fn.FPDF_CloseDocument(handle);
      fn.free(data);
    },
  };
}

function openError(code: number, passwordGiven: boolean): PdfOpenError {
  if (code === ERR_PASSWORD) {
    return new PdfOpenError(passwordGiven ? 'PDF 已加密，提供的打开密码不正确' : 'PDF 已加密，需要打开密码（用户密码）才能读取', 'encrypted', `PDFium error ${code}`);
  }
  if (code === ERR_SECURITY) return new PdfOpenError('PDF 使用了不支持的加密方式，无法读取', 'encrypted', `PDFium error ${code}`);
  if (code === ERR_FORMAT || code === ERR_FILE) return new PdfOpenError('PDF 文件已损坏或不完整，无法读取（文件结构无法解析）', 'corrupt', `PDFium error ${code}`);
  return new PdfOpenError(`读取 PDF 时出错（PDFium 错误 ${code}）`, 'internal', `PDFium error ${code}`);
}

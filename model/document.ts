/**
 * The document model every extractor produces and every later stage reads.
 *
 * A document is a list of pages; a page is a list of lines and tables. Table rows are
 * ALSO lines (cells joined by a tab), and each cell points at its span in that line, so
 * every character the later stages look at has exactly one address: page, line, column.
 */
import { z } from 'zod';

/** A rectangle in the page's own units (PDF points for PDF, pixels for images), origin top-left, y down. */
export const BBoxSchema = z.object({
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
});
export type BBox = z.infer<typeof BBoxSchema>;

/**
 * A run of characters inside a line whose position on the page is known (a PDF text item,
 * an OCR word). `start`/`end` are 0-based UTF-16 offsets into the line's text, end exclusive.
 */
export const SegmentSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  bbox: BBoxSchema,
  /** OCR confidence 0..100 for this word; absent for text layers. */
  confidence: z.number().min(0).max(100).optional(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const LineKindSchema = z.enum(['text', 'heading', 'table-row', 'caption']);

export const LineSchema = z.object({
  /** 1-based line number within the page, as users see it in findings (`page:line`). */
  number: z.number().int().positive(),
  text: z.string(),
  kind: LineKindSchema.default('text'),
  bbox: BBoxSchema.optional(),
  /** Where on the page parts of the line are; enough to derive a bbox for any span. */
  segments: z.array(SegmentSchema).optional(),
  /**
   * The source says this line is soft-wrapped into the next one (same paragraph). The
   * normalizer joins such lines; it also joins by text evidence (a number or unit cut in two).
   */
  continues: z.boolean().optional(),
  /** Heading level 1..6 when the source marks one (markdown `#`, Word heading styles). */
  headingLevel: z.number().int().min(1).max(6).optional(),
  /** For sources without page numbers (Word): a human location such as `第 12 段`. */
  locator: z.string().optional(),
});
export type Line = z.infer<typeof LineSchema>;

/** Where a cell's text lives: a span of one line (of the table's page unless `page` says otherwise). */
export const CellSpanSchema = z.object({
  /** Page of the line, for a table continued across a page break; absent means the table's own page. */
  page: z.number().int().positive().optional(),
  line: z.number().int().positive(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type CellSpan = z.infer<typeof CellSpanSchema>;

export const CellSchema = z.object({
  text: z.string(),
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  rowSpan: z.number().int().positive().default(1),
  colSpan: z.number().int().positive().default(1),
  /** Empty for an empty cell; a multi-line cell has one span per line. */
  spans: z.array(CellSpanSchema).default([]),
  bbox: BBoxSchema.optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const TableSchema = z.object({
  /** 0-based index of the table within the document. */
  index: z.number().int().nonnegative(),
  /** Rows of cells, in reading order; a row may have fewer cells than the header (merged cells dropped). */
  rows: z.array(z.array(CellSchema)),
  /** The caption or title line above the table, if any (e.g. `单位：万元`, `部门整体支出绩效目标完成情况自评表`). */
  caption: z.string().optional(),
  /** Unit stated for the whole table (`单位：万元`), as printed. */
  unit: z.string().optional(),
  /**
   * `list`: label–value lines printed as a two-column form (`市级资金 343.00`), with label-only rows
   * heading its groups (`其中:`, `…补助资金(万元)`).
   */
  layout: z.enum(['list']).optional(),
  bbox: BBoxSchema.optional(),
  /** Pages the table spans, when it continues across a page break (first is the page it is stored on). */
  pages: z.array(z.number().int().positive()).optional(),
});
export type Table = z.infer<typeof TableSchema>;

export const PageSchema = z.object({
  /** 1-based page number; for sources without pages (markdown, Word) the whole text is page 1. */
  number: z.number().int().positive(),
  width: z.number().optional(),
  height: z.number().optional(),
  lines: z.array(LineSchema),
  tables: z.array(TableSchema).default([]),
  /** Where this page's text came from. */
  source: z.enum(['text', 'text-layer', 'ocr']).default('text'),
  /** The page has no usable text layer and was not (or could not be) OCR'd. */
  needsOcr: z.boolean().optional(),
  /** Per-page notices, e.g. `第 3 页无可用文本层，需要 OCR`. */
  notices: z.array(z.string()).default([]),
});
export type Page = z.infer<typeof PageSchema>;

export const DocumentFormatSchema = z.enum(['markdown', 'text', 'html', 'pdf', 'docx', 'doc', 'image']);
export type DocumentFormat = z.infer<typeof DocumentFormatSchema>;

export const DocumentSchema = z.object({
  path: z.string(),
  format: DocumentFormatSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Text encoding the bytes were decoded with (text formats only): `utf-8`, `gb18030`. */
  encoding: z.string().optional(),
  /** False for formats whose page numbers are unknown (Word, markdown): locations then say so. */
  pageNumbersKnown: z.boolean(),
  pages: z.array(PageSchema),
  /** Document-level notices that are not errors (e.g. `已用 LibreOffice 转换`). */
  notices: z.array(z.string()).default([]),
});
export type Document = z.infer<typeof DocumentSchema>;

/** A problem reading a file: one clear line, recorded for that file, never thrown past the pipeline. */
export const FileErrorSchema = z.object({
  message: z.string(),
  /** Machine-readable reason: `empty`, `not-a-report`, `encrypted`, `corrupt`, `unsupported`, `timeout`, `internal`… */
  code: z.string().optional(),
  page: z.number().int().positive().optional(),
});
export type FileError = z.infer<typeof FileErrorSchema>;

/** What an extractor returns: a document, or the reason there is none. Extractors never throw. */
export type ExtractResult =
  | { ok: true; document: Document }
  | { ok: false; error: FileError };

/**
 * A pixel budget for images: a scan of a few MB can declare 30,000 × 30,000 pixels, 3.6 GB once
 * decoded to RGBA. Image files past the budget are refused from their header, before any decoder
 * allocates; PDF images past it are not decoded by pdf.js (`maxImageSize`), so their page is
 * drawn without them.
 */

/** 50 million pixels: an A3 page scanned at 500 dpi, an A4 page at 700 dpi; about 200 MB as RGBA. */
export const MAX_IMAGE_PIXELS = 50_000_000;

export class ImageTooLargeError extends Error {
  readonly code = 'too-large';
  constructor(readonly width: number, readonly height: number, readonly limit = MAX_IMAGE_PIXELS) {
    super(`图片过大（${width}×${height} 像素，约 ${Math.round((width * height) / 10_000)} 万像素，上限 ${Math.round(limit / 10_000)} 万像素），未读取`);
  }
}

const be16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const be32 = (b: Uint8Array, at: number) => ((be16(b, at) << 16) | be16(b, at + 2)) >>> 0;
const le16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const le24 = (b: Uint8Array, at: number) => le16(b, at) | ((b[at + 2] ?? 0) << 16);
const le32 = (b: Uint8Array, at: number) => (le16(b, at) | (le16(b, at + 2) << 16)) | 0;

/** Width and height from an image file's header (PNG, JPEG, GIF, BMP, WebP), or undefined when it does not say. */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return { width: be32(bytes, 16), height: be32(bytes, 20) };
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return { width: le16(bytes, 6), height: le16(bytes, 8) };
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return { width: Math.abs(le32(bytes, 18)), height: Math.abs(le32(bytes, 22)) };
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46 && bytes[8] === 0x57 && bytes[9] === 0x45) {
    const chunk = String.fromCharCode(bytes[12] ?? 0, bytes[13] ?? 0, bytes[14] ?? 0, bytes[15] ?? 0);
    if (chunk === 'VP8X') return { width: le24(bytes, 24) + 1, height: le24(bytes, 27) + 1 };
    if (chunk === 'VP8 ') return { width: le16(bytes, 26) & 0x3fff, height: le16(bytes, 28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = le32(bytes, 21) >>> 0;
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    return undefined;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    // JPEG: the first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC) holds the size.
    for (let at = 2; at + 9 < bytes.length;) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) { at++; continue; }
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { width: be16(bytes, at + 7), height: be16(bytes, at + 5) };
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { at += 2; continue; }
      at += 2 + be16(bytes, at + 2);
    }
  }
  return undefined;
}

/** Throws ImageTooLargeError when `width × height` is past the budget. */
export function checkPixels(width: number, height: number, limit = MAX_IMAGE_PIXELS): void {
  if (width * height > limit) throw new ImageTooLargeError(width, height, limit);
}

import { AppError } from '@iris/core';

/**
 * The largest image read, in pixels (width × height). A 300 dpi A4 scan is ~8.7 MP and a phone photo
 * 12–50 MP; decoding is width × height × 4 bytes of memory whatever the file size (a 100 KB 1-bit PNG can
 * claim 24000 × 24000), so the header decides before anything is decoded.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

export interface ImageDimensions {
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG: the IHDR chunk must come first, right after the signature (width, height: 4-byte big-endian). */
function pngDimensions(bytes: Buffer): ImageDimensions | null {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic); C4, C8 and CC are not frames. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * JPEG: walks the marker segments from SOI to the first start-of-frame (which must precede the scan) and
 * reads its height and width. Segments inside APPn (an EXIF thumbnail) are skipped by their length.
 */
function jpegDimensions(bytes: Buffer): ImageDimensions | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    // Fill bytes: any number of 0xFF may precede a marker.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    // Markers without a length (TEM, RSTn, a stray SOI).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    // End of image or start of scan before any frame header: not a decodable image.
    if (marker === 0xd9 || marker === 0xda) return null;
    if (offset + 4 > bytes.length) return null;
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return null;
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

/** The width and height a PNG or JPEG header declares, or null when the header cannot be read. */
export function imageDimensions(
  bytes: Buffer,
  mediaType: 'image/png' | 'image/jpeg',
): ImageDimensions | null {
  return mediaType === 'image/png' ? pngDimensions(bytes) : jpegDimensions(bytes);
}

/**
 * Checks an image's declared size before it is decoded: an unreadable header, an empty image, or more
 * than MAX_IMAGE_PIXELS is INVOICE_FILE_INVALID. Returns the dimensions.
 */
export function assertImageSize(bytes: Buffer, mediaType: 'image/png' | 'image/jpeg'): ImageDimensions {
  const kind = mediaType === 'image/png' ? 'PNG' : 'JPEG';
  const dimensions = imageDimensions(bytes, mediaType);
  if (dimensions === null) {
    throw new AppError('INVOICE_FILE_INVALID', `The ${kind} image has no readable size header.`);
  }
  const { width, height } = dimensions;
  if (width < 1 || height < 1) throw new AppError('INVOICE_FILE_INVALID', 'The image is empty.');
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError(
      'INVOICE_FILE_INVALID',
      `The image is ${width} × ${height} pixels: over the ${MAX_IMAGE_PIXELS / 1_000_000} megapixels read.`,
      { width, height, maxPixels: MAX_IMAGE_PIXELS },
    );
  }
  return dimensions;
}

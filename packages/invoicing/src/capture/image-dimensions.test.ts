import { describe, expect, it } from 'vitest';
import { assertImageSize, imageDimensions, MAX_IMAGE_PIXELS } from './image-dimensions.ts';

const SOI = [0xff, 0xd8];
const sof = (marker: number, width: number, height: number) => [
  ...[0xff, marker, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0],
];

describe('imageDimensions', () => {
  it('reads a PNG IHDR', () => {
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(
      png,
    );
    png.writeUInt32BE(24_000, 16);
    png.writeUInt32BE(12_000, 20);
    expect(imageDimensions(png, 'image/png')).toEqual({ width: 24_000, height: 12_000 });
    // IHDR must be the first chunk.
    png.write('tEXt', 12, 'latin1');
    expect(imageDimensions(png, 'image/png')).toBeNull();
  });

  it('reads a JPEG frame header past APPn segments (an EXIF thumbnail), fill bytes and RST markers', () => {
    // The EXIF segment holds a thumbnail's own SOI/SOF: it must be skipped by the segment's length.
    const exifBody = [0x45, 0x78, 0x69, 0x66, 0, 0, ...SOI, ...sof(0xc0, 160, 120)];
    const app1 = [0xff, 0xe1, 0, exifBody.length + 2, ...exifBody];
    const jpeg = Buffer.from([...SOI, ...app1, 0xff, 0xff, 0xff, 0xd0, ...sof(0xc2, 4032, 3024)]);
    expect(imageDimensions(jpeg, 'image/jpeg')).toEqual({ width: 4032, height: 3024 });
  });

  it('skips tables that are not frames (DHT C4) and finds none before the scan', () => {
    const dht = [0xff, 0xc4, 0, 4, 0, 0];
    expect(imageDimensions(Buffer.from([...SOI, ...dht, ...sof(0xc1, 800, 600)]), 'image/jpeg')).toEqual({
      width: 800,
      height: 600,
    });
    expect(imageDimensions(Buffer.from([...SOI, ...dht, 0xff, 0xda, 0, 2]), 'image/jpeg')).toBeNull();
    expect(imageDimensions(Buffer.from([...SOI, 0xff, 0xe0, 0, 40, 1, 2]), 'image/jpeg')).toBeNull();
    expect(imageDimensions(Buffer.from([...SOI, 0x00, 0x01]), 'image/jpeg')).toBeNull();
  });
});

describe('assertImageSize', () => {
  const jpeg = (width: number, height: number) => Buffer.from([...SOI, ...sof(0xc0, width, height)]);

  it('accepts up to MAX_IMAGE_PIXELS and refuses above, or an empty image', () => {
    expect(assertImageSize(jpeg(8000, 5000), 'image/jpeg')).toEqual({ width: 8000, height: 5000 });
    expect(MAX_IMAGE_PIXELS).toBe(8000 * 5000);
    expect(() => assertImageSize(jpeg(8000, 5001), 'image/jpeg')).toThrow(
      expect.objectContaining({ code: 'INVOICE_FILE_INVALID' }) as Error,
    );
    expect(() => assertImageSize(jpeg(0, 100), 'image/jpeg')).toThrow(
      expect.objectContaining({ code: 'INVOICE_FILE_INVALID' }) as Error,
    );
    expect(() => assertImageSize(Buffer.from(SOI), 'image/jpeg')).toThrow(
      expect.objectContaining({ code: 'INVOICE_FILE_INVALID' }) as Error,
    );
  });
});

import sharp from 'sharp';
import { escapeHtml } from './swedish-format.ts';
import { createRandom } from './random.ts';
import type { InvoiceRenderer } from './render.ts';

export interface ScanOptions {
  /** Same seed, same scan. Options left out are drawn from it within the ranges below. */
  seed: number;
  /** Skew in degrees, ±0.3–1.5. */
  rotationDeg?: number;
  /** Gaussian blur sigma, 0.5–1. */
  blurSigma?: number;
  /** Standard deviation of the sensor noise in grey levels (0–255), default 4–10. */
  noise?: number;
  /** JPEG quality, 60–80. */
  jpegQuality?: number;
  /** Resolution written into the JPEG (default 200, what the PNG was rendered at). */
  dpi?: number;
}

export interface ResolvedScanOptions {
  rotationDeg: number;
  blurSigma: number;
  noise: number;
  jpegQuality: number;
}

export function resolveScanOptions(options: ScanOptions): ResolvedScanOptions {
  const random = createRandom(`scan:${options.seed}`);
  const sign = random.chance(0.5) ? 1 : -1;
  return {
    rotationDeg: options.rotationDeg ?? sign * random.between(0.3, 1.5),
    blurSigma: options.blurSigma ?? random.between(0.5, 1),
    noise: options.noise ?? random.between(4, 10),
    jpegQuality: options.jpegQuality ?? random.int(60, 80),
  };
}

/**
 * A rendered page made to look like an office scan: grey, paper not quite white and ink not quite black,
 * slightly skewed on a white bed, soft focus, sensor noise and JPEG artefacts. The output has the input's
 * pixel size (the skewed page is cropped back to it, as a scanner bed would), as a JPEG.
 */
export async function degradeToScan(image: Buffer, options: ScanOptions): Promise<Buffer> {
  const { rotationDeg, blurSigma, noise, jpegQuality } = resolveScanOptions(options);
  const { width, height } = await sharp(image).metadata();
  if (!width || !height) throw new Error('degradeToScan: unreadable image');

  const rotated = await sharp(image)
    .flatten({ background: '#ffffff' })
    .greyscale()
    .rotate(rotationDeg, { background: '#ffffff' })
    .blur(blurSigma)
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });

  const { data, info } = rotated;
  const random = createRandom(`scan-noise:${options.seed}`);
  for (let i = 0; i < data.length; i += 1) {
    // Paper at ~240, ink at ~30; noise approximately Gaussian (sum of three uniforms).
    const gaussian = (random.next() + random.next() + random.next() - 1.5) * 2;
    const level = 30 + ((data[i] ?? 255) * 210) / 255 + gaussian * noise;
    data[i] = Math.max(0, Math.min(255, Math.round(level)));
  }

  const left = Math.max(0, Math.floor((info.width - width) / 2));
  const top = Math.max(0, Math.floor((info.height - height) / 2));
  const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .extract({ left, top, width: Math.min(width, info.width), height: Math.min(height, info.height) })
    .toColourspace('b-w')
    .jpeg({ quality: jpegQuality })
    .toBuffer();
  return withJfifDensity(jpeg, options.dpi ?? 200);
}

/**
 * Writes the resolution into a JFIF header (OCR uses it to judge character size), patching the APP0 segment
 * or inserting one after the start marker. sharp's withMetadata would also convert the grey scan to sRGB.
 */
function withJfifDensity(jpeg: Buffer, dpi: number): Buffer {
  const density = Buffer.alloc(5);
  density[0] = 1; // units: dots per inch
  density.writeUInt16BE(dpi, 1);
  density.writeUInt16BE(dpi, 3);
  const hasJfif =
    jpeg[2] === 0xff && jpeg[3] === 0xe0 && jpeg.subarray(6, 11).toString('latin1') === 'JFIF\0';
  if (hasJfif) {
    const out = Buffer.from(jpeg);
    density.copy(out, 13);
    return out;
  }
  const app0 = Buffer.concat([
    Buffer.from([0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([0x01, 0x01]),
    density,
    Buffer.from([0x00, 0x00]),
  ]);
  return Buffer.concat([jpeg.subarray(0, 2), app0, jpeg.subarray(2)]);
}

function imageMediaType(bytes: Buffer): 'image/jpeg' | 'image/png' {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  throw new RangeError('imageOnlyPdf: not a JPEG or PNG');
}

/**
 * A PDF that holds only the image (no text layer), like a scanner's "scan to PDF": chromium prints an <img>
 * as an image, so the PDF has nothing for a text extractor and must go through OCR.
 */
export async function imageOnlyPdf(image: Buffer, renderer: InvoiceRenderer): Promise<Buffer> {
  const src = `data:${imageMediaType(image)};base64,${image.toString('base64')}`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0; }
html, body { margin: 0; padding: 0; }
img { display: block; width: 210mm; }
</style></head><body><img src="${escapeHtml(src)}" alt=""></body></html>`;
  return renderer.htmlToPdf(html);
}

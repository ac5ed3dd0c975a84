import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { degradeToScan, resolveScanOptions } from './scan.ts';

/** A white page with black text-like bars, as a PNG. */
async function page(width = 600, height = 800): Promise<Buffer> {
  const bars = Array.from(
    { length: 20 },
    (_, i) => `<rect x="40" y="${40 + i * 35}" width="${200 + (i % 5) * 60}" height="12" fill="#000"/>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${bars.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('degradeToScan', () => {
  it('draws its settings from the seed within the documented ranges', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const o = resolveScanOptions({ seed });
      expect(Math.abs(o.rotationDeg)).toBeGreaterThanOrEqual(0.3);
      expect(Math.abs(o.rotationDeg)).toBeLessThanOrEqual(1.5);
      expect(o.blurSigma).toBeGreaterThanOrEqual(0.5);
      expect(o.blurSigma).toBeLessThanOrEqual(1);
      expect(o.jpegQuality).toBeGreaterThanOrEqual(60);
      expect(o.jpegQuality).toBeLessThanOrEqual(80);
    }
    expect(resolveScanOptions({ seed: 1, rotationDeg: -1 }).rotationDeg).toBe(-1);
  });

  it('turns a page into a grey, skewed, noisy JPEG of the same size', async () => {
    const png = await page();
    const scan = await degradeToScan(png, { seed: 7, rotationDeg: 1.2 });
    expect(scan.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const meta = await sharp(scan).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 600, height: 800, channels: 1, density: 200 });

    const original = await sharp(png).toColourspace('b-w').raw().toBuffer();
    const degraded = await sharp(scan).toColourspace('b-w').raw().toBuffer();
    expect(degraded.length).toBe(original.length);
    let changed = 0;
    for (let i = 0; i < original.length; i += 1) if (Math.abs(original[i]! - degraded[i]!) > 8) changed += 1;
    // The skew moves every bar, so a real share of the pixels differs, not just noise at the edges.
    expect(changed / original.length).toBeGreaterThan(0.02);
    // Paper is no longer pure white.
    const stats = await sharp(scan).stats();
    expect(stats.channels[0]!.mean).toBeLessThan(250);
  });

  it('is reproducible per seed', async () => {
    const png = await page(300, 400);
    const a = await degradeToScan(png, { seed: 3 });
    const b = await degradeToScan(png, { seed: 3 });
    const c = await degradeToScan(png, { seed: 4 });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });
});

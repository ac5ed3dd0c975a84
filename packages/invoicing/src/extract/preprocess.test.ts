import { readFile } from 'node:fs/promises';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  NOISY_PAGE_SHARE,
  decodeGrey,
  encodePgm,
  estimateNoise,
  medianFilter3,
  preprocessForOcr,
  stretchContrast,
  type GreyImage,
} from './preprocess.ts';

const fixture = (name: string): Promise<Buffer> => readFile(new URL(`./fixtures/${name}`, import.meta.url));

/** A small deterministic pseudo-random source (the tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Grey paper at `paper` with a black bar, plus uniform noise of ±`noise` grey levels. */
function page(width: number, height: number, paper: number, noise: number, seed = 1): GreyImage {
  const random = lcg(seed);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const ink = y >= height / 3 && y < height / 2 && x >= width / 4 && x < (3 * width) / 4;
      const base = ink ? 30 : paper;
      data[y * width + x] = Math.max(0, Math.min(255, Math.round(base + (random() * 2 - 1) * noise)));
    }
  }
  return { width, height, data };
}

function medianBySort(image: GreyImage, x: number, y: number): number {
  const values: number[] = [];
  for (let dy = -1; dy <= 1; dy += 1) {
    for (let dx = -1; dx <= 1; dx += 1) values.push(image.data[(y + dy) * image.width + x + dx]!);
  }
  return values.sort((a, b) => a - b)[4]!;
}

describe('medianFilter3', () => {
  it('gives every inner pixel the median of its 3×3 neighbourhood and keeps the border', () => {
    const image = page(23, 17, 200, 60, 7);
    const filtered = medianFilter3(image);
    for (let y = 1; y < image.height - 1; y += 1) {
      for (let x = 1; x < image.width - 1; x += 1) {
        expect(filtered.data[y * image.width + x]).toBe(medianBySort(image, x, y));
      }
    }
    for (let x = 0; x < image.width; x += 1) expect(filtered.data[x]).toBe(image.data[x]);
    expect(image.data).toEqual(page(23, 17, 200, 60, 7).data);
  });

  it('removes an isolated speck', () => {
    const data = new Uint8Array(25).fill(240);
    data[12] = 0;
    expect(medianFilter3({ width: 5, height: 5, data }).data.every((value) => value === 240)).toBe(true);
  });
});

describe('stretchContrast', () => {
  it('maps the ink level to black and the paper level to white', () => {
    const stretched = stretchContrast(page(100, 100, 220, 0));
    expect(new Set(stretched.data)).toEqual(new Set([0, 255]));
  });

  it('leaves a uniform page alone', () => {
    const blank = page(50, 50, 240, 0);
    blank.data.fill(240);
    expect(stretchContrast(blank)).toBe(blank);
  });
});

describe('estimateNoise', () => {
  it('tells flat paper from a noisy scan', () => {
    expect(estimateNoise(page(200, 200, 240, 0))).toBeLessThan(NOISY_PAGE_SHARE);
    expect(estimateNoise(page(200, 200, 240, 8))).toBeGreaterThan(NOISY_PAGE_SHARE);
  });
});

describe('encodePgm', () => {
  it('writes a binary PGM header and the pixels', () => {
    const pgm = encodePgm({ width: 3, height: 2, data: Uint8Array.from([0, 1, 2, 3, 4, 5]) });
    expect(pgm.subarray(0, 11).toString('latin1')).toBe('P5\n3 2\n255\n');
    expect([...pgm.subarray(11)]).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('preprocessForOcr', () => {
  it('hands a clean render to OCR unchanged', async () => {
    const png = await fixture('invoice.png');
    const result = await preprocessForOcr(png);
    expect(result.cleaned).toBe(false);
    expect(result.image).toBe(png);
  });

  it('cleans a noisy scan into a grey PGM of the same size, with the paper near white', async () => {
    const noisy = page(120, 90, 225, 10, 3);
    const canvas = createCanvas(noisy.width, noisy.height);
    const context = canvas.getContext('2d');
    const rgba = context.createImageData(noisy.width, noisy.height);
    noisy.data.forEach((value, index) => {
      rgba.data.set([value, value, value, 255], index * 4);
    });
    context.putImageData(rgba, 0, 0);
    const jpeg = await canvas.encode('jpeg', 70);

    const result = await preprocessForOcr(jpeg);
    expect(result.cleaned).toBe(true);
    expect(result.image.subarray(0, 14).toString('latin1')).toBe('P5\n120 90\n255\n');
    const cleaned = result.image.subarray(result.image.length - noisy.width * noisy.height);
    // A paper pixel far from the bar (was 225 ± 10), and one inside the bar.
    expect(cleaned[5 * noisy.width + 5]).toBeGreaterThanOrEqual(245);
    expect(cleaned[37 * noisy.width + 60]).toBeLessThan(40);
    expect(estimateNoise(await decodeGrey(jpeg))).toBeGreaterThan(NOISY_PAGE_SHARE);
  });
});

import { describe, expect, it } from 'vitest';
import { ZCategoryPath, ZImageUrl, ZProductCreate, ZUnit, ZUnitPrice } from './catalog.schemas.ts';

describe('catalogue field rules', () => {
  it('unit prices: up to 3 decimals, at least 0.001, numbers accepted, kept as strings', () => {
    expect(ZUnitPrice.parse('42.23')).toBe('42.23');
    expect(ZUnitPrice.parse(12.345)).toBe('12.345');
    expect(ZUnitPrice.parse(' 0.001 ')).toBe('0.001');
    for (const bad of ['0.0005', 0.0005, '0', '0.000', '-1', '1e3', '12,50', '', '1234567890']) {
      expect(ZUnitPrice.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('units come from a list, any casing', () => {
    expect(ZUnit.parse('KG')).toBe('kg');
    expect(ZUnit.parse(' Säck ')).toBe('säck');
    expect(ZUnit.safeParse('bucket').success).toBe(false);
    expect(ZUnit.safeParse('').success).toBe(false);
  });

  it('category paths: "A > B" and "A/B" are the same path', () => {
    expect(ZCategoryPath.parse('Mejeri > Grädde')).toBe('Mejeri/Grädde');
    expect(ZCategoryPath.parse(' Mejeri/ Grädde ')).toBe('Mejeri/Grädde');
    expect(ZCategoryPath.parse('Frukt & grönt')).toBe('Frukt & grönt');
    expect(ZCategoryPath.safeParse('Mejeri//Grädde').success).toBe(false);
    expect(ZCategoryPath.safeParse('a/b/c/d/e/f').success).toBe(false);
  });

  it('image URLs must be https', () => {
    expect(ZImageUrl.safeParse('https://cdn.example/bild.jpg').success).toBe(true);
    expect(ZImageUrl.safeParse('http://cdn.example/bild.jpg').success).toBe(false);
    expect(ZImageUrl.safeParse('javascript:alert(1)').success).toBe(false);
  });

  it('a new product: GTIN check digit, blanks as null, defaults', () => {
    const product = ZProductCreate.parse({
      sku: '100067',
      gtin: '',
      name: 'Vispgrädde 36% 1 l',
      unit: 'st',
      vatClass: 'food',
      description: '  ',
    });
    expect(product).toMatchObject({
      gtin: null,
      description: null,
      stockStatus: 'in_stock',
      active: true,
      imageUrls: [],
    });
    const bad = ZProductCreate.safeParse({
      sku: '1',
      gtin: '7391453416536',
      name: 'x',
      unit: 'st',
      vatClass: 'food',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['gtin']);
  });
});

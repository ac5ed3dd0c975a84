import { describe, expect, it } from 'vitest';
import { buildCatalogSearchSql, searchModeOf, searchWords } from './search.sql.ts';

const base = {
  restaurantId: '5eed0000-0000-4000-8000-000000000003',
  at: new Date('2026-05-01T08:00:00Z'),
  limit: 20,
};

describe('catalogue search SQL', () => {
  it('folds the query into distinct words', () => {
    expect(searchWords('  Vispgrädde  36%, 5 L vispgrädde ')).toEqual(['vispgradde', '36%', '5', 'l']);
    expect(searchWords('')).toEqual([]);
    expect(searchWords('!!!')).toEqual([]);
  });

  it('relevance needs a query; browsing is in name order', () => {
    expect(searchModeOf({ q: 'mjölk' })).toBe('relevance');
    expect(searchModeOf({ q: '  ' })).toBe('name');
    expect(searchModeOf({ q: undefined, sort: 'price_desc' })).toBe('price_desc');
  });

  it('is one parameterised statement: the query text never enters the SQL', () => {
    const sql = buildCatalogSearchSql({ ...base, q: "grädde'; DROP TABLE product; --" });
    expect(sql.text).not.toContain('DROP');
    expect(sql.values).toContain('%drop%');
    expect(sql.text.match(/\$\d+/g)?.length).toBe(sql.values.length);
    expect(sql.text.trim().startsWith('WITH')).toBe(true);
  });

  it('escapes LIKE wildcards of the query words', () => {
    const sql = buildCatalogSearchSql({ ...base, q: '36%' });
    expect(sql.values).toContain('%36\\%%');
  });

  it('asks for one row more than the page', () => {
    const sql = buildCatalogSearchSql({ ...base, q: 'ost', limit: 7 });
    expect(sql.values).toContain(8);
  });
});

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
  // Plan shapes that keep common terms cheap (bench/README.md#catalogue-and-ordering-issue-4). Behaviour is
  // covered by the API's search integration tests; these keep the shapes from regressing unnoticed.
  it('lets the trigram index pick text matches: the scope is no index condition unless a filter narrows', () => {
    expect(buildCatalogSearchSql({ ...base, q: 'eldorado' }).text).toMatch(
      /= ANY\(ARRAY\(SELECT "supplierId" FROM scope\)\)\) IS TRUE/,
    );
    const bySupplier = buildCatalogSearchSql({ ...base, q: 'eldorado', supplierId: base.restaurantId });
    expect(bySupplier.text).not.toContain('IS TRUE');
    // Browsing keeps its btree paths.
    expect(buildCatalogSearchSql({ ...base }).text).not.toContain('IS TRUE');
  });

  it('tests short words next to a long one per row, and uses the index for short words alone', () => {
    const mixed = buildCatalogSearchSql({ ...base, q: 'kycklingfilé 10 kg' });
    expect(mixed.values).toContain('% kg%');
    expect(mixed.values).not.toContain('kg%');
    const short = buildCatalogSearchSql({ ...base, q: '10 kg' });
    expect(short.values).toEqual(expect.arrayContaining(['kg%', '% kg%']));
  });

  it('matches typos with the index operator form, so similarity is not computed twice per row', () => {
    const sql = buildCatalogSearchSql({ ...base, q: 'mozarella' });
    expect(sql.text).toContain('p."searchText" %> $');
    expect(sql.text).not.toContain('<%');
  });

  it('scores every hit only in relevance order', () => {
    const relevance = buildCatalogSearchSql({ ...base, q: 'grädde' }).text;
    const price = buildCatalogSearchSql({ ...base, q: 'grädde', sort: 'price_asc' }).text;
    expect(relevance.match(/lower\(p\."sku"\)/g)).toHaveLength(1);
    // Once, for the page, at the end.
    expect(price.match(/lower\(p\."sku"\)/g)).toHaveLength(1);
    expect(price.indexOf('lower(p."sku")')).toBeGreaterThan(price.indexOf('page AS'));
    expect(relevance.indexOf('lower(p."sku")')).toBeLessThan(relevance.indexOf('page AS'));
  });
});

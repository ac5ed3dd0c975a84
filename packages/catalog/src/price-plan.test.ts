import { describe, expect, it } from 'vitest';
import { planPriceChange, type ExistingEntry } from './price-plan.ts';

const target = { priceListId: 'list', productId: 'product' };
const t = (iso: string) => new Date(iso);
const entry = (id: string, unitPrice: string, from: string, to: string | null = null): ExistingEntry => ({
  id,
  unitPrice,
  validFrom: t(from),
  validTo: to === null ? null : t(to),
});

describe('planPriceChange', () => {
  it('a first price opens an open-ended entry', () => {
    expect(planPriceChange([], target, '42.23', t('2026-05-01T00:00:00Z'))).toEqual({
      kind: 'changed',
      previous: null,
      writes: {
        close: [],
        reprice: [],
        insert: [{ ...target, unitPrice: '42.23', validFrom: t('2026-05-01T00:00:00Z'), validTo: null }],
      },
    });
  });

  it('the same price (however written) changes nothing', () => {
    const current = entry('e1', '42.230', '2026-01-01T00:00:00Z');
    expect(planPriceChange([current], target, '42.23', t('2026-05-01T00:00:00Z'))).toEqual({
      kind: 'unchanged',
    });
  });

  it('a new price closes the current entry at its start and opens the next', () => {
    const current = entry('e1', '42.230', '2026-01-01T00:00:00Z');
    const plan = planPriceChange([current], target, '44', t('2026-05-01T00:00:00Z'));
    expect(plan).toEqual({
      kind: 'changed',
      previous: '42.230',
      writes: {
        close: [{ id: 'e1', validTo: t('2026-05-01T00:00:00Z') }],
        reprice: [],
        insert: [{ ...target, unitPrice: '44', validFrom: t('2026-05-01T00:00:00Z'), validTo: null }],
      },
    });
  });

  it('a change before a planned future price keeps the planned one', () => {
    const current = entry('e1', '40', '2026-01-01T00:00:00Z', '2026-07-01T00:00:00Z');
    const planned = entry('e2', '45', '2026-07-01T00:00:00Z');
    const plan = planPriceChange([current, planned], target, '41', t('2026-05-01T00:00:00Z'));
    expect(plan.kind === 'changed' && plan.writes).toEqual({
      close: [{ id: 'e1', validTo: t('2026-05-01T00:00:00Z') }],
      reprice: [],
      insert: [
        {
          ...target,
          unitPrice: '41',
          validFrom: t('2026-05-01T00:00:00Z'),
          validTo: t('2026-07-01T00:00:00Z'),
        },
      ],
    });
  });

  it('no price in force but one planned: the new one runs until the planned one', () => {
    const planned = entry('e2', '45', '2026-07-01T00:00:00Z');
    const plan = planPriceChange([planned], target, '41', t('2026-05-01T00:00:00Z'));
    expect(plan.kind === 'changed' && plan.writes.insert[0]?.validTo).toEqual(t('2026-07-01T00:00:00Z'));
  });

  it('a price starting at the same instant as the entry in force is corrected in place', () => {
    const planned = entry('e2', '45', '2026-07-01T00:00:00Z');
    const plan = planPriceChange([planned], target, '46', t('2026-07-01T00:00:00Z'));
    expect(plan).toEqual({
      kind: 'changed',
      previous: '45.000',
      writes: { close: [], reprice: [{ id: 'e2', unitPrice: '46' }], insert: [] },
    });
  });
});

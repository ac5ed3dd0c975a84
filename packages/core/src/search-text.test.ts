import { describe, expect, it } from 'vitest';
import { foldForSearch } from './search-text.ts';

describe('foldForSearch', () => {
  it('folds Swedish letters and accents and lower-cases', () => {
    expect(foldForSearch('Vispgrädde 36% 1 l')).toBe('vispgradde 36% 1 l');
    expect(foldForSearch('Crème fraîche, Årets ÖL')).toBe('creme fraiche arets ol');
  });

  it('turns punctuation into single spaces', () => {
    expect(foldForSearch('  Kyckling-filé / fryst  ')).toBe('kyckling file fryst');
  });
});

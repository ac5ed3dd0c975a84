/**
 * Text as search compares it: lower case, diacritics folded (vispgrädde → vispgradde, crème → creme),
 * punctuation as spaces, whitespace collapsed. Products store it (product.searchText) and queries are
 * folded the same way, so a chef typing without å, ä, ö still finds the product.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%]+/gu, ' ')
    .trim();
}

// What chefs type into catalogue search, for the benchmark: whole words, prefixes (search as you type),
// typos, Swedish letters typed without their dots, several words, brands, SKUs and GTINs read off a
// package; a share with filters (supplier, category, in stock) or a sort.
import { seededRandom } from '@iris/testkit';
import type { World, WorldRestaurant } from './catalog-world.ts';

export type SearchKind = 'word' | 'prefix' | 'typo' | 'folded' | 'phrase' | 'brand' | 'sku' | 'gtin';

export interface SearchTerm {
  kind: SearchKind;
  q: string;
  supplierId?: string;
  categoryId?: string;
  inStock?: boolean;
  sort?: 'price';
}

const WORDS = [
  'vispgrädde',
  'mellanmjölk',
  'kycklingfilé',
  'olivolja',
  'spaghetti',
  'laxfilé',
  'potatis',
  'smör',
  'halloumi',
  'nötfärs',
  'jasminris',
  'majonnäs',
  'krossade tomater',
  'kaffe',
  'ägg',
  'bacon',
  'pommes frites',
  'citron',
  'torskrygg',
  'servetter',
];
const PREFIXES = [
  'visp',
  'kyckl',
  'oliv',
  'parm',
  'pota',
  'hallo',
  'grädd',
  'mjö',
  'lax',
  'spag',
  'tom',
  'ris',
];
const TYPOS = [
  'vispgradde36',
  'kycklinfile',
  'spagetti',
  'mozarella',
  'parmigano',
  'olivoja',
  'halumi',
  'majones',
  'entrecote',
  'champinjon',
];
const FOLDED = [
  'vispgradde',
  'notfars',
  'creme fraiche',
  'smor osaltat',
  'applen',
  'gradfil',
  'kottbullar',
  'lok',
];
const PHRASES = [
  'vispgrädde 36% 5 l',
  'arla mjölk',
  'eko mjölk',
  'krav ägg',
  'msc lax',
  'penne rigate 5 kg',
  'salt fint 1 kg',
  'kycklingfilé 10 kg',
];
const BRANDS = ['Arla', 'Scan', 'Findus', 'Felix', 'Kronfågel', 'Garant', 'Eldorado', 'Barilla'];

const KIND_WEIGHTS: readonly [SearchKind, number][] = [
  ['word', 30],
  ['prefix', 15],
  ['typo', 10],
  ['folded', 10],
  ['phrase', 10],
  ['brand', 5],
  ['sku', 12],
  ['gtin', 8],
];

/** A deterministic list of `count` search terms for one restaurant (SKUs and GTINs of its suppliers). */
export function searchTerms(
  world: World,
  restaurant: WorldRestaurant,
  count: number,
  seed: string,
): SearchTerm[] {
  const random = seededRandom(`${seed}:${restaurant.id}`);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const total = KIND_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const suppliers = world.suppliers.filter((s) => restaurant.supplierIds.includes(s.id));
  const terms: SearchTerm[] = [];
  for (let i = 0; i < count; i += 1) {
    let roll = random() * total;
    const kind = KIND_WEIGHTS.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'word';
    const product = pick(pick(suppliers).products);
    const q =
      kind === 'word'
        ? pick(WORDS)
        : kind === 'prefix'
          ? pick(PREFIXES)
          : kind === 'typo'
            ? pick(TYPOS)
            : kind === 'folded'
              ? pick(FOLDED)
              : kind === 'phrase'
                ? pick(PHRASES)
                : kind === 'brand'
                  ? pick(BRANDS)
                  : kind === 'sku'
                    ? product.sku
                    : (product.gtin ?? product.sku);
    const term: SearchTerm = { kind, q };
    // A quarter of the text searches narrow or sort.
    if (kind !== 'sku' && kind !== 'gtin' && random() < 0.25) {
      const filter = random();
      if (filter < 0.35) term.supplierId = pick(suppliers).id;
      else if (filter < 0.6) term.categoryId = product.categoryId;
      else if (filter < 0.8) term.inStock = true;
      else term.sort = 'price';
    }
    terms.push(term);
  }
  return terms;
}

import { dec, roundToOre, type Dec } from '@iris/core';

/*
 * A dish's menu price includes the VAT on restaurant services (restaurantServiceVatRateOn, 12 %): the
 * temporary cut of food VAT to 6 % covers food bought, not meals served. Take-away is not distinguished yet.
 */

/** One recipe line with the unit price the restaurant pays for its product now (null: no price). */
export interface CostedIngredientInput {
  productId: string;
  /** In the product's unit, per portion. */
  quantityPerPortion: Dec;
  /** Per unit, excl. VAT (what the restaurant pays the supplier); null when no price resolves. */
  unitPrice: Dec | null;
}

export interface CostedIngredient {
  productId: string;
  quantityPerPortion: Dec;
  unitPrice: Dec | null;
  /** quantityPerPortion × unitPrice, unrounded (null when there is no price). */
  cost: Dec | null;
}

export interface DishCosting {
  /** The VAT rate (percent) taken to be in the menu price. */
  salesVatRate: Dec;
  lines: CostedIngredient[];
  /** Sum of the priced lines, rounded to öre (excl. VAT: purchase VAT is deductible). */
  costPerPortion: Dec;
  /** False when some ingredient has no price: costPerPortion then counts only the priced ones. */
  complete: boolean;
  /** The menu price incl. VAT, as stored (null when the dish has none). */
  salesPrice: Dec | null;
  /** The menu price without the 12 % restaurant VAT, rounded to öre. */
  salesPriceExVat: Dec | null;
  /** salesPriceExVat − costPerPortion. */
  grossMargin: Dec | null;
  /** grossMargin / salesPriceExVat × 100, one decimal (null without a positive sales price). */
  marginPercent: Dec | null;
  /** costPerPortion / salesPriceExVat × 100, one decimal: the kitchen's "food cost %". */
  foodCostPercent: Dec | null;
}

/**
 * What one portion of a dish costs at the given prices, and its margin against the menu price. Pure: the
 * service resolves the prices (contract > customer list > base, at the moment of asking).
 */
export function costDish(
  ingredients: readonly CostedIngredientInput[],
  salesPrice: Dec | null,
  /** The VAT rate (percent) in the menu price: restaurant services on the day of costing. */
  salesVatRate: Dec,
): DishCosting {
  const lines: CostedIngredient[] = ingredients.map((line) => ({
    ...line,
    cost: line.unitPrice === null ? null : line.quantityPerPortion.times(line.unitPrice),
  }));
  const costPerPortion = roundToOre(lines.reduce((sum, line) => sum.plus(line.cost ?? 0), dec(0)));
  const complete = lines.every((line) => line.cost !== null);
  if (salesPrice === null) {
    return {
      salesVatRate,
      lines,
      costPerPortion,
      complete,
      salesPrice: null,
      salesPriceExVat: null,
      grossMargin: null,
      marginPercent: null,
      foodCostPercent: null,
    };
  }
  const salesPriceExVat = roundToOre(salesPrice.div(dec(100).plus(salesVatRate).div(100)));
  const grossMargin = salesPriceExVat.minus(costPerPortion);
  const positive = salesPriceExVat.greaterThan(0);
  return {
    salesVatRate,
    lines,
    costPerPortion,
    complete,
    salesPrice,
    salesPriceExVat,
    grossMargin,
    marginPercent: positive ? grossMargin.div(salesPriceExVat).times(100).toDecimalPlaces(1) : null,
    foodCostPercent: positive ? costPerPortion.div(salesPriceExVat).times(100).toDecimalPlaces(1) : null,
  };
}

/** How many portions of a dish are expected (sold, planned, forecast). */
export interface PortionPlan {
  menuItemId: string;
  portions: Dec;
}

export interface DemandProduct {
  productId: string;
  unit: string;
  /** Per unit excl. VAT, null when no price resolves. */
  unitPrice: Dec | null;
}

export interface ProductDemand {
  productId: string;
  unit: string;
  /** Σ portions × quantityPerPortion over every dish using the product, exact (up to 4 decimals per portion). */
  quantity: Dec;
  unitPrice: Dec | null;
  /** quantity × unitPrice rounded to öre; null without a price. */
  estimatedCost: Dec | null;
  /** The dishes that need it, with the quantity each one needs. */
  usedBy: { menuItemId: string; quantity: Dec }[];
}

export interface Demand {
  products: ProductDemand[];
  /** Sum of the priced products' estimated costs. */
  estimatedTotal: Dec;
  /** False when some product has no price (estimatedTotal then counts only the priced ones). */
  complete: boolean;
}

/**
 * Future ingredient demand derived from expected sales: for each product, how much the planned portions
 * of every dish need in total, and roughly what it costs now. Pure, so forecasting can feed it predicted
 * portions. A dish planned twice counts twice; zero portions contribute nothing; products come out in
 * the order of first use.
 */
export function computeDemand(
  plan: readonly PortionPlan[],
  recipes: ReadonlyMap<string, readonly { productId: string; quantityPerPortion: Dec }[]>,
  products: ReadonlyMap<string, DemandProduct>,
): Demand {
  const byProduct = new Map<string, { quantity: Dec; usedBy: Map<string, Dec> }>();
  for (const { menuItemId, portions } of plan) {
    if (portions.isZero()) continue;
    for (const line of recipes.get(menuItemId) ?? []) {
      const needed = portions.times(line.quantityPerPortion);
      const entry = byProduct.get(line.productId) ?? { quantity: dec(0), usedBy: new Map<string, Dec>() };
      entry.quantity = entry.quantity.plus(needed);
      entry.usedBy.set(menuItemId, (entry.usedBy.get(menuItemId) ?? dec(0)).plus(needed));
      byProduct.set(line.productId, entry);
    }
  }
  const result: ProductDemand[] = [];
  let estimatedTotal = dec(0);
  let complete = true;
  for (const [productId, entry] of byProduct) {
    const product = products.get(productId);
    if (!product) throw new Error(`computeDemand: no product ${productId}`);
    const estimatedCost =
      product.unitPrice === null ? null : roundToOre(entry.quantity.times(product.unitPrice));
    if (estimatedCost === null) complete = false;
    else estimatedTotal = estimatedTotal.plus(estimatedCost);
    result.push({
      productId,
      unit: product.unit,
      quantity: entry.quantity,
      unitPrice: product.unitPrice,
      estimatedCost,
      usedBy: [...entry.usedBy].map(([menuItemId, quantity]) => ({ menuItemId, quantity })),
    });
  }
  return { products: result, estimatedTotal, complete };
}

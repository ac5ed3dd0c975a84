import type { Context, Principal } from '../../context.ts';
import { actingOf } from '../../trpc.ts';
import { toSuggestionJson } from './_schemas.ts';
import type { TOrderGuideSuggestionsInput, TOrderGuideSuggestionsOutput } from './suggestions.schema.ts';

export async function orderGuideSuggestionsHandler({
  ctx,
  input,
}: {
  ctx: Context & { principal: Principal };
  input: TOrderGuideSuggestionsInput;
}): Promise<TOrderGuideSuggestionsOutput> {
  const suggestions = await ctx.deps.repeatBuying.orderGuides.suggestions(
    actingOf(ctx),
    input.restaurantId,
    input.limit,
  );
  return { items: suggestions.map(toSuggestionJson) };
}

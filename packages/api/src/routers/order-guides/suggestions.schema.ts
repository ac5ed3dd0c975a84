import { z } from 'zod';
import { ZOrderGuideSuggestion } from './_schemas.ts';

export const ZOrderGuideSuggestionsInput = z.object({
  restaurantId: z.uuid(),
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: 'How many (1–200)' }),
});
export type TOrderGuideSuggestionsInput = z.infer<typeof ZOrderGuideSuggestionsInput>;

export const ZOrderGuideSuggestionsOutput = z
  .object({ items: z.array(ZOrderGuideSuggestion) })
  .meta({ id: 'OrderGuideSuggestions' });
export type TOrderGuideSuggestionsOutput = z.infer<typeof ZOrderGuideSuggestionsOutput>;

import { z } from 'zod';

export const ZCategoriesInput = z.object({}).optional();

export const ZCategory = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    name: z.string(),
    path: z.string().meta({ example: 'Mejeri/Grädde' }),
    depth: z.number().int().meta({ description: '0 for a top-level category' }),
  })
  .meta({ id: 'Category' });

export const ZCategoriesOutput = z
  .object({ items: z.array(ZCategory) })
  .meta({ id: 'CategoryTree', description: 'The whole tree in path order: parents before their children' });
export type TCategoriesOutput = z.infer<typeof ZCategoriesOutput>;

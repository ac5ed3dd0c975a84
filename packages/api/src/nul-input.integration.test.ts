import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@iris/identity';
import { createProcedureHarness, type ProcedureHarness, validationPaths } from './testing.ts';

describe('NUL characters in input', () => {
  let harness: ProcedureHarness;
  let owner: UserActor;
  let restaurantId: string;

  beforeAll(async () => {
    harness = await createProcedureHarness();
    owner = await harness.createUser('restaurant');
    restaurantId = (await harness.createOrganization('restaurant', owner, 'Bistro Noll')).id;
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('are refused with the field path (400), before anything is written', async () => {
    const caller = harness.caller(owner);
    expect(await validationPaths(caller.orderGuides.create({ restaurantId, name: 'Veckans\u0000' }))).toEqual(
      ['name'],
    );
    expect(
      await validationPaths(
        caller.menus.items.create({
          restaurantId,
          name: 'Pannacotta',
          ingredients: [{ productId: restaurantId, quantityPerPortion: '1', note: 'a\u0000b' }],
        }),
      ),
    ).toEqual(['ingredients.0.note']);
    expect(await harness.db.orderGuide.count()).toBe(0);
  });

  it('let ordinary text through', async () => {
    const guide = await harness.caller(owner).orderGuides.create({ restaurantId, name: 'Veckans grönt' });
    expect(guide.name).toBe('Veckans grönt');
  });
});

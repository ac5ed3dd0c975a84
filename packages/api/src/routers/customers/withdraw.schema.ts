import { z } from 'zod';

export const ZCustomerWithdrawInput = z.object({ relationshipId: z.uuid() });
export type TCustomerWithdrawInput = z.infer<typeof ZCustomerWithdrawInput>;

export const ZCustomerWithdrawOutput = z
  .object({ id: z.uuid(), withdrawn: z.literal(true) })
  .meta({ id: 'CustomerRequestWithdrawn' });
export type TCustomerWithdrawOutput = z.infer<typeof ZCustomerWithdrawOutput>;

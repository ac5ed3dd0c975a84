import type { z } from 'zod';
import { ZCart, ZCartPath } from './_schemas.ts';

export const ZCartGetInput = ZCartPath;
export type TCartGetInput = z.infer<typeof ZCartGetInput>;

export const ZCartGetOutput = ZCart;
export type TCartGetOutput = z.infer<typeof ZCartGetOutput>;

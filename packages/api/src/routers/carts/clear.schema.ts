import type { z } from 'zod';
import { ZCart, ZCartPath } from './_schemas.ts';

export const ZCartClearInput = ZCartPath;
export type TCartClearInput = z.infer<typeof ZCartClearInput>;

export const ZCartClearOutput = ZCart;
export type TCartClearOutput = z.infer<typeof ZCartClearOutput>;

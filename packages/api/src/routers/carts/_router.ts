import { router } from '../../trpc.ts';

export const cartsRouter = router({});

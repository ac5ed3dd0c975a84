import { router } from '../../trpc.ts';

export const webhooksRouter = router({});

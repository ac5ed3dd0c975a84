import { z } from 'zod';
import { ZPageQuery } from '../../list-query.ts';
import { ZServiceAccountPage } from './account.schema.ts';

export const ZServiceAccountListInput = ZPageQuery.extend({ organizationId: z.uuid() });
export type TServiceAccountListInput = z.infer<typeof ZServiceAccountListInput>;

export const ZServiceAccountListOutput = ZServiceAccountPage;
export type TServiceAccountListOutput = z.infer<typeof ZServiceAccountListOutput>;

import type { z } from 'zod';
import { ZPageQuery } from '../../../list-query.ts';
import { ZWebhookEndpointPage, ZWebhookOrganizationParam } from './endpoint.schema.ts';

export const ZWebhookEndpointListInput = ZPageQuery.extend({ organizationId: ZWebhookOrganizationParam });
export type TWebhookEndpointListInput = z.infer<typeof ZWebhookEndpointListInput>;

export const ZWebhookEndpointListOutput = ZWebhookEndpointPage;
export type TWebhookEndpointListOutput = z.infer<typeof ZWebhookEndpointListOutput>;

export * from './events.ts';
export * from './services.ts';
export type { WebhookPayload } from './publisher.ts';
export type { NotificationRecord, NotificationFilter, NotificationPage } from './notification.repository.ts';
export type { WebhookEndpointRecord, EndpointPage } from './webhook-endpoint.repository.ts';
export {
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryStatus,
  type WebhookDeliveryRecord,
  type WebhookDeliveryAttemptRecord,
  type DeliveryFilter,
  type DeliveryPage,
} from './webhook-delivery.repository.ts';
export * from './webhook.schemas.ts';
export { secretHint, generateWebhookSecret, signedHeaders } from './signing.ts';
export { isPrivateAddress, webhookUrlProblem } from './url-guard.ts';
export { WebhookAttemptFailedError, type DispatchResult } from './webhook-dispatcher.ts';

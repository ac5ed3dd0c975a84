export * from './catalog.ts';
export * from './http.ts';
export * from './pg-websocket-proxy.ts';
export * from './clerk-stub.ts';
export * from './clerk-stub-webhooks.ts';
export * from './webhook-receiver.ts';
export * from './catalog-generator.ts';
export * from './s3-stub.ts';

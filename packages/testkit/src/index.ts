export * from './catalog.ts';
export * from './http.ts';
export * from './pg-websocket-proxy.ts';

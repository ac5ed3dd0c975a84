export * from './events.ts';
export * from './services.ts';

export * from './pricing.ts';
export * from './services.ts';

export * from './services.ts';
export * from './repeat/index.ts';

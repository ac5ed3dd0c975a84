export * from './errors.ts';
export * from './env.ts';
export * from './money.ts';
export * from './clock.ts';
export * from './logger.ts';
export * from './secrets.ts';
export * from './vat.ts';
export * from './search-text.ts';

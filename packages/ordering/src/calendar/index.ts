export * from './dates.ts';
export * from './holidays.ts';
export * from './cutoff.ts';

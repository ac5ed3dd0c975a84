export * from './seed-commerce.ts';

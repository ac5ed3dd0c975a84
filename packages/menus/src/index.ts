export * from './services.ts';
export * from './costing.ts';
export * from './menu.schemas.ts';
export * from './menu.repository.ts';
export * from './menu.service.ts';

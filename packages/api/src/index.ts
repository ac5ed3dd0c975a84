export * from './context.ts';
export * from './errors.ts';
export * from './envelope.ts';
export { appRouter, createCaller, type AppRouter } from './router.ts';
export { buildOpenApiDocument, REST_BASE_PATH, type OpenApiOptions } from './openapi.ts';
export { publicProcedure, authedProcedure, roleProcedure, router } from './trpc.ts';
export * from './list-query.ts';
export { createAreaServices } from './services.ts';
export * from './routers/catalog/imports/upload.ts';

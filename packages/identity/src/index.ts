export * from './user.repository.ts';
export * from './session-token.ts';
export * from './roles.ts';

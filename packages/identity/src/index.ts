export * from './user.repository.ts';
export * from './session-token.ts';

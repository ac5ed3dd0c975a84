export * from './client.ts';
export * from './soft-delete.ts';
export * from './transaction.ts';
export * from './like.ts';
export * from './keyset.ts';
export { deployMigrations, MigrationError, type DeployResult } from './migrate/deploy.ts';
export {
  readMigrations,
  checksumOf,
  migrationsFingerprint,
  MIGRATIONS_DIR,
  SCHEMA_PATH,
} from './migrate/files.ts';
export {
  Prisma,
  PrismaClient,
  UserRole,
  OrganizationKind,
  MemberRole,
  CustomerStatus,
} from './generated/prisma/client.ts';
export type { User } from './generated/prisma/client.ts';
export { seedDemoData, DEMO_USERS, DEMO_IDS, type SeedResult } from './seed.ts';

// Prisma CLI configuration (Prisma 7 keeps connection URLs out of schema.prisma).
// Only `prisma generate` is run through the CLI here; migrations go through our own offline tooling
// (src/migrate/*), see docs/database.md.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  datasource: {
    // The CLI needs a URL shape even for `generate`; the real one is read by the app's env.ts.
    url:
      process.env['DATABASE_URL_DIRECT'] ?? process.env['DATABASE_URL'] ?? 'postgresql://localhost:5432/iris',
  },
});

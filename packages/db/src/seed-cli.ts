import { createDb } from './client.ts';
import { seedDemoData } from './seed.ts';

const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('seed: DATABASE_URL is required');
  process.exit(1);
}
const db = createDb({ url });
try {
  const result = await seedDemoData(db);
  console.log(
    `seed: ${result.users} demo users, ${result.organizations} organizations, ${result.customerRelationships} customer relationships present`,
  );
} finally {
  await db.$disconnect();
}

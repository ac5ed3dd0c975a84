// `pnpm db:seed`: the identity demo data (@iris/db) and then the catalogue and ordering demo data. Both
// are idempotent. The job queue's schema is installed first: placing the demo orders enqueues jobs.
import { createDb, seedDemoData } from '@iris/db';
import { installWorkerSchema } from '@iris/jobs';
import { seedDemoCommerce } from './seed-commerce.ts';

const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('seed: DATABASE_URL is required');
  process.exit(1);
}
await installWorkerSchema(url);
const db = createDb({ url });
try {
  const identity = await seedDemoData(db);
  console.log(
    `seed: ${identity.users} demo users, ${identity.organizations} organizations, ${identity.customerRelationships} customer relationships present`,
  );
  const commerce = await seedDemoCommerce(db, { log: (line) => console.log(line) });
  console.log(
    `seed: added ${commerce.imported} products, ${commerce.customerPriceLists} customer price lists, ${commerce.contractPrices} contract prices, ${commerce.orders} orders, ${commerce.orderGuides} order guides`,
  );
} finally {
  await db.$disconnect();
}

// DATABASE_URL=postgres://… npx tsx libs/db/src/cli/migrate.ts
import { createDb } from '../client';
import { migrate } from '../migrate';

const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/trygg)');
  process.exit(2);
}
const { db, close } = createDb(url, { max: 1 });
try {
  const { applied } = await migrate(db);
  console.log(applied === 0 ? 'Database is up to date.' : `Applied ${applied} migration(s).`);
} catch (error) {
  console.error('Migration failed:', error);
  process.exitCode = 1;
} finally {
  await close();
}

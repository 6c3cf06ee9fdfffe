// Verifies the audit log's hash chain and names the first entry that was altered.
//   DATABASE_URL=postgres://… npx tsx tools/audit-verify/cli.ts
// Exit 0: intact. Exit 1: altered (the first such entry is named). Exit 2: could not check.
// It only reads: run it as any role that may SELECT audit_log (trygg_app may).
import { createDb } from '@trygg/db';
import { formatReport, verifyAuditLog } from './verify';

const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('audit-verify: set DATABASE_URL (postgres://…)');
  process.exit(2);
}
const database = createDb(url, { max: 1 });
let code = 2;
try {
  const report = await verifyAuditLog(database.db);
  const lines = formatReport(report);
  (report.broken ? console.error : console.log)(lines.join('\n'));
  code = report.broken ? 1 : 0;
} catch (error) {
  console.error(`audit-verify: could not read the audit log: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await database.close();
}
process.exit(code);

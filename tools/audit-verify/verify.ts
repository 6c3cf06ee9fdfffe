// Reads the audit log's hash chain and says, in plain words, whether it holds — and if not,
// which entry is the first that does not. Ids only: the log holds no names or case text.
import { checkAuditChain, type AuditChainReport, type AuditEntry, type Db } from '@trygg/db';

export type { AuditChainReport };

export const verifyAuditLog = (db: Db, options: { pageSize?: number } = {}): Promise<AuditChainReport> =>
  checkAuditChain(db, options);

const describeEntry = (e: AuditEntry) =>
  `entry ${e.seq} (${e.at.toISOString()} ${e.action} ${e.entityType}${e.entityId ? ` ${e.entityId}` : ''}` +
  `${e.actorId ? ` by person ${e.actorId}` : ' by the system'}${e.requestId ? `, request ${e.requestId}` : ''})`;

/** The lines the CLI prints. */
export function formatReport(report: AuditChainReport): string[] {
  const head = report.head ? `last intact entry: seq ${report.head.seq}, hash ${report.head.hash}` : 'no intact entry';
  if (!report.broken) {
    return [
      `audit log intact: ${report.checked} entries, each chained to the hash of the one before.`,
      `${head} — keep this line elsewhere: an entry removed from the end shows only against it.`,
    ];
  }
  const { entry, problem, previous } = report.broken;
  const what =
    problem === 'edited'
      ? `ALTERED: ${describeEntry(entry)} — its contents no longer match its hash: it was changed after it was written.`
      : `ALTERED: ${describeEntry(entry)} is not chained to ${previous ? `entry ${previous.seq}` : 'the start of the log'} — ` +
        (previous
          ? `entry ${previous.seq} was changed and given a new hash, or entries between ${previous.seq} and ${entry.seq} were removed or inserted, or this entry's link was changed.`
          : 'entries before it were removed, or its link was changed.');
  return [what, `checked ${report.checked} entries; ${head}.`];
}

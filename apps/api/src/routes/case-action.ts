// The frame of every write to a case's work (investigation, plan, evaluations), the same as the
// case actions in cases.ts: one transaction, the case row locked (SELECT … FOR UPDATE), 404 for
// whoever may not see the case, 403 for whoever may not act, the write, the deadlines
// recomputed before commit, the audit entry; after commit the new ledger rows go on the queue.
// A refused request leaves nothing but its audit entry.
import { caseAccess, type CaseAccessFacts, type CaseState } from '@trygg/domain';
import type { FullCaseView } from '@trygg/contracts';
import type { Db } from '@trygg/db';
import type { Caller } from '../caller';
import { accessFactsOf, acknowledgedAtOf, fullCaseView, getCaseRow, hasPlanOf, stateOf, type CaseRow } from '../case-data';
import { audit, callerOf, type Ctx, type RouteDeps } from '../context';
import { enqueueCaseNotifications, syncCaseDeadlines } from '../engine';
import { ApiError, forbidden, notFound } from '../errors';
import { toInstant } from '../time';
import { mayAct, WHO_MESSAGE } from './cases';

export interface CaseActionScope {
  tx: Db;
  row: CaseRow;
  facts: CaseAccessFacts;
  state: CaseState;
  caller: Caller;
  now: Date;
}

export interface CaseActionOutcome<T> {
  result: T;
  /** What the audit entry says (ids and codes, no free text). */
  details?: Record<string, unknown>;
}

export const caseNotFound = () => notFound('saken');

export async function runCaseAction<T>(
  deps: RouteDeps,
  c: Ctx,
  name: string,
  who: 'principal' | 'lead',
  act: (scope: CaseActionScope) => Promise<CaseActionOutcome<T>>,
): Promise<{ result: T; view: FullCaseView }> {
  const { db } = deps;
  const caller = callerOf(c);
  const { id } = c.req.param() as { id: string };
  const now = deps.clock();
  try {
    const out = await db.transaction(async (tx) => {
      const row = await getCaseRow(tx, id, true);
      if (!row) throw caseNotFound();
      const facts = await accessFactsOf(tx, row);
      const access = caseAccess(caller.personId, facts, caller.grants);
      if (access !== 'case' && access !== 'own_part') throw caseNotFound();
      if (!mayAct(caller, row, facts, who)) throw forbidden(WHO_MESSAGE[who]);
      const state = stateOf(row, await acknowledgedAtOf(tx, row.id), await hasPlanOf(tx, row.id));
      const { result, details } = await act({ tx, row, facts, state, caller, now });
      await syncCaseDeadlines(tx, row.id, toInstant(now));
      const updated = await getCaseRow(tx, row.id);
      const view = await fullCaseView(tx, updated!, now);
      // Last before commit: the audit append takes the chain's lock (one for all appends),
      // held until this transaction commits — so nothing else may run after it.
      await audit(tx, c, now, {
        action: `case.${name}`,
        entityType: 'case',
        entityId: row.id,
        schoolId: row.schoolId,
        details: details ?? {},
      });
      return { result, view };
    });
    await enqueueCaseNotifications(db, deps.jobs, id, now, deps.log);
    return out;
  } catch (error) {
    // Nothing of a refused request is kept — except that it was tried.
    if (error instanceof ApiError) {
      await audit(db, c, now, {
        action: `case.${name}.refused`,
        entityType: 'case',
        entityId: id,
        details: { code: error.code, ...(error.reason ? { reason: error.reason } : {}) },
      });
    }
    throw error;
  }
}

/**
 * Reading part of a case: 404 (and an audited refusal) unless the caller may see it; the
 * read itself is audited.
 */
export async function readCase(
  deps: RouteDeps,
  c: Ctx,
  name: string,
  caseId: string,
): Promise<{ row: CaseRow; facts: CaseAccessFacts; access: 'case' | 'own_part'; caller: Caller }> {
  const caller = callerOf(c);
  const now = deps.clock();
  const row = await getCaseRow(deps.db, caseId);
  const facts = row ? await accessFactsOf(deps.db, row) : undefined;
  const access = row && facts ? caseAccess(caller.personId, facts, caller.grants) : 'none';
  if (!row || !facts || (access !== 'case' && access !== 'own_part')) {
    await audit(deps.db, c, now, { action: `case.${name}.refused`, entityType: 'case', entityId: caseId });
    throw caseNotFound();
  }
  return { row, facts, access, caller };
}

/**
 * Reading a part of a case only those with the whole case file may see (the investigation
 * names other pupils; evaluations; the external bodies involved): 404 for anyone else, own
 * part included, with the refusal audited; the read itself is audited.
 */
export async function readWholeCase(deps: RouteDeps, c: Ctx, name: string, caseId: string): Promise<{ row: CaseRow }> {
  const now = deps.clock();
  const { row, access } = await readCase(deps, c, name, caseId);
  if (access !== 'case') {
    await audit(deps.db, c, now, { action: `case.${name}.refused`, entityType: 'case', entityId: caseId });
    throw caseNotFound();
  }
  await audit(deps.db, c, now, { action: `case.${name}`, entityType: 'case', entityId: caseId, schoolId: row.schoolId });
  return { row };
}

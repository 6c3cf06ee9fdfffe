// «Mine tiltak»: the open cases where the caller carries out a measure of the current plan
// version, nearest evaluation first — what a staff member needs to prepare the evaluations
// they take part in (DOMAIN "People and roles": staff are told of "their own due measures").
// Each case is checked with libs/domain's caseAccess, as a single case is: a measure owner the
// case is now hidden from (the accused in a § 12-5 case, no role left at the school) gets nothing.
import { createRoute } from '@hono/zod-openapi';
import { eq, inArray } from 'drizzle-orm';
import { cases, pupils } from '@trygg/db';
import { caseAccess } from '@trygg/domain';
import { myMeasuresList, type MyMeasuresItem } from '@trygg/contracts';
import { accessFactsOf } from '../case-data';
import { audit, callerOf, errors, jsonContent, type Api, type RouteDeps } from '../context';
import { byNextEvaluation, measureOwnersByCase, ownMeasuresOf } from '../own-measures';

export function registerMyMeasureRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/my-measures',
      tags: ['Aktivitetsplan'],
      summary: 'Mine tiltak: åpne saker der du gjennomfører et tiltak, nærmeste evaluering først',
      description:
        'For hvert tiltak i gjeldende versjon av aktivitetsplanen der du er ansvarlig: hva og hvordan, nivå, periode og neste ' +
        'evalueringsdato (overdue: datoen er passert uten at evalueringen er registrert). Eleven vises bare med initialer. ' +
        'Resten av saken (undersøkelsen, andre tiltak, elevens og foreldrenes syn) vises ikke.',
      responses: { 200: jsonContent(myMeasuresList, 'Sakene med dine tiltak'), 401: errors[401] },
    }),
    async (c) => {
      const caller = callerOf(c);
      const now = deps.clock();
      const schoolIds = [...new Set(caller.grants.map((g) => g.schoolId))];
      const owners = await measureOwnersByCase(db, schoolIds, caller.personId);
      const caseIds = [...owners.keys()];
      const rows = caseIds.length ? await db.select().from(cases).where(inArray(cases.id, caseIds)) : [];

      const items: MyMeasuresItem[] = [];
      for (const row of rows) {
        // A closed case has no measures under way.
        if (row.status === 'closed') continue;
        const access = caseAccess(caller.personId, await accessFactsOf(db, row), caller.grants);
        if (access !== 'case' && access !== 'own_part') continue;
        const measures = await ownMeasuresOf(db, row, caller.personId, now);
        if (!measures) continue;
        const [pupil] = await db.select({ initials: pupils.initials }).from(pupils).where(eq(pupils.id, row.pupilId));
        const summaries = measures.map(({ evaluations: _entries, ...m }) => m);
        items.push({
          caseId: row.id,
          number: row.number,
          status: row.status,
          schoolId: row.schoolId,
          pupilInitials: pupil?.initials ?? '',
          nextEvaluation: summaries.map((m) => m.nextEvaluation).sort(byNextEvaluation)[0] ?? null,
          measures: summaries,
        });
      }
      items.sort((a, b) => byNextEvaluation(a.nextEvaluation, b.nextEvaluation) || a.number.localeCompare(b.number));
      await audit(db, c, now, { action: 'case.my_measures.list', entityType: 'case', details: { caseIds: items.map((i) => i.caseId) } });
      return c.json({ items }, 200);
    },
  );
}

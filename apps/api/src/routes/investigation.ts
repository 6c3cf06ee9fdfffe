// § 12-4 "undersøkje" (seeds/001, seeds/004): the investigation record. Steps (conversations
// with the pupil, other pupils, the parents; observations, surveys, sociograms), the findings,
// and the child's-best assessment (§ 10-1). Concluding the investigation (cases.ts) reads this
// record: the pupil must have been heard (§ 10-2) and the child's best assessed in this round.
import { createRoute } from '@hono/zod-openapi';
import { and, eq, inArray } from 'drizzle-orm';
import { appendTimeline, insertInvestigationAssessment, insertInvestigationStep, pupils } from '@trygg/db';
import {
  caseIdParam,
  investigationRecorded,
  investigationView as investigationViewSchema,
  recordInvestigationStep,
  recordInvestigationText,
} from '@trygg/contracts';
import { errors, jsonBody, jsonContent, type Api, type RouteDeps } from '../context';
import { investigationView, isStaffAt } from '../case-work';
import { ApiError, invalidField } from '../errors';
import { eventInstant } from '../time';
import { readWholeCase, runCaseAction, type CaseActionScope } from './case-action';
import { refuse } from './cases';

const NOT_STARTED = {
  code: 'INVESTIGATION_NOT_STARTED',
  message: 'Undersøkelsen er ikke startet. Start undersøkelsen først.',
};
const CLOSED = { code: 'CASE_CLOSED', message: 'Saken er avsluttet. Gjenåpne saken før du gjør dette.' };

/** Investigation work is recorded while the case is open and the investigation has started. */
function requireInvestigating({ row }: CaseActionScope): void {
  if (row.status === 'reported') refuse(NOT_STARTED);
  if (row.status === 'closed') refuse(CLOSED);
}

export function registerInvestigationRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  const writeResponses = {
    201: jsonContent(investigationRecorded, 'Lagret; undersøkelsen og saken slik de er nå'),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
    415: errors[415],
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/investigation',
      tags: ['Undersøkelse'],
      summary: 'Undersøkelsen: skritt, funn, barnets beste-vurderinger og konklusjoner',
      description: 'Rektor, lederen saken er delegert til, og skoleeieren når den er varslet. Opplysninger om andre elever er merket.',
      request: { params: caseIdParam },
      responses: { 200: jsonContent(investigationViewSchema, 'Undersøkelsen'), 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { row } = await readWholeCase(deps, c, 'investigation.read', id);
      return c.json(await investigationView(db, row), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/investigation/steps',
      tags: ['Undersøkelse'],
      summary: 'Registrer et skritt i undersøkelsen (samtale med eleven, andre elever, foreldre, observasjon, …)',
      description:
        'En samtale med eleven (conversation_with_pupil) er det som gjør at eleven er hørt (opplæringsloven § 10-2). ' +
        'Den som gjennomførte, må være ansatt ved skolen. Andre elever som nevnes, merkes, slik at foreldrenes kopi kan skjule dem.',
      request: { params: caseIdParam, ...jsonBody(recordInvestigationStep) },
      responses: writeResponses,
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { result, view } = await runCaseAction(deps, c, 'investigation.step', 'lead', async (scope) => {
        requireInvestigating(scope);
        const { tx, row, caller, now } = scope;
        const at = eventInstant(body.at, 'at', now);
        if (!(await isStaffAt(tx, body.performedById, row.schoolId))) {
          throw invalidField('performedById', 'Personen er ikke ansatt ved skolen. Velg den ansatte som gjennomførte det.');
        }
        // § 12-5: the employee the case is about does not investigate it.
        if (body.performedById === row.accusedPersonId) {
          throw invalidField('performedById', 'Den ansatte saken gjelder, kan ikke undersøke saken (opplæringsloven § 12-5).');
        }
        const otherPupilIds = [...new Set(body.otherPupilIds ?? [])];
        if (otherPupilIds.length > 0) {
          const found = await tx
            .select({ id: pupils.id })
            .from(pupils)
            .where(and(inArray(pupils.id, otherPupilIds), eq(pupils.schoolId, row.schoolId)));
          const problems = (body.otherPupilIds ?? []).flatMap((pupilId, i) => {
            if (pupilId === row.pupilId) return [{ field: `otherPupilIds[${i}]`, message: 'Dette er eleven saken gjelder, ikke en annen elev.' }];
            if (!found.some((f) => f.id === pupilId)) return [{ field: `otherPupilIds[${i}]`, message: 'Fant ikke eleven ved denne skolen.' }];
            return [];
          });
          if (problems.length > 0) throw new ApiError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join(' '), problems);
        }
        // Information about other pupils is marked as such (taushetsplikt): always so when the
        // step is a conversation with other pupils or names them.
        const aboutOthers = body.kind === 'other_pupils' || otherPupilIds.length > 0;
        if (aboutOthers && body.concernsOtherPupils === false) {
          throw invalidField(
            'concernsOtherPupils',
            'Skrittet gjelder andre elever (samtale med andre elever, eller elever er nevnt). Det må merkes som opplysninger om andre elever.',
          );
        }
        const step = await insertInvestigationStep(tx, {
          caseId: row.id,
          kind: body.kind,
          at,
          performedById: body.performedById,
          summary: body.summary,
          concernsOtherPupils: aboutOthers || body.concernsOtherPupils === true,
          otherPupilIds,
          recordedById: caller.personId,
          recordedAt: now,
        });
        await appendTimeline(tx, {
          caseId: row.id,
          at,
          actorId: caller.personId,
          kind: 'investigation_step_recorded',
          payload: { stepId: step.id, stepKind: step.kind, performedById: step.performedById },
        });
        return { result: await investigationView(tx, row), details: { stepId: step.id, kind: step.kind } };
      });
      return c.json({ investigation: result, case: view }, 201);
    },
  );

  const textRoute = (path: string, kind: 'findings' | 'best_interest', summary: string, description: string) =>
    app.openapi(
      createRoute({
        method: 'post',
        path,
        tags: ['Undersøkelse'],
        summary,
        description,
        request: { params: caseIdParam, ...jsonBody(recordInvestigationText) },
        responses: writeResponses,
      }),
      async (c) => {
        const body = c.req.valid('json');
        const { result, view } = await runCaseAction(deps, c, `investigation.${kind}`, 'lead', async (scope) => {
          requireInvestigating(scope);
          const { tx, row, caller, now } = scope;
          const entry = await insertInvestigationAssessment(tx, {
            caseId: row.id,
            kind,
            text: body.text,
            concernsOtherPupils: body.concernsOtherPupils ?? false,
            recordedById: caller.personId,
            recordedAt: now,
          });
          await appendTimeline(tx, {
            caseId: row.id,
            at: now,
            actorId: caller.personId,
            kind: kind === 'findings' ? 'investigation_findings_recorded' : 'best_interest_assessed',
            payload: { assessmentId: entry.id },
          });
          return { result: await investigationView(tx, row), details: { assessmentId: entry.id } };
        });
        return c.json({ investigation: result, case: view }, 201);
      },
    );

  textRoute(
    '/api/cases/{id}/investigation/findings',
    'findings',
    'Skriv funnene i undersøkelsen',
    'En ny tekst erstatter ikke den gamle: begge blir stående i saken, den nyeste gjelder.',
  );
  textRoute(
    '/api/cases/{id}/investigation/best-interest',
    'best_interest',
    'Skriv vurderingen av barnets beste (opplæringsloven § 10-1)',
    'Må finnes før undersøkelsen kan avsluttes. En ny vurdering erstatter ikke den gamle: begge blir stående i saken.',
  );
}

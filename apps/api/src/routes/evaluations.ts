// § 12-4 (3) fifth item and seeds/000: the measures are evaluated on the planned dates, in two
// parts — how was each measure carried out since last time, and what effect did it have for
// the pupil — with the pupil and the parents. The decision: continue; adjust (a new version of
// the plan, in the same request); or close the case, only when the pupil's situation is safe
// and good (lifecycle `close`). Every evaluation sets the next date unless the case closes.
// The evaluation meets the deadline of the date it fulfils; the next date becomes a deadline
// with reminders to the case leader and the measure owners.
import { createRoute } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { appendTimeline, cases, deadlinesOfCase, evaluationsOfCase, insertEvaluation, planVersionsOfCase } from '@trygg/db';
import { OSLO } from '@trygg/domain';
import { Temporal } from 'temporal-polyfill';
import { caseIdParam, errorResponse, evaluationList, evaluationRecorded, recordEvaluation } from '@trygg/contracts';
import { errors, jsonBody, jsonContent, type Api, type RouteDeps } from '../context';
import { evaluationViewsOfCase, planViews } from '../case-work';
import { ApiError, invalidField, type Problem } from '../errors';
import { checkDate, eventInstant, toInstant } from '../time';
import { readWholeCase, runCaseAction } from './case-action';
import { step } from './cases';
import { writePlanVersion } from './plans';

const osloDateOf = (d: Date) => toInstant(d).toZonedDateTimeISO(OSLO).toPlainDate();

export function registerEvaluationRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/evaluations',
      tags: ['Aktivitetsplan'],
      summary: 'Evalueringene av tiltakene, i den rekkefølgen de ble holdt',
      request: { params: caseIdParam },
      responses: { 200: jsonContent(evaluationList, 'Evalueringene'), 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { row } = await readWholeCase(deps, c, 'evaluations.read', id);
      return c.json({ evaluations: await evaluationViewsOfCase(db, row.id) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/evaluations',
      tags: ['Aktivitetsplan'],
      summary: 'Registrer en evaluering av tiltakene (todelt per tiltak; fortsette, justere eller avslutte)',
      description:
        'plannedDate er den planlagte evalueringsdatoen som evalueres. For hvert tiltak som er satt i gang: hvordan det er ' +
        'gjennomført siden sist, og hvilken effekt det har hatt for eleven. Elevens syn (opplæringsloven § 10-2) og ' +
        'foreldrenes syn. Justere (adjust) krever en ny versjon av planen i samme forespørsel (revisedPlan). Avslutte (close) ' +
        'går bare når eleven har det trygt og godt (situationSafe). Ellers settes neste evalueringsdato (etter i dag).',
      request: { params: caseIdParam, ...jsonBody(recordEvaluation) },
      responses: {
        201: jsonContent(evaluationRecorded, 'Evalueringen er lagret; saken slik den er nå'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: errors[409],
        415: errors[415],
        422: jsonContent(errorResponse, 'PLAN_INVALID: den reviderte planen (revisedPlan.…) har feil'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { result, view } = await runCaseAction(deps, c, 'evaluation', 'lead', async (scope) => {
        const { tx, row, state, caller, now } = scope;
        // There must be a plan to evaluate, and the case must be open: the lifecycle's guard of
        // a plan revision is exactly that (CASE_CLOSED, PLAN_REQUIRED).
        step(state, { type: 'revise_plan' });

        const versions = await planVersionsOfCase(tx, row.id);
        const current = versions.at(-1)!;
        const at = eventInstant(body.at, 'at', now);
        if (at < current.createdAt) {
          throw invalidField('at', 'Evalueringen kan ikke være holdt før planen den evaluerer, ble laget.');
        }

        // Which planned date this fulfils: one of the case's evaluation deadlines.
        const planned = checkDate(body.plannedDate, 'plannedDate').toString();
        const done = await evaluationsOfCase(tx, row.id);
        if (done.some((e) => e.plannedOn === planned)) {
          throw new ApiError('CONFLICT', `Evalueringen som var planlagt ${planned}, er allerede registrert.`);
        }
        const open = (await deadlinesOfCase(tx, row.id))
          .filter((d) => d.kind === 'evaluation' && d.state === 'open')
          .map((d) => d.key.slice(d.key.lastIndexOf('evaluation-') + 'evaluation-'.length))
          .sort();
        if (!open.includes(planned)) {
          throw invalidField(
            'plannedDate',
            open.length
              ? `${planned} er ikke en planlagt evalueringsdato i saken. Planlagte datoer: ${open.join(', ')}.`
              : `${planned} er ikke en planlagt evalueringsdato i saken, og saken har ingen evalueringer som venter.`,
          );
        }

        // Every evaluation sets the next date unless the case closes — a date to come.
        let next: string | null = null;
        if (body.nextEvaluationOn !== undefined) {
          const date = checkDate(body.nextEvaluationOn, 'nextEvaluationOn');
          if (Temporal.PlainDate.compare(date, osloDateOf(now)) <= 0) {
            throw invalidField('nextEvaluationOn', 'Neste evaluering må være etter i dag.');
          }
          next = date.toString();
        }

        // Two parts for every measure under way: how it was carried out, what effect it had.
        const problems: Problem[] = [];
        const seen = new Set<string>();
        body.measures.forEach((m, i) => {
          const measure = current.measures.find((x) => x.measureId === m.measureId.toLowerCase());
          if (!measure) problems.push({ field: `measures.${i}.measureId`, message: 'Tiltaket står ikke i gjeldende versjon av planen.' });
          else if (seen.has(measure.measureId)) problems.push({ field: `measures.${i}.measureId`, message: 'Tiltaket er evaluert to ganger.' });
          if (measure) seen.add(measure.measureId);
        });
        const heldOn = osloDateOf(at).toString();
        current.measures
          .filter((m) => m.startOn <= heldOn && !seen.has(m.measureId))
          .forEach((m) =>
            problems.push({
              field: 'measures',
              message: `Tiltaket «${m.description}» (id ${m.measureId}) er ikke evaluert: skriv hvordan det er gjennomført, og hvilken effekt det har hatt for eleven.`,
            }),
          );
        if (problems.length > 0) {
          throw new ApiError('VALIDATION_FAILED', `Evalueringen er ikke fullstendig. ${problems.map((p) => p.message).join(' ')}`, problems);
        }

        // close: only when the pupil's situation is safe and good (§ 12-4) — the lifecycle decides.
        const closing = body.decision === 'close' ? step(state, { type: 'close' }, { situationSafe: body.situationSafe }) : undefined;

        // adjust: the new version of the plan is part of the evaluation.
        const revised =
          body.decision === 'adjust' && body.revisedPlan
            ? await writePlanVersion(scope, body.revisedPlan, { fieldPrefix: 'revisedPlan' })
            : undefined;

        const evaluation = await insertEvaluation(tx, {
          caseId: row.id,
          planVersionId: current.id,
          plannedOn: planned,
          doneAt: at,
          pupilView: body.pupilView,
          parentsView: body.parentsView ?? null,
          situationSafe: body.situationSafe,
          decision: body.decision,
          nextEvaluationOn: next,
          revisedPlanVersionId: revised?.version.id ?? null,
          recordedById: caller.personId,
          recordedAt: now,
          measures: body.measures.map((m) => ({
            planMeasureId: current.measures.find((x) => x.measureId === m.measureId.toLowerCase())!.id,
            howCarriedOut: m.howCarriedOut,
            effect: m.effect,
          })),
        });
        await appendTimeline(tx, {
          caseId: row.id,
          at,
          actorId: caller.personId,
          kind: 'evaluation_recorded',
          payload: {
            evaluationId: evaluation.id,
            planVersion: current.version,
            plannedDate: planned,
            decision: body.decision,
            nextEvaluationOn: next,
            ...(revised ? { revisedPlanVersion: revised.version.version } : {}),
          },
        });
        if (closing) {
          await tx.update(cases).set({ status: closing.next.status, closedAt: now, updatedAt: now }).where(eq(cases.id, row.id));
          await appendTimeline(tx, {
            caseId: row.id,
            at: now,
            actorId: caller.personId,
            kind: 'closed',
            payload: { reason: 'evaluation', evaluationId: evaluation.id },
          });
        }
        return {
          result: { evaluationId: evaluation.id, revised: revised?.version },
          details: { evaluationId: evaluation.id, decision: body.decision, plannedDate: planned },
        };
      });
      const [evaluation] = await evaluationViewsOfCase(db, view.id, result.evaluationId);
      const plan = result.revised ? ((await planViews(db, [result.revised]))[0] ?? null) : null;
      return c.json({ evaluation: evaluation!, plan, case: view }, 201);
    },
  );
}

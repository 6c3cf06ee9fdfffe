// § 12-4 third paragraph: the activity plan (aktivitetsplan). Every change is a new version,
// made at the injected clock's "now" and never altered afterwards (the tables are append-only).
// libs/domain decides: validatePlan (all five parts; staff of the school carry out each measure,
// never a pupil or a parent) answers every problem at once; the plan exists no later than its
// first measure (measuresStartingBeforePlan / nextPlanVersion); the lifecycle moves the case to
// `measures` with the first version. Measure ends and evaluation dates become deadlines.
import { randomUUID } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import {
  appendTimeline,
  cases,
  deadlinesOfCase,
  insertPlanVersion,
  planVersionsOfCase,
  recordDelayReason,
  type PlanVersionWithParts,
} from '@trygg/db';
import { OSLO, nextPlanVersion, validatePlan, type PlanProblem, type PlanVersion, type ValidPlan } from '@trygg/domain';
import { caseIdParam, createPlanVersion, errorResponse, planVersionCreated, planVersionList, type PlanVersionView } from '@trygg/contracts';
import { eq } from 'drizzle-orm';
import { audit, errors, jsonBody, jsonContent, type Api, type RouteDeps } from '../context';
import { isUuid, personLookup, planViews, planViewsOfCase } from '../case-work';
import { ApiError, type Problem } from '../errors';
import { toInstant } from '../time';
import { caseNotFound, readCase, runCaseAction, type CaseActionScope } from './case-action';
import { step } from './cases';

/** 422 with every problem of the plan, each naming its field (prefixed inside an evaluation). */
function planInvalid(problems: readonly Problem[], prefix: string): ApiError {
  const named = problems.map((p) => ({ ...p, field: prefix ? `${prefix}.${p.field}` : p.field }));
  const first = named
    .slice(0, 3)
    .map((p) => p.message)
    .join(' ');
  const more = named.length > 3 ? ` (og ${named.length - 3} til)` : '';
  return new ApiError('PLAN_INVALID', `Aktivitetsplanen kan ikke lagres ennå. ${first}${more}`, named);
}

const measurePrefix = (i: number) => `Tiltak ${i + 1}: `;

/** The earlier version as the domain's nextPlanVersion reads it. */
function asPlanVersion(v: PlanVersionWithParts): PlanVersion {
  const plan: ValidPlan = {
    problem: v.problem,
    measures: v.measures.map((m) => ({
      id: m.measureId,
      level: m.level,
      description: m.description,
      start: m.startOn,
      end: m.endOn,
      responsible: m.responsibleIds,
      evaluationDate: m.evaluationOn,
    })),
    ...(v.pupilView !== null ? { pupilView: v.pupilView } : {}),
    ...(v.parentsView !== null ? { parentsView: v.parentsView } : {}),
    parentProposals: v.parentProposals.map((p) =>
      p.chosen ? { text: p.text, chosen: true } : { text: p.text, chosen: false, reasonNotChosen: p.reasonNotChosen ?? '' },
    ),
  };
  return { version: v.version, createdAt: toInstant(v.createdAt), plan };
}

/**
 * What validatePlan cannot know, in its shape: a measure's id must be one of this case's earlier
 * measures (a new measure has none), once per plan; § 12-5: the accused never carries out a measure.
 */
function caseProblems(input: unknown, earlierIds: ReadonlySet<string>, accusedId: string | null): PlanProblem[] {
  const measures = (input as { measures?: unknown } | null)?.measures;
  if (!Array.isArray(measures)) return [];
  const problems: PlanProblem[] = [];
  const seen = new Set<string>();
  measures.forEach((m: unknown, i) => {
    if (m === null || typeof m !== 'object') return;
    const { id, responsible } = m as { id?: unknown; responsible?: unknown };
    if (typeof id === 'string' && id.trim() !== '') {
      const key = id.trim().toLowerCase();
      if (!isUuid(key) || !earlierIds.has(key)) {
        problems.push({
          field: `measures[${i}].id`,
          code: 'MEASURE_UNKNOWN' as PlanProblem['code'],
          message: `${measurePrefix(i)}Tiltaket finnes ikke i en tidligere versjon av planen. Et nytt tiltak sendes uten id.`,
        });
      } else if (seen.has(key)) {
        problems.push({
          field: `measures[${i}].id`,
          code: 'MEASURE_DUPLICATE' as PlanProblem['code'],
          message: `${measurePrefix(i)}Det samme tiltaket står flere ganger i planen.`,
        });
      }
      seen.add(key);
    }
    if (accusedId && Array.isArray(responsible)) {
      responsible.forEach((personId: unknown, j) => {
        if (typeof personId === 'string' && personId.trim().toLowerCase() === accusedId) {
          problems.push({
            field: `measures[${i}].responsible[${j}]`,
            code: 'RESPONSIBLE_ACCUSED' as PlanProblem['code'],
            message: `${measurePrefix(i)}Den ansatte saken gjelder, kan ikke gjennomføre tiltak i saken (opplæringsloven § 12-5). Velg en annen ansatt.`,
          });
        }
      });
    }
  });
  return problems;
}

/**
 * Problems in form order, as the teacher reads the form from the top: by part of the plan, then
 * by measure; within a measure the domain's own order is kept and ours come after it.
 */
function inFormOrder(problems: PlanProblem[]): PlanProblem[] {
  const top = ['problem', 'measures', 'pupilView', 'parentsView', 'parentProposals', 'createdAt'];
  const key = (field: string) => {
    const head = field.split(/[.[]/)[0] ?? '';
    const index = /^\w+\[(\d+)\]/.exec(field)?.[1];
    return [top.indexOf(head), index === undefined ? -1 : Number(index)] as const;
  };
  return problems
    .map((p, i) => ({ p, i, k: key(p.field) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.p);
}

export interface WrittenPlan {
  version: PlanVersionWithParts;
  created: boolean;
  delayReason?: string;
}

/**
 * Writes the next version of the case's plan inside a case action: the first one (lifecycle
 * create_plan: the case moves to `measures`; after the plan deadline a written reason) or a
 * revision (revise_plan). `fieldPrefix` names the problems inside a larger request.
 */
export async function writePlanVersion(
  scope: CaseActionScope,
  input: Record<string, unknown>,
  options: { delayReason?: string; fieldPrefix?: string; evaluationId?: string } = {},
): Promise<WrittenPlan> {
  const { tx, row, state, caller, now } = scope;
  const prefix = options.fieldPrefix ?? '';
  const versions = await planVersionsOfCase(tx, row.id);
  const previous = versions.at(-1);

  let delayReason: string | undefined;
  if (!previous) {
    // § 12-4: the plan comes "snarast" after the investigation; a late plan needs a written
    // reason — unless one was already recorded for the missed deadline (delay-reason route).
    const deadline = (await deadlinesOfCase(tx, row.id)).find((d) => d.kind === 'plan' && d.state === 'open');
    const passed = deadline !== undefined && deadline.dueAt.getTime() < now.getTime();
    const given = options.delayReason ?? deadline?.delayReason ?? undefined;
    const result = step(state, { type: 'create_plan', ...(given ? { delayReason: given } : {}) }, { deadlinePassed: passed });
    if (result.delayReason && options.delayReason && deadline) {
      await recordDelayReason(tx, deadline.key, result.delayReason, caller.personId, now);
      delayReason = result.delayReason;
    }
  } else {
    step(state, { type: 'revise_plan' });
  }

  const measures = Array.isArray(input['measures']) ? (input['measures'] as unknown[]) : [];
  const responsibleIds = measures.flatMap((m) =>
    m !== null && typeof m === 'object' && Array.isArray((m as { responsible?: unknown }).responsible)
      ? ((m as { responsible: unknown[] }).responsible as unknown[])
      : [],
  );
  const lookupPerson = await personLookup(tx, responsibleIds);
  const earlierIds = new Set(versions.flatMap((v) => v.measures.map((m) => m.measureId)));
  const today = toInstant(now).toZonedDateTimeISO(OSLO).toPlainDate();
  const validation = validatePlan(input, {
    schoolId: row.schoolId,
    lookupPerson,
    // § 12-4 / seeds/000: the plan exists no later than its first measure.
    planDate: today,
    carriedOverMeasureIds: earlierIds,
  });
  const problems = [...(validation.ok ? [] : validation.problems), ...caseProblems(input, earlierIds, row.accusedPersonId)];
  if (!validation.ok || problems.length > 0) throw planInvalid(inFormOrder(problems), prefix);

  const next = nextPlanVersion(previous ? asPlanVersion(previous) : null, validation.plan, toInstant(now));
  if (!next.ok) throw planInvalid(next.problems, prefix);

  const plan = next.version.plan;
  const version = await insertPlanVersion(tx, {
    caseId: row.id,
    version: next.version.version,
    createdAt: now,
    createdById: caller.personId,
    problem: plan.problem,
    pupilView: plan.pupilView ?? null,
    parentsView: plan.parentsView ?? null,
    measures: plan.measures.map((m) => ({
      measureId: m.id?.toLowerCase() ?? randomUUID(),
      level: m.level,
      description: m.description,
      startOn: m.start,
      endOn: m.end,
      evaluationOn: m.evaluationDate,
      responsibleIds: m.responsible.map((id) => id.toLowerCase()),
    })),
    parentProposals: plan.parentProposals.map((p) => ({ text: p.text, chosen: p.chosen, reasonNotChosen: p.reasonNotChosen ?? null })),
  });
  if (!previous) {
    await tx.update(cases).set({ status: 'measures', updatedAt: now }).where(eq(cases.id, row.id));
  }
  await appendTimeline(tx, {
    caseId: row.id,
    at: now,
    actorId: caller.personId,
    kind: previous ? 'plan_revised' : 'plan_created',
    payload: {
      planVersionId: version.id,
      version: version.version,
      ...(options.evaluationId ? { evaluationId: options.evaluationId } : {}),
      ...(delayReason ? { delayReason } : {}),
    },
  });
  return { version, created: !previous, ...(delayReason ? { delayReason } : {}) };
}

export function registerPlanRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/plans',
      tags: ['Aktivitetsplan'],
      summary: 'Alle versjoner av aktivitetsplanen, eldste først, hver med tidspunktet den ble laget',
      description:
        'Rektor, lederen saken er delegert til, og skoleeieren når den er varslet, ser hele planen. En ansatt som skal ' +
        'gjennomføre et tiltak, ser bare sine egne tiltak (access: own_part).',
      request: { params: caseIdParam },
      responses: { 200: jsonContent(planVersionList, 'Versjonene'), 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const now = deps.clock();
      const { row, facts, access, caller } = await readCase(deps, c, 'plans.read', id);
      let versions: PlanVersionView[];
      if (access === 'case') {
        versions = await planViewsOfCase(db, row.id);
      } else if (facts.measureResponsibleIds.includes(caller.personId)) {
        versions = await planViewsOfCase(db, row.id, caller.personId);
      } else {
        // A reporter sees the case number and status, not the plan.
        await audit(db, c, now, { action: 'case.plans.read.refused', entityType: 'case', entityId: id });
        throw caseNotFound();
      }
      await audit(db, c, now, { action: 'case.plans.read', entityType: 'case', entityId: id, schoolId: row.schoolId, details: { access } });
      return c.json({ access, versions }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/plans',
      tags: ['Aktivitetsplan'],
      summary: 'Lag aktivitetsplanen, eller en ny versjon av den (gamle versjoner endres aldri)',
      description:
        'Planen må ha problembeskrivelse, tiltak (nivå, hva og hvordan), når hvert tiltak gjennomføres (start og slutt), hvem ' +
        'som gjennomfører (ansatte ved skolen — aldri elev eller forelder) og når tiltaket evalueres (opplæringsloven § 12-4 ' +
        'tredje ledd). Et tiltak kan ikke starte før planen er laget. Alt som mangler, kommer samlet: 422 PLAN_INVALID med ' +
        'problems [{ field, code, message }]. Et tiltak som videreføres fra forrige versjon, sendes med sin id. Første ' +
        'versjon flytter saken til «tiltak»; etter fristen må den ha en skriftlig begrunnelse (delayReason).',
      request: { params: caseIdParam, ...jsonBody(createPlanVersion) },
      responses: {
        201: jsonContent(planVersionCreated, 'Versjonen er lagret; saken slik den er nå'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: errors[409],
        415: errors[415],
        422: jsonContent(errorResponse, 'PLAN_INVALID (problems: hvert felt som mangler eller er feil) eller DELAY_REASON_REQUIRED'),
      },
    }),
    async (c) => {
      const { delayReason, ...input } = c.req.valid('json');
      const { result, view } = await runCaseAction(deps, c, 'plan', 'lead', async (scope) => {
        const written = await writePlanVersion(scope, input, delayReason ? { delayReason } : {});
        return {
          result: written.version,
          details: { planVersionId: written.version.id, version: written.version.version, created: written.created },
        };
      });
      const [plan] = await planViews(db, [result]);
      return c.json({ plan: plan!, case: view }, 201);
    },
  );
}

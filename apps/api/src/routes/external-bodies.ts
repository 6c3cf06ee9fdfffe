// External bodies involved in a case (seeds/002: the county governor asks for "external bodies
// involved"): PPT, child welfare (barnevernet), BUP, the school health service, the police, the
// county governor — or another, named. Recorded by those who lead the case (the principal, the
// leader it is delegated to; the owner in a § 12-5 case about the leadership), through the one
// frame of every case write (runCaseAction: lock, authorise, timeline, audit, deadlines). Read
// only with the whole case: what the school told child welfare or the police is not a reporter's.
import { createRoute } from '@hono/zod-openapi';
import { Temporal } from 'temporal-polyfill';
import { inArray } from 'drizzle-orm';
import { appendTimeline, externalBodiesOfCase, insertExternalBody, people, type Db, type ExternalBodyRow } from '@trygg/db';
import { OSLO } from '@trygg/domain';
import { caseIdParam, externalBodyList, externalBodyRecorded, recordExternalBody, type ExternalBodyView } from '@trygg/contracts';
import { errors, jsonBody, jsonContent, type Api, type RouteDeps } from '../context';
import { invalidField } from '../errors';
import { checkDate, iso, toInstant } from '../time';
import { readWholeCase, runCaseAction } from './case-action';

async function viewsOf(db: Db, rows: readonly ExternalBodyRow[]): Promise<ExternalBodyView[]> {
  const ids = [...new Set(rows.map((r) => r.recordedById))];
  const named = ids.length ? await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids)) : [];
  const names = new Map(named.map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    involvement: r.involvement,
    contactedOn: r.contactedOn,
    concernsOtherPupils: r.concernsOtherPupils,
    recordedBy: { id: r.recordedById, name: names.get(r.recordedById) ?? '' },
    recordedAt: iso(r.createdAt),
  }));
}

export function registerExternalBodyRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/external-bodies',
      tags: ['Eksterne instanser'],
      summary: 'Eksterne instanser som er involvert i saken (PPT, barnevernet, BUP, helsesykepleier, politiet, statsforvalteren, …)',
      description: 'I tidsrekkefølge etter kontaktdato. Rektor, lederen saken er delegert til, og skoleeieren når den er varslet.',
      request: { params: caseIdParam },
      responses: { 200: jsonContent(externalBodyList, 'Eksterne instanser'), 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { row } = await readWholeCase(deps, c, 'external_bodies.read', id);
      return c.json({ externalBodies: await viewsOf(db, await externalBodiesOfCase(db, row.id)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/external-bodies',
      tags: ['Eksterne instanser'],
      summary: 'Registrer en ekstern instans som er involvert i saken',
      description:
        'Hvilken instans (ppt, child_welfare, bup, school_health, police, county_governor eller other med navn), hva den var ' +
        'involvert i og hvorfor, og datoen for kontakten (ikke etter i dag). Kan registreres også etter at saken er avsluttet. ' +
        'Det som er registrert, kan ikke endres: en rettelse er en ny registrering. Gjelder teksten andre elever ' +
        '(concernsOtherPupils), tas den ut av foreldrenes kopi av saksmappen.',
      request: { params: caseIdParam, ...jsonBody(recordExternalBody) },
      responses: {
        201: jsonContent(externalBodyRecorded, 'Lagret; de eksterne instansene og saken slik de er nå'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: errors[409],
        415: errors[415],
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { result, view } = await runCaseAction(deps, c, 'external_body', 'lead', async ({ tx, row, caller, now }) => {
        const contactedOn = checkDate(body.contactedOn, 'contactedOn');
        const today = toInstant(now).toZonedDateTimeISO(OSLO).toPlainDate();
        if (Temporal.PlainDate.compare(contactedOn, today) > 0) {
          throw invalidField('contactedOn', 'Datoen for kontakten kan ikke være etter i dag.');
        }
        if (contactedOn.year < 1990) throw invalidField('contactedOn', 'Datoen for kontakten er for langt tilbake i tid. Sjekk årstallet.');
        const entry = await insertExternalBody(
          tx,
          {
            caseId: row.id,
            kind: body.kind,
            name: body.name ?? null,
            involvement: body.involvement,
            contactedOn: contactedOn.toString(),
            concernsOtherPupils: body.concernsOtherPupils ?? false,
            recordedById: caller.personId,
          },
          now,
        );
        // Ids, the kind and the date only: the free text stays in its table (and the case file).
        await appendTimeline(tx, {
          caseId: row.id,
          at: now,
          actorId: caller.personId,
          kind: 'external_body_recorded',
          payload: { externalBodyId: entry.id, bodyKind: entry.kind, contactedOn: entry.contactedOn },
        });
        const all = await viewsOf(tx, await externalBodiesOfCase(tx, row.id));
        return { result: { entry: all.find((b) => b.id === entry.id)!, all }, details: { externalBodyId: entry.id, kind: entry.kind } };
      });
      return c.json({ externalBody: result.entry, externalBodies: result.all, case: view }, 201);
    },
  );
}

// School owners, schools, people and their roles, pupils. Configuration is for admins and for
// the owner's officials (for the owner's own schools); pupils are for the people working at
// the school — pupil data is confidential (taushetsplikt), so neither admins nor owners list it.
import { createRoute, z } from '@hono/zod-openapi';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { nonSchoolDays, people, pupils, roles, schoolOwners, schools, type Db } from '@trygg/db';
import {
  assignRole,
  createOwner,
  createPerson,
  createPupil,
  createSchool,
  nonSchoolPeriod,
  ownerIdParam,
  ownerView,
  personView,
  pupilView,
  schoolIdParam,
  schoolView,
  updateOwner,
} from '@trygg/contracts';
import { Temporal } from 'temporal-polyfill';
import { requireAdmin, requireWorksAt, rolesAt, worksAt, type Caller } from '../caller';
import { audit, callerOf, errors, jsonBody, jsonContent, type Api, type RouteDeps } from '../context';
import { ApiError, forbidden, invalidDate, invalidField, notFound, sqlState } from '../errors';
import { checkDate, iso } from '../time';

type Period = z.output<typeof nonSchoolPeriod>;
const MAX_PERIOD_DAYS = 366;

/** One row per date (the calendar reads dates); the first period naming a date wins. */
function expandPeriods(periods: readonly Period[], field: string) {
  const byDate = new Map<string, { date: string; kind: Period['kind']; label: string }>();
  periods.forEach((p, i) => {
    const from = checkDate(p.from, `${field}.${i}.from`);
    const to = checkDate(p.to, `${field}.${i}.to`);
    if (from.until(to).days + 1 > MAX_PERIOD_DAYS) {
      throw invalidField(`${field}.${i}.to`, `En periode kan være høyst ${MAX_PERIOD_DAYS} dager.`);
    }
    for (let d = from; Temporal.PlainDate.compare(d, to) <= 0; d = d.add({ days: 1 })) {
      const date = d.toString();
      if (!byDate.has(date)) byDate.set(date, { date, kind: p.kind, label: p.label });
    }
  });
  return [...byDate.values()];
}

/** 'MM-DD' must exist in some year (02-29 does, 02-30 does not). */
function checkMonthDay(value: string, field: string): void {
  try {
    Temporal.PlainDate.from(`2024-${value}`, { overflow: 'reject' });
  } catch {
    throw invalidDate(field, `Datoen «${value}» finnes ikke.`);
  }
}

async function requireExistingPeople(db: Db, ids: readonly string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: people.id })
    .from(people)
    .where(inArray(people.id, [...ids]));
  const known = new Set(found.map((p) => p.id));
  const index = ids.findIndex((id) => !known.has(id));
  if (index >= 0) {
    const f = ids.length === 1 && !field.endsWith('Ids') ? field : `${field}.${index}`;
    throw new ApiError('NOT_FOUND', 'Fant ikke personen.', [{ field: f, message: 'Fant ikke personen.' }]);
  }
}

/**
 * The owner's digest and its serious/§ 12-5 re-sends (case numbers, schools, figures, the
 * acknowledgement link) go to these people: they must be the owner's own officials — of kind
 * owner_official, holding no role but `owner` at this owner (none yet for a new owner). Not a
 * teacher, not another owner's official.
 */
async function requireOwnerOfficials(db: Db, ids: readonly string[], ownerId: string | null, field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .select({ id: people.id, kind: people.kind, deactivatedAt: people.deactivatedAt })
    .from(people)
    .where(inArray(people.id, [...ids]));
  const held = await db
    .select({ personId: roles.personId, role: roles.role, ownerId: roles.ownerId })
    .from(roles)
    .where(inArray(roles.personId, [...ids]));
  ids.forEach((id, i) => {
    const person = found.find((p) => p.id === id);
    const elsewhere = held.some((r) => r.personId === id && !(r.role === 'owner' && ownerId !== null && r.ownerId === ownerId));
    if (person && (person.kind !== 'owner_official' || person.deactivatedAt !== null || elsewhere)) {
      const f = ids.length === 1 && !field.endsWith('Ids') ? field : `${field}.${i}`;
      throw invalidField(f, 'Mottakeren må være en aktiv tjenesteperson hos denne skoleeieren (ikke ansatt ved en skole, ikke hos en annen skoleeier).');
    }
  });
}

const ownerJson = (o: typeof schoolOwners.$inferSelect): z.infer<typeof ownerView> => ({
  id: o.id,
  name: o.name,
  language: o.language,
  digestRecipientIds: o.digestRecipientIds,
  secondContactId: o.secondContactId,
  createdAt: iso(o.createdAt),
});

const pupilJson = (p: typeof pupils.$inferSelect): z.infer<typeof pupilView> => ({
  id: p.id,
  schoolId: p.schoolId,
  name: p.name,
  initials: p.initials,
  birthYear: p.birthYear,
  className: p.className,
  contactTeacherId: p.contactTeacherId,
  heightenedAttention: p.heightenedAttention,
});

/** "Ola Nordmann" → "ON"; what emails to staff carry instead of the name. */
export function initialsOf(name: string): string {
  const words = name.split(/[\s-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!].map((w) => w[0]) : [...(words[0] ?? '?').slice(0, 2)];
  return letters.join('').toUpperCase();
}

async function peopleWithRoles(db: Db, personIds: readonly string[]): Promise<z.infer<typeof personView>[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .select()
    .from(people)
    .where(inArray(people.id, [...personIds]))
    .orderBy(asc(people.name));
  const roleRows = await db
    .select()
    .from(roles)
    .where(inArray(roles.personId, [...personIds]));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    kind: p.kind,
    roles: roleRows.filter((r) => r.personId === p.id).map((r) => ({ role: r.role, schoolId: r.schoolId, ownerId: r.ownerId })),
  }));
}

async function schoolOrNotFound(db: Db, schoolId: string, field?: string) {
  const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
  if (!school) {
    const message = 'Fant ikke skolen.';
    throw new ApiError('NOT_FOUND', message, field ? [{ field, message }] : undefined);
  }
  return school;
}

/** Admins, and officials of the school's owner, configure a school. */
function mayConfigureOwner(caller: Caller, ownerId: string): boolean {
  return caller.isAdmin || caller.ownerIds.includes(ownerId);
}

export function registerOrganisationRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  // ---- school owners ----
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/owners',
      tags: ['Organisasjon'],
      summary: 'Opprett skoleeier (administrator)',
      request: jsonBody(createOwner),
      responses: { 201: jsonContent(ownerView, 'Opprettet'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const caller = callerOf(c);
      requireAdmin(caller);
      const body = c.req.valid('json');
      const days = expandPeriods(body.nonSchoolDays, 'nonSchoolDays');
      await requireExistingPeople(db, body.digestRecipientIds, 'digestRecipientIds');
      if (body.secondContactId) await requireExistingPeople(db, [body.secondContactId], 'secondContactId');
      await requireOwnerOfficials(db, body.digestRecipientIds, null, 'digestRecipientIds');
      if (body.secondContactId) await requireOwnerOfficials(db, [body.secondContactId], null, 'secondContactId');
      const owner = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(schoolOwners)
          .values({
            name: body.name,
            language: body.language,
            digestRecipientIds: body.digestRecipientIds,
            secondContactId: body.secondContactId ?? null,
          })
          .returning();
        if (days.length) await tx.insert(nonSchoolDays).values(days.map((d) => ({ ...d, ownerId: created!.id })));
        await audit(tx, c, deps.clock(), { action: 'owner.create', entityType: 'owner', entityId: created!.id });
        return created!;
      });
      return c.json(ownerJson(owner), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/owners',
      tags: ['Organisasjon'],
      summary: 'Skoleeiere: alle (administrator) eller egne (skoleeier)',
      responses: { 200: jsonContent(z.object({ items: z.array(ownerView) }), 'Skoleeiere'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      const caller = callerOf(c);
      if (!caller.isAdmin && caller.ownerIds.length === 0) throw forbidden('Bare administrator og skoleeier kan se skoleeiere.');
      const rows = caller.isAdmin
        ? await db.select().from(schoolOwners).orderBy(asc(schoolOwners.name))
        : await db.select().from(schoolOwners).where(inArray(schoolOwners.id, caller.ownerIds)).orderBy(asc(schoolOwners.name));
      return c.json({ items: rows.map(ownerJson) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/owners/{ownerId}',
      tags: ['Organisasjon'],
      summary: 'Endre skoleeier: navn, språk, mottakere av ukesoversikten, andre kontaktperson',
      request: { params: ownerIdParam, ...jsonBody(updateOwner) },
      responses: { 200: jsonContent(ownerView, 'Endret'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const caller = callerOf(c);
      const { ownerId } = c.req.valid('param');
      const body = c.req.valid('json');
      if (!mayConfigureOwner(caller, ownerId)) throw forbidden('Bare administrator og skoleeieren selv kan endre skoleeieren.');
      const [existing] = await db.select().from(schoolOwners).where(eq(schoolOwners.id, ownerId));
      if (!existing) throw notFound('skoleeieren');
      if (body.digestRecipientIds) await requireExistingPeople(db, body.digestRecipientIds, 'digestRecipientIds');
      if (body.secondContactId) await requireExistingPeople(db, [body.secondContactId], 'secondContactId');
      if (body.digestRecipientIds) await requireOwnerOfficials(db, body.digestRecipientIds, ownerId, 'digestRecipientIds');
      if (body.secondContactId) await requireOwnerOfficials(db, [body.secondContactId], ownerId, 'secondContactId');
      const updated = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(schoolOwners)
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.language !== undefined ? { language: body.language } : {}),
            ...(body.digestRecipientIds !== undefined ? { digestRecipientIds: body.digestRecipientIds } : {}),
            ...(body.secondContactId !== undefined ? { secondContactId: body.secondContactId } : {}),
            updatedAt: deps.clock(),
          })
          .where(eq(schoolOwners.id, ownerId))
          .returning();
        await audit(tx, c, deps.clock(), {
          action: 'owner.update',
          entityType: 'owner',
          entityId: ownerId,
          details: { fields: Object.keys(body) },
        });
        return row!;
      });
      return c.json(ownerJson(updated), 200);
    },
  );

  // ---- schools ----
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/schools',
      tags: ['Organisasjon'],
      summary: 'Opprett skole (administrator, eller skoleeieren selv)',
      request: jsonBody(createSchool),
      responses: { 201: jsonContent(schoolView, 'Opprettet'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      if (!mayConfigureOwner(caller, body.ownerId))
        throw forbidden('Bare administrator og skoleeieren kan opprette skoler for denne skoleeieren.');
      const [owner] = await db.select({ id: schoolOwners.id }).from(schoolOwners).where(eq(schoolOwners.id, body.ownerId));
      if (!owner) throw new ApiError('NOT_FOUND', 'Fant ikke skoleeieren.', [{ field: 'ownerId', message: 'Fant ikke skoleeieren.' }]);
      if (body.conversationDueDates) {
        checkMonthDay(body.conversationDueDates.autumn, 'conversationDueDates.autumn');
        checkMonthDay(body.conversationDueDates.spring, 'conversationDueDates.spring');
      }
      const days = expandPeriods(body.nonSchoolDays, 'nonSchoolDays');
      const school = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(schools)
          .values({
            ownerId: body.ownerId,
            name: body.name,
            pupilConversationAutumnDue: body.conversationDueDates?.autumn ?? null,
            pupilConversationSpringDue: body.conversationDueDates?.spring ?? null,
          })
          .returning();
        if (days.length) await tx.insert(nonSchoolDays).values(days.map((d) => ({ ...d, schoolId: created!.id })));
        await audit(tx, c, deps.clock(), { action: 'school.create', entityType: 'school', entityId: created!.id, schoolId: created!.id });
        return created!;
      });
      // A new school has no staff yet; the caller's only role there is as an official of its owner.
      return c.json(
        { id: school.id, ownerId: school.ownerId, name: school.name, myRoles: caller.ownerIds.includes(school.ownerId) ? ['owner'] : [] },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/schools',
      tags: ['Organisasjon'],
      summary: 'Skolene du har en rolle ved (administrator: alle)',
      responses: { 200: jsonContent(z.object({ items: z.array(schoolView) }), 'Skoler'), 401: errors[401] },
    }),
    async (c) => {
      const caller = callerOf(c);
      const ids = [...new Set(caller.grants.map((g) => g.schoolId))];
      const rows = caller.isAdmin
        ? await db.select().from(schools).orderBy(asc(schools.name))
        : ids.length
          ? await db.select().from(schools).where(inArray(schools.id, ids)).orderBy(asc(schools.name))
          : [];
      return c.json({ items: rows.map((s) => ({ id: s.id, ownerId: s.ownerId, name: s.name, myRoles: rolesAt(caller, s.id) })) }, 200);
    },
  );

  // ---- people and roles ----
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/people',
      tags: ['Organisasjon'],
      summary: 'Opprett person med roller (administrator, eller skoleeier for sine skoler)',
      request: jsonBody(createPerson),
      responses: {
        201: jsonContent(personView, 'Opprettet'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: errors[409],
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      if (!caller.isAdmin && caller.ownerIds.length === 0) throw forbidden('Bare administrator og skoleeier kan opprette personer.');
      const schoolIds = [...new Set(body.schoolRoles.map((r) => r.schoolId))];
      const found = schoolIds.length ? await db.select().from(schools).where(inArray(schools.id, schoolIds)) : [];
      for (const [i, r] of body.schoolRoles.entries()) {
        const school = found.find((s) => s.id === r.schoolId);
        if (!caller.isAdmin && !(school && caller.ownerIds.includes(school.ownerId))) {
          throw forbidden('Du kan bare gi roller ved skolene til din egen skoleeier.');
        }
        if (!school)
          throw new ApiError('NOT_FOUND', 'Fant ikke skolen.', [{ field: `schoolRoles.${i}.schoolId`, message: 'Fant ikke skolen.' }]);
      }
      for (const [i, r] of body.ownerRoles.entries()) {
        if (!caller.isAdmin && !caller.ownerIds.includes(r.ownerId)) throw forbidden('Du kan bare gi roller hos din egen skoleeier.');
        const [owner] = await db.select({ id: schoolOwners.id }).from(schoolOwners).where(eq(schoolOwners.id, r.ownerId));
        if (!owner)
          throw new ApiError('NOT_FOUND', 'Fant ikke skoleeieren.', [
            { field: `ownerRoles.${i}.ownerId`, message: 'Fant ikke skoleeieren.' },
          ]);
      }
      try {
        const personId = await db.transaction(async (tx) => {
          const [person] = await tx.insert(people).values({ name: body.name, email: body.email, kind: body.kind }).returning();
          const roleRows = [
            ...body.schoolRoles.map((r) => ({ personId: person!.id, role: r.role, schoolId: r.schoolId })),
            ...body.ownerRoles.map((r) => ({ personId: person!.id, role: 'owner' as const, ownerId: r.ownerId })),
          ];
          if (roleRows.length) await tx.insert(roles).values(roleRows).onConflictDoNothing();
          await audit(tx, c, deps.clock(), {
            action: 'person.create',
            entityType: 'person',
            entityId: person!.id,
            details: { roles: roleRows.length },
          });
          return person!.id;
        });
        const [view] = await peopleWithRoles(db, [personId]);
        return c.json(view!, 201);
      } catch (error) {
        if (sqlState(error).code === '23505') {
          throw new ApiError('CONFLICT', 'Det finnes allerede en person med denne e-postadressen.', [
            { field: 'email', message: 'E-postadressen er allerede i bruk.' },
          ]);
        }
        throw error;
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/schools/{schoolId}/people',
      tags: ['Organisasjon'],
      summary: 'Personer med rolle ved skolen (alle med rolle ved skolen, og administrator)',
      request: { params: schoolIdParam },
      responses: {
        200: jsonContent(z.object({ items: z.array(personView) }), 'Personer'),
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const { schoolId } = c.req.valid('param');
      await schoolOrNotFound(db, schoolId);
      if (!caller.isAdmin && rolesAt(caller, schoolId).length === 0) throw forbidden('Du har ingen rolle ved denne skolen.');
      const ids = await db.selectDistinct({ id: roles.personId }).from(roles).where(eq(roles.schoolId, schoolId));
      return c.json(
        {
          items: await peopleWithRoles(
            db,
            ids.map((r) => r.id),
          ),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/roles',
      tags: ['Organisasjon'],
      summary: 'Gi en person en rolle ved en skole eller hos en skoleeier',
      request: jsonBody(assignRole),
      responses: {
        200: jsonContent(personView, 'Personen hadde allerede rollen'),
        201: jsonContent(personView, 'Rollen er gitt'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      let row: typeof roles.$inferInsert;
      if (body.role === 'owner') {
        if (!mayConfigureOwner(caller, body.ownerId)) throw forbidden('Bare administrator og skoleeieren kan gi denne rollen.');
        const [owner] = await db.select({ id: schoolOwners.id }).from(schoolOwners).where(eq(schoolOwners.id, body.ownerId));
        if (!owner) throw new ApiError('NOT_FOUND', 'Fant ikke skoleeieren.', [{ field: 'ownerId', message: 'Fant ikke skoleeieren.' }]);
        row = { personId: body.personId, role: 'owner', ownerId: body.ownerId };
      } else {
        const [school] = await db.select().from(schools).where(eq(schools.id, body.schoolId));
        if (!caller.isAdmin && !(school && caller.ownerIds.includes(school.ownerId))) {
          throw forbidden('Bare administrator og skoleeieren kan gi roller ved denne skolen.');
        }
        if (!school) throw new ApiError('NOT_FOUND', 'Fant ikke skolen.', [{ field: 'schoolId', message: 'Fant ikke skolen.' }]);
        row = { personId: body.personId, role: body.role, schoolId: body.schoolId };
      }
      await requireExistingPeople(db, [body.personId], 'personId');
      const inserted = await db.transaction(async (tx) => {
        const rows = await tx.insert(roles).values(row).onConflictDoNothing().returning({ id: roles.id });
        if (rows.length) {
          await audit(tx, c, deps.clock(), {
            action: 'role.assign',
            entityType: 'person',
            entityId: body.personId,
            schoolId: row.schoolId ?? null,
            details: { role: row.role, ownerId: row.ownerId ?? null },
          });
        }
        return rows.length > 0;
      });
      const [view] = await peopleWithRoles(db, [body.personId]);
      return c.json(view!, inserted ? 201 : 200);
    },
  );

  // ---- pupils ----
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/pupils',
      tags: ['Elever'],
      summary: 'Registrer elev (ansatte ved skolen)',
      request: jsonBody(createPupil),
      responses: { 201: jsonContent(pupilView, 'Registrert'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      await schoolOrNotFound(db, body.schoolId, 'schoolId');
      requireWorksAt(caller, body.schoolId);
      if (body.contactTeacherId) {
        const [teacher] = await db
          .select({ id: roles.id })
          .from(roles)
          .where(and(eq(roles.personId, body.contactTeacherId), eq(roles.schoolId, body.schoolId)))
          .limit(1);
        if (!teacher) throw invalidField('contactTeacherId', 'Kontaktlæreren må være ansatt ved skolen.');
      }
      const pupil = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(pupils)
          .values({
            schoolId: body.schoolId,
            name: body.name,
            initials: initialsOf(body.name),
            birthYear: body.birthYear,
            contactTeacherId: body.contactTeacherId ?? null,
            heightenedAttention: body.heightenedAttention,
          })
          .returning();
        await audit(tx, c, deps.clock(), { action: 'pupil.create', entityType: 'pupil', entityId: created!.id, schoolId: body.schoolId });
        return created!;
      });
      return c.json(pupilJson(pupil), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/schools/{schoolId}/pupils',
      tags: ['Elever'],
      summary: 'Elevene ved skolen (ansatte ved skolen)',
      request: { params: schoolIdParam },
      responses: {
        200: jsonContent(z.object({ items: z.array(pupilView) }), 'Elever'),
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const { schoolId } = c.req.valid('param');
      await schoolOrNotFound(db, schoolId);
      if (!worksAt(caller, schoolId)) throw forbidden('Bare ansatte ved skolen kan se elevene.');
      const rows = await db.select().from(pupils).where(eq(pupils.schoolId, schoolId)).orderBy(asc(pupils.name));
      return c.json({ items: rows.map(pupilJson) }, 200);
    },
  );
}

// POST /api/schools/{schoolId}/pupils/import: the pupils and contact teachers of a school,
// from the administration system's CSV export. All or nothing (see pupil-import.ts).
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { schools } from '@trygg/db';
import { pupilImportResult, schoolIdParam } from '@trygg/contracts';
import { hasRoleAt } from '../caller';
import { audit, callerOf, errors, jsonContent, type Api, type RouteDeps } from '../context';
import { enqueueNotificationRows } from '../conversation-jobs';
import { ApiError, forbidden, sqlState } from '../errors';
import { decodeCsv } from '../pupil-csv';
import { importPupils } from '../pupil-import';

/** Media types the import accepts (Excel and browsers label CSV files differently). */
// Not text/plain: an HTML form on another site can post that without a CORS preflight.
export const CSV_MEDIA_TYPES = ['text/csv', 'application/csv', 'application/vnd.ms-excel'] as const;

/** The import's path, which app.ts lets through its JSON-only check. */
export const CSV_IMPORT_PATH = /^\/api\/schools\/[^/]+\/pupils\/import$/;

const DESCRIPTION = `Elevene og kontaktlærerne ved skolen, slik skoleadministrasjonssystemet (Visma, IST o.l.) eksporterer dem som CSV.

**Filen**: første linje er overskrifter, deretter én elev per linje. Skilletegn semikolon (;) eller komma (,); felt kan stå i
anførselstegn ("" er et anførselstegn inne i et felt). UTF-8 med eller uten BOM (Windows-1252 godtas også). Send filen som
\`Content-Type: text/csv\`, høyst 1 MB.

**Kolonner** (rekkefølgen spiller ingen rolle, store og små bokstaver heller ikke):
| kolonne | påkrevd | innhold |
|---|---|---|
| Fornavn | ja | |
| Etternavn | ja | |
| Fødselsår | ja (eller Fødselsdato dd.mm.åååå) | fire sifre, f.eks. 2015 |
| Klasse | nei | klasse eller basisgruppe, f.eks. 5A (også «Basisgruppe», «Gruppe»); tom celle: eleven beholder klassen den har |
| Kontaktlærer e-post | nei | en ansatt ved skolen i trygg; tom celle: ingen kontaktlærer. Mangler kolonnen, beholder eksisterende elever sin kontaktlærer |
| Fødselsnummer | nei | 11 siffer med gyldige kontrollsiffer (også D-nummer) |

Eksempel:
\`\`\`
Fornavn;Etternavn;Fødselsår;Klasse;Kontaktlærer e-post;Fødselsnummer
Nora;Nilsen;2015;5A;tone.laerer@skole.no;
"Emil Johan";Berg;2015;5A;tone.laerer@skole.no;
\`\`\`

**Alt eller ingenting**: alle linjer sjekkes først (navn mangler, fødselsår som ikke er et årstall, ukjent kontaktlærer ved
skolen, ugyldig eller dobbelt fødselsnummer, samme elev to ganger). Har én linje feil, importeres ingenting, og svaret (400)
lister hver feil med linjenummeret (overskriften er linje 1) i \`problems\` (\`field\`: «linje N»). Ellers opprettes eller
oppdateres elevene — gjenkjent på fødselsnummer når filen har det, ellers på navn og fødselsår — og halvårets
elevsamtalefrister oppdateres. Elever som ikke står i filen, blir stående. Svaret teller created, updated og unchanged.`;

export function registerPupilImportRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/schools/{schoolId}/pupils/import',
      tags: ['Elever'],
      summary: 'Importer elever og kontaktlærere fra CSV (rektor eller administrator)',
      description: DESCRIPTION,
      request: {
        params: schoolIdParam,
        body: { content: { 'text/csv': { schema: z.string() } }, required: true },
      },
      responses: {
        200: jsonContent(pupilImportResult, 'Importert'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: { ...errors[409], description: 'En annen import endret de samme elevene samtidig (CONFLICT)' },
        413: errors[413],
        415: { ...errors[415], description: 'Filen må sendes som text/csv (UNSUPPORTED_MEDIA_TYPE)' },
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const { schoolId } = c.req.valid('param');
      const now = deps.clock();
      try {
        const [school] = await db.select({ id: schools.id }).from(schools).where(eq(schools.id, schoolId));
        if (!school) throw new ApiError('NOT_FOUND', 'Fant ikke skolen.');
        if (!caller.isAdmin && !hasRoleAt(caller, schoolId, 'principal')) throw forbidden('Bare rektor ved skolen (eller administrator) kan importere elever.');
        const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (!(CSV_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
          throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Filen må sendes som CSV (Content-Type: text/csv).');
        }
        const csv = decodeCsv(new Uint8Array(await c.req.arrayBuffer()));

        let outcome;
        try {
          outcome = await importPupils(db, schoolId, csv, now, (tx, result) =>
            audit(tx, c, now, { action: 'pupil.import', entityType: 'school', entityId: schoolId, schoolId, details: { ...result } }),
          );
        } catch (error) {
          if (sqlState(error).code === '23505') {
            throw new ApiError('CONFLICT', 'Noen andre endret elevene ved skolen samtidig. Ingenting er importert; prøv igjen.');
          }
          throw error;
        }
        if (!outcome.ok) {
          const lines = [...new Set(outcome.problems.map((p) => p.line))];
          const shown = lines.slice(0, 10).join(', ');
          throw new ApiError(
            'VALIDATION_FAILED',
            `Ingen elever er importert: ${lines.length === 1 ? `linje ${shown} har feil` : `${lines.length} linjer har feil (linje ${shown}${lines.length > 10 ? ' …' : ''})`}. Rett filen og send den på nytt.`,
            outcome.problems.map((p) => ({ field: `linje ${p.line}`, code: p.code, message: p.message })),
          );
        }
        await enqueueNotificationRows(deps.jobs, outcome.sync.notifications, now, deps.log);
        return c.json(outcome.result, 200);
      } catch (error) {
        // A refused import leaves no trace but its audit entry (line counts only, no pupil data).
        if (error instanceof ApiError) {
          await audit(db, c, now, {
            action: 'pupil.import.refused',
            entityType: 'school',
            entityId: schoolId,
            schoolId: null,
            details: { code: error.code, problems: error.problems?.length ?? 0 },
          });
        }
        throw error;
      }
    },
  );
}

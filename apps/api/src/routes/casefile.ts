// The case file for the county governor (seeds/002: "Statsforvalterens innhentingsbrev"): the
// whole case in time order as a PDF or an HTML page, with the completeness check on its first
// page — and the parents' copy, in which other pupils are redacted (taushetsplikt).
//
// Who: the principal or the leader the case is delegated to — whoever answers for the case's
// documentation; in a § 12-5 case about the school's leadership, the owner in their place.
// Anyone who may not see the case gets 404 (the accused never learns that it exists); staff
// who see their own part of it get 403.
import { createRoute, z } from '@hono/zod-openapi';
import { CaseNotFoundError, loadCaseFile, renderCaseFileHtml, renderCaseFilePdf } from '@trygg/casefile';
import { caseIdParam } from '@trygg/contracts';
import { audit, callerOf, errors, type Api, type RouteDeps } from '../context';
import { forbidden } from '../errors';
import { caseNotFound, readCase } from './case-action';
import { mayAct } from './cases';

const caseFileQuery = z.object({
  format: z
    .enum(['pdf', 'html'], { error: 'Formatet må være pdf eller html.' })
    .default('pdf')
    .openapi({ description: 'pdf (standard) eller html' }),
  variant: z
    .enum(['full', 'parents'], { error: 'Varianten må være full eller parents.' })
    .default('full')
    .openapi({ description: 'full: til Statsforvalteren. parents: kopi til foreldrene, uten andre elevers navn og opplysninger.' }),
  lang: z
    .enum(['nb', 'nn'], { error: 'Språket må være nb eller nn.' })
    .default('nb')
    .openapi({ description: 'nb (bokmål, standard) eller nn (nynorsk)' }),
});

const WHO = 'Bare rektor eller lederen saken er delegert til, kan hente saksmappen. I en § 12-5-sak om skolens ledelse er det skoleeieren.';

/** "sak-2026-0042.pdf": the case number only, never a name. */
export function caseFileName(number: string, variant: 'full' | 'parents', format: 'pdf' | 'html'): string {
  const safe = number.replace(/[^0-9A-Za-z-]/g, '_');
  return `sak-${safe}${variant === 'parents' ? '-foreldre' : ''}.${format}`;
}

export function registerCaseFileRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}/casefile',
      tags: ['Saker'],
      summary: 'Saksmappen til Statsforvalteren (PDF eller HTML), eller kopien til foreldrene',
      description:
        'Hele saken i tidsrekkefølge: tidslinjen, meldingene, undersøkelsen, alle versjoner av aktivitetsplanen, evalueringene, ' +
        'varsler som er sendt, kvitteringer, frister med begrunnelser for forsinkelse og når hvert dokument ble laget. Første side ' +
        'har en kompletthetssjekk mot de fem delpliktene i opplæringsloven § 12-4. I foreldrenes kopi er navn på andre elever ' +
        'erstattet med «[annen elev]», og opplysninger om andre elever er tatt ut. Rektor eller lederen saken er delegert til ' +
        '(§ 12-5-sak om ledelsen: skoleeieren).',
      request: { params: caseIdParam, query: caseFileQuery },
      responses: {
        200: {
          description: 'Saksmappen som vedlegg (sak-<nummer>.pdf / .html)',
          content: {
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
            'text/html': { schema: z.string() },
          },
        },
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const { id } = c.req.valid('param');
      const { format, variant, lang } = c.req.valid('query');
      const now = deps.clock();
      const { row, facts } = await readCase(deps, c, 'casefile', id);
      if (!mayAct(caller, row, facts, 'lead')) {
        await audit(db, c, now, { action: 'case.casefile.refused', entityType: 'case', entityId: row.id, schoolId: row.schoolId, details: { code: 'FORBIDDEN' } });
        throw forbidden(WHO);
      }
      // One consistent snapshot of the whole case, read-only.
      let file;
      try {
        file = await db.transaction((tx) => loadCaseFile(tx, row.id, { now }), { isolationLevel: 'repeatable read', accessMode: 'read only' });
      } catch (error) {
        if (error instanceof CaseNotFoundError) throw caseNotFound();
        throw error;
      }
      await audit(db, c, now, {
        action: 'case.casefile',
        entityType: 'case',
        entityId: row.id,
        schoolId: row.schoolId,
        details: { format, variant, lang },
      });
      const headers = {
        'Content-Disposition': `attachment; filename="${caseFileName(row.number, variant, format)}"`,
        // Case data must not linger in browser or proxy caches (the app sets it too).
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      };
      if (format === 'html') {
        return c.body(renderCaseFileHtml(file, { variant, lang }), 200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      }
      const pdf = await renderCaseFilePdf(file, { variant, lang });
      return c.body(new Uint8Array(pdf), 200, { ...headers, 'Content-Type': 'application/pdf' });
    },
  );
}

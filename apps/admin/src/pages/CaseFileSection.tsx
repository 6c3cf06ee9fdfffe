// Saksmappe: the whole case in time order for the county governor (seeds/002), with the
// completeness check against the five sub-duties, as a PDF or an HTML page — and the parents'
// copy, in which other pupils are redacted. Plain links to the API (a download, the browser's
// own handling); only the principal or the case leader is offered them (the API decides too).
import type { Language } from '../i18n';
import { useI18n } from '../i18n';

export type CaseFileFormat = 'pdf' | 'html';
export type CaseFileVariant = 'full' | 'parents';

/** GET /api/cases/{id}/casefile: the address only names the case id (never the pupil). Pure (tested). */
export function caseFileHref(caseId: string, format: CaseFileFormat, variant: CaseFileVariant, lang: Language): string {
  const query = new URLSearchParams({ format, variant, lang });
  return `/api/cases/${encodeURIComponent(caseId)}/casefile?${query.toString()}`;
}

export function CaseFileSection({ caseId }: { caseId: string }) {
  const { t, lang } = useI18n();
  const link = (format: CaseFileFormat, variant: CaseFileVariant, label: string) => (
    <a className="button-link" href={caseFileHref(caseId, format, variant, lang)} download>
      {label}
    </a>
  );
  return (
    <section aria-labelledby="case-file" id="saksmappe" className="case-section">
      <h2 id="case-file">{t.fileHeading}</h2>
      <p className="hint">{t.fileIntro}</p>
      <div className="file-groups">
        <div>
          <h3>{t.fileFull}</h3>
          <p className="hint">{t.fileFullHelp}</p>
          <ul className="buttons plain">
            <li>{link('pdf', 'full', t.fileFullPdf)}</li>
            <li>{link('html', 'full', t.fileFullHtml)}</li>
          </ul>
        </div>
        <div>
          <h3>{t.fileParents}</h3>
          <p className="hint">{t.fileParentsHelp}</p>
          <ul className="buttons plain">
            <li>{link('pdf', 'parents', t.fileParentsPdf)}</li>
            <li>{link('html', 'parents', t.fileParentsHtml)}</li>
          </ul>
        </div>
      </div>
    </section>
  );
}

// @trygg/casefile: the whole case in the form the county governor asks for it (seeds/002) — the
// data (loadCaseFile), the completeness check against the five sub-duties of § 12-4, the
// parents' copy with other pupils redacted, and the HTML and PDF renderings.
export type * from './types';
export { CaseNotFoundError, loadCaseFile, type LoadCaseFileOptions } from './load';
export { completeness, SUB_DUTIES } from './completeness';
export { redactForParents, redactNames, REDACTION } from './redact';
export { freeTexts, mapFreeText, type FreeText } from './free-text';
export { buildDocument, type Block, type CaseFileDocument, type RenderOptions } from './document';
export { renderCaseFileHtml, escapeHtml } from './html';
export { renderCaseFilePdf, toWinAnsi } from './pdf';
export { formatDate, formatInstant } from './format';

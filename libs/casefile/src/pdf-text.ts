// Test support: the text of a PDF as pdfjs-dist reads it (its legacy build runs in Node). The
// standard fonts are not loaded: text extraction does not need their glyphs.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  pages: string[];
  /** All pages, whitespace collapsed to single spaces (a phrase wrapped over two lines still matches). */
  flat: string;
  title: string | null;
}

export async function pdfText(pdf: Buffer | Uint8Array): Promise<PdfText> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  const meta = await doc.getMetadata();
  const info = meta.info as { Title?: string };
  await task.destroy();
  return { pages, flat: pages.join('\n').replace(/\s+/g, ' '), title: info.Title ?? null };
}

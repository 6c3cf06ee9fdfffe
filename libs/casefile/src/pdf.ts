// The case file as a PDF, drawn with pdfkit (pure JavaScript: no browser in production). Only
// the PDF standard fonts are used (Helvetica), so nothing is embedded or fetched; they are
// encoded in WinAnsi, which holds æ, ø, å, «», – and §. A character outside WinAnsi is shown
// without its accent where it has one ("ő" → "o"), else as "?" — never as broken bytes.
import PDFDocument from 'pdfkit';
import { buildDocument, type Block, type RenderOptions } from './document';
import { labels } from './labels';
import type { CaseFile } from './types';

/** Unicode code points WinAnsi has outside Latin-1 (pdfkit maps them). */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Latin-1 and the punctuation Norwegian text uses: nothing to replace (the common case). */
const PLAIN = /^[\n\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/;

const encodable = (cp: number) => (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);

/** Text the standard fonts can draw: NFC, plain line breaks, unknown characters replaced. */
export function toWinAnsi(text: string): string {
  const normalised = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  if (PLAIN.test(normalised)) return normalised;
  let out = '';
  for (const ch of normalised) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n' || encodable(cp)) {
      out += ch;
      continue;
    }
    if (cp === 0x2212 || cp === 0x2010 || cp === 0x2011) {
      out += '-';
      continue;
    }
    if (cp === 0x2009 || cp === 0x202f || cp === 0x2007) {
      out += ' ';
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += base.length > 0 && [...base].every((c) => encodable(c.codePointAt(0)!)) ? base : cp < 0x20 ? ' ' : '?';
  }
  return out;
}

const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;
const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
const COLOR = { text: '#111111', muted: '#555555', rule: '#999999', light: '#dddddd', fill: '#eeeeee', bad: '#9b1c1c', good: '#14532d' };
const SIZE = { body: 9.5, small: 8, title: 18, section: 14, heading: 12, subheading: 10.5 };
const CELL_PAD = 3;

type Doc = PDFKit.PDFDocument;

interface Cell {
  text: string;
  font: string;
  width: number;
  color?: string;
}

class Writer {
  readonly left: number;
  readonly width: number;

  constructor(readonly doc: Doc) {
    this.left = MARGIN.left;
    this.width = doc.page.width - MARGIN.left - MARGIN.right;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `needed` points still fit on this one. */
  ensure(needed: number): void {
    if (this.doc.y + needed > this.bottom) this.doc.addPage();
  }

  atTop(): boolean {
    return this.doc.y <= MARGIN.top + 1;
  }

  text(s: string, font: string, size: number, color = COLOR.text, options: PDFKit.Mixins.TextOptions = {}): void {
    this.doc.font(font).fontSize(size).fillColor(color).text(toWinAnsi(s), this.left, this.doc.y, { width: this.width, ...options });
  }

  heightOf(s: string, font: string, size: number, width: number): number {
    return this.doc.font(font).fontSize(size).heightOfString(toWinAnsi(s), { width });
  }

  /**
   * One row of cells side by side at the current y. A row taller than what is left of the page
   * starts a new page; a row taller than a whole page lets its tallest cell run on to the next
   * page (nothing is ever cut off).
   *
   * Speed (a case file has thousands of cells): a cell that fits on one line is measured by its
   * width alone and drawn without the line wrapper; a longer cell's height is estimated from
   * its width, and measured exactly only when the row may not fit on the page.
   */
  row(cells: readonly Cell[], fill?: string, onNewPage?: () => void): void {
    const { doc } = this;
    const metrics = cells.map((c) => {
      const text = toWinAnsi(c.text);
      const inner = c.width - 2 * CELL_PAD;
      doc.font(c.font).fontSize(SIZE.body);
      const lineHeight = doc.currentLineHeight(true);
      const lines = text.split('\n');
      const widths = lines.map((line) => doc.widthOfString(line));
      const single = lines.length === 1 && widths[0]! <= inner;
      // Word wrapping leaves lines short: count each wrapped line at 85 % of the cell.
      const estimate = single ? lineHeight : widths.reduce((n, w) => n + Math.max(1, Math.ceil(w / (inner * 0.85))), 0) * lineHeight;
      return { text, inner, single, width: widths[0]!, lineHeight, height: estimate };
    });
    let height = Math.max(...metrics.map((m) => m.height)) + 2 * CELL_PAD;
    const pageHeight = this.bottom - MARGIN.top;
    if (metrics.some((m) => !m.single) && doc.y + height * 1.5 > this.bottom) {
      for (const [i, m] of metrics.entries()) {
        if (!m.single) m.height = doc.font(cells[i]!.font).fontSize(SIZE.body).heightOfString(m.text, { width: m.inner });
      }
      height = Math.max(...metrics.map((m) => m.height)) + 2 * CELL_PAD;
    }
    if (doc.y + Math.min(height, pageHeight) > this.bottom) {
      doc.addPage();
      onNewPage?.();
    }
    const top = doc.y;
    if (fill && height <= pageHeight) doc.rect(this.left, top, this.width, height).fill(fill);
    let x = this.left;
    const xs = cells.map((c) => {
      const at = x;
      x += c.width;
      return at;
    });
    // Left to right (the reading order of text extraction and screen readers) when the row fits
    // on the page; else one-line cells first, then the wrapped ones, the tallest last, so that
    // it alone runs on to the next page.
    const indices = cells.map((_, i) => i);
    const order =
      top + height <= this.bottom
        ? indices
        : [
            ...indices.filter((i) => metrics[i]!.single),
            ...indices.filter((i) => !metrics[i]!.single).sort((a, b) => metrics[a]!.height - metrics[b]!.height || a - b),
          ];
    let end = top + height;
    const startPage = this.pageIndex();
    for (const i of order) {
      const c = cells[i]!;
      const m = metrics[i]!;
      doc.font(c.font).fontSize(SIZE.body).fillColor(c.color ?? COLOR.text);
      if (m.single) {
        // pdfkit measures a fragment again unless told its width (`textWidth`, which its own
        // line wrapper passes): we have just measured it.
        const options: PDFKit.Mixins.TextOptions & { textWidth: number } = { lineBreak: false, textWidth: m.width };
        doc.text(m.text, xs[i]! + CELL_PAD, top + CELL_PAD, options);
      } else {
        doc.text(m.text, xs[i]! + CELL_PAD, top + CELL_PAD, { width: m.inner });
        end = this.pageIndex() !== startPage ? doc.y + CELL_PAD : Math.max(end, doc.y + CELL_PAD);
      }
    }
    doc.x = this.left;
    doc.y = end;
    this.rule(COLOR.light);
  }

  rule(color: string, weight = 0.5): void {
    const y = this.doc.y;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(weight)
      .strokeColor(color)
      .stroke();
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  private pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count;
  }
}

function drawBlock(w: Writer, block: Block): void {
  const { doc } = w;
  switch (block.type) {
    case 'title':
      w.text(block.text, FONT.bold, SIZE.title);
      w.gap(4);
      w.text(block.subtitle, FONT.regular, SIZE.body, COLOR.muted);
      w.gap(10);
      return;
    case 'section':
      if (block.pageBreak && !w.atTop()) doc.addPage();
      else w.ensure(70);
      if (!w.atTop()) w.gap(12);
      w.text(block.text, FONT.bold, SIZE.section);
      w.gap(2);
      w.rule(COLOR.rule, 1);
      w.gap(6);
      return;
    case 'heading':
      w.ensure(50);
      w.gap(8);
      w.text(block.text, FONT.bold, SIZE.heading);
      w.gap(3);
      return;
    case 'subheading':
      w.ensure(40);
      w.gap(5);
      w.text(block.text, FONT.bold, SIZE.subheading);
      w.gap(2);
      return;
    case 'paragraph':
      w.ensure(20);
      w.text(block.text, block.tone ? FONT.italic : FONT.regular, SIZE.body, block.tone === 'muted' ? COLOR.muted : COLOR.text);
      w.gap(4);
      return;
    case 'fields': {
      const labelWidth = w.width * 0.3;
      for (const [label, value] of block.rows) {
        w.row([
          { text: label, font: FONT.bold, width: labelWidth },
          { text: value, font: FONT.regular, width: w.width - labelWidth },
        ]);
      }
      w.gap(4);
      return;
    }
    case 'list':
      for (const item of block.items) {
        w.ensure(14);
        const y = doc.y;
        doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
        doc.text('•', w.left + 4, y, { lineBreak: false });
        doc.text(toWinAnsi(item), w.left + 16, y, { width: w.width - 16 });
        w.gap(2);
      }
      w.gap(4);
      return;
    case 'table': {
      const widths = block.widths.map((f) => f * w.width);
      const header = () =>
        w.row(
          block.head.map((h, i) => ({ text: h, font: FONT.bold, width: widths[i]! })),
          COLOR.fill,
        );
      header();
      for (const r of block.rows) {
        // The header again at the top of every page the table runs on to.
        w.row(
          r.map((cell, i) => ({ text: cell, font: FONT.regular, width: widths[i]! })),
          undefined,
          header,
        );
      }
      w.gap(6);
      return;
    }
    case 'completeness': {
      w.ensure(80);
      w.gap(10);
      const top = doc.y;
      const startPages = doc.bufferedPageRange().count;
      w.gap(6);
      doc.font(FONT.bold).fontSize(SIZE.section).fillColor(COLOR.text).text(toWinAnsi(block.heading), w.left + 8, doc.y, { width: w.width - 16 });
      w.gap(3);
      doc.font(FONT.regular).fontSize(SIZE.body).text(toWinAnsi(block.summary || block.intro), w.left + 8, doc.y, { width: w.width - 16 });
      w.gap(6);
      for (const duty of block.duties) {
        w.ensure(30);
        doc.font(FONT.bold).fontSize(SIZE.heading).fillColor(COLOR.text);
        doc.text(toWinAnsi(`${duty.label}: `), w.left + 8, doc.y, { continued: true, width: w.width - 16 });
        doc.fillColor(duty.ok ? COLOR.good : COLOR.bad).text(toWinAnsi(duty.status));
        for (const m of duty.missing) {
          w.ensure(14);
          doc.font(FONT.regular).fontSize(SIZE.body).fillColor(COLOR.text);
          doc.text(toWinAnsi(`–  ${m}`), w.left + 20, doc.y, { width: w.width - 28 });
          w.gap(1);
        }
        w.gap(5);
      }
      // A frame around the check when it fits on one page (it normally does: it is the first page).
      if (doc.bufferedPageRange().count === startPages) {
        doc.rect(w.left, top, w.width, doc.y - top).lineWidth(1.5).strokeColor(COLOR.text).stroke();
      }
      w.gap(10);
      return;
    }
  }
}

/** The whole case file as a PDF (A4). */
export function renderCaseFilePdf(file: CaseFile, options: RenderOptions): Promise<Buffer> {
  const document = buildDocument(file, options);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    lang: document.lang === 'nn' ? 'nn-NO' : 'nb-NO',
    displayTitle: true,
    info: {
      // The title carries the case number only, never a name.
      Title: toWinAnsi(document.title),
      Author: 'trygg',
      Creator: 'trygg',
      Producer: 'trygg',
      CreationDate: new Date(file.assembledAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = new Writer(doc);
  for (const block of document.blocks) drawBlock(w, block);

  // Footer on every page: what this is and "page n of m" (the margin is lifted while drawing
  // it, or pdfkit would start a new page for text below the bottom margin).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN.bottom + 18;
    doc.font(FONT.regular).fontSize(SIZE.small).fillColor(COLOR.muted);
    doc.text(toWinAnsi(document.footer), MARGIN.left, y, { width: w.width * 0.75, lineBreak: false, ellipsis: true });
    const page = toWinAnsi(labels(document.lang).page(i - range.start + 1, range.count));
    doc.text(page, MARGIN.left + w.width * 0.75, y, { width: w.width * 0.25, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

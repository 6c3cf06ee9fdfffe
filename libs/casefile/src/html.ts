// The case file as one self-contained HTML page: inline styles, no scripts, no external
// resources (it is opened offline, printed and archived). Every text is escaped: what a
// teacher typed is shown as text, never run as markup.
import { buildDocument, type Block, type RenderOptions } from './document';
import type { CaseFile } from './types';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Escaped text with its line breaks kept. */
const text = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');

const STYLE = `
body{font-family:Helvetica,Arial,sans-serif;font-size:11pt;line-height:1.4;color:#111;max-width:58rem;margin:2rem auto;padding:0 1rem}
h1{font-size:20pt;margin:0 0 .25rem}
h2{font-size:15pt;border-bottom:1px solid #999;margin:2rem 0 .5rem;padding-bottom:.2rem}
h2.page{break-before:page}
h3{font-size:12.5pt;margin:1.25rem 0 .3rem}
h4{font-size:11pt;margin:1rem 0 .2rem}
.subtitle{margin:0 0 1rem;color:#333}
.note{background:#f3f3f3;padding:.5rem .75rem}
.muted{color:#555;font-style:italic}
table{border-collapse:collapse;width:100%;margin:.25rem 0 .75rem}
th,td{text-align:left;vertical-align:top;padding:.2rem .4rem;border-bottom:1px solid #ddd}
table.fields th{width:30%;font-weight:bold}
.check{border:2px solid #111;padding:.5rem 1rem;margin:1rem 0}
.check h2{border:0;margin:.25rem 0}
.duty{margin:.4rem 0}
.duty .status{font-weight:bold}
.duty.missing .status{color:#9b1c1c}
.duty.ok .status{color:#14532d}
footer{margin-top:2rem;font-size:9pt;color:#555;border-top:1px solid #999;padding-top:.3rem}
@media print{body{margin:0;max-width:none}}
`;

function renderBlock(block: Block): string {
  switch (block.type) {
    case 'title':
      return `<h1>${text(block.text)}</h1>\n<p class="subtitle">${text(block.subtitle)}</p>`;
    case 'section':
      return `<h2${block.pageBreak ? ' class="page"' : ''}>${text(block.text)}</h2>`;
    case 'heading':
      return `<h3>${text(block.text)}</h3>`;
    case 'subheading':
      return `<h4>${text(block.text)}</h4>`;
    case 'paragraph':
      return `<p${block.tone ? ` class="${block.tone}"` : ''}>${text(block.text)}</p>`;
    case 'fields':
      return `<table class="fields"><tbody>${block.rows.map(([k, v]) => `<tr><th scope="row">${text(k)}</th><td>${text(v)}</td></tr>`).join('')}</tbody></table>`;
    case 'list':
      return `<ul>${block.items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`;
    case 'table':
      return (
        `<table><thead><tr>${block.head.map((h, i) => `<th style="width:${Math.round((block.widths[i] ?? 0) * 100)}%">${text(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${block.rows.map((r) => `<tr>${r.map((cell) => `<td>${text(cell)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`
      );
    case 'completeness':
      return (
        `<section class="check" aria-labelledby="check"><h2 id="check">${text(block.heading)}</h2>` +
        (block.summary ? `<p>${text(block.summary)}</p>` : `<p>${text(block.intro)}</p>`) +
        block.duties
          .map(
            (d) =>
              `<div class="duty ${d.ok ? 'ok' : 'missing'}"><span class="name">${text(d.label)}</span>: <span class="status">${text(d.status)}</span>` +
              (d.missing.length ? `<ul>${d.missing.map((m) => `<li>${text(m)}</li>`).join('')}</ul>` : '') +
              `</div>`,
          )
          .join('') +
        `</section>`
      );
  }
}

/** The whole case file as an HTML document (UTF-8). */
export function renderCaseFileHtml(file: CaseFile, options: RenderOptions): string {
  const doc = buildDocument(file, options);
  return [
    '<!doctype html>',
    `<html lang="${doc.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${text(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...doc.blocks.map(renderBlock),
    '</main>',
    `<footer>${text(doc.footer)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

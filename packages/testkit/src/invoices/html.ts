import { escapeHtml, formatRate, formatSwedishNumber } from './swedish-format.ts';
import { invoiceTemplate, type InvoiceTemplate } from './templates.ts';
import type { InvoiceTemplateId, InvoiceTruth } from './truth.ts';

/**
 * An A4 invoice as HTML, laid out the way the text parser expects (packages/invoicing/README.md, "Generated
 * invoices"): every visual row holds one logical line (supplier lines, one `Label value` per header field, one
 * row per article, one row per total), so a PDF text layer or OCR reads it back line by line. All text is
 * real text (the PDF gets a text layer) and escaped.
 */
export function renderInvoiceHtml(
  truth: InvoiceTruth,
  template?: InvoiceTemplate | InvoiceTemplateId,
): string {
  const t = resolveTemplate(truth, template);
  const { labels } = t;
  const n = (value: string): string => escapeHtml(formatSwedishNumber(value, t.thousandsSeparator));
  const e = escapeHtml;
  const field = (label: string, value: string | null): string =>
    value === null ? '' : `<tr><th>${e(label + labels.headerSuffix)}</th><td>${e(value)}</td></tr>`;
  const credit = truth.documentType === 'credit_note';

  const fields = [
    field(labels.invoiceNumber, truth.invoiceNumber),
    field(labels.invoiceDate, truth.invoiceDate),
    field(labels.dueDate, truth.dueDate),
    field(labels.deliveryDate, truth.deliveryDate),
    field(labels.orderReference, truth.orderReference),
    field(labels.customerNumber, truth.buyer.customerNumber),
    field(labels.creditedInvoice, truth.creditedInvoiceNumber),
  ].join('');

  const rows = truth.lines
    .map(
      (line) =>
        `<tr><td class="art">${e(line.articleNumber)}</td><td class="desc">${e(line.description)}</td>` +
        `<td class="num">${n(line.quantity)}</td><td class="unit">${e(line.unit)}</td>` +
        `<td class="num">${n(line.unitPrice)}</td><td class="num">${e(formatRate(line.vatRate, false))}</td>` +
        `<td class="num">${n(line.lineTotal)}</td></tr>`,
    )
    .join('');

  const vatRows = truth.vatBreakdown
    .map((row) => {
      const label = [
        'Moms',
        formatRate(row.rate, true),
        labels.vatOn,
        formatSwedishNumber(row.base, t.thousandsSeparator),
      ]
        .filter((part) => part !== '')
        .join(' ');
      return `<tr><th>${e(label)}</th><td>${n(row.vat)}</td></tr>`;
    })
    .join('');

  const payment = [
    truth.supplier.bankgiro === null ? '' : `<div>${e(labels.bankgiro)} ${e(truth.supplier.bankgiro)}</div>`,
    truth.supplier.plusgiro === null ? '' : `<div>${e(labels.plusgiro)} ${e(truth.supplier.plusgiro)}</div>`,
    `<div>${e(labels.ocr)} ${e(truth.ocrReference)}</div>`,
  ].join('');

  const columns = labels.columns
    .map((c, i) => `<th class="${i >= 2 && i !== 3 ? 'num' : ''}">${e(c)}</th>`)
    .join('');
  const title = credit ? 'KREDITFAKTURA' : 'FAKTURA';

  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>${e(`${title} ${truth.invoiceNumber}`)}</title>
<style>${stylesheet(t)}</style></head>
<body><div class="page">
<header class="brand"><div class="logo" aria-hidden="true"><i></i><i></i><i></i></div><div class="supplier-name">${e(truth.supplier.name)}</div></header>
<div class="supplier">
<div>${e(truth.supplier.address.street)}</div>
<div>${e(`${truth.supplier.address.postalCode} ${truth.supplier.address.city}`)}</div>
<div>${e(labels.orgNumber)} ${e(truth.supplier.orgNumber)}</div>
<div>${e(labels.vatNumber)} ${e(truth.supplier.vatNumber)}</div>
</div>
<h1 class="title">${title}</h1>
<table class="fields">${fields}</table>
<div class="buyer">
<div class="caption">Fakturamottagare</div>
<div class="buyer-name">${e(truth.buyer.name)}</div>
<div>${e(truth.buyer.address.street)}</div>
<div>${e(`${truth.buyer.address.postalCode} ${truth.buyer.address.city}`)}</div>
</div>
<table class="lines"><thead><tr>${columns}</tr></thead><tbody>${rows}</tbody></table>
<table class="totals">
<tr><th>${e(labels.netTotal)}</th><td>${n(truth.netTotal)}</td></tr>
${vatRows}
<tr><th>${e(labels.vatTotal)}</th><td>${n(truth.vatTotal)}</td></tr>
<tr><th>${e(labels.rounding)}</th><td>${n(truth.roundingAmount)}</td></tr>
<tr class="due"><th>${e(labels.amountDue)}</th><td>${n(truth.amountDue)}</td></tr>
</table>
<div class="payment">${payment}</div>
<footer>${t.footer.map((line) => `<div>${e(line)}</div>`).join('')}</footer>
</div></body></html>`;
}

function resolveTemplate(
  truth: InvoiceTruth,
  template: InvoiceTemplate | InvoiceTemplateId | undefined,
): InvoiceTemplate {
  if (template === undefined) return invoiceTemplate(truth.template);
  return typeof template === 'string' ? invoiceTemplate(template) : template;
}

function stylesheet(t: InvoiceTemplate): string {
  const { accent, accentSoft, nameFont, bodyFont, striped } = t.style;
  return `
@page { size: A4; margin: 14mm 0 14mm 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: ${bodyFont}; font-size: 9.5pt; color: #1d1d1b; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { width: 210mm; min-height: 297mm; padding: 14mm 16mm 14mm 16mm; }
@media print { .page { min-height: 0; padding-top: 0; padding-bottom: 0; } }
.brand { display: flex; align-items: center; gap: 4mm; border-bottom: 1.2mm solid ${accent}; padding-bottom: 3mm; }
.logo { position: relative; width: 13mm; height: 13mm; border-radius: 50%; background: ${accent}; flex: none; overflow: hidden; }
.logo i { position: absolute; left: -2mm; right: -2mm; height: 1.6mm; background: #fff; opacity: .85; transform: rotate(-18deg); }
.logo i:nth-child(1) { top: 4mm; } .logo i:nth-child(2) { top: 6.8mm; } .logo i:nth-child(3) { top: 9.6mm; }
.supplier-name { font-family: ${nameFont}; font-size: 21pt; font-weight: bold; color: ${accent}; letter-spacing: .2pt; }
.supplier { margin-top: 2.5mm; font-size: 8.5pt; line-height: 1.45; color: #444; }
.title { font-size: 17pt; letter-spacing: 2pt; margin: 6mm 0 3mm 0; color: #111; }
table { border-collapse: collapse; }
.fields { background: ${accentSoft}; border-left: 1mm solid ${accent}; }
.fields th { text-align: left; font-weight: normal; color: #555; padding: 1mm 6mm 1mm 3mm; white-space: nowrap; }
.fields td { font-weight: bold; padding: 1mm 3mm 1mm 0; white-space: nowrap; }
.buyer { margin: 5mm 0 6mm 0; line-height: 1.45; }
.buyer .caption { font-size: 7.5pt; text-transform: uppercase; letter-spacing: .8pt; color: ${accent}; }
.buyer-name { font-weight: bold; }
.lines { width: 100%; font-size: 8.8pt; }
.lines thead { display: table-row-group; }
.lines th { background: ${accent}; color: #fff; text-align: left; padding: 1.6mm 1.5mm; font-weight: bold; white-space: nowrap; }
.lines td { padding: 1.3mm 1.5mm; border-bottom: .2mm solid #d6d6d6; white-space: nowrap; }
.lines tr { break-inside: avoid; }
${striped ? `.lines tbody tr:nth-child(even) td { background: ${accentSoft}; }` : ''}
.lines .num { text-align: right; }
.lines .desc { width: 100%; }
.totals { margin: 5mm 0 0 auto; min-width: 88mm; break-inside: avoid; }
.totals th { text-align: left; font-weight: normal; padding: 1mm 8mm 1mm 0; white-space: nowrap; }
.totals td { text-align: right; padding: 1mm 0; white-space: nowrap; }
.totals .due th, .totals .due td { font-weight: bold; font-size: 11pt; border-top: .4mm solid ${accent}; padding-top: 2mm; }
.payment { margin-top: 7mm; padding: 3mm 4mm; border: .3mm solid ${accent}; border-radius: 1.5mm; width: 90mm; line-height: 1.6; font-weight: bold; break-inside: avoid; }
footer { margin-top: 10mm; padding-top: 2mm; border-top: .2mm solid #bbb; font-size: 7.5pt; color: #666; line-height: 1.5; break-inside: avoid; }
`;
}

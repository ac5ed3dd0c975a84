import { describe, expect, it } from 'vitest';
import { generateInvoiceTruth } from './generate.ts';
import { renderInvoiceHtml } from './html.ts';
import { formatSwedishNumber } from './swedish-format.ts';
import { INVOICE_TEMPLATE_IDS, invoiceTemplate } from './templates.ts';

/** The visible text of the page, one string, tags removed and entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t\r\n]+/g, ' ');
}

describe('formatSwedishNumber', () => {
  it('uses a decimal comma, grouped thousands and a hyphen-minus', () => {
    expect(formatSwedishNumber('1234.50')).toBe('1\u00a0234,50');
    expect(formatSwedishNumber('-1234567.891', ' ')).toBe('-1 234 567,891');
    expect(formatSwedishNumber('999.00')).toBe('999,00');
    expect(formatSwedishNumber('12')).toBe('12');
    expect(() => formatSwedishNumber('1e5')).toThrow(RangeError);
  });
});

describe('renderInvoiceHtml', () => {
  it.each(INVOICE_TEMPLATE_IDS)('prints every field of the truth with the %s labels', (id) => {
    const truth = generateInvoiceTruth({ seed: 11, template: id, lines: 8, orderReference: 'IR-000777' });
    const template = invoiceTemplate(id);
    const sep = template.thousandsSeparator;
    const text = visibleText(renderInvoiceHtml(truth));
    const { labels } = template;
    const s = labels.headerSuffix;
    expect(text).toContain(`${truth.supplier.name} ${truth.supplier.address.street}`);
    expect(text).toContain(`${labels.orgNumber} ${truth.supplier.orgNumber}`);
    expect(text).toContain(`${labels.vatNumber} ${truth.supplier.vatNumber}`);
    expect(text).toContain(' FAKTURA ');
    expect(text).toContain(`${labels.invoiceNumber}${s} ${truth.invoiceNumber}`);
    expect(text).toContain(`${labels.invoiceDate}${s} ${truth.invoiceDate}`);
    expect(text).toContain(`${labels.dueDate}${s} ${truth.dueDate}`);
    expect(text).toContain(`${labels.deliveryDate}${s} ${truth.deliveryDate}`);
    expect(text).toContain(`${labels.orderReference}${s} IR-000777`);
    expect(text).toContain(`${labels.customerNumber}${s} ${truth.buyer.customerNumber}`);
    expect(text).toContain(labels.columns.join(' '));
    for (const line of truth.lines) {
      const n = (value: string) => formatSwedishNumber(value, sep);
      expect(text).toContain(
        `${line.articleNumber} ${line.description} ${n(line.quantity)} ${line.unit} ${n(line.unitPrice)} ${line.vatRate}% ${n(line.lineTotal)}`,
      );
    }
    expect(text).toContain(`${labels.netTotal} ${formatSwedishNumber(truth.netTotal, sep)}`);
    for (const row of truth.vatBreakdown) {
      const on = labels.vatOn === '' ? '' : `${labels.vatOn} `;
      expect(text).toContain(
        `Moms ${row.rate} % ${on}${formatSwedishNumber(row.base, sep)} ${formatSwedishNumber(row.vat, sep)}`,
      );
    }
    expect(text).toContain(`${labels.vatTotal} ${formatSwedishNumber(truth.vatTotal, sep)}`);
    expect(text).toContain(`${labels.rounding} ${formatSwedishNumber(truth.roundingAmount, sep)}`);
    expect(text).toContain(`${labels.amountDue} ${formatSwedishNumber(truth.amountDue, sep)}`);
    if (truth.supplier.bankgiro) expect(text).toContain(`${labels.bankgiro} ${truth.supplier.bankgiro}`);
    if (truth.supplier.plusgiro) expect(text).toContain(`${labels.plusgiro} ${truth.supplier.plusgiro}`);
    expect(text).toContain(`${labels.ocr} ${truth.ocrReference}`);
  });

  it('titles a credit note and names the credited invoice', () => {
    const truth = generateInvoiceTruth({ seed: 3, template: 'fjallfarsk', documentType: 'credit_note' });
    const text = visibleText(renderInvoiceHtml(truth));
    expect(text).toContain(' KREDITFAKTURA ');
    expect(text).toContain(`Krediterar faktura: ${truth.creditedInvoiceNumber}`);
    expect(text).toMatch(/Totalt att betala -\d/);
  });

  it('escapes text from the truth', () => {
    const truth = generateInvoiceTruth({
      seed: 1,
      template: 'kustens-fisk',
      supplier: { name: '<b>Fisk & "Co"</b>' },
    });
    const html = renderInvoiceHtml(truth);
    expect(html).not.toContain('<b>Fisk');
    expect(html).toContain('&lt;b&gt;Fisk &amp; &quot;Co&quot;&lt;/b&gt;');
  });
});

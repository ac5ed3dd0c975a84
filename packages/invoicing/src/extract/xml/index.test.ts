import { readFileSync } from 'node:fs';
import { AppError } from '@iris/core';
import { describe, expect, it } from 'vitest';
import { zExtractedInvoice } from '../../model.ts';
import { detectXmlFormat, parseInvoiceXml } from './index.ts';
import { xmlDate } from './xml-tree.ts';

const fixtureText = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function refusal(bytes: Buffer): AppError {
  try {
    parseInvoiceXml(bytes);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('parseInvoiceXml accepted the document');
}

describe('detectXmlFormat', () => {
  it('recognises UBL invoices and credit notes, Svefaktura, prefixed roots and SBDH envelopes', () => {
    expect(detectXmlFormat(fixtureText('peppol-invoice.xml'))).toBe('peppol_ubl');
    expect(detectXmlFormat(fixtureText('peppol-credit-note.xml'))).toBe('peppol_ubl');
    expect(detectXmlFormat(fixtureText('svefaktura-invoice.xml'))).toBe('svefaktura');
    const enveloped = `<?xml version="1.0"?><StandardBusinessDocument xmlns="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"><StandardBusinessDocumentHeader><HeaderVersion>1.0</HeaderVersion></StandardBusinessDocumentHeader>${fixtureText('peppol-invoice.xml').replace(/^<\?xml[^>]*>/, '')}</StandardBusinessDocument>`;
    expect(detectXmlFormat(enveloped)).toBe('peppol_ubl');
    expect(parseInvoiceXml(Buffer.from(enveloped)).invoice.invoiceNumber).toBe('2026-10457');
  });

  it('returns null for other XML and for text', () => {
    expect(detectXmlFormat('<Invoice xmlns="urn:example:other"><ID>1</ID></Invoice>')).toBeNull();
    expect(
      detectXmlFormat('<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>'),
    ).toBeNull();
    expect(detectXmlFormat('Fakturanummer 12345')).toBeNull();
  });
});

describe('parseInvoiceXml refusals', () => {
  it('refuses a billion-laughs document before expanding anything', () => {
    const error = refusal(Buffer.from(fixtureText('billion-laughs.xml')));
    expect(error.code).toBe('INVOICE_FILE_INVALID');
    expect(error.message).toMatch(/DOCTYPE/);
  });

  it('refuses an external entity (XXE) document', () => {
    const error = refusal(Buffer.from(fixtureText('xxe.xml')));
    expect(error.code).toBe('INVOICE_FILE_INVALID');
    expect(error.message).not.toContain('root:');
  });

  it('refuses malformed XML with its position', () => {
    const error = refusal(
      Buffer.from(fixtureText('peppol-invoice.xml').replace('</cbc:IssueDate>', '</cbc:IssueDat>')),
    );
    expect(error.code).toBe('INVOICE_FILE_INVALID');
    expect(error.message).toMatch(/not well-formed/);
    expect(error.details).toHaveProperty('line');
  });

  it('refuses well-formed XML that is not an e-invoice', () => {
    const error = refusal(
      Buffer.from(
        '<?xml version="1.0"?><Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>',
      ),
    );
    expect(error.code).toBe('INVOICE_FILE_INVALID');
    expect(error.message).toMatch(/PEPPOL BIS Billing 3.0/);
  });

  it('reads an ISO-8859-1 encoded Svefaktura', () => {
    const latin = Buffer.from(
      fixtureText('svefaktura-invoice.xml').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
      'latin1',
    );
    expect(parseInvoiceXml(latin).invoice.supplierName).toBe('Grönsaksgrossisten Mälardalen AB');
  });
});

describe('dates that are not calendar dates', () => {
  it('xmlDate keeps real dates (and the date of a dateTime) and drops impossible ones', () => {
    expect(xmlDate('2026-05-12')).toBe('2026-05-12');
    expect(xmlDate('2026-05-11T06:30:00')).toBe('2026-05-11');
    expect(xmlDate('2028-02-29')).toBe('2028-02-29');
    expect(xmlDate('2026-02-29')).toBeNull();
    expect(xmlDate('2026-02-30')).toBeNull();
    expect(xmlDate('2026-13-45')).toBeNull();
    expect(xmlDate('2026-00-10')).toBeNull();
    expect(xmlDate(null)).toBeNull();
  });

  it('an invoice with impossible dates is read without them, flagged, and fits the model', () => {
    const text = fixtureText('peppol-invoice.xml')
      .replace('<cbc:IssueDate>2026-05-12</cbc:IssueDate>', '<cbc:IssueDate>2026-13-45</cbc:IssueDate>')
      .replace('<cbc:DueDate>2026-06-11</cbc:DueDate>', '<cbc:DueDate>2026-02-30</cbc:DueDate>');
    const { invoice } = parseInvoiceXml(Buffer.from(text));
    expect(invoice).toMatchObject({ invoiceDate: null, dueDate: null, deliveryDate: '2026-05-11' });
    expect(invoice.flags).toContain('MISSING_INVOICE_DATE');
    expect(zExtractedInvoice.safeParse(invoice).success).toBe(true);
  });
});

describe('the document currency', () => {
  const documents = [
    { name: 'peppol-invoice.xml', element: 'cbc:DocumentCurrencyCode' },
    { name: 'svefaktura-invoice.xml', element: 'InvoiceCurrencyCode' },
  ];
  const withCode = (name: string, element: string, code: string | null) => {
    const original = `<${element}>SEK</${element}>`;
    const text = fixtureText(name);
    expect(text).toContain(original);
    return Buffer.from(text.replace(original, code === null ? '' : `<${element}>${code}</${element}>`));
  };

  it.each(documents)(
    '$name: a missing code is SEK, a three-letter one is upper-cased',
    ({ name, element }) => {
      expect(parseInvoiceXml(withCode(name, element, null)).invoice.currency).toBe('SEK');
      expect(parseInvoiceXml(withCode(name, element, ' sek ')).invoice.currency).toBe('SEK');
      expect(parseInvoiceXml(withCode(name, element, 'eur')).invoice.currency).toBe('EUR');
    },
  );

  it.each(documents)('$name: any other code is refused, naming it for the uploader', ({ name, element }) => {
    for (const code of ['kr', 'Kronor', 'SE K', '752']) {
      const error = refusal(withCode(name, element, code));
      expect(error.code).toBe('INVOICE_FILE_INVALID');
      expect(error.message).toContain(`"${code}"`);
      expect(error.message).toMatch(/ISO 4217/);
    }
  });
});

import { readFileSync } from 'node:fs';
import { AppError } from '@iris/core';
import { describe, expect, it } from 'vitest';
import { detectXmlFormat, parseInvoiceXml } from './index.ts';

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

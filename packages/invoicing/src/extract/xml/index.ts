import { AppError } from '@iris/core';
import { checkInvoice } from '../../checks.ts';
import type { ExtractedInvoice } from '../../model.ts';
import { normaliseCreditNoteSigns } from '../../parse/credit-note.ts';
import { mapSvefaktura } from './svefaktura.ts';
import { mapUbl } from './ubl.ts';
import { decodeXml, first, parseXmlTree, type XmlElement, type XmlNode } from './xml-tree.ts';

export type XmlInvoiceFormat = 'peppol_ubl' | 'svefaktura';

const UBL_INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
const UBL_CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';
const SVEFAKTURA_NS = 'urn:sfti:documents:BasicInvoice:1:0';

interface DocumentElement {
  format: XmlInvoiceFormat;
  localName: 'Invoice' | 'CreditNote';
}

/**
 * Finds the invoice element (the root, or inside a StandardBusinessDocument envelope) and the namespace
 * its prefix is bound to. Looks at the text only, so it is cheap enough to sniff an upload with.
 */
function findDocumentElement(text: string): DocumentElement | null {
  const namespaces = new Map<string, string>();
  for (const match of text.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*["']([^"']+)["']/g)) {
    const prefix = match[1] ?? '';
    if (!namespaces.has(prefix) && match[2] !== undefined) namespaces.set(prefix, match[2]);
  }
  for (const match of text.matchAll(/<(?:([\w.-]+):)?(Invoice|CreditNote)(?=[\s>/])([^>]*)>/g)) {
    const prefix = match[1] ?? '';
    const own = new RegExp(`xmlns${prefix === '' ? '' : `:${prefix}`}\\s*=\\s*["']([^"']+)["']`).exec(
      match[3] ?? '',
    );
    const namespace = own?.[1] ?? namespaces.get(prefix);
    const localName = match[2] as 'Invoice' | 'CreditNote';
    if (namespace === UBL_INVOICE_NS && localName === 'Invoice') return { format: 'peppol_ubl', localName };
    if (namespace === UBL_CREDIT_NOTE_NS && localName === 'CreditNote')
      return { format: 'peppol_ubl', localName };
    if (namespace === SVEFAKTURA_NS && localName === 'Invoice') return { format: 'svefaktura', localName };
  }
  return null;
}

/** Which e-invoice format an XML text is, or null if it is neither (or not XML). */
export function detectXmlFormat(text: string): XmlInvoiceFormat | null {
  return findDocumentElement(text)?.format ?? null;
}

function documentNode(tree: XmlElement, localName: 'Invoice' | 'CreditNote'): XmlNode | undefined {
  return first(tree, localName) ?? first(tree, 'StandardBusinessDocument', localName);
}

/**
 * Reads a PEPPOL BIS Billing 3.0 or Svefaktura 1.0 document. The result has credit note amounts made
 * positive and has been through `checkInvoice`. Anything else, malformed XML, or XML with a DOCTYPE is
 * refused with INVOICE_FILE_INVALID.
 */
export function parseInvoiceXml(bytes: Buffer): { method: XmlInvoiceFormat; invoice: ExtractedInvoice } {
  const text = decodeXml(bytes);
  const tree = parseXmlTree(text);
  const found = findDocumentElement(text);
  if (found === null) {
    throw new AppError(
      'INVOICE_FILE_INVALID',
      'The XML is not an e-invoice Iris reads: expected a PEPPOL BIS Billing 3.0 Invoice or CreditNote (UBL 2.1) or a Svefaktura 1.0 Invoice',
    );
  }
  const node = documentNode(tree, found.localName);
  if (node === undefined || typeof node === 'string') {
    throw new AppError(
      'INVOICE_FILE_INVALID',
      `The ${found.localName} element is empty or not where the format puts it`,
    );
  }
  const raw = found.format === 'peppol_ubl' ? mapUbl(node, found.localName) : mapSvefaktura(node);
  return { method: found.format, invoice: checkInvoice(normaliseCreditNoteSigns(raw)) };
}

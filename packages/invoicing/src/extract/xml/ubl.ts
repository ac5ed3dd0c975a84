import type { ExtractedInvoice, ExtractedLine, VatSubtotal } from '../../model.ts';
import { emptyInvoice } from '../../parse/empty-invoice.ts';
import {
  normaliseBankgiro,
  normaliseOcrReference,
  normaliseOrgNumber,
  normalisePlusgiro,
  normaliseVatNumber,
} from '../../parse/identifiers.ts';
import { unitFromCode } from './units.ts';
import {
  all,
  attribute,
  documentCurrency,
  first,
  pricePerUnit,
  textAt,
  xmlDate,
  xmlDecimal,
  type XmlNode,
} from './xml-tree.ts';

/**
 * PEPPOL BIS Billing 3.0 (UBL 2.1 `Invoice` / `CreditNote`) → ExtractedInvoice, before sign normalisation
 * and checks (see parseInvoiceXml). Namespace prefixes are already gone; paths use local names.
 */

/** Account ids that look like giro numbers when no branch id says which giro it is. */
const BANKGIRO_SHAPE = /^\d{3,4}-\d{4}$/;
const PLUSGIRO_SHAPE = /^\d{1,7}-\d$/;

function line(node: XmlNode, index: number): ExtractedLine {
  const quantityNode = first(node, 'InvoicedQuantity') ?? first(node, 'CreditedQuantity');
  const item = first(node, 'Item');
  const gtinNode = all(item, 'StandardItemIdentification', 'ID').find(
    (id) => attribute(id, 'schemeID') === '0160' || attribute(id, 'schemeID') === null,
  );
  return {
    position: index + 1,
    articleNumber: textAt(item, 'SellersItemIdentification', 'ID'),
    gtin: gtinNode === undefined ? null : textAt(gtinNode),
    description: textAt(item, 'Name') ?? textAt(item, 'Description') ?? '',
    quantity: xmlDecimal(textAt(quantityNode)),
    unit: unitFromCode(attribute(quantityNode, 'unitCode')),
    unitPrice: pricePerUnit(
      xmlDecimal(textAt(node, 'Price', 'PriceAmount')),
      xmlDecimal(textAt(node, 'Price', 'BaseQuantity')),
    ),
    vatRate: xmlDecimal(textAt(item, 'ClassifiedTaxCategory', 'Percent')),
    lineTotal: xmlDecimal(textAt(node, 'LineExtensionAmount')),
    flags: [],
  };
}

/** The TaxTotal in the document currency (BIS allows a second one in the accounting currency). */
function documentTaxTotal(root: XmlNode, currency: string): XmlNode | undefined {
  const totals = all(root, 'TaxTotal');
  return (
    totals.find((total) => attribute(first(total, 'TaxAmount'), 'currencyID') === currency) ??
    totals.find((total) => all(total, 'TaxSubtotal').length > 0) ??
    totals[0]
  );
}

function vatBreakdown(taxTotal: XmlNode | undefined): VatSubtotal[] {
  const entries: VatSubtotal[] = [];
  for (const subtotal of all(taxTotal, 'TaxSubtotal')) {
    const rate = xmlDecimal(textAt(subtotal, 'TaxCategory', 'Percent')) ?? '0';
    const base = xmlDecimal(textAt(subtotal, 'TaxableAmount'));
    const vat = xmlDecimal(textAt(subtotal, 'TaxAmount'));
    if (base !== null && vat !== null) entries.push({ rate, base, vat });
  }
  return entries;
}

function payment(root: XmlNode, invoice: ExtractedInvoice): void {
  for (const means of all(root, 'PaymentMeans')) {
    const paymentId = textAt(means, 'PaymentID');
    if (invoice.ocrReference === null && paymentId !== null)
      invoice.ocrReference = normaliseOcrReference(paymentId);
    for (const account of all(means, 'PayeeFinancialAccount')) {
      const id = textAt(account, 'ID');
      if (id === null) continue;
      const branch = textAt(account, 'FinancialInstitutionBranch', 'ID')?.toUpperCase() ?? '';
      if (
        invoice.bankgiro === null &&
        (branch === 'SE:BANKGIRO' || (branch === '' && BANKGIRO_SHAPE.test(id)))
      ) {
        invoice.bankgiro = normaliseBankgiro(id) ?? id;
      } else if (
        invoice.plusgiro === null &&
        (branch === 'SE:PLUSGIRO' || (branch === '' && PLUSGIRO_SHAPE.test(id)))
      ) {
        invoice.plusgiro = normalisePlusgiro(id) ?? id;
      }
    }
  }
}

function supplier(root: XmlNode, invoice: ExtractedInvoice): void {
  const party = first(root, 'AccountingSupplierParty', 'Party');
  invoice.supplierName =
    textAt(party, 'PartyName', 'Name') ?? textAt(party, 'PartyLegalEntity', 'RegistrationName');
  const orgNumber = textAt(party, 'PartyLegalEntity', 'CompanyID');
  invoice.supplierOrgNumber = orgNumber === null ? null : (normaliseOrgNumber(orgNumber) ?? orgNumber);
  const vatScheme = all(party, 'PartyTaxScheme').find(
    (scheme) => textAt(scheme, 'TaxScheme', 'ID') === 'VAT',
  );
  const vatNumber = textAt(vatScheme, 'CompanyID');
  invoice.supplierVatNumber = vatNumber === null ? null : (normaliseVatNumber(vatNumber) ?? vatNumber);
}

/** `root` is the `Invoice` or `CreditNote` element; `isCreditNote` says which (or InvoiceTypeCode 381). */
export function mapUbl(root: XmlNode, rootName: 'Invoice' | 'CreditNote'): ExtractedInvoice {
  const invoice = emptyInvoice();
  const typeCode = textAt(root, 'InvoiceTypeCode') ?? textAt(root, 'CreditNoteTypeCode');
  invoice.documentType = rootName === 'CreditNote' || typeCode === '381' ? 'credit_note' : 'invoice';
  invoice.currency = documentCurrency(textAt(root, 'DocumentCurrencyCode'));
  invoice.invoiceNumber = textAt(root, 'ID');
  invoice.invoiceDate = xmlDate(textAt(root, 'IssueDate'));
  invoice.dueDate = xmlDate(textAt(root, 'DueDate') ?? textAt(root, 'PaymentMeans', 'PaymentDueDate'));
  invoice.deliveryDate = xmlDate(textAt(root, 'Delivery', 'ActualDeliveryDate'));
  // BuyerReference is "Er referens" (BT-10): where a supplier puts the buyer's order number without an order reference.
  invoice.orderReference = textAt(root, 'OrderReference', 'ID') ?? textAt(root, 'BuyerReference');
  invoice.customerNumber = textAt(root, 'AccountingCustomerParty', 'Party', 'PartyIdentification', 'ID');
  invoice.creditedInvoiceNumber = textAt(root, 'BillingReference', 'InvoiceDocumentReference', 'ID');
  supplier(root, invoice);
  payment(root, invoice);

  const taxTotal = documentTaxTotal(root, invoice.currency);
  invoice.vatTotal = xmlDecimal(textAt(taxTotal, 'TaxAmount'));
  invoice.vatBreakdown = vatBreakdown(taxTotal);
  invoice.netTotal = xmlDecimal(textAt(root, 'LegalMonetaryTotal', 'LineExtensionAmount'));
  invoice.roundingAmount = xmlDecimal(textAt(root, 'LegalMonetaryTotal', 'PayableRoundingAmount'));
  invoice.amountDue = xmlDecimal(textAt(root, 'LegalMonetaryTotal', 'PayableAmount'));
  invoice.lines = [...all(root, 'InvoiceLine'), ...all(root, 'CreditNoteLine')].map(line);
  return invoice;
}

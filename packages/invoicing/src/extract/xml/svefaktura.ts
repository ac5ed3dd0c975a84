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
 * Svefaktura 1.0 (`urn:sfti:documents:BasicInvoice:1:0`, UBL 1.0 based) → ExtractedInvoice, before sign
 * normalisation and checks (see parseInvoiceXml). Svefaktura mixes `cbc:` and `cac:` for the same local
 * names (`cac:ID` in SFTI aggregates), which the namespace-blind tree makes irrelevant.
 */

/** Financial institution ids Svefaktura uses for the Swedish giro systems. */
const BANKGIRO_INSTITUTION = 'BGABSESS';
const PLUSGIRO_INSTITUTION = 'PGSISESS';

function line(node: XmlNode, index: number): ExtractedLine {
  const quantityNode = first(node, 'InvoicedQuantity');
  const item = first(node, 'Item');
  return {
    position: index + 1,
    articleNumber: textAt(item, 'SellersItemIdentification', 'ID'),
    gtin: textAt(item, 'StandardItemIdentification', 'ID'),
    description: textAt(item, 'Description') ?? textAt(node, 'Note') ?? '',
    quantity: xmlDecimal(textAt(quantityNode)),
    unit: unitFromCode(attribute(quantityNode, 'quantityUnitCode')),
    unitPrice: pricePerUnit(
      xmlDecimal(textAt(item, 'BasePrice', 'PriceAmount')),
      xmlDecimal(textAt(item, 'BasePrice', 'BaseQuantity')),
    ),
    vatRate: xmlDecimal(textAt(item, 'TaxCategory', 'Percent')),
    lineTotal: xmlDecimal(textAt(node, 'LineExtensionAmount')),
    flags: [],
  };
}

function vatBreakdown(root: XmlNode): { total: string | null; entries: VatSubtotal[] } {
  const taxTotal =
    all(root, 'TaxTotal').find(
      (total) => textAt(total, 'TaxSubTotal', 'TaxCategory', 'TaxScheme', 'ID') !== 'SWT',
    ) ?? first(root, 'TaxTotal');
  const entries: VatSubtotal[] = [];
  for (const subtotal of all(taxTotal, 'TaxSubTotal')) {
    const rate = xmlDecimal(textAt(subtotal, 'TaxCategory', 'Percent')) ?? '0';
    const base = xmlDecimal(textAt(subtotal, 'TaxableAmount'));
    const vat = xmlDecimal(textAt(subtotal, 'TaxAmount'));
    if (base !== null && vat !== null) entries.push({ rate, base, vat });
  }
  return { total: xmlDecimal(textAt(taxTotal, 'TotalTaxAmount')), entries };
}

function payment(root: XmlNode, invoice: ExtractedInvoice): void {
  for (const means of all(root, 'PaymentMeans')) {
    if (invoice.dueDate === null) invoice.dueDate = xmlDate(textAt(means, 'DuePaymentDate'));
    for (const account of all(means, 'PayeeFinancialAccount')) {
      const instruction = textAt(account, 'PaymentInstructionID');
      if (invoice.ocrReference === null && instruction !== null)
        invoice.ocrReference = normaliseOcrReference(instruction);
      const id = textAt(account, 'ID');
      const institution = textAt(
        account,
        'FinancialInstitutionBranch',
        'FinancialInstitution',
        'ID',
      )?.toUpperCase();
      if (id === null) continue;
      if (invoice.bankgiro === null && institution === BANKGIRO_INSTITUTION)
        invoice.bankgiro = normaliseBankgiro(id) ?? id;
      if (invoice.plusgiro === null && institution === PLUSGIRO_INSTITUTION)
        invoice.plusgiro = normalisePlusgiro(id) ?? id;
    }
  }
}

function seller(root: XmlNode, invoice: ExtractedInvoice): void {
  const party = first(root, 'SellerParty', 'Party');
  invoice.supplierName =
    textAt(party, 'PartyName', 'Name') ?? textAt(party, 'PartyTaxScheme', 'RegistrationName');
  for (const scheme of all(party, 'PartyTaxScheme')) {
    const companyId = textAt(scheme, 'CompanyID');
    if (companyId === null) continue;
    // SWT (Swedish tax) carries the organisation number, VAT the VAT number.
    const schemeId = textAt(scheme, 'TaxScheme', 'ID');
    if (schemeId === 'SWT' && invoice.supplierOrgNumber === null) {
      invoice.supplierOrgNumber = normaliseOrgNumber(companyId) ?? companyId;
    } else if (schemeId === 'VAT' && invoice.supplierVatNumber === null) {
      invoice.supplierVatNumber = normaliseVatNumber(companyId) ?? companyId;
    }
  }
}

/** `root` is the Svefaktura `Invoice` element. */
export function mapSvefaktura(root: XmlNode): ExtractedInvoice {
  const invoice = emptyInvoice();
  invoice.documentType = textAt(root, 'InvoiceTypeCode') === '381' ? 'credit_note' : 'invoice';
  invoice.currency = documentCurrency(textAt(root, 'InvoiceCurrencyCode'));
  invoice.invoiceNumber = textAt(root, 'ID');
  invoice.invoiceDate = xmlDate(textAt(root, 'IssueDate'));
  invoice.deliveryDate = xmlDate(textAt(root, 'Delivery', 'ActualDeliveryDateTime'));
  invoice.orderReference =
    textAt(root, 'OrderReference', 'BuyersID') ?? textAt(root, 'RequisitionistDocumentReference', 'ID');
  const buyer = first(root, 'BuyerParty', 'Party');
  invoice.customerNumber = textAt(buyer, 'PartyIdentification', 'ID') ?? textAt(buyer, 'Address', 'ID');
  invoice.creditedInvoiceNumber = textAt(root, 'InitialInvoiceDocumentReference', 'ID');
  seller(root, invoice);
  payment(root, invoice);

  const vat = vatBreakdown(root);
  invoice.vatTotal = vat.total;
  invoice.vatBreakdown = vat.entries;
  invoice.netTotal = xmlDecimal(textAt(root, 'LegalTotal', 'LineExtensionTotalAmount'));
  invoice.roundingAmount = xmlDecimal(textAt(root, 'LegalTotal', 'RoundOffAmount'));
  // TaxInclusiveTotalAmount is "Att betala", rounding included.
  invoice.amountDue = xmlDecimal(textAt(root, 'LegalTotal', 'TaxInclusiveTotalAmount'));
  invoice.lines = all(root, 'InvoiceLine').map(line);
  return invoice;
}

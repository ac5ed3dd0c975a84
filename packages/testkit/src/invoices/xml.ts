import { dec } from '@iris/core';
import type { InvoiceTruth, PostalAddress } from './truth.ts';
import { document, el, text } from './xml-writer.ts';

/**
 * The truth as e-invoices: PEPPOL BIS Billing 3.0 (UBL 2.1 Invoice / CreditNote) and Svefaktura 1.0
 * (BasicInvoice). Sign conventions differ: a UBL CreditNote carries positive amounts and quantities (the
 * document type says "credit"), Svefaktura marks a credit with InvoiceTypeCode 381 and keeps the negative
 * amounts the printed credit note shows.
 */

/** UN/ECE Recommendation 20/21 unit codes for the catalogue's units. */
export const UNIT_CODES: Readonly<Record<string, string>> = {
  st: 'H87',
  kg: 'KGM',
  l: 'LTR',
  krt: 'CT',
  fp: 'PA',
  pkt: 'PK',
  dunk: 'XJY',
  säck: 'XSA',
};

export function unitCode(unit: string): string {
  return UNIT_CODES[unit] ?? 'H87';
}

export const PEPPOL_CUSTOMIZATION_ID =
  'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

const UBL_CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';
const UBL_CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

function digits(value: string): string {
  return value.replace(/\D/g, '');
}

export function toPeppolUbl(truth: InvoiceTruth): string {
  const credit = truth.documentType === 'credit_note';
  // A CreditNote states the credit as positive numbers.
  const amount = (value: string): string => (credit ? dec(value).negated() : dec(value)).toFixed(2);
  const quantity = (value: string): string => (credit ? dec(value).negated() : dec(value)).toString();
  const money = (name: string, value: string): string =>
    text(name, amount(value), { currencyID: truth.currency });
  const taxScheme = el('cac:TaxScheme', text('cbc:ID', 'VAT'));
  const address = (a: PostalAddress): string =>
    el(
      'cac:PostalAddress',
      text('cbc:StreetName', a.street),
      text('cbc:CityName', a.city),
      text('cbc:PostalZone', a.postalCode),
      el('cac:Country', text('cbc:IdentificationCode', 'SE')),
    );
  const orgDigits = digits(truth.supplier.orgNumber);
  const accounts: [string | null, string][] = [
    [truth.supplier.bankgiro, 'SE:BANKGIRO'],
    [truth.supplier.plusgiro, 'SE:PLUSGIRO'],
  ];

  const lines = truth.lines.map((line) =>
    el(
      credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine',
      text('cbc:ID', String(line.position)),
      text(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', quantity(line.quantity), {
        unitCode: unitCode(line.unit),
      }),
      money('cbc:LineExtensionAmount', line.lineTotal),
      el(
        'cac:Item',
        text('cbc:Name', line.description),
        el('cac:SellersItemIdentification', text('cbc:ID', line.articleNumber)),
        line.gtin && el('cac:StandardItemIdentification', text('cbc:ID', line.gtin, { schemeID: '0160' })),
        el('cac:ClassifiedTaxCategory', text('cbc:ID', 'S'), text('cbc:Percent', line.vatRate), taxScheme),
      ),
      el('cac:Price', text('cbc:PriceAmount', line.unitPrice, { currencyID: truth.currency })),
    ),
  );

  const root = credit ? 'CreditNote' : 'Invoice';
  return document(
    root,
    {
      '': `urn:oasis:names:specification:ubl:schema:xsd:${root}-2`,
      cac: UBL_CAC,
      cbc: UBL_CBC,
    },
    text('cbc:CustomizationID', PEPPOL_CUSTOMIZATION_ID),
    text('cbc:ProfileID', PEPPOL_PROFILE_ID),
    text('cbc:ID', truth.invoiceNumber),
    text('cbc:IssueDate', truth.invoiceDate),
    !credit && text('cbc:DueDate', truth.dueDate),
    text(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', credit ? '381' : '380'),
    text('cbc:DocumentCurrencyCode', truth.currency),
    text('cbc:BuyerReference', truth.orderReference ?? truth.buyer.customerNumber),
    truth.orderReference !== null && el('cac:OrderReference', text('cbc:ID', truth.orderReference)),
    truth.creditedInvoiceNumber !== null &&
      el(
        'cac:BillingReference',
        el('cac:InvoiceDocumentReference', text('cbc:ID', truth.creditedInvoiceNumber)),
      ),
    el(
      'cac:AccountingSupplierParty',
      el(
        'cac:Party',
        text('cbc:EndpointID', orgDigits, { schemeID: '0007' }),
        el('cac:PartyName', text('cbc:Name', truth.supplier.name)),
        address(truth.supplier.address),
        el('cac:PartyTaxScheme', text('cbc:CompanyID', truth.supplier.vatNumber), taxScheme),
        el(
          'cac:PartyLegalEntity',
          text('cbc:RegistrationName', truth.supplier.name),
          text('cbc:CompanyID', orgDigits, { schemeID: '0007' }),
          text('cbc:CompanyLegalForm', 'Godkänd för F-skatt'),
        ),
      ),
    ),
    el(
      'cac:AccountingCustomerParty',
      el(
        'cac:Party',
        el('cac:PartyIdentification', text('cbc:ID', truth.buyer.customerNumber)),
        el('cac:PartyName', text('cbc:Name', truth.buyer.name)),
        address(truth.buyer.address),
        el('cac:PartyLegalEntity', text('cbc:RegistrationName', truth.buyer.name)),
      ),
    ),
    el('cac:Delivery', text('cbc:ActualDeliveryDate', truth.deliveryDate)),
    accounts.map(
      ([account, branch]) =>
        account !== null &&
        el(
          'cac:PaymentMeans',
          text('cbc:PaymentMeansCode', '30'),
          text('cbc:PaymentID', truth.ocrReference),
          el(
            'cac:PayeeFinancialAccount',
            text('cbc:ID', digits(account)),
            el('cac:FinancialInstitutionBranch', text('cbc:ID', branch)),
          ),
        ),
    ),
    el('cac:PaymentTerms', text('cbc:Note', `Förfallodatum ${truth.dueDate}`)),
    el(
      'cac:TaxTotal',
      money('cbc:TaxAmount', truth.vatTotal),
      truth.vatBreakdown.map((row) =>
        el(
          'cac:TaxSubtotal',
          money('cbc:TaxableAmount', row.base),
          money('cbc:TaxAmount', row.vat),
          el('cac:TaxCategory', text('cbc:ID', 'S'), text('cbc:Percent', row.rate), taxScheme),
        ),
      ),
    ),
    el(
      'cac:LegalMonetaryTotal',
      money('cbc:LineExtensionAmount', truth.netTotal),
      money('cbc:TaxExclusiveAmount', truth.netTotal),
      money('cbc:TaxInclusiveAmount', dec(truth.netTotal).plus(truth.vatTotal).toFixed(2)),
      money('cbc:PayableRoundingAmount', truth.roundingAmount),
      money('cbc:PayableAmount', truth.amountDue),
    ),
    lines,
  );
}

const SFTI_CAC = 'urn:sfti:CommonAggregateComponents:1:0';
const SFTI_CBC = 'urn:oasis:names:tc:ubl:CommonBasicComponents:1:0';

/**
 * Svefaktura 1.0 BasicInvoice. Where UBL 2.1 has cbc:ID, Svefaktura's aggregates use cac:ID; the order
 * reference is cac:OrderReference/cac:BuyersID; TaxInclusiveTotalAmount is the amount due (after
 * RoundOffAmount); the payment account's institution is BGABSESS (bankgiro) or PGSISESS (plusgiro) with
 * the OCR reference as PaymentInstructionID.
 */
export function toSvefaktura(truth: InvoiceTruth): string {
  const credit = truth.documentType === 'credit_note';
  const money = (name: string, value: string): string =>
    text(name, value, { amountCurrencyID: truth.currency });
  const taxScheme = el('cac:TaxScheme', text('cac:ID', 'VAT'));
  const country = el('cac:Country', text('cac:IdentificationCode', 'SE'));
  const address = (a: PostalAddress): string =>
    el(
      'cac:Address',
      text('cbc:StreetName', a.street),
      text('cbc:CityName', a.city),
      text('cbc:PostalZone', a.postalCode),
      country,
    );
  const accounts: [string | null, string][] = [
    [truth.supplier.bankgiro, 'BGABSESS'],
    [truth.supplier.plusgiro, 'PGSISESS'],
  ];

  return document(
    'Invoice',
    { '': 'urn:sfti:documents:BasicInvoice:1:0', cac: SFTI_CAC, cbc: SFTI_CBC },
    text('ID', truth.invoiceNumber),
    text('cbc:IssueDate', truth.invoiceDate),
    text('InvoiceTypeCode', credit ? '381' : '380'),
    text('InvoiceCurrencyCode', truth.currency),
    text('LineItemCountNumeric', String(truth.lines.length)),
    truth.orderReference !== null && el('cac:OrderReference', text('cac:BuyersID', truth.orderReference)),
    truth.creditedInvoiceNumber !== null &&
      el('cac:InitialInvoiceDocumentReference', text('cac:ID', truth.creditedInvoiceNumber)),
    el(
      'cac:BuyerParty',
      el(
        'cac:Party',
        el('cac:PartyIdentification', text('cac:ID', truth.buyer.customerNumber)),
        el('cac:PartyName', text('cbc:Name', truth.buyer.name)),
        address(truth.buyer.address),
      ),
    ),
    el(
      'cac:SellerParty',
      el(
        'cac:Party',
        el('cac:PartyName', text('cbc:Name', truth.supplier.name)),
        address(truth.supplier.address),
        el(
          'cac:PartyTaxScheme',
          text('cac:CompanyID', truth.supplier.vatNumber),
          el('cac:RegistrationAddress', country),
          taxScheme,
        ),
        el(
          'cac:PartyTaxScheme',
          text('cac:CompanyID', digits(truth.supplier.orgNumber)),
          text('cbc:ExemptionReason', 'Godkänd för F-skatt'),
          el('cac:RegistrationAddress', country),
          el('cac:TaxScheme', text('cac:ID', 'SWT')),
        ),
      ),
    ),
    el('cac:Delivery', text('cbc:ActualDeliveryDateTime', `${truth.deliveryDate}T00:00:00`)),
    accounts.map(
      ([account, institution]) =>
        account !== null &&
        el(
          'cac:PaymentMeans',
          text('cac:PaymentMeansTypeCode', '1'),
          text('cbc:DuePaymentDate', truth.dueDate),
          el(
            'cac:PayeeFinancialAccount',
            text('cac:ID', digits(account)),
            el('cac:FinancialInstitutionBranch', el('cac:FinancialInstitution', text('cac:ID', institution))),
            text('cac:PaymentInstructionID', truth.ocrReference),
          ),
        ),
    ),
    el(
      'cac:TaxTotal',
      money('cbc:TotalTaxAmount', truth.vatTotal),
      truth.vatBreakdown.map((row) =>
        el(
          'cac:TaxSubTotal',
          money('cbc:TaxableAmount', row.base),
          money('cbc:TaxAmount', row.vat),
          el('cac:TaxCategory', text('cac:ID', 'S'), text('cbc:Percent', row.rate), taxScheme),
        ),
      ),
    ),
    el(
      'cac:LegalTotal',
      money('cbc:LineExtensionTotalAmount', truth.netTotal),
      money('cbc:TaxExclusiveTotalAmount', truth.netTotal),
      money('cbc:TaxInclusiveTotalAmount', truth.amountDue),
      money('cac:RoundOffAmount', truth.roundingAmount),
    ),
    truth.lines.map((line) =>
      el(
        'cac:InvoiceLine',
        text('cac:ID', String(line.position)),
        text('cbc:InvoicedQuantity', line.quantity, { quantityUnitCode: unitCode(line.unit) }),
        money('cbc:LineExtensionAmount', line.lineTotal),
        el(
          'cac:Item',
          text('cbc:Description', line.description),
          el('cac:SellersItemIdentification', text('cac:ID', line.articleNumber)),
          line.gtin && el('cac:StandardItemIdentification', text('cac:ID', line.gtin, { schemeID: 'GTIN' })),
          el('cac:BasePrice', money('cbc:PriceAmount', line.unitPrice)),
          el('cac:TaxCategory', text('cac:ID', 'S'), text('cbc:Percent', line.vatRate), taxScheme),
        ),
      ),
    ),
  );
}

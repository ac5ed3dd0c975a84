/** What the extractors, storage and reconciliation use from invoice reading. */
export { textLine, textLinesFromPlainText, type TextLine, type TextWord } from './text-lines.ts';
export { parseInvoiceText, type ParseInvoiceTextOptions } from './invoice-text.ts';
export {
  parseSwedishNumber,
  parseSwedishNumberStrict,
  fractionDigits,
  integerDigits,
  type SwedishNumberOptions,
} from './swedish-number.ts';
export {
  luhnValid,
  luhnCheckDigit,
  normaliseOrgNumber,
  isValidOrgNumber,
  normaliseVatNumber,
  checkOcrReference,
  isValidOcrReference,
  normaliseOcrReference,
  normaliseBankgiro,
  isValidBankgiro,
  normalisePlusgiro,
  isValidPlusgiro,
  type OcrReferenceCheck,
} from './identifiers.ts';
export { normaliseCreditNoteSigns } from './credit-note.ts';
export { emptyInvoice } from './empty-invoice.ts';

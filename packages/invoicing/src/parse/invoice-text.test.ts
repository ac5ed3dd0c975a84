import { describe, expect, it } from 'vitest';
import { zExtractedInvoice } from '../model.ts';
import { OCR_CREDIT_NOTE, TEXT_LAYER_INVOICE, ocrLines, textLayerLines } from './fixtures/text-invoices.ts';
import { parseInvoiceText } from './invoice-text.ts';
import { textLinesFromPlainText } from './text-lines.ts';

const parse = (text: string) => parseInvoiceText(textLayerLines(text));

/** The text-layer invoice with some of its lines replaced. */
function variant(replacements: [string, string][]): string {
  return replacements.reduce((text, [from, to]) => {
    expect(text).toContain(from);
    return text.replace(from, to);
  }, TEXT_LAYER_INVOICE);
}

describe('parseInvoiceText: a PDF text layer', () => {
  const invoice = parse(TEXT_LAYER_INVOICE);

  it('reads the header, payment details and totals', () => {
    expect(zExtractedInvoice.parse(invoice)).toEqual(invoice);
    expect(invoice).toMatchObject({
      documentType: 'invoice',
      supplierName: 'Grönsaksgrossisten Mälardalen AB',
      supplierOrgNumber: '556677-8899',
      supplierVatNumber: 'SE556677889901',
      invoiceNumber: '2026-10457',
      invoiceDate: '2026-05-12',
      dueDate: '2026-06-11',
      deliveryDate: '2026-05-11',
      orderReference: 'IR-000123',
      customerNumber: '40021',
      creditedInvoiceNumber: null,
      currency: 'SEK',
      netTotal: '3247.08',
      vatTotal: '514.31',
      roundingAmount: '-0.39',
      amountDue: '3761.00',
      bankgiro: '5050-1055',
      plusgiro: null,
      ocrReference: '2026051200015',
      vatBreakdown: [
        { rate: '6', base: '1565.58', vat: '93.93' },
        { rate: '25', base: '1681.50', vat: '420.38' },
      ],
      flags: [],
    });
  });

  it('reads rows from the right, keeping digits and % in descriptions', () => {
    expect(
      invoice.lines.map((line) => [
        line.articleNumber,
        line.description,
        line.quantity,
        line.unit,
        line.unitPrice,
        line.vatRate,
        line.lineTotal,
      ]),
    ).toEqual([
      ['100067', 'Vispgrädde 36% 1 l', '12', 'st', '42.23', '6', '506.76'],
      ['200145', 'Laxfilé färsk', '2.345', 'kg', '289.90', '6', '679.82'],
      ['300210', 'Rapsolja 10 l', '2', 'dunk', '189.50', '6', '379.00'],
      ['900011', 'Diskmedel Professional 5 l', '3', 'st', '149.00', '25', '447.00'],
      ['900020', 'Plastfolie 45 cm', '1', 'krt', '1234.50', '25', '1234.50'],
    ]);
    expect(invoice.lines.map((line) => line.position)).toEqual([1, 2, 3, 4, 5]);
    expect(invoice.lines.every((line) => line.flags.length === 0)).toBe(true);
  });

  it('accepts every label variant of the layout', () => {
    const other = parse(
      variant([
        ['Org.nr 556677-8899', 'Organisationsnummer: 556677-8899'],
        ['Momsreg.nr SE556677889901', 'Momsregistreringsnummer: SE 556677-8899 01'],
        ['Fakturanummer 2026-10457', 'Fakturanr: 2026-10457'],
        ['Förfallodatum 2026-06-11', 'Förfallodag: 2026-06-11'],
        ['Er referens IR-000123', 'Ordernummer: IR-000123'],
        ['Kundnummer 40021', 'Kundnr: 40021'],
        [
          'Artikelnr Benämning Antal Enhet À-pris Moms Belopp',
          'Art.nr Beskrivning Kvantitet Enhet Pris/enhet Moms % Summa',
        ],
        ['Summa exkl. moms', 'Summa exkl moms'],
        ['Moms 6 % på 1\u00a0565,58 93,93', 'Moms 6% 1\u00a0565,58 93,93'],
        ['Summa moms 514,31', 'Moms totalt: 514,31'],
        ['Öresavrundning -0,39', 'Avrundning: -0,39'],
        ['Att betala SEK 3\u00a0761,00', 'Att betala (SEK) 3 761,00'],
        ['Bankgiro 5050-1055', 'Postgiro 12 34 56-6'],
        ['OCR 2026051200015', 'OCR-referens: 2026051200015'],
      ]),
    );
    expect(other).toMatchObject({
      supplierOrgNumber: '556677-8899',
      supplierVatNumber: 'SE556677889901',
      invoiceNumber: '2026-10457',
      dueDate: '2026-06-11',
      orderReference: 'IR-000123',
      customerNumber: '40021',
      netTotal: '3247.08',
      vatTotal: '514.31',
      roundingAmount: '-0.39',
      amountDue: '3761.00',
      bankgiro: null,
      plusgiro: '123456-6',
      ocrReference: '2026051200015',
      flags: [],
    });
    expect(other.vatBreakdown[0]).toEqual({ rate: '6', base: '1565.58', vat: '93.93' });
    expect(other.lines).toHaveLength(5);
  });

  it('reads more label variants: Netto, Totalt att betala, Er ordernr, Ert ordernr, Org nr, VAT-nr', () => {
    for (const reference of ['Er ordernr IR-000123', 'Ert ordernr: IR-000123']) {
      const other = parse(
        variant([
          ['Er referens IR-000123', reference],
          ['Org.nr 556677-8899', 'Org nr 556677-8899'],
          ['Momsreg.nr SE556677889901', 'VAT-nr SE556677889901'],
          ['Summa exkl. moms', 'Netto'],
          ['Att betala SEK', 'Totalt att betala'],
        ]),
      );
      expect(other).toMatchObject({
        orderReference: 'IR-000123',
        supplierOrgNumber: '556677-8899',
        supplierVatNumber: 'SE556677889901',
        netTotal: '3247.08',
        amountDue: '3761.00',
        flags: [],
      });
    }
  });

  it('keeps an unparseable row between the table header and the totals as a flagged line', () => {
    const other = parse(variant([['900011 Diskmedel', 'Pant retur se bilaga\n900011 Diskmedel']]));
    expect(other.lines).toHaveLength(6);
    expect(other.lines[3]).toMatchObject({
      position: 4,
      description: 'Pant retur se bilaga',
      quantity: null,
      unitPrice: null,
      lineTotal: null,
      flags: ['MISSING_QUANTITY', 'MISSING_UNIT_PRICE', 'MISSING_LINE_TOTAL', 'VAT_RATE_INVALID'],
    });
    expect(other.flags).toContain('LINES_FLAGGED');
    // Lines above the table header and below the totals are not rows.
    expect(other.lines.some((line) => line.description.includes('Industrivägen'))).toBe(false);
  });

  it('never guesses: a missing amount due stays null and is flagged', () => {
    const other = parse(variant([['Att betala SEK 3\u00a0761,00', 'Att betala SEK se nedan']]));
    expect(other.amountDue).toBeNull();
    expect(other.flags).toContain('MISSING_AMOUNT_DUE');
    const noDate = parse(variant([['Fakturadatum 2026-05-12', 'Fakturadatum 2026-02-30']]));
    expect(noDate.invoiceDate).toBeNull();
    expect(noDate.flags).toContain('MISSING_INVOICE_DATE');
  });

  it('flags what the arithmetic contradicts (a misprinted line total)', () => {
    const other = parse(variant([['6% 506,76', '6% 560,76']]));
    expect(other.lines[0]?.flags).toEqual(['ARITHMETIC_MISMATCH']);
    expect(other.flags).toEqual(['NET_TOTAL_MISMATCH', 'LINES_FLAGGED']);
  });

  it('skips page furniture of a multi-page table but keeps rows after the page break', () => {
    const other = parse(
      variant([
        [
          '900011 Diskmedel',
          'Sida 1 av 2\nGrönsaksgrossisten Mälardalen AB\nFAKTURA\nFakturanummer 2026-10457\nArtikelnr Benämning Antal Enhet À-pris Moms Belopp\n900011 Diskmedel',
        ],
      ]),
    );
    expect(other.lines).toHaveLength(5);
    expect(other.flags).toEqual([]);
    const noRepeatedHeader = parse(
      variant([['900011 Diskmedel', 'Sida 1 av 2\nBox 123, Västerås\n900011 Diskmedel']]),
    );
    expect(noRepeatedHeader.lines.map((line) => line.articleNumber)).toEqual([
      '100067',
      '200145',
      '300210',
      '900011',
      '900020',
    ]);
  });

  it('reads a table without a VAT column: the breakdown gives the rate only when its sums confirm it', () => {
    const noColumn: [string, string] = [
      '100067 Vispgrädde 36% 1 l 12 st 42,23 6% 506,76',
      '100067 Vispgrädde 36% 1 l 12 st 42,23 506,76',
    ];
    // Only 6 % makes both rates' lines add up to their printed bases.
    expect(parse(variant([noColumn])).lines[0]).toMatchObject({
      quantity: '12',
      unitPrice: '42.23',
      vatRate: '6',
      lineTotal: '506.76',
      flags: [],
    });
    // Without a breakdown nothing confirms a rate: it stays unknown and flagged.
    const noBreakdown = parse(
      variant([
        noColumn,
        ['Moms 6 % på 1\u00a0565,58 93,93\n', ''],
        ['Moms 25 % på 1\u00a0681,50 420,38\n', ''],
      ]),
    );
    expect(noBreakdown.lines[0]).toMatchObject({ vatRate: null, flags: ['VAT_RATE_INVALID'] });
  });

  it('starts the table at the first row-shaped line when OCR lost the table header', () => {
    const other = parse(variant([['Artikelnr Benämning Antal Enhet À-pris Moms Belopp\n', '']]));
    expect(other.lines.map((line) => line.articleNumber)).toEqual([
      '100067',
      '200145',
      '300210',
      '900011',
      '900020',
    ]);
    expect(other.flags).toEqual([]);
  });

  it('reads header values behind OCR junk between label and value', () => {
    const other = parse(
      variant([
        ['Fakturanummer 2026-10457', 'Fakturanummer = 2026-10457'],
        ['Leveransdatum 2026-05-11', 'Leveransdatum =<2026-05-11'],
        ['Kundnummer 40021', 'Kundnummer: — 40021'],
      ]),
    );
    expect(other).toMatchObject({
      invoiceNumber: '2026-10457',
      deliveryDate: '2026-05-11',
      customerNumber: '40021',
    });
  });

  it('reads plain text split into lines as well (textLinesFromPlainText)', () => {
    expect(parseInvoiceText(textLinesFromPlainText(TEXT_LAYER_INVOICE)).lines).toHaveLength(5);
  });
});

describe('parseInvoiceText: an OCR-noisy credit note', () => {
  const credit = parseInvoiceText(ocrLines(OCR_CREDIT_NOTE));

  it('is a credit note with positive amounts and the credited invoice', () => {
    expect(zExtractedInvoice.parse(credit)).toEqual(credit);
    expect(credit).toMatchObject({
      documentType: 'credit_note',
      invoiceNumber: '2026-10502',
      invoiceDate: '2026-05-20',
      creditedInvoiceNumber: '2026-10457',
      orderReference: 'IR-000123',
      customerNumber: '40021',
      supplierOrgNumber: '556677-8899',
      supplierVatNumber: 'SE556677889901',
      netTotal: '427.91',
      vatTotal: '53.98',
      roundingAmount: '0.11',
      amountDue: '482.00',
      plusgiro: '123456-6',
      ocrReference: '2026052000018',
      vatBreakdown: [
        { rate: '6', base: '278.91', vat: '16.73' },
        { rate: '25', base: '149.00', vat: '37.25' },
      ],
    });
  });

  it('repairs O/0, l/1, a dot decimal mark, stray borders and kr suffixes in numbers', () => {
    expect(
      credit.lines
        .slice(0, 3)
        .map((line) => [
          line.articleNumber,
          line.quantity,
          line.unit,
          line.unitPrice,
          line.vatRate,
          line.lineTotal,
        ]),
    ).toEqual([
      ['100067', '2', 'st', '42.23', '6', '84.46'],
      ['200145', '0.500', 'kg', '289.90', '6', '144.95'],
      ['900011', '1', 'st', '149.00', '25', '149.00'],
    ]);
  });

  it('takes a low-confidence number the row arithmetic confirms exactly, and flags one it cannot', () => {
    // 900011: unit price "l49,00" at 58 % confidence, but 1 × 149,00 = 149,00.
    expect(credit.lines[2]?.flags).toEqual([]);
    expect(credit.lines[0]?.flags).toEqual([]);
    // The same price without a readable quantity: nothing confirms it.
    const unconfirmed = parseInvoiceText(ocrLines(OCR_CREDIT_NOTE.replace('| -1 | st | l49', '| st | l49')));
    expect(unconfirmed.lines[2]?.flags).toEqual(['MISSING_QUANTITY', 'LOW_CONFIDENCE']);
    const lax = parseInvoiceText(
      ocrLines(OCR_CREDIT_NOTE.replace('| -1 | st | l49,00@58', '| st | 149,00')),
      {
        minConfidence: 50,
      },
    );
    expect(lax.lines[2]?.flags).toEqual(['MISSING_QUANTITY']);
  });

  it('reads a VAT rate whose % OCR mangled, flagged unless the breakdown confirms it', () => {
    const mangled = OCR_CREDIT_NOTE.replace('| 6% | -84,46 |', '| 64 | -84,46 |').replace(
      '| 25% | -149,00 |',
      '| 2590 | -149,00 |',
    );
    const confirmed = parseInvoiceText(ocrLines(mangled));
    // 25 %: its one line adds up to the printed base. 6 %: the garbled 300999 row leaves the lines short of
    // the base, so the mangled "64" stays flagged (the clean "6 %" of 200145 needs no confirmation).
    expect(confirmed.lines.slice(0, 3).map((line) => [line.vatRate, line.flags])).toEqual([
      ['6', ['LOW_CONFIDENCE']],
      ['6', []],
      ['25', []],
    ]);
    // The 25 % base no longer matches its line: that line's mangled rate is not confirmed either.
    const other = parseInvoiceText(
      ocrLines(mangled.replace('Moms 25 % -149,00 -37,25', 'Moms 25 % -150,00 -37,50')),
    );
    expect(other.lines[2]).toMatchObject({ vatRate: '25', flags: ['LOW_CONFIDENCE'] });
  });

  it('keeps the garbled row as an unreadable line with its raw text', () => {
    expect(credit.lines[3]).toMatchObject({
      position: 4,
      articleNumber: null,
      quantity: null,
      unitPrice: null,
      lineTotal: null,
      description: '300999 Olivolja ?? -1 st #9,5 6% ###',
    });
    expect(credit.flags).toEqual(['LINES_FLAGGED']);
  });

  it('reads the unit l when OCR turned it into 1, but only where the arithmetic agrees', () => {
    const lines = ocrLines(
      OCR_CREDIT_NOTE.replace('| -2 | st | 42,23 | 6% | -84,46 |', '| -2 | 1 | 42,23 | 6% | -84,46 |'),
    );
    expect(parseInvoiceText(lines).lines[0]).toMatchObject({ quantity: '2', unit: 'l', unitPrice: '42.23' });
  });
});

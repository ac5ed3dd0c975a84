import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProcedureHarness,
  failureCode,
  validationPaths,
  type ProcedureHarness,
} from '../../testing.ts';
import { buildInvoice, InvoiceFixtures, type Party } from './_fixtures.ts';

/** Corrections, disputes, credit notes and price alerts at their edges. */

let h: ProcedureHarness;
let fx: InvoiceFixtures;

beforeAll(async () => {
  h = await createProcedureHarness();
  fx = new InvoiceFixtures(h);
});

afterAll(async () => {
  await h?.close();
});

const CREAM = { sku: '100067', name: 'Vispgrädde 36% 1 l', quantity: '12', unitPrice: '42.23' };
const creamLine = (unitPrice = CREAM.unitPrice, quantity = CREAM.quantity) => ({
  articleNumber: CREAM.sku,
  description: CREAM.name,
  quantity,
  unitPrice,
});

const reconcile = (invoiceId: string) => h.deps.invoicing.reconciliation.reconcileSystem(invoiceId);
const view = (party: Party, invoiceId: string) => h.caller(party.owner).invoices.get({ invoiceId });

async function matchedTo(party: Party, unitPrice: string, orderPrice = CREAM.unitPrice) {
  const order = await fx.order(party, [{ ...CREAM, unitPrice: orderPrice }]);
  const invoiceId = await fx.invoice(
    party,
    buildInvoice([creamLine(unitPrice)], { orderReference: order.reference }),
  );
  await reconcile(invoiceId);
  return invoiceId;
}

describe('deviations that do not fit the columns', () => {
  it('corrects a quantity to 200000 without failing, with or without a matching line total', async () => {
    const party = await fx.party();
    const invoiceId = await matchedTo(party, CREAM.unitPrice);
    const caller = h.caller(party.owner).invoices;

    const flagged = await caller.correct({
      invoiceId,
      version: (await view(party, invoiceId)).version,
      lines: [{ position: 1, quantity: '200000' }],
    });
    expect(flagged.lines[0]).toMatchObject({ outcome: 'unreadable', quantityDeviationPct: null });

    const consistent = await caller.correct({
      invoiceId,
      version: flagged.version,
      lines: [{ position: 1, lineTotal: '8446000.00' }],
    });
    expect(consistent.lines[0]).toMatchObject({
      outcome: 'quantity_deviation',
      quantityDeviationPct: '999999.999',
    });
  });

  it('reconciles an OCR price of 9000 against 0.50 (flagged) without failing', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [{ ...CREAM, unitPrice: '0.50' }]);
    const read = buildInvoice([creamLine('9000')], { orderReference: order.reference });
    read.lines[0]!.flags = ['LOW_CONFIDENCE'];
    const invoiceId = await fx.invoice(party, read);
    expect((await reconcile(invoiceId)).lineOutcomes).toEqual(['unreadable']);
    expect((await view(party, invoiceId)).lines[0]!.priceDeviationPct).toBeNull();
  });

  it('refuses a corrected number beyond its column as invalid input, naming the field', async () => {
    const party = await fx.party();
    const invoiceId = await matchedTo(party, CREAM.unitPrice);
    const paths = await validationPaths(
      h.caller(party.owner).invoices.correct({
        invoiceId,
        version: (await view(party, invoiceId)).version,
        lines: [{ position: 1, quantity: '12345678901' }],
      }),
    );
    expect(paths.some((path) => path.includes('quantity'))).toBe(true);
  });
});

describe('disputes and credit notes', () => {
  it('refuses the same line twice in a dispute (its amount would count twice)', async () => {
    const party = await fx.party();
    const invoiceId = await matchedTo(party, '44.23');
    const invoice = await view(party, invoiceId);
    const lineId = invoice.lines[0]!.id;
    const paths = await validationPaths(
      h.caller(party.owner).invoices.dispute({
        invoiceId,
        version: invoice.version,
        reason: 'Above contract',
        lineIds: [lineId, lineId],
      }),
    );
    expect(paths).toEqual(['lineIds']);
    expect(await h.db.creditRequest.count({ where: { invoiceId } })).toBe(0);
  });

  it('leaves the request open when the credit note credits less (net against net)', async () => {
    const party = await fx.party();
    const invoiceId = await matchedTo(party, '44.23');
    const disputed = await h.caller(party.owner).invoices.dispute({
      invoiceId,
      version: (await view(party, invoiceId)).version,
      reason: 'Above contract',
    });
    const request = disputed.creditRequests[0]!;
    expect(request.amount).toBe('24.00');
    const creditNote = (quantity: string, unitPrice: string) =>
      buildInvoice([creamLine(unitPrice, quantity)], {
        documentType: 'credit_note',
        creditedInvoiceNumber: disputed.invoiceNumber,
      });

    const partialId = await fx.invoice(party, creditNote('1', '1.00'));
    expect(await reconcile(partialId)).toMatchObject({
      status: 'needs_review',
      reviewReasons: ['CREDIT_NOTE_AMOUNT_DIFFERS'],
    });
    const stillOpen = await h.caller(party.owner).creditRequests.get({ creditRequestId: request.id });
    expect(stillOpen).toMatchObject({ status: 'open', creditNoteInvoiceId: null, creditedAmount: null });

    // 12 × 2.00 net (25.44 with VAT) is the amount asked for.
    const fullId = await fx.invoice(party, creditNote('12', '2.00'));
    expect(await reconcile(fullId)).toMatchObject({ status: 'matched', reviewReasons: [] });
    expect(await h.caller(party.owner).creditRequests.get({ creditRequestId: request.id })).toMatchObject({
      status: 'credited',
      creditNoteInvoiceId: fullId,
      creditedAmount: '24.00',
    });
  });
});

describe('price alerts follow the price', () => {
  it('removes an open alert once a correction takes its cause away', async () => {
    const party = await fx.party();
    const invoiceId = await matchedTo(party, '44.23');
    const alerts = () => h.db.priceAlert.findMany({ where: { invoiceId }, select: { kind: true } });
    expect(await alerts()).toEqual([{ kind: 'differs_from_contract' }]);

    const corrected = await h.caller(party.owner).invoices.correct({
      invoiceId,
      version: (await view(party, invoiceId)).version,
      lines: [{ position: 1, unitPrice: '42.23', lineTotal: '506.76' }],
    });
    expect(corrected.lines[0]!.outcome).toBe('matched');
    expect(await alerts()).toEqual([]);
    expect(corrected.priceAlerts).toEqual([]);
  });

  it('keeps an acknowledged alert as history', async () => {
    const party = await fx.party();
    const invoiceId = await matchedTo(party, '44.23');
    const [alert] = await h.db.priceAlert.findMany({ where: { invoiceId }, select: { id: true } });
    await h.caller(party.owner).priceAlerts.acknowledge({ priceAlertId: alert!.id });
    await h.caller(party.owner).invoices.correct({
      invoiceId,
      version: (await view(party, invoiceId)).version,
      lines: [{ position: 1, unitPrice: '42.23', lineTotal: '506.76' }],
    });
    expect(await h.db.priceAlert.count({ where: { id: alert!.id, status: 'acknowledged' } })).toBe(1);
  });

  it('compares with the last price paid: not a misread line, nor an invoice still in review', async () => {
    const party = await fx.party();
    // In review (price deviation): 30.00 was not paid.
    const reviewed = await fx.order(party, [CREAM]);
    const reviewedId = await fx.invoice(
      party,
      buildInvoice([creamLine('30.00')], { orderReference: reviewed.reference, invoiceDate: '2026-04-01' }),
    );
    expect((await reconcile(reviewedId)).status).toBe('needs_review');
    const laterOrder = await fx.order(party, [CREAM]);
    const laterId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: laterOrder.reference, invoiceDate: '2026-05-12' }),
    );
    expect((await reconcile(laterId)).status).toBe('matched');
    expect(await h.db.priceAlert.count({ where: { invoiceId: laterId } })).toBe(0);
  });
});

describe('authorization still holds for the new paths', () => {
  it('hides another restaurant’s invoice from reconcile', async () => {
    const mine = await fx.party();
    const theirs = await fx.party();
    const invoiceId = await matchedTo(theirs, CREAM.unitPrice);
    expect(await failureCode(h.caller(mine.owner).invoices.reconcile({ invoiceId }))).toBe(
      'INVOICE_NOT_FOUND',
    );
  });
});

describe('accepting a deviation', () => {
  it('refuses to accept a flagged line: it is corrected first, then it can be accepted', async () => {
    const party = await fx.party();
    const invoiceId = await matchedTo(party, CREAM.unitPrice);
    const caller = h.caller(party.owner).invoices;
    // A quantity that no longer agrees with the printed line total: the line is flagged, its numbers untrusted.
    const flagged = await caller.correct({
      invoiceId,
      version: (await view(party, invoiceId)).version,
      lines: [{ position: 1, quantity: '13' }],
    });
    const line = flagged.lines[0]!;
    expect(line).toMatchObject({ outcome: 'unreadable', flags: ['ARITHMETIC_MISMATCH'] });

    expect(
      await failureCode(caller.acceptDeviation({ invoiceId, lineId: line.id, note: 'Stämmer nog.' })),
    ).toBe('UNPROCESSABLE');
    expect((await view(party, invoiceId)).status).toBe('needs_review');

    // Corrected to a consistent line (13 × 42.23 = 548.99), it is a quantity deviation that can be accepted.
    const consistent = await caller.correct({
      invoiceId,
      version: flagged.version,
      lines: [{ position: 1, quantity: '13', lineTotal: '548.99' }],
    });
    expect(consistent.lines[0]).toMatchObject({ outcome: 'quantity_deviation', flags: [] });
    const accepted = await caller.acceptDeviation({ invoiceId, lineId: line.id, note: 'En extra kartong.' });
    expect(accepted.lines[0]!.accepted).toBe(true);
  });
});

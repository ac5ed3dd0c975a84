import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcedureHarness, failureCode, type ProcedureHarness } from '../../testing.ts';
import { buildInvoice, InvoiceFixtures, type Party } from './_fixtures.ts';

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
const BUTTER = { sku: '100120', name: 'Smör normalsaltat 500 g', quantity: '10', unitPrice: '48.50' };

const creamLine = (overrides: Partial<{ quantity: string; unitPrice: string; vatRate: string }> = {}) => ({
  articleNumber: CREAM.sku,
  description: CREAM.name,
  quantity: overrides.quantity ?? CREAM.quantity,
  unitPrice: overrides.unitPrice ?? CREAM.unitPrice,
  ...(overrides.vatRate ? { vatRate: overrides.vatRate } : {}),
});
const butterLine = () => ({
  articleNumber: BUTTER.sku,
  description: BUTTER.name,
  quantity: BUTTER.quantity,
  unitPrice: BUTTER.unitPrice,
});

const reconcile = (invoiceId: string) => h.deps.invoicing.reconciliation.reconcileSystem(invoiceId);
const view = (party: Party, invoiceId: string) => h.caller(party.owner).invoices.get({ invoiceId });

async function notifications(type: string, entityId: string) {
  return h.db.notification.findMany({ where: { type, entityId }, select: { organizationId: true } });
}

describe('reconciliation against the order', () => {
  it('matches an invoice that agrees with its order exactly, and marks the order invoiced', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM, BUTTER]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine(), butterLine()], { orderReference: order.reference }),
    );

    const result = await reconcile(invoiceId);
    expect(result).toMatchObject({ status: 'matched', reviewReasons: [], changed: true });

    const invoice = await view(party, invoiceId);
    expect(invoice.status).toBe('matched');
    expect(invoice.supplierId).toBe(party.supplierId);
    expect(invoice.order?.id).toBe(order.id);
    expect(invoice.lines.map((line) => [line.outcome, line.orderLineId, line.expectedUnitPrice])).toEqual([
      ['matched', order.lines[0]!.id, '42.230'],
      ['matched', order.lines[1]!.id, '48.500'],
    ]);
    const stored = await h.db.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } });
    expect(stored.status).toBe('invoiced');
    expect(await notifications('invoice.matched', invoiceId)).toEqual([
      { organizationId: party.restaurantId },
    ]);
  });

  it('tells each kind of line deviation apart', async () => {
    const party = await fx.party();
    const extra = { sku: '200001', name: 'Potatis fast 10 kg', quantity: '2', unitPrice: '89.00' };
    const gone = {
      sku: '200002',
      name: 'Gul lök 10 kg',
      quantity: '1',
      unitPrice: '79.00',
      receivedQuantity: '0',
    };
    const oil = { sku: '200003', name: 'Rapsolja 5 l', quantity: '1', unitPrice: '120.00' };
    const order = await fx.order(party, [CREAM, BUTTER, extra, gone, oil]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice(
        [
          creamLine({ unitPrice: '42.66' }),
          { ...butterLine(), quantity: '12' },
          { articleNumber: '999999', description: 'Tryffelolja 250 ml', quantity: '1', unitPrice: '399.00' },
          { articleNumber: gone.sku, description: gone.name, quantity: '1', unitPrice: '79.00' },
          {
            articleNumber: oil.sku,
            description: oil.name,
            quantity: '1',
            unitPrice: '120.00',
            vatRate: '12',
          },
          { articleNumber: extra.sku, description: extra.name, quantity: '2', unitPrice: '89.00' },
        ],
        { orderReference: order.reference },
      ),
    );

    const result = await reconcile(invoiceId);
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons).toEqual(['LINE_DEVIATIONS']);
    const invoice = await view(party, invoiceId);
    expect(invoice.lines.map((line) => line.outcome)).toEqual([
      'price_deviation',
      'quantity_deviation',
      'not_ordered',
      'not_delivered',
      'vat_mismatch',
      'matched',
    ]);
    expect(invoice.lines[0]!.priceDeviationPct).toBe('1.018');
    expect(invoice.lines[1]!.quantityDeviationPct).toBe('20.000');
    expect(await notifications('invoice.needs_review', invoiceId)).toHaveLength(1);
    // The order stays delivered: only a matched invoice marks it invoiced.
    const stored = await h.db.order.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } });
    expect(stored.status).toBe('delivered');
  });

  it('raises a price alert for +1 % when the restaurant’s threshold is below it, and matches +0.4 %', async () => {
    const party = await fx.party();
    await h.caller(party.owner).invoices.settings.update({
      restaurantId: party.restaurantId,
      priceTolerancePct: '0.5',
      quantityTolerancePct: '0.5',
      priceAlertThresholdPct: '0.8',
      orderWindowDays: 14,
    });
    const over = await fx.order(party, [CREAM]);
    const overId = await fx.invoice(
      party,
      buildInvoice([creamLine({ unitPrice: '42.66' })], { orderReference: over.reference }),
    );
    const near = await fx.order(party, [CREAM]);
    const nearId = await fx.invoice(
      party,
      buildInvoice([creamLine({ unitPrice: '42.40' })], { orderReference: near.reference }),
    );

    expect((await reconcile(overId)).lineOutcomes).toEqual(['price_deviation']);
    expect((await reconcile(nearId)).status).toBe('matched');

    const alerts = await h
      .caller(party.owner)
      .priceAlerts.list({ restaurantId: party.restaurantId, limit: 50 });
    expect(
      alerts.items.map((alert) => [alert.invoiceId, alert.kind, alert.referenceUnitPrice, alert.changePct]),
    ).toEqual([[overId, 'differs_from_contract', '42.230', '1.018']]);
    expect(await notifications('price_alert.raised', alerts.items[0]!.id)).toHaveLength(1);

    const acknowledged = await h
      .caller(party.owner)
      .priceAlerts.acknowledge({ priceAlertId: alerts.items[0]!.id });
    expect(acknowledged.status).toBe('acknowledged');
  });

  it('raises rise_vs_history against the last price paid for the article', async () => {
    const party = await fx.party();
    const first = await fx.order(party, [CREAM]);
    const firstId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: first.reference, invoiceDate: '2026-04-01' }),
    );
    await reconcile(firstId);
    const second = await fx.order(party, [{ ...CREAM, unitPrice: '45.00' }]);
    const secondId = await fx.invoice(
      party,
      buildInvoice([creamLine({ unitPrice: '45.00' })], {
        orderReference: second.reference,
        invoiceDate: '2026-05-12',
      }),
    );
    expect((await reconcile(secondId)).status).toBe('matched');
    const alerts = await h.db.priceAlert.findMany({
      where: { invoiceId: secondId },
      select: { kind: true, changePct: true },
    });
    expect(alerts.map((alert) => [alert.kind, alert.changePct.toFixed(3)])).toEqual([
      ['rise_vs_history', '6.559'],
    ]);
  });

  it('needs review with NO_MATCHING_ORDER when no order fits', async () => {
    const party = await fx.party();
    const invoiceId = await fx.invoice(party, buildInvoice([creamLine()], { orderReference: 'IR-999999' }));
    const result = await reconcile(invoiceId);
    expect(result).toMatchObject({
      status: 'needs_review',
      reviewReasons: ['NO_MATCHING_ORDER', 'LINE_DEVIATIONS'],
    });
    expect((await view(party, invoiceId)).lines[0]!.outcome).toBe('not_ordered');
  });

  it('finds the order by supplier, customer number and delivery window when the invoice names none', async () => {
    const party = await fx.party();
    await fx.order(party, [BUTTER], { deliveryDate: '2026-05-08' });
    const far = await fx.order(party, [CREAM], { deliveryDate: '2026-03-01' });
    const near = await fx.order(party, [CREAM], { deliveryDate: '2026-05-09' });
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine()], {
        supplierOrgNumber: null,
        customerNumber: party.customerNumber,
        deliveryDate: '2026-05-10',
      }),
    );
    const result = await reconcile(invoiceId);
    expect(result.status).toBe('matched');
    const invoice = await view(party, invoiceId);
    expect(invoice.order?.id).toBe(near.id);
    expect(invoice.order?.id).not.toBe(far.id);

    // The same delivery invoiced again finds no order: the one it would match is taken.
    const againId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { customerNumber: party.customerNumber, deliveryDate: '2026-05-10' }),
    );
    expect((await reconcile(againId)).reviewReasons).toContain('NO_MATCHING_ORDER');
  });

  it('is idempotent: a second run writes nothing and notifies no one', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine({ unitPrice: '50.00' })], { orderReference: order.reference }),
    );
    await reconcile(invoiceId);
    const snapshot = async () => ({
      invoice: await h.db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { lines: true } }),
      alerts: await h.db.priceAlert.findMany({ where: { invoiceId } }),
      notifications: await h.db.notification.count({ where: { organizationId: party.restaurantId } }),
      audits: await h.db.auditEntry.count({ where: { entityId: invoiceId } }),
    });
    const before = await snapshot();
    const again = await reconcile(invoiceId);
    expect(again.changed).toBe(false);
    expect(await snapshot()).toEqual(before);
    const viaApi = await h.caller(party.owner).invoices.reconcile({ invoiceId });
    expect(viaApi.version).toBe(before.invoice.version);
  });

  it('never matches another restaurant’s order reference', async () => {
    const mine = await fx.party();
    const theirs = await fx.party();
    const foreign = await fx.order(theirs, [CREAM]);
    const invoiceId = await fx.invoice(
      mine,
      buildInvoice([creamLine()], { orderReference: foreign.reference }),
    );
    const result = await reconcile(invoiceId);
    expect(result.reviewReasons).toContain('NO_MATCHING_ORDER');
    expect((await view(mine, invoiceId)).order).toBeNull();
  });

  it('changes the outcome when the restaurant widens its tolerance', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine({ unitPrice: '42.66' })], { orderReference: order.reference }),
    );
    expect((await reconcile(invoiceId)).status).toBe('needs_review');
    await h.caller(party.owner).invoices.settings.update({
      restaurantId: party.restaurantId,
      priceTolerancePct: '2',
      quantityTolerancePct: '0.5',
      priceAlertThresholdPct: '2',
      orderWindowDays: 14,
    });
    const after = await h.caller(party.owner).invoices.reconcile({ invoiceId });
    expect(after.status).toBe('matched');
    expect(after.lines[0]!.outcome).toBe('matched');
    // Another restaurant keeps the default.
    const other = await fx.party();
    expect(
      (await h.caller(other.owner).invoices.settings.get({ restaurantId: other.restaurantId }))
        .priceTolerancePct,
    ).toBe('0.500');
  });
});

describe('the review workflow', () => {
  it('audits corrections and reconciles again', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const read = buildInvoice([creamLine()], { orderReference: null });
    read.lines[0]!.flags = ['LOW_CONFIDENCE'];
    const invoiceId = await fx.invoice(party, read);
    expect((await reconcile(invoiceId)).status).toBe('needs_review');
    const before = await view(party, invoiceId);
    expect(before.lines[0]!.outcome).toBe('unreadable');

    const corrected = await h.caller(party.owner).invoices.correct({
      invoiceId,
      version: before.version,
      fields: { orderReference: order.reference },
      lines: [{ position: 1, quantity: '12.000' }],
    });
    // Same quantity written differently is no change; the order reference is.
    expect(corrected.lines[0]!.flags).toEqual(['LOW_CONFIDENCE']);
    expect(corrected.status).toBe('needs_review');

    const fixed = await h.caller(party.owner).invoices.correct({
      invoiceId,
      version: corrected.version,
      lines: [{ position: 1, unitPrice: '42.230', quantity: '12.5' }],
    });
    expect(fixed.lines[0]!.flags).toEqual(['ARITHMETIC_MISMATCH']);
    const final = await h.caller(party.owner).invoices.correct({
      invoiceId,
      version: fixed.version,
      lines: [{ position: 1, quantity: '12' }],
    });
    expect(final.lines[0]!.flags).toEqual([]);
    expect(final.status).toBe('matched');
    expect(final.order?.id).toBe(order.id);

    const audits = await h.db.auditEntry.findMany({
      where: { entityId: invoiceId, action: 'invoice.corrected' },
      orderBy: { createdAt: 'asc' },
      select: { metadata: true },
    });
    expect(audits).toHaveLength(3);
    expect(audits[0]!.metadata).toMatchObject({
      changes: [{ field: 'orderReference', before: null, after: order.reference }],
    });
    expect(audits[2]!.metadata).toMatchObject({
      changes: [{ field: 'lines.1.quantity', before: '12.5', after: '12' }],
    });

    expect(
      await failureCode(
        h
          .caller(party.owner)
          .invoices.correct({ invoiceId, version: fixed.version, fields: { invoiceNumber: 'X' } }),
      ),
    ).toBe('INVOICE_VERSION_CONFLICT');
  });

  it('accepting the only deviation matches the invoice; approving is final', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine({ unitPrice: '43.00' })], { orderReference: order.reference }),
    );
    await reconcile(invoiceId);
    const before = await view(party, invoiceId);
    expect(before.status).toBe('needs_review');

    const accepted = await h.caller(party.owner).invoices.acceptDeviation({
      invoiceId,
      lineId: before.lines[0]!.id,
      note: 'New list price agreed by phone',
    });
    expect(accepted.status).toBe('matched');
    expect(accepted.lines[0]).toMatchObject({ outcome: 'price_deviation', accepted: true });
    expect(accepted.reviewReasons).toEqual([]);

    const approved = await h
      .caller(party.owner)
      .invoices.approve({ invoiceId, version: accepted.version, note: 'OK' });
    expect(approved.status).toBe('approved');
    expect(await failureCode(h.caller(party.owner).invoices.reconcile({ invoiceId }))).toBe(
      'RECONCILIATION_FAILED',
    );
    expect(
      await failureCode(
        h.caller(party.owner).invoices.dispute({ invoiceId, version: approved.version, reason: 'x' }),
      ),
    ).toBe('INVALID_STATE_TRANSITION');
  });

  it('disputing creates a credit request the supplier is told about, settled by a later credit note', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM, BUTTER]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine({ unitPrice: '44.23' }), butterLine()], { orderReference: order.reference }),
    );
    await reconcile(invoiceId);
    const before = await view(party, invoiceId);

    const disputed = await h.caller(party.owner).invoices.dispute({
      invoiceId,
      version: before.version,
      reason: 'Cream invoiced above the contract price',
    });
    expect(disputed.status).toBe('disputed');
    expect(disputed.creditRequests).toHaveLength(1);
    const request = disputed.creditRequests[0]!;
    // 12 × (44.23 − 42.23)
    expect(request).toMatchObject({ status: 'open', amount: '24.00', supplierId: party.supplierId });
    expect(request.lines.map((line) => [line.position, line.amount])).toEqual([[1, '24.00']]);
    expect(await notifications('credit_request.created', request.id)).toEqual([
      { organizationId: party.supplierId },
    ]);
    expect((await notifications('invoice.disputed', invoiceId)).map((n) => n.organizationId).sort()).toEqual(
      [party.restaurantId, party.supplierId].sort(),
    );
    const supplierView = await h
      .caller(party.supplierOwner)
      .creditRequests.listForSupplier({ supplierId: party.supplierId, limit: 50 });
    expect(supplierView.items.map((item) => item.id)).toEqual([request.id]);

    const note = buildInvoice(
      [{ articleNumber: CREAM.sku, description: CREAM.name, quantity: '12', unitPrice: '2.00' }],
      {
        documentType: 'credit_note',
        creditedInvoiceNumber: before.invoiceNumber,
      },
    );
    const noteId = await fx.invoice(party, note);
    const result = await reconcile(noteId);
    expect(result).toMatchObject({ status: 'matched', reviewReasons: [] });
    const credited = await h.caller(party.supplierOwner).creditRequests.get({ creditRequestId: request.id });
    expect(credited).toMatchObject({
      status: 'credited',
      creditNoteInvoiceId: noteId,
      creditedAmount: '24.00',
    });
    expect((await notifications('credit_request.credited', request.id)).length).toBe(2);
    // Running it again settles nothing twice.
    expect((await reconcile(noteId)).changed).toBe(false);
    expect((await notifications('credit_request.credited', request.id)).length).toBe(2);
  });

  it('keeps an unexpected credit note in review', async () => {
    const party = await fx.party();
    const noteId = await fx.invoice(
      party,
      buildInvoice(
        [{ articleNumber: CREAM.sku, description: CREAM.name, quantity: '1', unitPrice: '9.00' }],
        {
          documentType: 'credit_note',
        },
      ),
    );
    expect(await reconcile(noteId)).toMatchObject({
      status: 'needs_review',
      reviewReasons: ['CREDIT_NOTE_UNEXPECTED'],
    });
  });

  it('lets the restaurant withdraw an open credit request', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine({ quantity: '14' })], { orderReference: order.reference }),
    );
    await reconcile(invoiceId);
    const disputed = await h.caller(party.owner).invoices.dispute({
      invoiceId,
      version: (await view(party, invoiceId)).version,
      reason: 'Two too many',
    });
    const request = disputed.creditRequests[0]!;
    expect(request.amount).toBe('84.46');
    expect(
      await failureCode(
        h.caller(party.supplierOwner).creditRequests.withdraw({ creditRequestId: request.id }),
      ),
    ).toBe('CREDIT_REQUEST_NOT_FOUND');
    const withdrawn = await h.caller(party.owner).creditRequests.withdraw({ creditRequestId: request.id });
    expect(withdrawn.status).toBe('withdrawn');
    expect(
      await failureCode(h.caller(party.owner).creditRequests.withdraw({ creditRequestId: request.id })),
    ).toBe('INVALID_STATE_TRANSITION');
  });

  it('lists the restaurant’s invoices by status', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const matchedId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: order.reference }),
    );
    const reviewId = await fx.invoice(party, buildInvoice([creamLine()], { orderReference: 'none' }));
    await reconcile(matchedId);
    await reconcile(reviewId);
    const caller = h.caller(party.owner).invoices;
    expect(
      (await caller.list({ restaurantId: party.restaurantId, limit: 50 })).items.map((i) => i.id),
    ).toEqual([reviewId, matchedId]);
    expect(
      (await caller.list({ restaurantId: party.restaurantId, status: 'needs_review', limit: 50 })).items.map(
        (i) => i.id,
      ),
    ).toEqual([reviewId]);
    const firstPage = await caller.list({ restaurantId: party.restaurantId, limit: 1 });
    const secondPage = await caller.list({
      restaurantId: party.restaurantId,
      limit: 1,
      cursor: firstPage.pageInfo.nextCursor!,
    });
    expect(secondPage.items.map((i) => i.id)).toEqual([matchedId]);
  });
});

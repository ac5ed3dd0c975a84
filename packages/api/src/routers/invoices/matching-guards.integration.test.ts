import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcedureHarness, failureCode, type ProcedureHarness } from '../../testing.ts';
import { buildInvoice, InvoiceFixtures, type Party } from './_fixtures.ts';

/** Who an invoice is from and which order it bills: the guards against matching the wrong one. */

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
const creamLine = (unitPrice = CREAM.unitPrice) => ({
  articleNumber: CREAM.sku,
  description: CREAM.name,
  quantity: CREAM.quantity,
  unitPrice,
});

const reconcile = (invoiceId: string) => h.deps.invoicing.reconciliation.reconcileSystem(invoiceId);
const view = (party: Party, invoiceId: string) => h.caller(party.owner).invoices.get({ invoiceId });
const orderStatus = async (orderId: string) =>
  (await h.db.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } })).status;

describe('an order is billed by one invoice', () => {
  it('refuses an order reference already matched to another invoice (ORDER_ALREADY_INVOICED)', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const firstId = await fx.invoice(party, buildInvoice([creamLine()], { orderReference: order.reference }));
    expect((await reconcile(firstId)).status).toBe('matched');
    expect(await orderStatus(order.id)).toBe('invoiced');

    const secondId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: order.reference }),
    );
    const second = await reconcile(secondId);
    expect(second.status).toBe('needs_review');
    expect(second.reviewReasons[0]).toBe('ORDER_ALREADY_INVOICED');
    expect(second.reviewReasons).not.toContain('NO_MATCHING_ORDER');
    expect((await view(party, secondId)).order).toBeNull();
  });

  it('lets an order be billed again once its invoice is disputed', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const firstId = await fx.invoice(
      party,
      buildInvoice([creamLine('44.23')], { orderReference: order.reference }),
    );
    await reconcile(firstId);
    await h.caller(party.owner).invoices.dispute({
      invoiceId: firstId,
      version: (await view(party, firstId)).version,
      reason: 'Above contract',
    });
    const correctedId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: order.reference }),
    );
    expect((await reconcile(correctedId)).status).toBe('matched');
  });

  it('never matches a duplicate (same supplier, number and type), whatever order it names', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const other = await fx.order(party, [CREAM]);
    const pdf = buildInvoice([creamLine()], { orderReference: order.reference, invoiceNumber: 'F-77001' });
    const pdfId = await fx.invoice(party, pdf);
    expect((await reconcile(pdfId)).status).toBe('matched');

    const xmlId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: other.reference, invoiceNumber: 'F-77001' }),
    );
    const result = await reconcile(xmlId);
    expect(result).toMatchObject({ status: 'needs_review' });
    expect(result.reviewReasons).toContain('DUPLICATE_INVOICE');
    expect((await view(party, xmlId)).order).toBeNull();
    expect(await orderStatus(other.id)).toBe('delivered');
    // The original stays matched when it is reconciled again.
    expect((await reconcile(pdfId)).status).toBe('matched');
  });

  it('lets two concurrent reconciliations through the delivery window take the one order once', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM], { deliveryDate: '2026-05-11' });
    const header = { customerNumber: party.customerNumber, deliveryDate: '2026-05-11' };
    const a = await fx.invoice(party, buildInvoice([creamLine()], header));
    const b = await fx.invoice(party, buildInvoice([creamLine()], header));
    const results = await Promise.all([reconcile(a), reconcile(b)]);
    expect(results.map((result) => result.status).sort()).toEqual(['matched', 'needs_review']);
    expect(results.find((result) => result.status === 'needs_review')!.reviewReasons).toContain(
      'NO_MATCHING_ORDER',
    );
    expect(await h.db.invoice.count({ where: { orderId: order.id } })).toBe(1);
  });

  it('searches the window from the delivery date outwards, not from its oldest order', async () => {
    const party = await fx.party();
    for (let index = 0; index < 50; index += 1)
      await fx.order(party, [CREAM], { deliveryDate: '2026-04-28' });
    const near = await fx.order(party, [CREAM], { deliveryDate: '2026-05-11' });
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { customerNumber: party.customerNumber, deliveryDate: '2026-05-11' }),
    );
    expect((await reconcile(invoiceId)).status).toBe('matched');
    expect((await view(party, invoiceId)).order?.id).toBe(near.id);
  });
});

describe('the supplier is the one the invoice shows', () => {
  it('treats a customer number two suppliers use as no supplier (SUPPLIER_UNKNOWN)', async () => {
    const party = await fx.party();
    const otherOwner = await h.createUser('supplier');
    const other = await h.createOrganization('supplier', otherOwner);
    await h.db.customerRelationship.create({
      data: {
        supplierId: other.id,
        restaurantId: party.restaurantId,
        status: 'active',
        customerNumber: party.customerNumber,
      },
    });
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { supplierOrgNumber: null, customerNumber: party.customerNumber }),
    );
    const result = await reconcile(invoiceId);
    expect(result.reviewReasons).toContain('SUPPLIER_UNKNOWN');
    expect((await view(party, invoiceId)).supplierId).toBeNull();
  });

  it('refuses an order reference when the organisation number read names no supplier of the order (SUPPLIER_MISMATCH)', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: order.reference, supplierOrgNumber: '559999-9999' }),
    );
    const result = await reconcile(invoiceId);
    expect(result.status).toBe('needs_review');
    expect(result.reviewReasons).toEqual(expect.arrayContaining(['SUPPLIER_UNKNOWN', 'SUPPLIER_MISMATCH']));
    const invoice = await view(party, invoiceId);
    expect(invoice.order).toBeNull();
    expect(invoice.supplierId).toBeNull();
    // Without a supplier a dispute cannot be addressed to anyone.
    expect(
      await failureCode(
        h.caller(party.owner).invoices.dispute({ invoiceId, version: invoice.version, reason: 'x' }),
      ),
    ).toBe('UNPROCESSABLE');
  });

  it('takes the supplier from the order reference when no organisation number was read', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: order.reference, supplierOrgNumber: null }),
    );
    expect((await reconcile(invoiceId)).status).toBe('matched');
    expect((await view(party, invoiceId)).supplierId).toBe(party.supplierId);
  });
});

describe('the order becomes invoiced', () => {
  it('when the invoice matched to a confirmed order is reconciled or approved after delivery', async () => {
    const party = await fx.party();
    const deliver = (orderId: string) =>
      h.db.order.update({ where: { id: orderId }, data: { status: 'delivered', deliveredAt: new Date() } });

    const reRun = await fx.order(party, [CREAM], { status: 'confirmed' });
    const reRunId = await fx.invoice(party, buildInvoice([creamLine()], { orderReference: reRun.reference }));
    expect((await reconcile(reRunId)).status).toBe('matched');
    expect(await orderStatus(reRun.id)).toBe('confirmed');
    await deliver(reRun.id);
    await h.caller(party.owner).invoices.reconcile({ invoiceId: reRunId });
    expect(await orderStatus(reRun.id)).toBe('invoiced');

    const approved = await fx.order(party, [CREAM], { status: 'confirmed' });
    const approvedId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: approved.reference }),
    );
    await reconcile(approvedId);
    await deliver(approved.id);
    await h.caller(party.owner).invoices.approve({
      invoiceId: approvedId,
      version: (await view(party, approvedId)).version,
    });
    expect(await orderStatus(approved.id)).toBe('invoiced');
  });
});

describe('reconcile through the API', () => {
  it('refuses a key without invoices:read before writing anything', async () => {
    const party = await fx.party();
    const order = await fx.order(party, [CREAM]);
    const invoiceId = await fx.invoice(
      party,
      buildInvoice([creamLine()], { orderReference: order.reference }),
    );
    const writer = await h.serviceActor(party.restaurantId, ['invoices:write']);
    expect(await failureCode(h.caller(writer).invoices.reconcile({ invoiceId }))).toBe('FORBIDDEN');
    expect(
      (await h.db.invoice.findUniqueOrThrow({ where: { id: invoiceId }, select: { status: true } })).status,
    ).toBe('extracted');
    const both = await h.serviceActor(party.restaurantId, ['invoices:read', 'invoices:write']);
    expect((await h.caller(both).invoices.reconcile({ invoiceId })).status).toBe('matched');
  });
});

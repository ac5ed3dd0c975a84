-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('received', 'extracted', 'matched', 'needs_review', 'approved', 'disputed');

-- CreateEnum
CREATE TYPE "InvoiceDocumentType" AS ENUM ('invoice', 'credit_note');

-- CreateEnum
CREATE TYPE "InvoiceExtractionMethod" AS ENUM ('peppol_ubl', 'svefaktura', 'pdf_text', 'ocr');

-- CreateEnum
CREATE TYPE "InvoiceLineOutcome" AS ENUM ('matched', 'price_deviation', 'quantity_deviation', 'not_ordered', 'not_delivered', 'vat_mismatch', 'unreadable');

-- CreateEnum
CREATE TYPE "CreditRequestStatus" AS ENUM ('open', 'credited', 'withdrawn');

-- CreateEnum
CREATE TYPE "PriceAlertKind" AS ENUM ('differs_from_contract', 'rise_vs_history');

-- CreateEnum
CREATE TYPE "PriceAlertStatus" AS ENUM ('open', 'acknowledged');

-- CreateTable
CREATE TABLE "invoice" (
    "id" UUID NOT NULL,
    "restaurantId" UUID NOT NULL,
    "supplierId" UUID,
    "orderId" UUID,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'received',
    "documentType" "InvoiceDocumentType" NOT NULL DEFAULT 'invoice',
    "source" TEXT NOT NULL DEFAULT 'upload',
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedByUserId" UUID,
    "uploadedByServiceAccountId" UUID,
    "extractionMethod" "InvoiceExtractionMethod",
    "extractionMs" INTEGER,
    "extractionError" TEXT,
    "extractedAt" TIMESTAMPTZ(3),
    "supplierName" TEXT,
    "supplierOrgNumber" TEXT,
    "supplierVatNumber" TEXT,
    "invoiceNumber" TEXT,
    "invoiceDate" DATE,
    "dueDate" DATE,
    "deliveryDate" DATE,
    "orderReference" TEXT,
    "customerNumber" TEXT,
    "creditedInvoiceNumber" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'SEK',
    "netTotal" DECIMAL(12,2),
    "vatTotal" DECIMAL(12,2),
    "roundingAmount" DECIMAL(12,2),
    "amountDue" DECIMAL(12,2),
    "vatBreakdown" JSONB NOT NULL DEFAULT '[]',
    "bankgiro" TEXT,
    "plusgiro" TEXT,
    "ocrReference" TEXT,
    "flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reviewReasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reconciledAt" TIMESTAMPTZ(3),
    "decidedAt" TIMESTAMPTZ(3),
    "decidedByUserId" UUID,
    "decisionNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_line" (
    "id" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "articleNumber" TEXT,
    "gtin" TEXT,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(12,3),
    "unit" TEXT,
    "unitPrice" DECIMAL(12,3),
    "vatRate" DECIMAL(5,2),
    "lineTotal" DECIMAL(12,2),
    "flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "outcome" "InvoiceLineOutcome",
    "orderLineId" UUID,
    "productId" UUID,
    "expectedUnitPrice" DECIMAL(12,3),
    "expectedVatRate" DECIMAL(5,2),
    "orderedQuantity" DECIMAL(12,3),
    "receivedQuantity" DECIMAL(12,3),
    "priceDeviationPct" DECIMAL(9,3),
    "quantityDeviationPct" DECIMAL(9,3),
    "acceptedAt" TIMESTAMPTZ(3),
    "acceptedByUserId" UUID,
    "acceptNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "invoice_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_settings" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "priceTolerancePct" DECIMAL(6,3) NOT NULL DEFAULT 0.5,
    "quantityTolerancePct" DECIMAL(6,3) NOT NULL DEFAULT 0.5,
    "priceAlertThresholdPct" DECIMAL(6,3) NOT NULL DEFAULT 2,
    "orderWindowDays" INTEGER NOT NULL DEFAULT 14,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "invoice_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_request" (
    "id" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "restaurantId" UUID NOT NULL,
    "supplierId" UUID NOT NULL,
    "status" "CreditRequestStatus" NOT NULL DEFAULT 'open',
    "amount" DECIMAL(12,2) NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'SEK',
    "reason" TEXT NOT NULL,
    "lines" JSONB NOT NULL DEFAULT '[]',
    "requestedByUserId" UUID,
    "creditNoteInvoiceId" UUID,
    "creditedAmount" DECIMAL(12,2),
    "creditedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "credit_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "price_alert" (
    "id" UUID NOT NULL,
    "restaurantId" UUID NOT NULL,
    "supplierId" UUID NOT NULL,
    "invoiceId" UUID NOT NULL,
    "invoiceLineId" UUID NOT NULL,
    "productId" UUID,
    "articleNumber" TEXT,
    "description" TEXT NOT NULL,
    "kind" "PriceAlertKind" NOT NULL,
    "status" "PriceAlertStatus" NOT NULL DEFAULT 'open',
    "invoicedUnitPrice" DECIMAL(12,3) NOT NULL,
    "referenceUnitPrice" DECIMAL(12,3) NOT NULL,
    "changePct" DECIMAL(9,3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedByUserId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),

    CONSTRAINT "price_alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "invoice_restaurantId_createdAt_idx" ON "invoice"("restaurantId", "createdAt");

-- CreateIndex
CREATE INDEX "invoice_restaurantId_status_idx" ON "invoice"("restaurantId", "status");

-- CreateIndex
CREATE INDEX "invoice_supplierId_invoiceNumber_idx" ON "invoice"("supplierId", "invoiceNumber");

-- CreateIndex
CREATE INDEX "invoice_orderId_idx" ON "invoice"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_restaurantId_contentHash_key" ON "invoice"("restaurantId", "contentHash");

-- CreateIndex
CREATE INDEX "invoice_line_productId_idx" ON "invoice_line"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_line_invoiceId_position_key" ON "invoice_line"("invoiceId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_settings_organizationId_key" ON "invoice_settings"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "credit_request_creditNoteInvoiceId_key" ON "credit_request"("creditNoteInvoiceId");

-- CreateIndex
CREATE INDEX "credit_request_restaurantId_createdAt_idx" ON "credit_request"("restaurantId", "createdAt");

-- CreateIndex
CREATE INDEX "credit_request_supplierId_status_idx" ON "credit_request"("supplierId", "status");

-- CreateIndex
CREATE INDEX "credit_request_invoiceId_idx" ON "credit_request"("invoiceId");

-- CreateIndex
CREATE INDEX "price_alert_restaurantId_status_createdAt_idx" ON "price_alert"("restaurantId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "price_alert_invoiceLineId_kind_key" ON "price_alert"("invoiceLineId", "kind");

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_restaurantId_fkey" FOREIGN KEY ("restaurantId") REFERENCES "restaurant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "supplier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_line" ADD CONSTRAINT "invoice_line_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_request" ADD CONSTRAINT "credit_request_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_request" ADD CONSTRAINT "credit_request_creditNoteInvoiceId_fkey" FOREIGN KEY ("creditNoteInvoiceId") REFERENCES "invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_alert" ADD CONSTRAINT "price_alert_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_alert" ADD CONSTRAINT "price_alert_invoiceLineId_fkey" FOREIGN KEY ("invoiceLineId") REFERENCES "invoice_line"("id") ON DELETE CASCADE ON UPDATE CASCADE;

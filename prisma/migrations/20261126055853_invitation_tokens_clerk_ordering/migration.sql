-- AlterTable
ALTER TABLE "invitation" ADD COLUMN     "tokenHash" TEXT;

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "clerkUpdatedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "invitation_tokenHash_key" ON "invitation"("tokenHash");

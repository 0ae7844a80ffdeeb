-- CreateEnum
CREATE TYPE "SuspensionIssuer" AS ENUM ('INSPECTOR', 'CHIEF_SUPERVISOR');

-- CreateEnum
CREATE TYPE "OwnerConsent" AS ENUM ('PRIOR', 'EMERGENCY');

-- CreateTable
CREATE TABLE "Suspension" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "issuer" "SuspensionIssuer" NOT NULL,
    "wholeBuilding" BOOLEAN NOT NULL,
    "scopeCodes" TEXT[],
    "reason" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "ownerConsent" "OwnerConsent",
    "ownerConsentNote" TEXT,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "issuedById" UUID NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "Suspension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResumeOrder" (
    "id" UUID NOT NULL,
    "suspensionId" UUID NOT NULL,
    "findings" TEXT NOT NULL,
    "ownerApproval" TEXT,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "issuedById" UUID NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "ResumeOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Suspension_idempotencyKey_key" ON "Suspension"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Suspension_buildingId_issuedAt_idx" ON "Suspension"("buildingId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ResumeOrder_suspensionId_key" ON "ResumeOrder"("suspensionId");

-- CreateIndex
CREATE UNIQUE INDEX "ResumeOrder_idempotencyKey_key" ON "ResumeOrder"("idempotencyKey");

-- AddForeignKey
ALTER TABLE "Suspension" ADD CONSTRAINT "Suspension_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResumeOrder" ADD CONSTRAINT "ResumeOrder_suspensionId_fkey" FOREIGN KEY ("suspensionId") REFERENCES "Suspension"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: a signed suspension and its 复工 are immutable in the database itself; a
-- suspension is lifted by a ResumeOrder row, never by changing it.
CREATE TRIGGER "Suspension_immutable" BEFORE UPDATE OR DELETE ON "Suspension" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "Suspension_no_truncate" BEFORE TRUNCATE ON "Suspension" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "ResumeOrder_immutable" BEFORE UPDATE OR DELETE ON "ResumeOrder" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "ResumeOrder_no_truncate" BEFORE TRUNCATE ON "ResumeOrder" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
-- The whole building, or at least one 分部/子分部; the 建设单位's consent is stated on a 总监's order only.
ALTER TABLE "Suspension"
  ADD CONSTRAINT "Suspension_scope" CHECK ("wholeBuilding" = (cardinality("scopeCodes") = 0)),
  ADD CONSTRAINT "Suspension_owner_consent" CHECK (("issuer" = 'CHIEF_SUPERVISOR') = ("ownerConsent" IS NOT NULL));

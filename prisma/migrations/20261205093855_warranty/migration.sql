-- CreateEnum
CREATE TYPE "WarrantyCategory" AS ENUM ('FOUNDATION_STRUCTURE', 'WATERPROOFING', 'HEATING_COOLING', 'MEP_INSTALLATION', 'DECORATION', 'OTHER');

-- CreateEnum
CREATE TYPE "ClaimStepKind" AS ENUM ('ACKNOWLEDGED', 'VISIT_SCHEDULED', 'REPAIRED', 'CONFIRMED', 'REOPENED', 'DECLINED', 'MESSAGE');

-- CreateTable
CREATE TABLE "UnitInvitation" (
    "id" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "codeHash" CHAR(64) NOT NULL,
    "issuedById" UUID NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "redeemedById" UUID,
    "redeemedAt" TIMESTAMP(3),

    CONSTRAINT "UnitInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WarrantyClaim" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "category" "WarrantyCategory" NOT NULL,
    "location" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "emergency" BOOLEAN NOT NULL,
    "filedOn" DATE NOT NULL,
    "inWarranty" BOOLEAN,
    "coveredUntil" DATE,
    "responsibleOrganizationId" UUID,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "filedById" UUID NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "WarrantyClaim_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WarrantyClaimStep" (
    "id" UUID NOT NULL,
    "claimId" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "kind" "ClaimStepKind" NOT NULL,
    "actorRole" TEXT NOT NULL,
    "actorId" UUID,
    "text" TEXT NOT NULL,
    "visitAt" TIMESTAMP(3),
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "WarrantyClaimStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UnitInvitation_codeHash_key" ON "UnitInvitation"("codeHash");

-- CreateIndex
CREATE INDEX "UnitInvitation_unitId_idx" ON "UnitInvitation"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "WarrantyClaim_idempotencyKey_key" ON "WarrantyClaim"("idempotencyKey");

-- CreateIndex
CREATE INDEX "WarrantyClaim_buildingId_filedAt_idx" ON "WarrantyClaim"("buildingId", "filedAt");

-- CreateIndex
CREATE INDEX "WarrantyClaim_unitId_idx" ON "WarrantyClaim"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "WarrantyClaimStep_idempotencyKey_key" ON "WarrantyClaimStep"("idempotencyKey");

-- CreateIndex
CREATE INDEX "WarrantyClaimStep_claimId_at_idx" ON "WarrantyClaimStep"("claimId", "at");

-- AddForeignKey
ALTER TABLE "UnitInvitation" ADD CONSTRAINT "UnitInvitation_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WarrantyClaim" ADD CONSTRAINT "WarrantyClaim_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WarrantyClaim" ADD CONSTRAINT "WarrantyClaim_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WarrantyClaimStep" ADD CONSTRAINT "WarrantyClaimStep_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "WarrantyClaim"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: claims and their steps are never changed or deleted (warranty.md §5), and a closed
-- claim (confirmed or declined) takes no further step.
CREATE TRIGGER "WarrantyClaim_immutable" BEFORE UPDATE OR DELETE ON "WarrantyClaim" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "WarrantyClaim_no_truncate" BEFORE TRUNCATE ON "WarrantyClaim" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "WarrantyClaimStep_immutable" BEFORE UPDATE OR DELETE ON "WarrantyClaimStep" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "WarrantyClaimStep_no_truncate" BEFORE TRUNCATE ON "WarrantyClaimStep" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

CREATE FUNCTION "refuse_step_on_closed_claim"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "WarrantyClaimStep" WHERE "claimId" = NEW."claimId" AND "kind" IN ('CONFIRMED', 'DECLINED')) THEN
    RAISE EXCEPTION 'warranty claim % is closed', NEW."claimId" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "WarrantyClaimStep_closed" BEFORE INSERT ON "WarrantyClaimStep" FOR EACH ROW EXECUTE FUNCTION "refuse_step_on_closed_claim"();
ALTER TABLE "WarrantyClaimStep"
  ADD CONSTRAINT "WarrantyClaimStep_visit_has_time" CHECK (("kind" = 'VISIT_SCHEDULED') = ("visitAt" IS NOT NULL));

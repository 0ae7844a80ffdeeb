-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('ACCEPTED', 'REJECTED');

-- CreateTable
CREATE TABLE "InspectionLot" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "subdivisionCode" VARCHAR(4) NOT NULL,
    "itemCode" VARCHAR(8) NOT NULL,
    "itemName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "capacityUnit" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionLot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LotDependency" (
    "lotId" UUID NOT NULL,
    "predecessorId" UUID NOT NULL,

    CONSTRAINT "LotDependency_pkey" PRIMARY KEY ("lotId","predecessorId")
);

-- CreateTable
CREATE TABLE "InspectionRecord" (
    "id" UUID NOT NULL,
    "lotId" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "verdict" TEXT NOT NULL,
    "supersedesId" UUID,
    "submittedById" UUID NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" TEXT,

    CONSTRAINT "InspectionRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionReview" (
    "id" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "reasons" TEXT,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "reviewedById" UUID NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" TEXT,

    CONSTRAINT "InspectionReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InspectionLot_buildingId_subdivisionCode_idx" ON "InspectionLot"("buildingId", "subdivisionCode");

-- CreateIndex
CREATE INDEX "LotDependency_predecessorId_idx" ON "LotDependency"("predecessorId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionRecord_supersedesId_key" ON "InspectionRecord"("supersedesId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionRecord_idempotencyKey_key" ON "InspectionRecord"("idempotencyKey");

-- CreateIndex
CREATE INDEX "InspectionRecord_lotId_idx" ON "InspectionRecord"("lotId");

-- CreateIndex
CREATE INDEX "InspectionRecord_buildingId_idx" ON "InspectionRecord"("buildingId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionReview_recordId_key" ON "InspectionReview"("recordId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionReview_idempotencyKey_key" ON "InspectionReview"("idempotencyKey");

-- AddForeignKey
ALTER TABLE "InspectionLot" ADD CONSTRAINT "InspectionLot_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotDependency" ADD CONSTRAINT "LotDependency_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "InspectionLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotDependency" ADD CONSTRAINT "LotDependency_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "InspectionLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionRecord" ADD CONSTRAINT "InspectionRecord_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "InspectionLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionRecord" ADD CONSTRAINT "InspectionRecord_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "InspectionRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionReview" ADD CONSTRAINT "InspectionReview_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "InspectionRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: submitted and reviewed records are immutable in the database itself.
CREATE TRIGGER "InspectionRecord_immutable" BEFORE UPDATE OR DELETE ON "InspectionRecord"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "InspectionRecord_no_truncate" BEFORE TRUNCATE ON "InspectionRecord"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "InspectionReview_immutable" BEFORE UPDATE OR DELETE ON "InspectionReview"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "InspectionReview_no_truncate" BEFORE TRUNCATE ON "InspectionReview"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

ALTER TABLE "InspectionRecord"
  ADD CONSTRAINT "InspectionRecord_verdict" CHECK ("verdict" IN ('PASS', 'FAIL')),
  ADD CONSTRAINT "InspectionRecord_sha_hex" CHECK ("contentSha256" ~ '^[0-9a-f]{64}$');
ALTER TABLE "InspectionReview"
  ADD CONSTRAINT "InspectionReview_rejection_has_reasons" CHECK ("decision" = 'ACCEPTED' OR length(coalesce("reasons", '')) > 0);
ALTER TABLE "LotDependency"
  ADD CONSTRAINT "LotDependency_not_self" CHECK ("lotId" <> "predecessorId");
ALTER TABLE "InspectionLot"
  ADD CONSTRAINT "InspectionLot_capacity_positive" CHECK ("capacity" >= 1);

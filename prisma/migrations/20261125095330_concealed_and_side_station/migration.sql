-- CreateTable
CREATE TABLE "ConcealedWork" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "lotId" UUID NOT NULL,
    "location" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "references" TEXT NOT NULL,
    "plannedCoverAt" TIMESTAMP(3),
    "notifiedAt" TIMESTAMP(3) NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "createdById" UUID NOT NULL,
    "idempotencyKey" TEXT,

    CONSTRAINT "ConcealedWork_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConcealedAcceptance" (
    "id" UUID NOT NULL,
    "concealedWorkId" UUID NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "reasons" TEXT,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "reviewedById" UUID NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConcealedAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SideStationRecord" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "lotId" UUID NOT NULL,
    "process" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "observations" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "actions" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" TEXT,

    CONSTRAINT "SideStationRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SideStationConfirmation" (
    "id" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "confirmedById" UUID NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SideStationConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConcealedWork_idempotencyKey_key" ON "ConcealedWork"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ConcealedWork_buildingId_idx" ON "ConcealedWork"("buildingId");

-- CreateIndex
CREATE INDEX "ConcealedWork_lotId_idx" ON "ConcealedWork"("lotId");

-- CreateIndex
CREATE UNIQUE INDEX "ConcealedAcceptance_concealedWorkId_key" ON "ConcealedAcceptance"("concealedWorkId");

-- CreateIndex
CREATE UNIQUE INDEX "SideStationRecord_idempotencyKey_key" ON "SideStationRecord"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SideStationRecord_buildingId_idx" ON "SideStationRecord"("buildingId");

-- CreateIndex
CREATE INDEX "SideStationRecord_lotId_idx" ON "SideStationRecord"("lotId");

-- CreateIndex
CREATE UNIQUE INDEX "SideStationConfirmation_recordId_key" ON "SideStationConfirmation"("recordId");

-- AddForeignKey
ALTER TABLE "ConcealedWork" ADD CONSTRAINT "ConcealedWork_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "InspectionLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConcealedAcceptance" ADD CONSTRAINT "ConcealedAcceptance_concealedWorkId_fkey" FOREIGN KEY ("concealedWorkId") REFERENCES "ConcealedWork"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SideStationRecord" ADD CONSTRAINT "SideStationRecord_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "InspectionLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SideStationConfirmation" ADD CONSTRAINT "SideStationConfirmation_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "SideStationRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: signed records are immutable in the database itself.
CREATE TRIGGER "ConcealedWork_immutable" BEFORE UPDATE OR DELETE ON "ConcealedWork" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "ConcealedWork_no_truncate" BEFORE TRUNCATE ON "ConcealedWork" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "ConcealedAcceptance_immutable" BEFORE UPDATE OR DELETE ON "ConcealedAcceptance" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "ConcealedAcceptance_no_truncate" BEFORE TRUNCATE ON "ConcealedAcceptance" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "SideStationRecord_immutable" BEFORE UPDATE OR DELETE ON "SideStationRecord" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "SideStationRecord_no_truncate" BEFORE TRUNCATE ON "SideStationRecord" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "SideStationConfirmation_immutable" BEFORE UPDATE OR DELETE ON "SideStationConfirmation" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "SideStationConfirmation_no_truncate" BEFORE TRUNCATE ON "SideStationConfirmation" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
ALTER TABLE "ConcealedAcceptance"
  ADD CONSTRAINT "ConcealedAcceptance_refusal_has_reasons" CHECK ("decision" = 'ACCEPTED' OR length(coalesce("reasons", '')) > 0);
ALTER TABLE "SideStationRecord"
  ADD CONSTRAINT "SideStationRecord_ends_after_start" CHECK ("endedAt" >= "startedAt");

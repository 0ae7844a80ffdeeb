-- CreateEnum
CREATE TYPE "RectificationDecision" AS ENUM ('VERIFIED', 'RETURNED');

-- CreateTable
CREATE TABLE "RectificationNotice" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "partyRole" "PartyRole" NOT NULL,
    "basis" TEXT NOT NULL,
    "issuedOn" DATE NOT NULL,
    "deadline" DATE NOT NULL,
    "supervisionInspectionId" UUID,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "inspectorId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "RectificationNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RectificationItem" (
    "id" UUID NOT NULL,
    "noticeId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "finding" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "requiredAction" TEXT NOT NULL,
    "lotIds" UUID[],
    "photoIds" UUID[],
    "receiptIds" UUID[],
    "concealedWorkIds" UUID[],

    CONSTRAINT "RectificationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RectificationResponse" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "previousId" UUID,
    "actionTaken" TEXT NOT NULL,
    "partyRole" "PartyRole" NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "respondedById" UUID NOT NULL,
    "respondedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "RectificationResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RectificationVerification" (
    "id" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "decision" "RectificationDecision" NOT NULL,
    "reason" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "verifiedById" UUID NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "RectificationVerification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RectificationNotice_idempotencyKey_key" ON "RectificationNotice"("idempotencyKey");

-- CreateIndex
CREATE INDEX "RectificationNotice_buildingId_issuedOn_idx" ON "RectificationNotice"("buildingId", "issuedOn");

-- CreateIndex
CREATE UNIQUE INDEX "RectificationNotice_buildingId_number_key" ON "RectificationNotice"("buildingId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "RectificationItem_noticeId_position_key" ON "RectificationItem"("noticeId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "RectificationResponse_previousId_key" ON "RectificationResponse"("previousId");

-- CreateIndex
CREATE UNIQUE INDEX "RectificationResponse_idempotencyKey_key" ON "RectificationResponse"("idempotencyKey");

-- CreateIndex
CREATE INDEX "RectificationResponse_itemId_respondedAt_idx" ON "RectificationResponse"("itemId", "respondedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RectificationVerification_responseId_key" ON "RectificationVerification"("responseId");

-- CreateIndex
CREATE UNIQUE INDEX "RectificationVerification_idempotencyKey_key" ON "RectificationVerification"("idempotencyKey");

-- AddForeignKey
ALTER TABLE "RectificationNotice" ADD CONSTRAINT "RectificationNotice_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationNotice" ADD CONSTRAINT "RectificationNotice_supervisionInspectionId_fkey" FOREIGN KEY ("supervisionInspectionId") REFERENCES "SupervisionInspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationItem" ADD CONSTRAINT "RectificationItem_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "RectificationNotice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationResponse" ADD CONSTRAINT "RectificationResponse_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "RectificationItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationResponse" ADD CONSTRAINT "RectificationResponse_previousId_fkey" FOREIGN KEY ("previousId") REFERENCES "RectificationResponse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationVerification" ADD CONSTRAINT "RectificationVerification_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "RectificationResponse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: a 整改通知单, its items, the responses and the verifications are signed records,
-- immutable in the database itself (supervision.md §3); a correction is a new row.
CREATE TRIGGER "RectificationNotice_immutable" BEFORE UPDATE OR DELETE ON "RectificationNotice" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "RectificationNotice_no_truncate" BEFORE TRUNCATE ON "RectificationNotice" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "RectificationItem_immutable" BEFORE UPDATE OR DELETE ON "RectificationItem" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "RectificationItem_no_truncate" BEFORE TRUNCATE ON "RectificationItem" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "RectificationResponse_immutable" BEFORE UPDATE OR DELETE ON "RectificationResponse" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "RectificationResponse_no_truncate" BEFORE TRUNCATE ON "RectificationResponse" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "RectificationVerification_immutable" BEFORE UPDATE OR DELETE ON "RectificationVerification" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "RectificationVerification_no_truncate" BEFORE TRUNCATE ON "RectificationVerification" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
ALTER TABLE "RectificationNotice"
  ADD CONSTRAINT "RectificationNotice_deadline_not_before_issue" CHECK ("deadline" >= "issuedOn");
ALTER TABLE "RectificationItem"
  ADD CONSTRAINT "RectificationItem_position_positive" CHECK ("position" >= 1);
ALTER TABLE "RectificationVerification"
  ADD CONSTRAINT "RectificationVerification_returned_has_reason" CHECK ("decision" = 'VERIFIED' OR length("reason") >= 2);

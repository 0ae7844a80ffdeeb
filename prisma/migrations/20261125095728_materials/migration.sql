-- CreateTable
CREATE TABLE "MaterialReceipt" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "specification" TEXT NOT NULL,
    "batchNo" TEXT NOT NULL,
    "quantity" DECIMAL(14,3) NOT NULL,
    "unit" TEXT NOT NULL,
    "supplier" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "certificates" TEXT[],
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" TEXT,

    CONSTRAINT "MaterialReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaterialApproval" (
    "id" UUID NOT NULL,
    "receiptId" UUID NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "reasons" TEXT,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "reviewedById" UUID NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaterialApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WitnessSample" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "receiptId" UUID,
    "kind" TEXT NOT NULL,
    "sampleNo" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "sampledAt" TIMESTAMP(3) NOT NULL,
    "samplerId" UUID NOT NULL,
    "witnessId" UUID,
    "lab" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "idempotencyKey" TEXT,

    CONSTRAINT "WitnessSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleResult" (
    "id" UUID NOT NULL,
    "sampleId" UUID NOT NULL,
    "reportNo" TEXT NOT NULL,
    "reportSha256" CHAR(64) NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "reportedOn" DATE NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,

    CONSTRAINT "SampleResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MaterialReceipt_idempotencyKey_key" ON "MaterialReceipt"("idempotencyKey");

-- CreateIndex
CREATE INDEX "MaterialReceipt_buildingId_kind_idx" ON "MaterialReceipt"("buildingId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "MaterialApproval_receiptId_key" ON "MaterialApproval"("receiptId");

-- CreateIndex
CREATE UNIQUE INDEX "WitnessSample_idempotencyKey_key" ON "WitnessSample"("idempotencyKey");

-- CreateIndex
CREATE INDEX "WitnessSample_buildingId_kind_idx" ON "WitnessSample"("buildingId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "WitnessSample_buildingId_sampleNo_key" ON "WitnessSample"("buildingId", "sampleNo");

-- CreateIndex
CREATE UNIQUE INDEX "SampleResult_sampleId_key" ON "SampleResult"("sampleId");

-- AddForeignKey
ALTER TABLE "MaterialReceipt" ADD CONSTRAINT "MaterialReceipt_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaterialApproval" ADD CONSTRAINT "MaterialApproval_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "MaterialReceipt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WitnessSample" ADD CONSTRAINT "WitnessSample_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WitnessSample" ADD CONSTRAINT "WitnessSample_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "MaterialReceipt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleResult" ADD CONSTRAINT "SampleResult_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "WitnessSample"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: material and sample records are immutable in the database itself.
CREATE TRIGGER "MaterialReceipt_immutable" BEFORE UPDATE OR DELETE ON "MaterialReceipt" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "MaterialReceipt_no_truncate" BEFORE TRUNCATE ON "MaterialReceipt" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "MaterialApproval_immutable" BEFORE UPDATE OR DELETE ON "MaterialApproval" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "MaterialApproval_no_truncate" BEFORE TRUNCATE ON "MaterialApproval" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "WitnessSample_immutable" BEFORE UPDATE OR DELETE ON "WitnessSample" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "WitnessSample_no_truncate" BEFORE TRUNCATE ON "WitnessSample" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "SampleResult_immutable" BEFORE UPDATE OR DELETE ON "SampleResult" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "SampleResult_no_truncate" BEFORE TRUNCATE ON "SampleResult" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
ALTER TABLE "MaterialApproval"
  ADD CONSTRAINT "MaterialApproval_refusal_has_reasons" CHECK ("decision" = 'ACCEPTED' OR length(coalesce("reasons", '')) > 0);
ALTER TABLE "MaterialReceipt" ADD CONSTRAINT "MaterialReceipt_quantity_positive" CHECK ("quantity" > 0);

-- CreateTable
CREATE TABLE "InspectionRecordMaterial" (
    "recordId" UUID NOT NULL,
    "receiptId" UUID NOT NULL,

    CONSTRAINT "InspectionRecordMaterial_pkey" PRIMARY KEY ("recordId","receiptId")
);

-- CreateIndex
CREATE INDEX "InspectionRecordMaterial_receiptId_idx" ON "InspectionRecordMaterial"("receiptId");

-- CreateIndex
CREATE INDEX "WitnessSample_receiptId_idx" ON "WitnessSample"("receiptId");

-- AddForeignKey
ALTER TABLE "InspectionRecordMaterial" ADD CONSTRAINT "InspectionRecordMaterial_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "InspectionRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionRecordMaterial" ADD CONSTRAINT "InspectionRecordMaterial_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "MaterialReceipt"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: the materials a record names are part of its signed content, immutable like it.
CREATE TRIGGER "InspectionRecordMaterial_immutable" BEFORE UPDATE OR DELETE ON "InspectionRecordMaterial" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "InspectionRecordMaterial_no_truncate" BEFORE TRUNCATE ON "InspectionRecordMaterial" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

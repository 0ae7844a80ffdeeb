-- CreateEnum
CREATE TYPE "SupervisionScope" AS ENUM ('ENTITY_QUALITY', 'CONDUCT', 'DOCUMENTS', 'MATERIALS');

-- CreateEnum
CREATE TYPE "SupervisionOutcome" AS ENUM ('NO_ISSUES', 'CORRECTED_ON_SITE', 'RECTIFICATION_NOTICE', 'SUSPENSION');

-- CreateTable
CREATE TABLE "SupervisionInspection" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "inspectedOn" DATE NOT NULL,
    "scopes" "SupervisionScope"[],
    "presentMemberIds" UUID[],
    "othersPresent" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "outcome" "SupervisionOutcome" NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "inspectorId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "SupervisionInspection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionInspection_idempotencyKey_key" ON "SupervisionInspection"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SupervisionInspection_buildingId_inspectedOn_idx" ON "SupervisionInspection"("buildingId", "inspectedOn");

-- AddForeignKey
ALTER TABLE "SupervisionInspection" ADD CONSTRAINT "SupervisionInspection_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: a signed 监督检查记录 is immutable in the database itself.
CREATE TRIGGER "SupervisionInspection_immutable" BEFORE UPDATE OR DELETE ON "SupervisionInspection" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "SupervisionInspection_no_truncate" BEFORE TRUNCATE ON "SupervisionInspection" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
ALTER TABLE "SupervisionInspection"
  ADD CONSTRAINT "SupervisionInspection_has_scope" CHECK (cardinality("scopes") > 0);

-- CreateEnum
CREATE TYPE "StaffPosition" AS ENUM ('TECHNICAL_LEAD', 'TECH_QUALITY_HEAD');

-- CreateEnum
CREATE TYPE "MilestoneKind" AS ENUM ('DIVISION', 'COMPLETION');

-- CreateEnum
CREATE TYPE "CompletionDocumentKind" AS ENUM ('CONSTRUCTION_REPORT', 'QUALITY_ASSESSMENT', 'SURVEY_CHECK', 'DESIGN_CHECK', 'WARRANTY_CERTIFICATE', 'ACCEPTANCE_NOTICE');

-- AlterTable
ALTER TABLE "ProjectMember" ADD COLUMN     "position" "StaffPosition";

-- CreateTable
CREATE TABLE "Milestone" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "kind" "MilestoneKind" NOT NULL,
    "divisionCode" VARCHAR(2),
    "heldOn" DATE NOT NULL,
    "required" JSONB NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "openedById" UUID NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneSignoff" (
    "id" UUID NOT NULL,
    "milestoneId" UUID NOT NULL,
    "role" "PartyRole" NOT NULL,
    "position" TEXT NOT NULL,
    "memberId" UUID NOT NULL,
    "agrees" BOOLEAN NOT NULL,
    "opinion" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "signedById" UUID NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "MilestoneSignoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompletionDocument" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "kind" "CompletionDocumentKind" NOT NULL,
    "role" "PartyRole" NOT NULL,
    "summary" TEXT NOT NULL,
    "fileSha256" CHAR(64),
    "issuedOn" DATE NOT NULL,
    "plannedOn" DATE,
    "supersedesId" UUID,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "signedById" UUID NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "CompletionDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompletionFiling" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "milestoneId" UUID NOT NULL,
    "filedOn" DATE NOT NULL,
    "authority" TEXT NOT NULL,
    "filingNumber" TEXT NOT NULL,
    "fileSha256" CHAR(64),
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "CompletionFiling_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionReport" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "milestoneId" UUID NOT NULL,
    "conclusion" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "pdfSha256" CHAR(64) NOT NULL,
    "inspectorId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" UUID,

    CONSTRAINT "SupervisionReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Milestone_idempotencyKey_key" ON "Milestone"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Milestone_buildingId_kind_divisionCode_idx" ON "Milestone"("buildingId", "kind", "divisionCode");

-- CreateIndex
CREATE UNIQUE INDEX "MilestoneSignoff_idempotencyKey_key" ON "MilestoneSignoff"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "MilestoneSignoff_milestoneId_role_position_key" ON "MilestoneSignoff"("milestoneId", "role", "position");

-- CreateIndex
CREATE UNIQUE INDEX "CompletionDocument_supersedesId_key" ON "CompletionDocument"("supersedesId");

-- CreateIndex
CREATE UNIQUE INDEX "CompletionDocument_idempotencyKey_key" ON "CompletionDocument"("idempotencyKey");

-- CreateIndex
CREATE INDEX "CompletionDocument_buildingId_kind_idx" ON "CompletionDocument"("buildingId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "CompletionFiling_milestoneId_key" ON "CompletionFiling"("milestoneId");

-- CreateIndex
CREATE UNIQUE INDEX "CompletionFiling_idempotencyKey_key" ON "CompletionFiling"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionReport_idempotencyKey_key" ON "SupervisionReport"("idempotencyKey");

-- CreateIndex
CREATE INDEX "SupervisionReport_buildingId_idx" ON "SupervisionReport"("buildingId");

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneSignoff" ADD CONSTRAINT "MilestoneSignoff_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionDocument" ADD CONSTRAINT "CompletionDocument_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionDocument" ADD CONSTRAINT "CompletionDocument_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "CompletionDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionFiling" ADD CONSTRAINT "CompletionFiling_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionReport" ADD CONSTRAINT "SupervisionReport_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: milestones, their sign-offs, the completion documents, the 备案 and the 监督报告
-- are signed records, immutable in the database itself; a correction is a new row.
CREATE TRIGGER "Milestone_immutable" BEFORE UPDATE OR DELETE ON "Milestone" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "Milestone_no_truncate" BEFORE TRUNCATE ON "Milestone" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "MilestoneSignoff_immutable" BEFORE UPDATE OR DELETE ON "MilestoneSignoff" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "MilestoneSignoff_no_truncate" BEFORE TRUNCATE ON "MilestoneSignoff" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "CompletionDocument_immutable" BEFORE UPDATE OR DELETE ON "CompletionDocument" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "CompletionDocument_no_truncate" BEFORE TRUNCATE ON "CompletionDocument" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "CompletionFiling_immutable" BEFORE UPDATE OR DELETE ON "CompletionFiling" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "CompletionFiling_no_truncate" BEFORE TRUNCATE ON "CompletionFiling" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "SupervisionReport_immutable" BEFORE UPDATE OR DELETE ON "SupervisionReport" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "SupervisionReport_no_truncate" BEFORE TRUNCATE ON "SupervisionReport" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
ALTER TABLE "Milestone"
  ADD CONSTRAINT "Milestone_division_code" CHECK (("kind" = 'DIVISION') = ("divisionCode" IS NOT NULL));
ALTER TABLE "MilestoneSignoff"
  ADD CONSTRAINT "MilestoneSignoff_refusal_has_reason" CHECK ("agrees" OR length("opinion") >= 2);
ALTER TABLE "CompletionDocument"
  ADD CONSTRAINT "CompletionDocument_notice_has_date" CHECK (("kind" = 'ACCEPTANCE_NOTICE') = ("plannedOn" IS NOT NULL));

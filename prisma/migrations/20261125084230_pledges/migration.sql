-- CreateEnum
CREATE TYPE "PledgeDocumentKind" AS ENUM ('AUTHORIZATION', 'PLEDGE');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "legalRepresentative" TEXT;

-- AlterTable
ALTER TABLE "Building" ADD COLUMN     "address" TEXT,
ADD COLUMN     "completedOn" DATE,
ADD COLUMN     "designWorkingLifeYears" INTEGER NOT NULL DEFAULT 50,
ADD COLUMN     "floorsAbove" INTEGER,
ADD COLUMN     "floorsBelow" INTEGER,
ADD COLUMN     "grossArea" DECIMAL(12,2),
ADD COLUMN     "plannedCompletionOn" DATE,
ADD COLUMN     "plannedStartOn" DATE,
ADD COLUMN     "structureType" TEXT,
ADD COLUMN     "supervisionRegisteredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ProjectMember" ADD COLUMN     "idNumber" TEXT,
ADD COLUMN     "qualificationNo" TEXT,
ADD COLUMN     "qualificationType" TEXT;

-- CreateTable
CREATE TABLE "StoredFile" (
    "sha256" CHAR(64) NOT NULL,
    "bytes" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "wrappedKey" BYTEA NOT NULL,
    "kdf" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PledgeDocument" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "role" "PartyRole" NOT NULL,
    "memberId" UUID NOT NULL,
    "kind" "PledgeDocumentKind" NOT NULL,
    "content" TEXT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "pdfSha256" CHAR(64) NOT NULL,
    "authorizationId" UUID,
    "supersedesId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PledgeDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalRepOriginal" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "fileSha256" CHAR(64) NOT NULL,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersedesId" UUID,

    CONSTRAINT "LegalRepOriginal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Signature" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "signerId" UUID NOT NULL,
    "keyId" UUID NOT NULL,
    "capacity" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" UUID NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "statement" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "seal" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Signature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeaderChange" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "role" "PartyRole" NOT NULL,
    "fromMemberId" UUID NOT NULL,
    "toMemberId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "effectiveOn" DATE NOT NULL,
    "approvedBy" TEXT NOT NULL,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeaderChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SigningKey_userId_idx" ON "SigningKey"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PledgeDocument_supersedesId_key" ON "PledgeDocument"("supersedesId");

-- CreateIndex
CREATE INDEX "PledgeDocument_buildingId_role_idx" ON "PledgeDocument"("buildingId", "role");

-- CreateIndex
CREATE INDEX "PledgeDocument_memberId_idx" ON "PledgeDocument"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "LegalRepOriginal_supersedesId_key" ON "LegalRepOriginal"("supersedesId");

-- CreateIndex
CREATE INDEX "LegalRepOriginal_documentId_idx" ON "LegalRepOriginal"("documentId");

-- CreateIndex
CREATE INDEX "Signature_subjectType_subjectId_idx" ON "Signature"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "Signature_buildingId_idx" ON "Signature"("buildingId");

-- CreateIndex
CREATE INDEX "Signature_signerId_idx" ON "Signature"("signerId");

-- CreateIndex
CREATE INDEX "LeaderChange_projectId_role_idx" ON "LeaderChange"("projectId", "role");

-- AddForeignKey
ALTER TABLE "SigningKey" ADD CONSTRAINT "SigningKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeDocument" ADD CONSTRAINT "PledgeDocument_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeDocument" ADD CONSTRAINT "PledgeDocument_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeDocument" ADD CONSTRAINT "PledgeDocument_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "ProjectMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeDocument" ADD CONSTRAINT "PledgeDocument_authorizationId_fkey" FOREIGN KEY ("authorizationId") REFERENCES "PledgeDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PledgeDocument" ADD CONSTRAINT "PledgeDocument_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "PledgeDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalRepOriginal" ADD CONSTRAINT "LegalRepOriginal_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "PledgeDocument"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalRepOriginal" ADD CONSTRAINT "LegalRepOriginal_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "LegalRepOriginal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signature" ADD CONSTRAINT "Signature_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Signature" ADD CONSTRAINT "Signature_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "SigningKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaderChange" ADD CONSTRAINT "LeaderChange_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: signed records, their originals and the files they name are
-- immutable in the database itself (refuse_change from the init migration).
CREATE TRIGGER "StoredFile_immutable" BEFORE UPDATE OR DELETE ON "StoredFile"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "PledgeDocument_immutable" BEFORE UPDATE OR DELETE ON "PledgeDocument"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "LegalRepOriginal_immutable" BEFORE UPDATE OR DELETE ON "LegalRepOriginal"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "Signature_immutable" BEFORE UPDATE OR DELETE ON "Signature"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "LeaderChange_immutable" BEFORE UPDATE OR DELETE ON "LeaderChange"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "StoredFile_no_truncate" BEFORE TRUNCATE ON "StoredFile"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "PledgeDocument_no_truncate" BEFORE TRUNCATE ON "PledgeDocument"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "LegalRepOriginal_no_truncate" BEFORE TRUNCATE ON "LegalRepOriginal"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "Signature_no_truncate" BEFORE TRUNCATE ON "Signature"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "LeaderChange_no_truncate" BEFORE TRUNCATE ON "LeaderChange"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

-- A signing key may be re-wrapped (password change) or retired, never swapped:
-- its public key and owner are what past signatures are checked against.
CREATE FUNCTION "signing_key_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'DELETE on SigningKey is refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."publicKeyPem" IS DISTINCT FROM OLD."publicKeyPem" OR NEW."userId" IS DISTINCT FROM OLD."userId"
     OR NEW."id" IS DISTINCT FROM OLD."id" OR (OLD."retiredAt" IS NOT NULL AND NEW."retiredAt" IS DISTINCT FROM OLD."retiredAt") THEN
    RAISE EXCEPTION 'changing the public key, owner or retirement of a SigningKey is refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "SigningKey_guard" BEFORE UPDATE OR DELETE ON "SigningKey"
  FOR EACH ROW EXECUTE FUNCTION "signing_key_guard"();

ALTER TABLE "PledgeDocument"
  ADD CONSTRAINT "PledgeDocument_hashes_hex" CHECK ("contentSha256" ~ '^[0-9a-f]{64}$' AND "pdfSha256" ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT "PledgeDocument_pledge_has_authorization" CHECK (("kind" = 'PLEDGE') = ("authorizationId" IS NOT NULL));
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_sha256_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$' AND "bytes" >= 0);
-- One current signing key per user.
CREATE UNIQUE INDEX "SigningKey_one_active_per_user" ON "SigningKey" ("userId") WHERE "retiredAt" IS NULL;

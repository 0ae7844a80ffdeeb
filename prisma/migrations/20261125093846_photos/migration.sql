-- CreateTable
CREATE TABLE "Photo" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "mediaType" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "thumbnailSha256" CHAR(64) NOT NULL,
    "exifTakenAtText" TEXT,
    "exifOffset" TEXT,
    "exifTakenAt" TIMESTAMP(3),
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "cameraMake" TEXT,
    "cameraModel" TEXT,
    "deviceTakenAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "perceptualHash" BIGINT NOT NULL,
    "flags" TEXT[],
    "uploadedById" UUID NOT NULL,
    "idempotencyKey" TEXT,

    CONSTRAINT "Photo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordPhoto" (
    "photoId" UUID NOT NULL,
    "recordType" TEXT NOT NULL,
    "recordId" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "possiblyReusedFrom" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordPhoto_pkey" PRIMARY KEY ("recordType","recordId","photoId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Photo_idempotencyKey_key" ON "Photo"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Photo_buildingId_idx" ON "Photo"("buildingId");

-- CreateIndex
CREATE INDEX "Photo_sha256_idx" ON "Photo"("sha256");

-- CreateIndex
CREATE INDEX "RecordPhoto_photoId_idx" ON "RecordPhoto"("photoId");

-- CreateIndex
CREATE INDEX "RecordPhoto_buildingId_idx" ON "RecordPhoto"("buildingId");

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordPhoto" ADD CONSTRAINT "RecordPhoto_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Photo"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: evidence is immutable in the database itself.
CREATE TRIGGER "Photo_immutable" BEFORE UPDATE OR DELETE ON "Photo"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "Photo_no_truncate" BEFORE TRUNCATE ON "Photo"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "RecordPhoto_immutable" BEFORE UPDATE OR DELETE ON "RecordPhoto"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"();
CREATE TRIGGER "RecordPhoto_no_truncate" BEFORE TRUNCATE ON "RecordPhoto"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();
ALTER TABLE "Photo"
  ADD CONSTRAINT "Photo_hashes_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$' AND "thumbnailSha256" ~ '^[0-9a-f]{64}$');

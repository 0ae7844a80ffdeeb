-- CreateEnum
CREATE TYPE "ChainCheckTrigger" AS ENUM ('SCHEDULE', 'ADMIN');

-- CreateTable
CREATE TABLE "ChainState" (
    "buildingId" UUID NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "length" INTEGER NOT NULL,
    "head" CHAR(64),
    "brokenAt" INTEGER,
    "reason" TEXT,

    CONSTRAINT "ChainState_pkey" PRIMARY KEY ("buildingId")
);

-- CreateTable
CREATE TABLE "ChainCheckRun" (
    "id" UUID NOT NULL,
    "trigger" "ChainCheckTrigger" NOT NULL,
    "requestedById" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "total" INTEGER NOT NULL,
    "checked" INTEGER NOT NULL DEFAULT 0,
    "events" INTEGER NOT NULL DEFAULT 0,
    "broken" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "ChainCheckRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainAlert" (
    "id" UUID NOT NULL,
    "buildingId" UUID NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "runId" UUID,
    "brokenAt" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" UUID,
    "acknowledgement" TEXT,
    "clearedAt" TIMESTAMP(3),

    CONSTRAINT "ChainAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChainCheckRun_startedAt_idx" ON "ChainCheckRun"("startedAt");

-- CreateIndex
CREATE INDEX "ChainAlert_buildingId_idx" ON "ChainAlert"("buildingId");

-- AddForeignKey
ALTER TABLE "ChainState" ADD CONSTRAINT "ChainState_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainCheckRun" ADD CONSTRAINT "ChainCheckRun_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainAlert" ADD CONSTRAINT "ChainAlert_buildingId_fkey" FOREIGN KEY ("buildingId") REFERENCES "Building"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainAlert" ADD CONSTRAINT "ChainAlert_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ChainCheckRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChainAlert" ADD CONSTRAINT "ChainAlert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (server/archive/chain-checks.ts relies on both): at most one pass unfinished at a
-- time, whichever app instance starts it; at most one open alert per building.
CREATE UNIQUE INDEX "ChainCheckRun_one_unfinished" ON "ChainCheckRun" ((true)) WHERE "finishedAt" IS NULL;
CREATE UNIQUE INDEX "ChainAlert_one_open" ON "ChainAlert" ("buildingId") WHERE "clearedAt" IS NULL;

ALTER TABLE "ChainCheckRun"
  ADD CONSTRAINT "ChainCheckRun_counts" CHECK ("total" >= 0 AND "checked" >= 0 AND "events" >= 0 AND "broken" >= 0 AND "broken" <= "checked");
ALTER TABLE "ChainAlert"
  ADD CONSTRAINT "ChainAlert_acknowledged" CHECK (("acknowledgedAt" IS NULL) = ("acknowledgedById" IS NULL) AND ("acknowledgedAt" IS NULL) = ("acknowledgement" IS NULL));

-- An alert is kept for good: never deleted; what was found never changes; an acknowledgement
-- and a clearing are each written once.
CREATE FUNCTION "chain_alert_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'DELETE on ChainAlert is refused: alerts are kept' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."buildingId" IS DISTINCT FROM OLD."buildingId" OR NEW."raisedAt" IS DISTINCT FROM OLD."raisedAt"
     OR NEW."runId" IS DISTINCT FROM OLD."runId" OR NEW."brokenAt" IS DISTINCT FROM OLD."brokenAt"
     OR NEW."reason" IS DISTINCT FROM OLD."reason"
     OR (OLD."acknowledgedAt" IS NOT NULL AND (NEW."acknowledgedAt", NEW."acknowledgedById", NEW."acknowledgement")
         IS DISTINCT FROM (OLD."acknowledgedAt", OLD."acknowledgedById", OLD."acknowledgement"))
     OR (OLD."clearedAt" IS NOT NULL AND NEW."clearedAt" IS DISTINCT FROM OLD."clearedAt") THEN
    RAISE EXCEPTION 'UPDATE on ChainAlert is refused: what was found, its acknowledgement and its clearing are written once'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "ChainAlert_guard" BEFORE UPDATE OR DELETE ON "ChainAlert" FOR EACH ROW EXECUTE FUNCTION "chain_alert_guard"();
CREATE TRIGGER "ChainAlert_no_truncate" BEFORE TRUNCATE ON "ChainAlert" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"();

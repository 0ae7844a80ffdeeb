-- Hand-written SQL (Prisma cannot express it).
-- The desk's facts for 竣工验收备案 and warranty claims (docs/decisions/011, 013, 014), kept like
-- the others: by triggers, in the transaction of the row that changes them; clock-relative, so
-- only the instant is stored and the desk compares it with now() when it reads.

-- 备案 due within 15 days of 竣工验收 (条例 art 49; server/milestones/state.ts FILING_DAYS): a
-- building accepted and not filed; at = the last day it may be filed.
CREATE FUNCTION "desk_filing_days"() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 15 $$;
CREATE FUNCTION "desk_refresh_filings"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  wanted "SignalFact"[];
BEGIN
  SELECT coalesce(array_agg(ROW('FILING_DUE', b.id::text, b.id, b."projectId", (b."completedOn" + "desk_filing_days"())::timestamp)::"SignalFact"), '{}') INTO wanted
  FROM "Building" b
  WHERE b.id = ANY(ids) AND b."completedOn" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "CompletionFiling" f WHERE f."buildingId" = b.id);
  PERFORM "desk_apply"(ARRAY['FILING_DUE'], ids::text[], wanted);
END
$$;
-- A building's 竣工验收 (its completedOn) is refreshed where its other facts are.
CREATE OR REPLACE FUNCTION "desk_on_building"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  SELECT array_agg(id) INTO ids FROM new_rows;
  PERFORM "desk_lock_buildings"(ids);
  PERFORM "desk_refresh_buildings"(ids);
  PERFORM "desk_refresh_filings"(ids);
  RETURN NULL;
END
$$;
CREATE FUNCTION "desk_on_filing"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  SELECT array_agg(DISTINCT "buildingId") INTO ids FROM new_rows;
  PERFORM "desk_lock_buildings"(ids);
  PERFORM "desk_refresh_filings"(ids);
  RETURN NULL;
END
$$;
CREATE TRIGGER "CompletionFiling_desk" AFTER INSERT ON "CompletionFiling" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_filing"();

-- A warranty claim the 施工单位 has not answered (server/warranty/claim-state.ts, RESPONSE_HOURS):
-- open, no visit scheduled, repair or refusal since it was filed or last reopened; at = when the
-- response falls due (24 hours for an emergency, 7 days otherwise).
CREATE FUNCTION "desk_response_hours"(emergency boolean) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN emergency THEN 24 ELSE 168 END $$;
CREATE FUNCTION "desk_refresh_claims"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  wanted "SignalFact"[];
BEGIN
  WITH c AS (
    SELECT c.id, c."buildingId", b."projectId", c.emergency,
           coalesce((SELECT max(s.at) FROM "WarrantyClaimStep" s WHERE s."claimId" = c.id AND s.kind = 'REOPENED'), c."filedAt") AS clock
    FROM "WarrantyClaim" c JOIN "Building" b ON b.id = c."buildingId"
    WHERE c.id = ANY(ids)
      AND NOT EXISTS (SELECT 1 FROM "WarrantyClaimStep" s WHERE s."claimId" = c.id AND s.kind IN ('CONFIRMED', 'DECLINED'))
  )
  SELECT coalesce(array_agg(ROW('CLAIM_RESPONSE_DUE', c.id::text, c."buildingId", c."projectId", c.clock + make_interval(hours => "desk_response_hours"(c.emergency)))::"SignalFact"), '{}') INTO wanted
  FROM c
  WHERE NOT EXISTS (SELECT 1 FROM "WarrantyClaimStep" s WHERE s."claimId" = c.id AND s.kind IN ('VISIT_SCHEDULED', 'REPAIRED', 'DECLINED') AND s.at >= c.clock);
  PERFORM "desk_apply"(ARRAY['CLAIM_RESPONSE_DUE'], ids::text[], wanted);
END
$$;
CREATE FUNCTION "desk_on_claim"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  buildings uuid[];
  claims uuid[];
BEGIN
  IF TG_TABLE_NAME = 'WarrantyClaim' THEN
    SELECT array_agg(DISTINCT "buildingId"), array_agg(DISTINCT id) INTO buildings, claims FROM new_rows;
  ELSE
    SELECT array_agg(DISTINCT "buildingId"), array_agg(DISTINCT "claimId") INTO buildings, claims FROM new_rows;
  END IF;
  PERFORM "desk_lock_buildings"(buildings);
  PERFORM "desk_refresh_claims"(claims);
  RETURN NULL;
END
$$;
CREATE TRIGGER "WarrantyClaim_desk" AFTER INSERT ON "WarrantyClaim" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_claim"();
CREATE TRIGGER "WarrantyClaimStep_desk" AFTER INSERT ON "WarrantyClaimStep" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_claim"();

-- The rows already there.
SELECT "desk_refresh_filings"(coalesce(array_agg(id), '{}')) FROM "Building";
SELECT "desk_refresh_claims"(coalesce(array_agg(id), '{}')) FROM "WarrantyClaim";

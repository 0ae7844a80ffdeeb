-- CreateTable
CREATE TABLE "SignalFact" (
    "signal" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "buildingId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "at" TIMESTAMP(3),

    CONSTRAINT "SignalFact_pkey" PRIMARY KEY ("signal","subjectId")
);

-- CreateTable
CREATE TABLE "ProjectSignalCount" (
    "projectId" UUID NOT NULL,
    "buildings" INTEGER NOT NULL DEFAULT 0,
    "notRegistered" INTEGER NOT NULL DEFAULT 0,
    "completionPlanned" INTEGER NOT NULL DEFAULT 0,
    "suspended" INTEGER NOT NULL DEFAULT 0,
    "noticesOpen" INTEGER NOT NULL DEFAULT 0,
    "lotsRejected" INTEGER NOT NULL DEFAULT 0,
    "reviewPending" INTEGER NOT NULL DEFAULT 0,
    "identicalReadings" INTEGER NOT NULL DEFAULT 0,
    "rapidSigning" INTEGER NOT NULL DEFAULT 0,
    "photoTimeFlags" INTEGER NOT NULL DEFAULT 0,
    "photosPossiblyReused" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProjectSignalCount_pkey" PRIMARY KEY ("projectId")
);

-- CreateIndex
CREATE INDEX "SignalFact_signal_at_idx" ON "SignalFact"("signal", "at");

-- CreateIndex
CREATE INDEX "SignalFact_projectId_idx" ON "SignalFact"("projectId");

-- CreateIndex
CREATE INDEX "InspectionRecord_submittedById_submittedAt_idx" ON "InspectionRecord"("submittedById", "submittedAt");

-- The desk's per-record facts and per-project counts (docs/decisions/011). The triggers below are
-- the only writers of "SignalFact" and "ProjectSignalCount": every insert of a record the desk
-- looks at (and every change of a building) passes through them in its own transaction, the
-- app's services and bulk SQL alike, so the counts cannot drift from the records. Each refresh
-- function recomputes the facts of the subjects it is given from the rows as they now stand
-- (idempotent: running it twice changes nothing), and the count triggers turn the facts that
-- appeared or went into +n / −n per project.

-- Thresholds stored into facts (server/supervision/dashboard.ts SIGNAL_RULES says the same; a test
-- compares). Changing one means a migration replacing the function and refreshing every record.
CREATE FUNCTION "desk_rapid_signing_seconds"() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 10 $$;
CREATE FUNCTION "desk_identical_readings_min"() RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT 5 $$;

-- A record whose measured item has at least desk_identical_readings_min() readings, all equal.
-- Content that is not JSON of the expected shape raises nothing (and never blocks the write).
CREATE FUNCTION "desk_identical_readings"(content text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN NOT pg_input_is_valid(content, 'jsonb') OR jsonb_typeof(content::jsonb -> 'items') IS DISTINCT FROM 'array' THEN false
    ELSE EXISTS (
      SELECT 1 FROM jsonb_array_elements(content::jsonb -> 'items') item
      WHERE jsonb_typeof(item -> 'measured') = 'array'
        AND jsonb_array_length(item -> 'measured') >= "desk_identical_readings_min"()
        AND (SELECT count(DISTINCT m) FROM jsonb_array_elements(item -> 'measured') m) = 1)
  END
$$;

-- One writer per building at a time: the ledger's own lock (server/ledger/record.ts), taken here
-- first, so that facts resting on several rows of a building (a notice's items) see each other.
CREATE FUNCTION "desk_lock_buildings"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(b::text, 0)) FROM (SELECT DISTINCT unnest(ids) AS b ORDER BY 1) s;
END
$$;

-- Makes the facts of `kinds` about `subjects` exactly `wanted`.
CREATE FUNCTION "desk_apply"(kinds text[], subjects text[], wanted "SignalFact"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "SignalFact" f
  WHERE f.signal = ANY(kinds) AND f."subjectId" = ANY(subjects)
    AND NOT EXISTS (SELECT 1 FROM unnest(wanted) w
                    WHERE w.signal = f.signal AND w."subjectId" = f."subjectId" AND w."buildingId" = f."buildingId"
                      AND w."projectId" = f."projectId" AND w.at IS NOT DISTINCT FROM f.at);
  INSERT INTO "SignalFact" SELECT * FROM unnest(wanted) ORDER BY 1, 2 ON CONFLICT DO NOTHING;
END
$$;

-- Buildings: BUILDING (each one), NOT_REGISTERED (no 质量监督登记), COMPLETION_PLANNED (not completed;
-- at = planned completion).
CREATE FUNCTION "desk_refresh_buildings"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  wanted "SignalFact"[];
BEGIN
  SELECT coalesce(array_agg(f), '{}') INTO wanted FROM (
    SELECT ROW('BUILDING', b.id::text, b.id, b."projectId", NULL)::"SignalFact" AS f FROM "Building" b WHERE b.id = ANY(ids)
    UNION ALL SELECT ROW('NOT_REGISTERED', b.id::text, b.id, b."projectId", NULL)::"SignalFact" FROM "Building" b
      WHERE b.id = ANY(ids) AND b."supervisionRegisteredAt" IS NULL
    UNION ALL SELECT ROW('COMPLETION_PLANNED', b.id::text, b.id, b."projectId", b."plannedCompletionOn"::timestamp)::"SignalFact" FROM "Building" b
      WHERE b.id = ANY(ids) AND b."completedOn" IS NULL AND b."plannedCompletionOn" IS NOT NULL
  ) x;
  PERFORM "desk_apply"(ARRAY['BUILDING', 'NOT_REGISTERED', 'COMPLETION_PLANNED'], ids::text[], wanted);
END
$$;

-- Records: REVIEW_PENDING (current, not reviewed; at = submittedAt), LOTS_REJECTED (current, the
-- 监理 rejected it), IDENTICAL_READINGS, RAPID_SIGNING (the same signer submitted another record
-- less than desk_rapid_signing_seconds() before it, in (submittedAt, id) order). "Current": no
-- rework supersedes it.
CREATE FUNCTION "desk_refresh_records"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  wanted "SignalFact"[];
BEGIN
  WITH r AS (
    SELECT r.id, r."buildingId", b."projectId", r."submittedAt",
           NOT EXISTS (SELECT 1 FROM "InspectionRecord" n WHERE n."supersedesId" = r.id) AS current,
           v.decision,
           "desk_identical_readings"(r.content) AS identical,
           EXISTS (SELECT 1 FROM "InspectionRecord" s
                   WHERE s."submittedById" = r."submittedById" AND s."submittedAt" <= r."submittedAt"
                     AND s."submittedAt" > r."submittedAt" - make_interval(secs => "desk_rapid_signing_seconds"())
                     AND (s."submittedAt", s.id) < (r."submittedAt", r.id)) AS rapid
    FROM "InspectionRecord" r JOIN "Building" b ON b.id = r."buildingId" LEFT JOIN "InspectionReview" v ON v."recordId" = r.id
    WHERE r.id = ANY(ids)
  )
  SELECT coalesce(array_agg(f), '{}') INTO wanted FROM (
    SELECT ROW('REVIEW_PENDING', id::text, "buildingId", "projectId", "submittedAt")::"SignalFact" AS f FROM r WHERE current AND decision IS NULL
    UNION ALL SELECT ROW('LOTS_REJECTED', id::text, "buildingId", "projectId", NULL)::"SignalFact" FROM r WHERE current AND decision = 'REJECTED'
    UNION ALL SELECT ROW('IDENTICAL_READINGS', id::text, "buildingId", "projectId", NULL)::"SignalFact" FROM r WHERE identical
    UNION ALL SELECT ROW('RAPID_SIGNING', id::text, "buildingId", "projectId", NULL)::"SignalFact" FROM r WHERE rapid
  ) x;
  PERFORM "desk_apply"(ARRAY['REVIEW_PENDING', 'LOTS_REJECTED', 'IDENTICAL_READINGS', 'RAPID_SIGNING'], ids::text[], wanted);
END
$$;

-- Notices: NOTICE_OPEN while any item lacks a verified answer (supervision.md §3); at = deadline.
CREATE FUNCTION "desk_refresh_notices"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  wanted "SignalFact"[];
BEGIN
  SELECT coalesce(array_agg(ROW('NOTICE_OPEN', n.id::text, n."buildingId", b."projectId", n.deadline::timestamp)::"SignalFact"), '{}') INTO wanted
  FROM "RectificationNotice" n JOIN "Building" b ON b.id = n."buildingId"
  WHERE n.id = ANY(ids) AND EXISTS (
    SELECT 1 FROM "RectificationItem" i WHERE i."noticeId" = n.id AND NOT EXISTS (
      SELECT 1 FROM "RectificationResponse" r JOIN "RectificationVerification" v ON v."responseId" = r.id
      WHERE r."itemId" = i.id AND v.decision = 'VERIFIED'));
  PERFORM "desk_apply"(ARRAY['NOTICE_OPEN'], ids::text[], wanted);
END
$$;

-- Suspensions: SUSPENDED until a ResumeOrder points at it.
CREATE FUNCTION "desk_refresh_suspensions"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  wanted "SignalFact"[];
BEGIN
  SELECT coalesce(array_agg(ROW('SUSPENDED', s.id::text, s."buildingId", b."projectId", NULL)::"SignalFact"), '{}') INTO wanted
  FROM "Suspension" s JOIN "Building" b ON b.id = s."buildingId"
  WHERE s.id = ANY(ids) AND NOT EXISTS (SELECT 1 FROM "ResumeOrder" r WHERE r."suspensionId" = s.id);
  PERFORM "desk_apply"(ARRAY['SUSPENDED'], ids::text[], wanted);
END
$$;

-- Photos: PHOTO_TIME_FLAGS (capture time far from or after receipt, or none). Photos are
-- immutable, so the fact is settled at insert.
CREATE FUNCTION "desk_refresh_photos"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "SignalFact" (signal, "subjectId", "buildingId", "projectId")
  SELECT 'PHOTO_TIME_FLAGS', f.id::text, f."buildingId", b."projectId" FROM "Photo" f JOIN "Building" b ON b.id = f."buildingId"
  WHERE f.id = ANY(ids) AND f.flags && ARRAY['CAPTURE_TIME_FAR_FROM_RECEIPT', 'CAPTURE_TIME_AFTER_RECEIPT', 'NO_CAPTURE_TIME']::text[]
  ORDER BY 2
  ON CONFLICT DO NOTHING
$$;

-- A photo's use as evidence: PHOTOS_POSSIBLY_REUSED when near copies were already used by other
-- records, counted on the photo's building. Immutable, settled at insert.
CREATE FUNCTION "desk_on_record_photo"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SignalFact" (signal, "subjectId", "buildingId", "projectId")
  SELECT 'PHOTOS_POSSIBLY_REUSED', u."recordType" || ':' || u."recordId" || ':' || u."photoId", f."buildingId", b."projectId"
  FROM new_rows u JOIN "Photo" f ON f.id = u."photoId" JOIN "Building" b ON b.id = f."buildingId"
  WHERE cardinality(u."possiblyReusedFrom") > 0
  ORDER BY 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER "RecordPhoto_desk" AFTER INSERT ON "RecordPhoto" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_record_photo"();

CREATE FUNCTION "desk_on_building"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  SELECT array_agg(id) INTO ids FROM new_rows;
  PERFORM "desk_lock_buildings"(ids);
  PERFORM "desk_refresh_buildings"(ids);
  RETURN NULL;
END
$$;
CREATE TRIGGER "Building_desk_insert" AFTER INSERT ON "Building" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_building"();
CREATE TRIGGER "Building_desk_update" AFTER UPDATE ON "Building" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_building"();

CREATE FUNCTION "desk_on_record"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  PERFORM "desk_lock_buildings"(array_agg("buildingId")) FROM new_rows;
  -- A signer's submissions are ordered across buildings: one writer per signer too.
  PERFORM pg_advisory_xact_lock(11, hashtext(s::text)) FROM (SELECT DISTINCT "submittedById" AS s FROM new_rows ORDER BY 1) x;
  -- The new records, the ones they supersede, and each signer's next record after a new one
  -- within the rapid-signing window (a record inserted out of time order can make it rapid).
  SELECT array_agg(DISTINCT id) INTO ids FROM (
    SELECT id FROM new_rows
    UNION ALL SELECT "supersedesId" FROM new_rows WHERE "supersedesId" IS NOT NULL
    UNION ALL SELECT (SELECT s.id FROM "InspectionRecord" s
                      WHERE s."submittedById" = n."submittedById" AND s."submittedAt" >= n."submittedAt"
                        AND s."submittedAt" < n."submittedAt" + make_interval(secs => "desk_rapid_signing_seconds"())
                        AND (s."submittedAt", s.id) > (n."submittedAt", n.id)
                      ORDER BY s."submittedAt", s.id LIMIT 1)
    FROM new_rows n
  ) x WHERE id IS NOT NULL;
  PERFORM "desk_refresh_records"(ids);
  RETURN NULL;
END
$$;
CREATE TRIGGER "InspectionRecord_desk" AFTER INSERT ON "InspectionRecord" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_record"();

CREATE FUNCTION "desk_on_review"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  SELECT array_agg(r.id) INTO ids FROM new_rows v JOIN "InspectionRecord" r ON r.id = v."recordId";
  PERFORM "desk_lock_buildings"(array_agg(r."buildingId")) FROM "InspectionRecord" r WHERE r.id = ANY(ids);
  PERFORM "desk_refresh_records"(ids);
  RETURN NULL;
END
$$;
CREATE TRIGGER "InspectionReview_desk" AFTER INSERT ON "InspectionReview" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_review"();

CREATE FUNCTION "desk_on_photo"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "desk_refresh_photos"(array_agg(id)) FROM new_rows;
  RETURN NULL;
END
$$;
CREATE TRIGGER "Photo_desk" AFTER INSERT ON "Photo" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_photo"();

CREATE FUNCTION "desk_on_suspension"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "desk_lock_buildings"(array_agg("buildingId")) FROM new_rows;
  PERFORM "desk_refresh_suspensions"(array_agg(id)) FROM new_rows;
  RETURN NULL;
END
$$;
CREATE TRIGGER "Suspension_desk" AFTER INSERT ON "Suspension" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_suspension"();

CREATE FUNCTION "desk_on_resume"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "desk_lock_buildings"(array_agg(s."buildingId")) FROM new_rows r JOIN "Suspension" s ON s.id = r."suspensionId";
  PERFORM "desk_refresh_suspensions"(array_agg("suspensionId")) FROM new_rows;
  RETURN NULL;
END
$$;
CREATE TRIGGER "ResumeOrder_desk" AFTER INSERT ON "ResumeOrder" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_resume"();

CREATE FUNCTION "desk_on_notice"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "desk_lock_buildings"(array_agg("buildingId")) FROM new_rows;
  PERFORM "desk_refresh_notices"(array_agg(id)) FROM new_rows;
  RETURN NULL;
END
$$;
CREATE TRIGGER "RectificationNotice_desk" AFTER INSERT ON "RectificationNotice" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_notice"();

CREATE FUNCTION "desk_on_notice_item"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  SELECT array_agg(DISTINCT "noticeId") INTO ids FROM new_rows;
  PERFORM "desk_lock_buildings"(array_agg("buildingId")) FROM "RectificationNotice" WHERE id = ANY(ids);
  PERFORM "desk_refresh_notices"(ids);
  RETURN NULL;
END
$$;
CREATE TRIGGER "RectificationItem_desk" AFTER INSERT ON "RectificationItem" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_notice_item"();

CREATE FUNCTION "desk_on_notice_verification"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  SELECT array_agg(DISTINCT i."noticeId") INTO ids
  FROM new_rows v JOIN "RectificationResponse" r ON r.id = v."responseId" JOIN "RectificationItem" i ON i.id = r."itemId";
  PERFORM "desk_lock_buildings"(array_agg("buildingId")) FROM "RectificationNotice" WHERE id = ANY(ids);
  PERFORM "desk_refresh_notices"(ids);
  RETURN NULL;
END
$$;
CREATE TRIGGER "RectificationVerification_desk" AFTER INSERT ON "RectificationVerification" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_on_notice_verification"();

-- Counts follow the facts: +1 per fact that appeared, −1 per fact that went, per project.
CREATE FUNCTION "desk_count"(delta int, facts "SignalFact"[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "ProjectSignalCount" AS c ("projectId", buildings, "notRegistered", "completionPlanned", suspended, "noticesOpen", "lotsRejected",
                                         "reviewPending", "identicalReadings", "rapidSigning", "photoTimeFlags", "photosPossiblyReused")
  SELECT "projectId",
         delta * count(*) FILTER (WHERE signal = 'BUILDING'),
         delta * count(*) FILTER (WHERE signal = 'NOT_REGISTERED'),
         delta * count(*) FILTER (WHERE signal = 'COMPLETION_PLANNED'),
         delta * count(*) FILTER (WHERE signal = 'SUSPENDED'),
         delta * count(*) FILTER (WHERE signal = 'NOTICE_OPEN'),
         delta * count(*) FILTER (WHERE signal = 'LOTS_REJECTED'),
         delta * count(*) FILTER (WHERE signal = 'REVIEW_PENDING'),
         delta * count(*) FILTER (WHERE signal = 'IDENTICAL_READINGS'),
         delta * count(*) FILTER (WHERE signal = 'RAPID_SIGNING'),
         delta * count(*) FILTER (WHERE signal = 'PHOTO_TIME_FLAGS'),
         delta * count(*) FILTER (WHERE signal = 'PHOTOS_POSSIBLY_REUSED')
  FROM unnest(facts) GROUP BY 1 ORDER BY 1
  ON CONFLICT ("projectId") DO UPDATE SET
    buildings = c.buildings + excluded.buildings,
    "notRegistered" = c."notRegistered" + excluded."notRegistered",
    "completionPlanned" = c."completionPlanned" + excluded."completionPlanned",
    suspended = c.suspended + excluded.suspended,
    "noticesOpen" = c."noticesOpen" + excluded."noticesOpen",
    "lotsRejected" = c."lotsRejected" + excluded."lotsRejected",
    "reviewPending" = c."reviewPending" + excluded."reviewPending",
    "identicalReadings" = c."identicalReadings" + excluded."identicalReadings",
    "rapidSigning" = c."rapidSigning" + excluded."rapidSigning",
    "photoTimeFlags" = c."photoTimeFlags" + excluded."photoTimeFlags",
    "photosPossiblyReused" = c."photosPossiblyReused" + excluded."photosPossiblyReused"
$$;
CREATE FUNCTION "desk_count_facts_in"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "desk_count"(1, (SELECT array_agg(ROW(f.signal, f."subjectId", f."buildingId", f."projectId", f.at)::"SignalFact") FROM new_rows f));
  RETURN NULL;
END
$$;
CREATE TRIGGER "SignalFact_count_in" AFTER INSERT ON "SignalFact" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_count_facts_in"();
CREATE FUNCTION "desk_count_facts_out"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "desk_count"(-1, (SELECT array_agg(ROW(f.signal, f."subjectId", f."buildingId", f."projectId", f.at)::"SignalFact") FROM old_rows f));
  RETURN NULL;
END
$$;
CREATE TRIGGER "SignalFact_count_out" AFTER DELETE ON "SignalFact" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "desk_count_facts_out"();

-- The facts are derived: nothing edits them in place.
CREATE TRIGGER "SignalFact_no_update" BEFORE UPDATE ON "SignalFact" FOR EACH ROW EXECUTE FUNCTION "refuse_change"();

-- The rows already there.
SELECT "desk_refresh_buildings"(coalesce(array_agg(id), '{}')) FROM "Building";
SELECT "desk_refresh_records"(coalesce(array_agg(id), '{}')) FROM "InspectionRecord";
SELECT "desk_refresh_notices"(coalesce(array_agg(id), '{}')) FROM "RectificationNotice";
SELECT "desk_refresh_suspensions"(coalesce(array_agg(id), '{}')) FROM "Suspension";
SELECT "desk_refresh_photos"(coalesce(array_agg(id), '{}')) FROM "Photo";
INSERT INTO "SignalFact" (signal, "subjectId", "buildingId", "projectId")
SELECT 'PHOTOS_POSSIBLY_REUSED', u."recordType" || ':' || u."recordId" || ':' || u."photoId", f."buildingId", b."projectId"
FROM "RecordPhoto" u JOIN "Photo" f ON f.id = u."photoId" JOIN "Building" b ON b.id = f."buildingId"
WHERE cardinality(u."possiblyReusedFrom") > 0
ON CONFLICT DO NOTHING;

-- Append-only tables. "Timeline entries are append-only" and the audit log "can prove it was
-- not edited" (DOMAIN.md): the database itself refuses to change or remove a row, whatever
-- code path (or person with psql) tries. Corrections are new entries.
CREATE FUNCTION "public"."trygg_reject_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'Record a correction as a new entry instead.';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "case_timeline_append_only"
  BEFORE UPDATE OR DELETE ON "public"."case_timeline"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "case_timeline_no_truncate"
  BEFORE TRUNCATE ON "public"."case_timeline"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only"
  BEFORE UPDATE OR DELETE ON "public"."audit_log"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate"
  BEFORE TRUNCATE ON "public"."audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
-- The ledger: once a message is sent its row is the proof, so it is frozen; no ledger row is
-- ever deleted (an unwanted one gets cancelled_at). Query code filters on sent_at IS NULL;
-- this catches the code path that forgets to.
CREATE FUNCTION "public"."trygg_freeze_sent_notification"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.sent_at IS NOT NULL THEN
    RAISE EXCEPTION 'notification % was sent at %; a sent ledger row cannot change', OLD.id, OLD.sent_at
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "notifications_sent_frozen"
  BEFORE UPDATE ON "public"."notifications"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_freeze_sent_notification"();
--> statement-breakpoint
CREATE TRIGGER "notifications_no_delete"
  BEFORE DELETE ON "public"."notifications"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();

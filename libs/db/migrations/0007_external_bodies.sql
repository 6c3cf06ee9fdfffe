CREATE TYPE "public"."external_body_kind" AS ENUM('ppt', 'child_welfare', 'bup', 'school_health', 'police', 'county_governor', 'other');--> statement-breakpoint
CREATE TABLE "case_external_bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "external_body_kind" NOT NULL,
	"name" text,
	"involvement" text NOT NULL,
	"contacted_on" date NOT NULL,
	"concerns_other_pupils" boolean DEFAULT false NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_external_bodies_other_named" CHECK ("case_external_bodies"."kind" <> 'other' or ("case_external_bodies"."name" is not null and btrim("case_external_bodies"."name") <> ''))
);
--> statement-breakpoint
ALTER TABLE "pupils" ADD COLUMN "class_name" text;--> statement-breakpoint
ALTER TABLE "case_external_bodies" ADD CONSTRAINT "case_external_bodies_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_external_bodies" ADD CONSTRAINT "case_external_bodies_recorded_by_id_people_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_external_bodies_case_idx" ON "case_external_bodies" USING btree ("case_id","contacted_on");
--> statement-breakpoint
-- External bodies involved are case work and append-only like it (0002): the case file must show
-- who was involved and when it was written down; a correction is a new row.
CREATE TRIGGER "case_external_bodies_append_only"
  BEFORE UPDATE OR DELETE ON "public"."case_external_bodies"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "case_external_bodies_no_truncate"
  BEFORE TRUNCATE ON "public"."case_external_bodies"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();

CREATE TYPE "public"."evaluation_decision" AS ENUM('continue', 'adjust', 'close');--> statement-breakpoint
CREATE TYPE "public"."investigation_assessment_kind" AS ENUM('findings', 'best_interest');--> statement-breakpoint
CREATE TYPE "public"."investigation_step_kind" AS ENUM('conversation_with_pupil', 'other_pupils', 'parents', 'observation', 'survey', 'sociogram', 'other');--> statement-breakpoint
CREATE TYPE "public"."measure_level" AS ENUM('individual', 'class', 'school', 'after_school');--> statement-breakpoint
CREATE TABLE "investigation_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "investigation_assessment_kind" NOT NULL,
	"text" text NOT NULL,
	"concerns_other_pupils" boolean DEFAULT false NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investigation_conclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"measures_needed" boolean NOT NULL,
	"reasoning" text NOT NULL,
	"concluded_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "investigation_step_pupils" (
	"step_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	CONSTRAINT "investigation_step_pupils_step_id_pupil_id_pk" PRIMARY KEY("step_id","pupil_id")
);
--> statement-breakpoint
CREATE TABLE "investigation_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" "investigation_step_kind" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"performed_by_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"concerns_other_pupils" boolean DEFAULT false NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "investigation_steps_other_pupils_flagged" CHECK ("investigation_steps"."kind" <> 'other_pupils' or "investigation_steps"."concerns_other_pupils")
);
--> statement-breakpoint
CREATE TABLE "plan_measure_responsible" (
	"plan_measure_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "plan_measure_responsible_plan_measure_id_person_id_pk" PRIMARY KEY("plan_measure_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "plan_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_version_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"level" "measure_level" NOT NULL,
	"description" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"evaluation_on" date NOT NULL,
	CONSTRAINT "plan_measures_version_measure_unique" UNIQUE("plan_version_id","measure_id"),
	CONSTRAINT "plan_measures_version_position_unique" UNIQUE("plan_version_id","position"),
	CONSTRAINT "plan_measures_period" CHECK ("plan_measures"."end_on" >= "plan_measures"."start_on"),
	CONSTRAINT "plan_measures_evaluation_after_start" CHECK ("plan_measures"."evaluation_on" >= "plan_measures"."start_on")
);
--> statement-breakpoint
CREATE TABLE "plan_parent_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_version_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"chosen" boolean NOT NULL,
	"reason_not_chosen" text,
	CONSTRAINT "plan_parent_proposals_version_position_unique" UNIQUE("plan_version_id","position"),
	CONSTRAINT "plan_parent_proposals_reason" CHECK ("plan_parent_proposals"."chosen" or "plan_parent_proposals"."reason_not_chosen" is not null)
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_id" uuid NOT NULL,
	"problem" text NOT NULL,
	"pupil_view" text,
	"parents_view" text,
	CONSTRAINT "plan_versions_case_version_unique" UNIQUE("case_id","version"),
	CONSTRAINT "plan_versions_version_positive" CHECK ("plan_versions"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "evaluation_measures" (
	"evaluation_id" uuid NOT NULL,
	"plan_measure_id" uuid NOT NULL,
	"how_carried_out" text NOT NULL,
	"effect" text NOT NULL,
	CONSTRAINT "evaluation_measures_evaluation_id_plan_measure_id_pk" PRIMARY KEY("evaluation_id","plan_measure_id")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"plan_version_id" uuid NOT NULL,
	"planned_on" date NOT NULL,
	"done_at" timestamp with time zone NOT NULL,
	"pupil_view" text NOT NULL,
	"parents_view" text,
	"situation_safe" boolean NOT NULL,
	"decision" "evaluation_decision" NOT NULL,
	"next_evaluation_on" date,
	"revised_plan_version_id" uuid,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluations_case_planned_unique" UNIQUE("case_id","planned_on"),
	CONSTRAINT "evaluations_next_date" CHECK (("evaluations"."decision" = 'close') = ("evaluations"."next_evaluation_on" is null)),
	CONSTRAINT "evaluations_adjust_revises" CHECK ("evaluations"."decision" <> 'adjust' or "evaluations"."revised_plan_version_id" is not null),
	CONSTRAINT "evaluations_close_only_safe" CHECK ("evaluations"."decision" <> 'close' or "evaluations"."situation_safe")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "investigation_measures_needed" boolean;--> statement-breakpoint
ALTER TABLE "investigation_assessments" ADD CONSTRAINT "investigation_assessments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigation_assessments" ADD CONSTRAINT "investigation_assessments_recorded_by_id_people_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigation_conclusions" ADD CONSTRAINT "investigation_conclusions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigation_conclusions" ADD CONSTRAINT "investigation_conclusions_recorded_by_id_people_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigation_step_pupils" ADD CONSTRAINT "investigation_step_pupils_step_id_investigation_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."investigation_steps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigation_step_pupils" ADD CONSTRAINT "investigation_step_pupils_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigation_steps" ADD CONSTRAINT "investigation_steps_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigation_steps" ADD CONSTRAINT "investigation_steps_performed_by_id_people_id_fk" FOREIGN KEY ("performed_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigation_steps" ADD CONSTRAINT "investigation_steps_recorded_by_id_people_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_responsible" ADD CONSTRAINT "plan_measure_responsible_plan_measure_id_plan_measures_id_fk" FOREIGN KEY ("plan_measure_id") REFERENCES "public"."plan_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measure_responsible" ADD CONSTRAINT "plan_measure_responsible_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_measures" ADD CONSTRAINT "plan_measures_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_parent_proposals" ADD CONSTRAINT "plan_parent_proposals_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_measures" ADD CONSTRAINT "evaluation_measures_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_measures" ADD CONSTRAINT "evaluation_measures_plan_measure_id_plan_measures_id_fk" FOREIGN KEY ("plan_measure_id") REFERENCES "public"."plan_measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_revised_plan_version_id_plan_versions_id_fk" FOREIGN KEY ("revised_plan_version_id") REFERENCES "public"."plan_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_recorded_by_id_people_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "investigation_assessments_case_idx" ON "investigation_assessments" USING btree ("case_id","kind","recorded_at");--> statement-breakpoint
CREATE INDEX "investigation_conclusions_case_idx" ON "investigation_conclusions" USING btree ("case_id","concluded_at");--> statement-breakpoint
CREATE INDEX "investigation_step_pupils_pupil_idx" ON "investigation_step_pupils" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "investigation_steps_case_idx" ON "investigation_steps" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "plan_measure_responsible_person_idx" ON "plan_measure_responsible" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "plan_measures_measure_idx" ON "plan_measures" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "evaluations_case_done_idx" ON "evaluations" USING btree ("case_id","done_at");
--> statement-breakpoint
-- The case work is append-only, like the timeline (0001): an investigation step, a plan version
-- and an evaluation are documents whose date must show ("it must be clear when each document was
-- made", seeds/002). Plans are revised by a new version, never overwritten; a correction is a new row.
CREATE TRIGGER "investigation_steps_append_only"
  BEFORE UPDATE OR DELETE ON "public"."investigation_steps"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "investigation_steps_no_truncate"
  BEFORE TRUNCATE ON "public"."investigation_steps"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "investigation_step_pupils_append_only"
  BEFORE UPDATE OR DELETE ON "public"."investigation_step_pupils"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "investigation_step_pupils_no_truncate"
  BEFORE TRUNCATE ON "public"."investigation_step_pupils"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "investigation_assessments_append_only"
  BEFORE UPDATE OR DELETE ON "public"."investigation_assessments"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "investigation_assessments_no_truncate"
  BEFORE TRUNCATE ON "public"."investigation_assessments"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "investigation_conclusions_append_only"
  BEFORE UPDATE OR DELETE ON "public"."investigation_conclusions"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "investigation_conclusions_no_truncate"
  BEFORE TRUNCATE ON "public"."investigation_conclusions"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "plan_versions_append_only"
  BEFORE UPDATE OR DELETE ON "public"."plan_versions"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "plan_versions_no_truncate"
  BEFORE TRUNCATE ON "public"."plan_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "plan_measures_append_only"
  BEFORE UPDATE OR DELETE ON "public"."plan_measures"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "plan_measures_no_truncate"
  BEFORE TRUNCATE ON "public"."plan_measures"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "plan_measure_responsible_append_only"
  BEFORE UPDATE OR DELETE ON "public"."plan_measure_responsible"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "plan_measure_responsible_no_truncate"
  BEFORE TRUNCATE ON "public"."plan_measure_responsible"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "plan_parent_proposals_append_only"
  BEFORE UPDATE OR DELETE ON "public"."plan_parent_proposals"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "plan_parent_proposals_no_truncate"
  BEFORE TRUNCATE ON "public"."plan_parent_proposals"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "evaluations_append_only"
  BEFORE UPDATE OR DELETE ON "public"."evaluations"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "evaluations_no_truncate"
  BEFORE TRUNCATE ON "public"."evaluations"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "evaluation_measures_append_only"
  BEFORE UPDATE OR DELETE ON "public"."evaluation_measures"
  FOR EACH ROW EXECUTE FUNCTION "public"."trygg_reject_change"();
--> statement-breakpoint
CREATE TRIGGER "evaluation_measures_no_truncate"
  BEFORE TRUNCATE ON "public"."evaluation_measures"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trygg_reject_change"();

CREATE TYPE "public"."case_status" AS ENUM('reported', 'investigating', 'measures', 'closed');--> statement-breakpoint
CREATE TYPE "public"."deadline_state" AS ENUM('open', 'met', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."language" AS ENUM('nb', 'nn');--> statement-breakpoint
CREATE TYPE "public"."non_school_day_kind" AS ENUM('holiday', 'planning_day');--> statement-breakpoint
CREATE TYPE "public"."person_kind" AS ENUM('staff', 'sfo_aks', 'homework_help', 'owner_official', 'operator');--> statement-breakpoint
CREATE TYPE "public"."report_basis" AS ENUM('suspicion', 'knowledge');--> statement-breakpoint
CREATE TYPE "public"."reporter_kind" AS ENUM('staff', 'sfo_aks', 'homework_help');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('staff', 'leader', 'principal', 'owner', 'admin');--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"kind" "person_kind" DEFAULT 'staff' NOT NULL,
	"external_subject" text,
	"deactivated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "non_school_days" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid,
	"school_id" uuid,
	"date" date NOT NULL,
	"kind" "non_school_day_kind" NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "non_school_days_scope_date_unique" UNIQUE NULLS NOT DISTINCT("owner_id","school_id","date"),
	CONSTRAINT "non_school_days_one_scope" CHECK (num_nonnulls("non_school_days"."owner_id", "non_school_days"."school_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"school_id" uuid,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roles_person_role_scope_unique" UNIQUE NULLS NOT DISTINCT("person_id","role","school_id","owner_id"),
	CONSTRAINT "roles_scope_matches_role" CHECK (("roles"."role" in ('staff', 'leader', 'principal') and "roles"."school_id" is not null and "roles"."owner_id" is null)
       or ("roles"."role" = 'owner' and "roles"."owner_id" is not null and "roles"."school_id" is null)
       or ("roles"."role" = 'admin' and "roles"."owner_id" is null and "roles"."school_id" is null))
);
--> statement-breakpoint
CREATE TABLE "school_owners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"language" "language" DEFAULT 'nb' NOT NULL,
	"policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"digest_recipient_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"second_contact_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pupil_conversation_autumn_due" text,
	"pupil_conversation_spring_due" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schools_pupil_conversation_due_format" CHECK ("schools"."pupil_conversation_autumn_due" ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' and "schools"."pupil_conversation_spring_due" ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$')
);
--> statement-breakpoint
CREATE TABLE "pupils" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"name" text NOT NULL,
	"initials" text NOT NULL,
	"birth_year" integer NOT NULL,
	"national_id" text,
	"contact_teacher_id" uuid,
	"heightened_attention" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pupils_birth_year_plausible" CHECK ("pupils"."birth_year" between 1990 and 2100)
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"school_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_counters_school_id_year_pk" PRIMARY KEY("school_id","year")
);
--> statement-breakpoint
CREATE TABLE "case_timeline" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"number" text NOT NULL,
	"status" "case_status" DEFAULT 'reported' NOT NULL,
	"case_leader_id" uuid,
	"serious" boolean DEFAULT false NOT NULL,
	"serious_marked_at" timestamp with time zone,
	"concerns_employee" boolean DEFAULT false NOT NULL,
	"accused_person_id" uuid,
	"accused_in_leadership" boolean DEFAULT false NOT NULL,
	"principal_knew_at" timestamp with time zone,
	"opened_at" timestamp with time zone NOT NULL,
	"investigation_started_at" timestamp with time zone,
	"investigation_concluded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"next_deadline_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_school_number_unique" UNIQUE("school_id","number"),
	CONSTRAINT "cases_serious_marked" CHECK (not "cases"."serious" or "cases"."serious_marked_at" is not null),
	CONSTRAINT "cases_accused_only_12_5" CHECK ("cases"."accused_person_id" is null or "cases"."concerns_employee"),
	CONSTRAINT "cases_closed_has_closed_at" CHECK ("cases"."status" <> 'closed' or "cases"."closed_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"case_id" uuid,
	"filed_by_id" uuid NOT NULL,
	"reporter_kind" "reporter_kind" NOT NULL,
	"basis" "report_basis" NOT NULL,
	"category" text NOT NULL,
	"intervened" boolean NOT NULL,
	"intervention" text,
	"serious" boolean DEFAULT false NOT NULL,
	"concerns_employee" boolean DEFAULT false NOT NULL,
	"accused_person_id" uuid,
	"description" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"occurred_at" timestamp with time zone,
	"as_of" timestamp with time zone NOT NULL,
	"registered_at" timestamp with time zone,
	"registered_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_accused_only_12_5" CHECK ("reports"."accused_person_id" is null or "reports"."concerns_employee"),
	CONSTRAINT "reports_as_of_not_after_filed" CHECK ("reports"."as_of" <= "reports"."filed_at")
);
--> statement-breakpoint
CREATE TABLE "deadlines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"school_id" uuid NOT NULL,
	"case_id" uuid,
	"pupil_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"state" "deadline_state" DEFAULT 'open' NOT NULL,
	"met_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"delay_reason" text,
	"delay_reason_at" timestamp with time zone,
	"delay_reason_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadlines_key_unique" UNIQUE("key"),
	CONSTRAINT "deadlines_met_has_met_at" CHECK (("deadlines"."state" = 'met') = ("deadlines"."met_at" is not null)),
	CONSTRAINT "deadlines_cancelled_has_cancelled_at" CHECK (("deadlines"."state" = 'cancelled') = ("deadlines"."cancelled_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "acknowledgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"subject_key" text NOT NULL,
	"person_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "acknowledgements_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "acknowledgements_notification_unique" UNIQUE("notification_id")
);
--> statement-breakpoint
CREATE TABLE "digest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"iso_week" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"figures" jsonb,
	CONSTRAINT "digest_runs_owner_week_unique" UNIQUE("owner_id","iso_week"),
	CONSTRAINT "digest_runs_iso_week_format" CHECK ("digest_runs"."iso_week" ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$')
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_key" text NOT NULL,
	"recipient_id" uuid NOT NULL,
	"step" text NOT NULL,
	"kind" text NOT NULL,
	"school_id" uuid,
	"owner_id" uuid,
	"case_id" uuid,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"send_after" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"claim_token" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"failed_permanently_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"message_id" text,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_what_whom_step_unique" UNIQUE("subject_key","recipient_id","step"),
	CONSTRAINT "notifications_sent_has_message_id" CHECK ("notifications"."sent_at" is null or "notifications"."message_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"school_id" uuid,
	"request_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
ALTER TABLE "non_school_days" ADD CONSTRAINT "non_school_days_owner_id_school_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."school_owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "non_school_days" ADD CONSTRAINT "non_school_days_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_owner_id_school_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."school_owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_owners" ADD CONSTRAINT "school_owners_second_contact_id_people_id_fk" FOREIGN KEY ("second_contact_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schools" ADD CONSTRAINT "schools_owner_id_school_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."school_owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupils" ADD CONSTRAINT "pupils_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupils" ADD CONSTRAINT "pupils_contact_teacher_id_people_id_fk" FOREIGN KEY ("contact_teacher_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_counters" ADD CONSTRAINT "case_counters_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_timeline" ADD CONSTRAINT "case_timeline_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_timeline" ADD CONSTRAINT "case_timeline_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_case_leader_id_people_id_fk" FOREIGN KEY ("case_leader_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_accused_person_id_people_id_fk" FOREIGN KEY ("accused_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_filed_by_id_people_id_fk" FOREIGN KEY ("filed_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_accused_person_id_people_id_fk" FOREIGN KEY ("accused_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_registered_by_id_people_id_fk" FOREIGN KEY ("registered_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadlines" ADD CONSTRAINT "deadlines_delay_reason_by_id_people_id_fk" FOREIGN KEY ("delay_reason_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgements" ADD CONSTRAINT "acknowledgements_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgements" ADD CONSTRAINT "acknowledgements_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_owner_id_school_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."school_owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_people_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_owner_id_school_owners_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."school_owners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_lower_unique" ON "people" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "people_external_subject_unique" ON "people" USING btree ("external_subject");--> statement-breakpoint
CREATE INDEX "non_school_days_school_idx" ON "non_school_days" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "roles_school_idx" ON "roles" USING btree ("school_id","role");--> statement-breakpoint
CREATE INDEX "roles_owner_idx" ON "roles" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "schools_owner_idx" ON "schools" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "pupils_school_idx" ON "pupils" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "pupils_contact_teacher_idx" ON "pupils" USING btree ("contact_teacher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pupils_national_id_unique" ON "pupils" USING btree ("national_id") WHERE "pupils"."national_id" is not null;--> statement-breakpoint
CREATE INDEX "case_timeline_case_at_idx" ON "case_timeline" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "cases_school_status_idx" ON "cases" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "cases_school_next_deadline_idx" ON "cases" USING btree ("school_id","next_deadline_at");--> statement-breakpoint
CREATE INDEX "cases_pupil_idx" ON "cases" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "reports_school_filed_idx" ON "reports" USING btree ("school_id","filed_at");--> statement-breakpoint
CREATE INDEX "reports_case_idx" ON "reports" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "reports_filed_by_idx" ON "reports" USING btree ("filed_by_id");--> statement-breakpoint
CREATE INDEX "deadlines_case_open_idx" ON "deadlines" USING btree ("case_id","due_at") WHERE "deadlines"."state" = 'open';--> statement-breakpoint
CREATE INDEX "deadlines_school_kind_open_idx" ON "deadlines" USING btree ("school_id","kind","due_at") WHERE "deadlines"."state" = 'open';--> statement-breakpoint
CREATE INDEX "deadlines_pupil_idx" ON "deadlines" USING btree ("pupil_id");--> statement-breakpoint
CREATE INDEX "acknowledgements_subject_idx" ON "acknowledgements" USING btree ("subject_key");--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("send_after") WHERE "notifications"."sent_at" is null and "notifications"."cancelled_at" is null and "notifications"."failed_permanently_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_case_idx" ON "notifications" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");
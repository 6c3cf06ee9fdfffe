CREATE TYPE "public"."term_half" AS ENUM('autumn', 'spring');--> statement-breakpoint
CREATE TYPE "public"."wellbeing_answer" AS ENUM('yes', 'no', 'unsure');--> statement-breakpoint
CREATE TABLE "pupil_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"pupil_id" uuid NOT NULL,
	"term_year" integer NOT NULL,
	"term_half" "term_half" NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"held_by_id" uuid NOT NULL,
	"answer" "wellbeing_answer" NOT NULL,
	"note" text,
	"report_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pupil_conversations_pupil_term_unique" UNIQUE("pupil_id","term_year","term_half"),
	CONSTRAINT "pupil_conversations_term_year_plausible" CHECK ("pupil_conversations"."term_year" between 2000 and 2100),
	CONSTRAINT "pupil_conversations_note_short" CHECK ("pupil_conversations"."note" is null or char_length("pupil_conversations"."note") <= 2000),
	CONSTRAINT "pupil_conversations_no_has_report" CHECK (("pupil_conversations"."answer" = 'no') = ("pupil_conversations"."report_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "pupil_conversations" ADD CONSTRAINT "pupil_conversations_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_conversations" ADD CONSTRAINT "pupil_conversations_pupil_id_pupils_id_fk" FOREIGN KEY ("pupil_id") REFERENCES "public"."pupils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_conversations" ADD CONSTRAINT "pupil_conversations_held_by_id_people_id_fk" FOREIGN KEY ("held_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pupil_conversations" ADD CONSTRAINT "pupil_conversations_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pupil_conversations_school_term_idx" ON "pupil_conversations" USING btree ("school_id","term_year","term_half");
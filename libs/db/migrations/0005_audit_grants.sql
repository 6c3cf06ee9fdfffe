-- The application's database role. The audit log "can prove it was not edited" (DOMAIN.md):
-- besides the append-only triggers (0001), the role the app runs as has no right to change or
-- remove an audit entry at all — a permission error, before any trigger fires. The app takes
-- this role on its connections (createDb({ role }), DATABASE_APP_ROLE; see apps/api README).
-- NOLOGIN: nobody logs in as trygg_app; a login role is made a member of it (or, as in
-- development, a superuser connects and the connection switches to it).
-- Roles are cluster-wide: the role may exist already (another database of the same cluster,
-- or a migration running at the same time in another database).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'trygg_app') THEN
    CREATE ROLE trygg_app NOLOGIN;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO trygg_app;
--> statement-breakpoint
-- Normal rights on everything the app reads and writes (the other append-only tables keep
-- their triggers). No TRUNCATE, REFERENCES or TRIGGER anywhere, and no DDL: migrations run
-- as the owner of the schema, never as trygg_app.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO trygg_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO trygg_app;
--> statement-breakpoint
-- The audit log: read and append, nothing else.
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "public"."audit_log" FROM trygg_app;
--> statement-breakpoint
-- Tables later migrations create (as the same migrating role) get the same normal rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO trygg_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO trygg_app;

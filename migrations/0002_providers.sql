CREATE TABLE "webhook_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"dedup_key" text NOT NULL,
	"method" text NOT NULL,
	"query" text NOT NULL,
	"body" text NOT NULL,
	"applied" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "otp" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "provider_pinned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "credentials_sealed" text;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "credential_fields" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "base_url" text;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "provider_connections" ADD COLUMN "disconnected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_receipts" ADD CONSTRAINT "webhook_receipts_connection_id_provider_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."provider_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_receipts_dedup_key" ON "webhook_receipts" USING btree ("connection_id","dedup_key");
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash` ON `api_tokens` (`hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_active_name` ON `api_tokens` (`name`) WHERE revoked_at IS NULL;--> statement-breakpoint
CREATE TABLE `connections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`staffology_base_url` text NOT NULL,
	`staffology_employer_id` text NOT NULL,
	`staffology_key_enc` text NOT NULL,
	`expensein_base_url` text NOT NULL,
	`expensein_key_enc` text NOT NULL,
	`include_bank_details` integer DEFAULT false NOT NULL,
	`leaver_guard_percent` integer DEFAULT 20 NOT NULL,
	`leaver_guard_min` integer DEFAULT 5 NOT NULL,
	`alert_webhook_url` text,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`connected_at` text NOT NULL,
	`reconnected_at` text,
	`disconnected_at` text,
	`last_scheduled_run_at` text
);
--> statement-breakpoint
CREATE TABLE `create_intents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` integer NOT NULL,
	`employee_number` text NOT NULL,
	`run_id` integer NOT NULL,
	`email` text NOT NULL,
	`state` text NOT NULL,
	`user_id` integer,
	`error` text,
	`created_at` text NOT NULL,
	`settled_at` text,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `create_intents_one_pending` ON `create_intents` (`connection_id`,`employee_number`) WHERE state = 'pending';--> statement-breakpoint
CREATE TABLE `held_leavers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` integer NOT NULL,
	`run_id` integer NOT NULL,
	`employee_number` text NOT NULL,
	`user_id` integer NOT NULL,
	`subject_name` text,
	`leave_date` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`decided_at` text,
	`decided_by` text,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `held_leavers_one_pending` ON `held_leavers` (`connection_id`,`employee_number`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `held_leavers_run` ON `held_leavers` (`run_id`);--> statement-breakpoint
CREATE TABLE `links` (
	`connection_id` integer NOT NULL,
	`employee_number` text NOT NULL,
	`user_id` integer NOT NULL,
	`last_written` text NOT NULL,
	`leave_date_set_by_sync` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`connection_id`, `employee_number`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_connection_user` ON `links` (`connection_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `run_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`connection_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`rule` text,
	`code` text,
	`severity` text,
	`action_kind` text,
	`employee_number` text,
	`user_id` integer,
	`source_id` text,
	`subject_name` text,
	`message` text NOT NULL,
	`changes` text DEFAULT '[]' NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`result` text NOT NULL,
	`error` text,
	`at` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_items_run_seq` ON `run_items` (`run_id`,`seq`);--> statement-breakpoint
CREATE INDEX `run_items_connection_employee` ON `run_items` (`connection_id`,`employee_number`);--> statement-breakpoint
CREATE INDEX `run_items_connection_user` ON `run_items` (`connection_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` integer NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`dry_run` integer NOT NULL,
	`requested_by` text,
	`counts` text DEFAULT '{}' NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`error` text,
	`heartbeat_at` text NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `runs_one_running_per_connection` ON `runs` (`connection_id`) WHERE status = 'running';--> statement-breakpoint
CREATE INDEX `runs_connection_id` ON `runs` (`connection_id`,`id`);--> statement-breakpoint
CREATE INDEX `runs_started_at` ON `runs` (`started_at`);--> statement-breakpoint
CREATE TABLE `store_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);

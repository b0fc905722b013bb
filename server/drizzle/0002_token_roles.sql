ALTER TABLE `api_tokens` ADD `role` text DEFAULT 'operator' NOT NULL;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expires_at` text;--> statement-breakpoint
-- Tokens made before roles could do everything but had no lifetime: they keep working as operators (PRODUCT.md
-- 4.3's default role) for the default 90 days from now; connecting and managing tokens takes a new owner token.
UPDATE `api_tokens` SET `expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days') WHERE `expires_at` IS NULL;

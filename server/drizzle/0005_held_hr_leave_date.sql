ALTER TABLE `held_leavers` ADD `hr_leave_date` text;--> statement-breakpoint
-- Leavers held before this column: their held date is the best evidence of the date HR gave.
UPDATE `held_leavers` SET `hr_leave_date` = `leave_date` WHERE `hr_leave_date` IS NULL;

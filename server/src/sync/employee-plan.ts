import type { Link, Outcome, PlannedAction } from '@staffsync/shared';

/** What the planner decides for one HR employee. */
export interface EmployeePlan {
  action: PlannedAction | null;
  outcomes: Outcome[];
  /**
   * The link to store whether or not the action succeeds (null when the employee has no linked user): what the
   * user already holds in agreement with HR is recorded, fields still to be written keep their old record.
   * `linkOf(action)` (link-of.ts) adds what the action writes.
   */
  link: Link | null;
}

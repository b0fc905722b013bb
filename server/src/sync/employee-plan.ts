import type { Link, PlannedAction } from '@staffsync/shared';

/** What the planner decides for one HR employee; its outcomes go to the plan context's (PlanContext.outcomes). */
export interface EmployeePlan {
  action: PlannedAction | null;
  /**
   * The link to store whether or not the action succeeds (null when the employee has no linked user): what the
   * user already holds in agreement with HR is recorded, fields still to be written keep their old record.
   * `linkOf(action)` (link-of.ts) adds what the action writes.
   */
  link: Link | null;
}

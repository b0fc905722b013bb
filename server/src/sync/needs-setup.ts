import type { EiUser } from '@staffsync/shared';

/**
 * R10 creates users not invited, with no policy or approval flow: they wait for an administrator to set them up.
 * Set up means invited with both a policy and an approval flow. The planner's `needs_setup` note and the Users list
 * badge both ask this.
 */
export function needsSetup(
  user: Pick<EiUser, 'inviteStatus' | 'expensePolicyId' | 'approvalFlowId'>,
): boolean {
  return (
    user.inviteStatus === 'NotInvited' && (user.expensePolicyId === null || user.approvalFlowId === null)
  );
}

import type { Outcome, PendingOverwrite, UserKey, UserStatus } from '@staffsync/shared';
import { useEffect, useId, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { Brand } from '../components/brand.tsx';
import { createStoreContext } from '../components/create-store-context.tsx';
import { LoadingMessage, ProblemMessage, problemTitles } from '../components/problem-message.tsx';
import { SyncBadge } from '../components/sync-badge.tsx';
import type { PanelContext } from '../content/define-panel.ts';
import {
  describeValue,
  driftReason,
  fieldLabels,
  formatDateTime,
  formatShortDateTime,
  ruleText,
  runStatusLabels,
} from '../format/describe-sync.ts';
import type { Problem } from '../messaging/server-result.ts';
import { type FormField, formFields } from '../page/anchors.ts';
import { type EditUserReading, optionText, readControl, syncedFieldOf } from '../page/read-edit-user.ts';
import { createUserPanelStore, type UserPanelState } from './create-user-panel-store.ts';
import { FieldMarker, FieldWarning, markerTitle } from './field-decorations.tsx';
import { isMarked, type OverwriteWarning, predictOverwrite } from './predict-overwrite.ts';
import { type FieldSlot, useFieldSlots } from './use-field-slots.ts';

const { Provider, useStoreValue } = createStoreContext<UserPanelState>('UserPanelStore');

/**
 * The staffsync panel of the Edit User window for one user (PRODUCT.md 5): link, employee number, last and next
 * sync, pending overwrites with why, recent changes made by sync, outcomes, and Resync with its step trace. It also
 * marks the synced fields and warns under one being edited, before Update, that the next sync will overwrite it.
 * Mounted again (a fresh store) when the window shows another user.
 */
export function EditUserPanel({
  userKey,
  reading,
  dialog,
  context,
}: {
  userKey: UserKey;
  reading: EditUserReading;
  dialog: Element;
  context: PanelContext;
}) {
  const [store] = useState(() => createUserPanelStore(context.api, userKey));
  const slots = useFieldSlots(reading.fields, context);
  useFieldValues(reading.fields, dialog, context, store.getState().observe);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const departmentControl = reading.fields.departmentId?.control;
  const departmentName = useMemo(
    () => (id: number) => (departmentControl ? optionText(departmentControl, id) : null),
    [departmentControl],
  );

  return (
    <Provider store={store}>
      <PanelBody departmentName={departmentName} />
      {formFields.map((field) => {
        const slot = slots[field];
        return slot ? (
          <FieldDecorations key={field} field={field} slot={slot} departmentName={departmentName} />
        ) : null;
      })}
    </Provider>
  );
}

/**
 * Reads the synced fields' values into the store: at once (the first reading is each field's original), on every
 * keystroke and pick (input, change), and in every frame in which the window changed (a date picked from a calendar
 * or a value set by the page changes no input event).
 */
function useFieldValues(
  fields: EditUserReading['fields'],
  dialog: Element,
  context: PanelContext,
  observe: UserPanelState['observe'],
): void {
  useEffect(() => {
    const controller = new AbortController();
    const signal = AbortSignal.any([context.signal, controller.signal]);
    const observeAll = () => {
      for (const field of formFields) {
        const anchor = fields[field];
        if (anchor?.control.isConnected) observe(field, readControl(anchor.control));
      }
    };
    dialog.addEventListener('input', observeAll, { signal, capture: true });
    dialog.addEventListener('change', observeAll, { signal, capture: true });
    context.page.subscribe((changes) => {
      if (changes.everything || changes.within(dialog)) observeAll();
    }, signal);
    observeAll();
    return () => controller.abort();
  }, [fields, dialog, context, observe]);
}

function FieldDecorations({
  field,
  slot,
  departmentName,
}: {
  field: FormField;
  slot: FieldSlot;
  departmentName: (id: number) => string | null;
}) {
  const user = useStoreValue((state) => state.user);
  const edit = useStoreValue((state) => state.edits[field]);
  const original = useStoreValue((state) => state.originals[field]?.value ?? '');
  const warning = user && edit ? predictOverwrite(edit, user, departmentName) : null;
  const marked = user ? isMarked(field, user, original) : false;
  const description = warning
    ? warningSentence(warning, departmentName)
    : marked
      ? markerTitle(syncedFieldOf[field] === 'leaveDate')
      : null;
  useControlDescription(slot.control, description);
  if (!user) return null;
  return (
    <>
      {marked
        ? createPortal(<FieldMarker leaveDate={syncedFieldOf[field] === 'leaveDate'} />, slot.marker)
        : null}
      {warning
        ? createPortal(<FieldWarning warning={warning} departmentName={departmentName} />, slot.warning)
        : null}
    </>
  );
}

/**
 * The marker and the warning are text beside the control; screen readers hear them as the control's description
 * (aria-description), and the control gets back what it had when the panel goes.
 */
function useControlDescription(control: Element, description: string | null) {
  useEffect(() => {
    if (description === null) return;
    const before = control.getAttribute('aria-description');
    control.setAttribute('aria-description', description);
    return () => {
      if (before === null) control.removeAttribute('aria-description');
      else control.setAttribute('aria-description', before);
    };
  }, [control, description]);
}

function PanelBody({ departmentName }: { departmentName: (id: number) => string | null }) {
  const status = useStoreValue((state) => state.status);
  const problem = useStoreValue((state) => state.problem);
  const user = useStoreValue((state) => state.user);
  const expanded = useStoreValue((state) => state.expanded);
  const setExpanded = useStoreValue((state) => state.setExpanded);
  const resync = useStoreValue((state) => state.resync);
  const runResync = useStoreValue((state) => state.runResync);
  const load = useStoreValue((state) => state.load);
  const openOptions = useStoreValue((state) => state.openOptions);
  const bodyId = useId();
  const headingId = useId();

  return (
    <section className="ss-panel" aria-labelledby={headingId} data-staffsync="edit-user-panel">
      <div className="ss-panel-header">
        <h2 id={headingId} className="ss-sr-only">
          staffsync
        </h2>
        <Brand />
        <div className="ss-panel-summary">
          {status === 'loading' ? (
            <LoadingMessage text="Loading this user's sync status…" />
          ) : user ? (
            <Summary user={user} />
          ) : null}
          {status === 'problem' && problem ? <ProblemChip problem={problem} expanded={expanded} /> : null}
          {resync.state === 'problem' ? <ProblemChip problem={resync.problem} expanded={expanded} /> : null}
        </div>
        <div className="ss-panel-actions">
          <button
            type="button"
            className="ss-button ss-button--primary"
            onClick={() => void runResync()}
            disabled={resync.state === 'running' || (problem?.kind === 'not_configured' && !user)}
            aria-describedby={`${bodyId}-resync-hint`}
          >
            {resync.state === 'running' ? <span className="ss-spinner" aria-hidden="true" /> : null}
            {resync.state === 'running' ? 'Resyncing…' : 'Resync'}
          </button>
          <span id={`${bodyId}-resync-hint`} className="ss-sr-only">
            Runs the sync for this user now and shows each step
          </span>
          <button
            type="button"
            className="ss-toggle"
            aria-expanded={expanded}
            aria-controls={bodyId}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? 'Hide details' : 'Show details'}
          </button>
        </div>
      </div>
      <div id={bodyId} className="ss-panel-body" hidden={!expanded}>
        {status === 'problem' && problem ? (
          <div className="ss-section">
            <ProblemMessage
              problem={problem}
              what={
                problem.kind === 'not_found'
                  ? 'staffsync does not know this user'
                  : "This user's sync status is unavailable; you can still edit and save the user"
              }
              onRetry={() => void load()}
              onOpenOptions={() => void openOptions()}
            />
          </div>
        ) : null}
        <EditWarnings departmentName={departmentName} />
        <ResyncResult departmentName={departmentName} />
        {user ? <Details user={user} departmentName={departmentName} /> : null}
      </div>
    </section>
  );
}

/**
 * A problem in the panel's header, seen with the details hidden too. While they are hidden it is the polite status
 * itself (the full message, inside the hidden details, is not announced then).
 */
function ProblemChip({ problem, expanded }: { problem: Problem; expanded: boolean }) {
  return (
    <span
      className="ss-problem-chip"
      data-staffsync="problem-chip"
      data-problem={problem.kind}
      role={expanded ? undefined : 'status'}
    >
      <span aria-hidden="true">⚠ </span>
      {problemTitles[problem.kind]}
      {expanded ? null : <span className="ss-muted"> · {problem.message}</span>}
    </span>
  );
}

function Summary({ user }: { user: UserStatus }) {
  const { link, lastSync } = user;
  return (
    <>
      <SyncBadge badge={user.badge} reason={null} />
      <span>
        {link.linked && link.employeeNumber ? (
          <>
            Employee <strong>{link.employeeNumber}</strong>
            {link.employeeName ? ` (${link.employeeName})` : ''}
          </>
        ) : (
          <strong>Not linked to Staffology</strong>
        )}
      </span>
      <span title={lastSync ? `Run #${lastSync.id}: ${runStatusLabels[lastSync.status]}` : undefined}>
        Last sync{' '}
        <strong>
          {lastSync
            ? `${formatShortDateTime(lastSync.finishedAt ?? lastSync.startedAt)} (${runStatusLabels[lastSync.status].toLowerCase()})`
            : 'never'}
        </strong>
      </span>
      <span>
        Next sync <strong>{user.nextSyncAt ? formatShortDateTime(user.nextSyncAt) : 'not scheduled'}</strong>
      </span>
    </>
  );
}

function EditWarnings({ departmentName }: { departmentName: (id: number) => string | null }) {
  const user = useStoreValue((state) => state.user);
  const edits = useStoreValue((state) => state.edits);
  const warnings = user
    ? Object.values(edits).flatMap((edit) => {
        const warning = edit ? predictOverwrite(edit, user, departmentName) : null;
        return warning ? [warning] : [];
      })
    : [];
  return (
    <div className="ss-section" aria-live="polite">
      {warnings.length > 0 ? (
        <div className="ss-message ss-message--notice" data-staffsync="edit-warnings">
          <span className="ss-message-title">Before you save:</span>
          <ul className="ss-list">
            {warnings.map((warning) => (
              <li key={warning.field}>{warningSentence(warning, departmentName)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function warningSentence(warning: OverwriteWarning, departmentName: (id: number) => string | null): string {
  const value = warning.hrText || describeValue(warning.syncedField, warning.hrValue, departmentName);
  return `${fieldLabels[warning.syncedField]} is synced from Staffology: the next sync will overwrite your change with “${value}” (${ruleText(warning.rule)}, R16).`;
}

function ResyncResult({ departmentName }: { departmentName: (id: number) => string | null }) {
  const resync = useStoreValue((state) => state.resync);
  const openOptions = useStoreValue((state) => state.openOptions);
  const runResync = useStoreValue((state) => state.runResync);
  if (resync.state === 'idle') return null;
  if (resync.state === 'running') {
    return (
      <div className="ss-section">
        <LoadingMessage text="Resyncing: reading Staffology and ExpenseIn, planning and applying…" />
      </div>
    );
  }
  if (resync.state === 'problem') {
    return (
      <div className="ss-section">
        <ProblemMessage
          problem={resync.problem}
          what="The resync did not run"
          onRetry={() => void runResync()}
          onOpenOptions={() => void openOptions()}
        />
      </div>
    );
  }
  const { result } = resync;
  return (
    <section className="ss-section" aria-label="Resync result" data-staffsync="resync-result">
      <h3 className="ss-section-title">Resync</h3>
      <p role="status">
        <span className={`ss-status ss-status--${result.status}`}>{runStatusLabels[result.status]}</span> run
        #{result.runId}
        {result.changes.length === 0
          ? ' · nothing to change'
          : ` · ${result.changes.length} field(s) changed`}
      </p>
      <ol className="ss-trace" aria-label="Steps">
        {result.trace.map((step) => (
          <li key={step.step}>
            <span className={step.ok ? 'ss-step-ok' : 'ss-step-failed'}>
              <span aria-hidden="true">{step.ok ? '✓' : '✗'}</span>
              <span className="ss-sr-only">{step.ok ? 'done:' : 'failed:'}</span>
            </span>
            <strong>{step.step}</strong>
            <span className="ss-muted">{Math.round(step.ms)} ms</span>
            <span>{step.detail}</span>
          </li>
        ))}
      </ol>
      {result.changes.length > 0 ? (
        <>
          <ul className="ss-list">
            {result.changes.map((change) => (
              <li key={change.field}>
                {fieldLabels[change.field]}: {describeValue(change.field, change.before, departmentName)} →{' '}
                {describeValue(change.field, change.after, departmentName)}
                {change.overwritten ? ' (overwrote an edit made in ExpenseIn)' : ''}
              </li>
            ))}
          </ul>
          <p className="ss-muted">
            ExpenseIn now holds these values: close and reopen this window to see them in the form.
          </p>
        </>
      ) : null}
      <OutcomeList outcomes={result.outcomes} />
    </section>
  );
}

function Details({
  user,
  departmentName,
}: {
  user: UserStatus;
  departmentName: (id: number) => string | null;
}) {
  if (!user.link.linked) {
    return (
      <p className="ss-section ss-muted">
        No Staffology employee has this user's Reference, so the sync never changes this user (R15).
      </p>
    );
  }
  return (
    <>
      <section className="ss-section" aria-label="Pending overwrites">
        <h3 className="ss-section-title">Next sync will overwrite</h3>
        {user.pendingOverwrites.length === 0 ? (
          <p className="ss-muted">Nothing: ExpenseIn agrees with Staffology.</p>
        ) : (
          <PendingTable overwrites={user.pendingOverwrites} departmentName={departmentName} />
        )}
      </section>
      <section className="ss-section" aria-label="Recent changes by sync">
        <h3 className="ss-section-title">Changed by sync recently</h3>
        {user.recentChanges.length === 0 ? (
          <p className="ss-muted">No changes yet.</p>
        ) : (
          <ul className="ss-list">
            {user.recentChanges.flatMap((run) =>
              run.changes.map((change) => (
                <li key={`${run.runId}-${change.field}`}>
                  {formatDateTime(run.at)} · {fieldLabels[change.field]}:{' '}
                  {describeValue(change.field, change.before, departmentName)} →{' '}
                  {describeValue(change.field, change.after, departmentName)} ({change.rule}
                  {change.overwritten ? ', overwrote an edit' : ''}, run #{run.runId})
                </li>
              )),
            )}
          </ul>
        )}
      </section>
      {user.outcomes.length > 0 ? (
        <section className="ss-section" aria-label="Outcomes">
          <h3 className="ss-section-title">Outcomes</h3>
          <OutcomeList outcomes={user.outcomes} />
        </section>
      ) : null}
    </>
  );
}

function PendingTable({
  overwrites,
  departmentName,
}: {
  overwrites: PendingOverwrite[];
  departmentName: (id: number) => string | null;
}) {
  return (
    <table className="ss-table" data-staffsync="pending-overwrites">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">In ExpenseIn</th>
          <th scope="col">HR will set</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {overwrites.map((overwrite) => (
          <tr key={overwrite.field}>
            <th scope="row">{fieldLabels[overwrite.field]}</th>
            <td className="ss-value">
              {describeValue(overwrite.field, overwrite.expenseInValue, departmentName)}
            </td>
            <td className="ss-value">{describeValue(overwrite.field, overwrite.hrValue, departmentName)}</td>
            <td>
              {driftReason(overwrite.labels)} ({ruleText(overwrite.rule)})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OutcomeList({ outcomes }: { outcomes: Outcome[] }) {
  if (outcomes.length === 0) return null;
  return (
    <ul className="ss-list">
      {outcomes.map((outcome, index) => (
        <li key={`${outcome.code}-${index}`}>
          <strong>{outcome.severity}</strong>: {outcome.message}
          {outcome.rule ? ` (${ruleText(outcome.rule)})` : ''}
        </li>
      ))}
    </ul>
  );
}

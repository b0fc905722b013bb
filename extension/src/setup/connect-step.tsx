import type { SetupCheck } from '@staffsync/shared';
import { useId } from 'react';
import { CheckboxField, FieldError, TextField } from '../components/form-fields.tsx';
import { LoadingMessage, ProblemMessage } from '../components/problem-message.tsx';
import { FirstSyncPreview } from './first-sync-preview.tsx';
import { useSetup } from './setup-store-context.tsx';

const credentialWords: Record<SetupCheck['credentials']['staffology'], string> = {
  ok: 'key accepted',
  invalid: 'key not accepted',
  forbidden: 'key lacks permission',
  unreachable: 'not reached',
};

/** The seed's wording on bank details ("How the integration works"), and what "off" means here (R8). */
export const bankDetailsHint =
  "Changes to an employee's bank details in Staffology HR will update their bank details in ExpenseIn (never cleared). Off: bank details are never read, stored or written.";

/** The seed's recommendation, in its words. */
export const referencesAdvice =
  'We recommend enabling the "User references must be unique" Additional Setting (under the Account tab) to ensure users always hold a unique reference within ExpenseIn.';

/**
 * The seed's set-up step 2 for a first connection: the two keys, the employer picked from those the Staffology key
 * sees, Include Bank Details (off by default), the "User references must be unique" advice, and the preview of the
 * first sync, shown before the Connect button (PRODUCT.md 5: "before anything is stored").
 */
export function ConnectStep({ signal }: { signal: AbortSignal }) {
  const form = useSetup((state) => state.form);
  const errors = useSetup((state) => state.errors);
  const check = useSetup((state) => state.check);
  const connecting = useSetup((state) => state.connecting);
  const setField = useSetup((state) => state.setField);
  const checkKeys = useSetup((state) => state.checkKeys);
  const chooseEmployer = useSetup((state) => state.chooseEmployer);
  const setIncludeBankDetails = useSetup((state) => state.setIncludeBankDetails);
  const connect = useSetup((state) => state.connect);
  const previewIsCurrent = useSetup((state) => state.previewIsCurrent);
  const result = check.state === 'done' ? check.result : null;
  const current = previewIsCurrent();
  const employerId = useId();
  const checking = check.state === 'checking';
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void connect(signal);
      }}
      noValidate
      aria-label="Connect"
    >
      <TextField
        label="Staffology API key"
        type="password"
        value={form.staffologyApiKey}
        onChange={(value) => setField('staffologyApiKey', value)}
        error={errors.staffologyApiKey}
        hint="In Staffology: your initials, then API Keys. Sent to your staffsync server, which keeps it encrypted; never shown again."
      />
      <TextField
        label="ExpenseIn API key"
        type="password"
        value={form.expenseinApiKey}
        onChange={(value) => setField('expenseinApiKey', value)}
        error={errors.expenseinApiKey}
        hint="An ExpenseIn key with Account Administrator. Sent to your staffsync server, which keeps it encrypted; never shown again."
      />
      <details open={Boolean(errors.staffologyBaseUrl || errors.expenseinBaseUrl)}>
        <summary>API addresses (change them only for a test system)</summary>
        <TextField
          label="Staffology API address"
          type="url"
          inputMode="url"
          value={form.staffologyBaseUrl}
          onChange={(value) => setField('staffologyBaseUrl', value)}
          error={errors.staffologyBaseUrl}
        />
        <TextField
          label="ExpenseIn API address"
          type="url"
          inputMode="url"
          value={form.expenseinBaseUrl}
          onChange={(value) => setField('expenseinBaseUrl', value)}
          error={errors.expenseinBaseUrl}
        />
      </details>
      <div className="ss-row">
        <button type="button" className="ss-button" disabled={checking} onClick={() => void checkKeys()}>
          {checking ? 'Checking…' : 'Check keys'}
        </button>
      </div>
      {result ? (
        <p className="ss-hint" role="status" data-staffsync="credentials">
          Staffology: {credentialWords[result.credentials.staffology]} · ExpenseIn:{' '}
          {credentialWords[result.credentials.expensein]}
        </p>
      ) : null}
      {check.state === 'problem' ? (
        <ProblemMessage problem={check.problem} what="The keys were not checked" />
      ) : null}

      <div className="ss-field">
        <label className="ss-label" htmlFor={employerId}>
          Employer
        </label>
        <select
          id={employerId}
          className="ss-input"
          value={form.employerId}
          disabled={!result || result.employers.length === 0}
          onChange={(event) => void chooseEmployer(event.target.value)}
          aria-invalid={errors.employerId ? true : undefined}
          aria-describedby={`${employerId}-hint${errors.employerId ? ` ${employerId}-error` : ''}`}
        >
          <option value="">
            {result ? 'Choose the company to sync…' : 'Check the keys to list employers'}
          </option>
          {(result?.employers ?? []).map((employer) => (
            <option key={employer.id} value={employer.id}>
              {employer.name ?? employer.id}
              {employer.employeeCount === null
                ? ''
                : ` (${employer.employeeCount} employees${employer.employeeCountFrom === 'employee_list' ? ' listed' : ''})`}
            </option>
          ))}
        </select>
        <span id={`${employerId}-hint`} className="ss-hint">
          The Staffology employers this key sees; the count is Staffology's own (current employees), or the
          employees listed when it gives none.
        </span>
        <FieldError id={`${employerId}-error`} error={errors.employerId} />
      </div>

      <CheckboxField
        label="Include Bank Details"
        checked={form.includeBankDetails}
        onChange={(value) => void setIncludeBankDetails(value)}
        hint={bankDetailsHint}
      />

      {result?.userReferencesMustBeUnique === false ? (
        <p className="ss-message ss-message--notice" data-staffsync="references-advice">
          <span className="ss-message-title">"User references must be unique" is off in ExpenseIn.</span>
          <span>
            {referencesAdvice} staffsync matches employees to users by Employee Number = Reference: two users
            with one reference block that employee (R4).
          </span>
        </p>
      ) : null}
      {checking && form.employerId ? <LoadingMessage text="Previewing the first sync…" /> : null}
      {result?.preview ? <FirstSyncPreview preview={result.preview} stale={!current} /> : null}

      <div className="ss-row">
        <button type="submit" className="ss-button ss-button--primary" disabled={connecting.state === 'busy'}>
          {connecting.state === 'busy' ? 'Connecting…' : 'Connect'}
        </button>
      </div>
      {connecting.state === 'problem' ? (
        <ProblemMessage problem={connecting.problem} what="Not connected" />
      ) : null}
    </form>
  );
}

import { CheckboxField, TextField } from '../components/form-fields.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { bankDetailsHint } from './connect-step.tsx';
import { useSetup } from './setup-store-context.tsx';
import { settingRanges } from './validate-setup.ts';

/**
 * A connection's settings, saved through the API (POST /api/connections/{id}/settings): Include Bank Details (R8),
 * the leaver guard (R17), the alert webhook (its host must be in STAFFSYNC_ALLOWED_HOSTS) and interval runs.
 */
export function SettingsForm() {
  const connection = useSetup((state) => state.connection);
  const form = useSetup((state) => state.settingsForm);
  const errors = useSetup((state) => state.errors);
  const saving = useSetup((state) => state.savingSettings);
  const setSetting = useSetup((state) => state.setSetting);
  const saveSettings = useSetup((state) => state.saveSettings);
  if (!connection) return null;
  return (
    <form
      className="ss-subsection"
      aria-labelledby="ss-settings"
      onSubmit={(event) => {
        event.preventDefault();
        void saveSettings();
      }}
      noValidate
    >
      <h3 id="ss-settings">Settings</h3>
      <CheckboxField
        label="Include Bank Details"
        checked={form.includeBankDetails}
        onChange={(value) => setSetting('includeBankDetails', value)}
        hint={bankDetailsHint}
      />
      <TextField
        label="Leaver guard: percentage of linked users"
        inputMode="numeric"
        value={form.leaverGuardPercent}
        onChange={(value) => setSetting('leaverGuardPercent', value)}
        error={errors.leaverGuardPercent}
        hint="A run that would newly mark more than this share of linked users as leavers holds them for approval (R17)."
      />
      <TextField
        label="Leaver guard: minimum number of leavers"
        inputMode="numeric"
        value={form.leaverGuardMin}
        onChange={(value) => setSetting('leaverGuardMin', value)}
        error={errors.leaverGuardMin}
        hint="…and more than this many (R17)."
      />
      <TextField
        label="Alert webhook URL"
        type="url"
        inputMode="url"
        value={form.alertWebhookUrl}
        onChange={(value) => setSetting('alertWebhookUrl', value)}
        error={errors.alertWebhookUrl}
        placeholder={connection.alertWebhookUrl ?? 'https://hooks.slack.com/services/…'}
        hint={
          connection.alertWebhookUrl
            ? `Now ${connection.alertWebhookUrl} (the rest is hidden: it holds a secret). Type a new one to replace it.`
            : 'Told when a run fails, is held or ends partial. Its host must be one the server allows.'
        }
      />
      {connection.alertWebhookUrl ? (
        <CheckboxField
          label="Remove the alert webhook"
          checked={form.removeWebhook}
          onChange={(value) => setSetting('removeWebhook', value)}
        />
      ) : null}
      <TextField
        label="Interval runs: every how many minutes"
        inputMode="numeric"
        value={form.syncEveryMinutes}
        onChange={(value) => setSetting('syncEveryMinutes', value)}
        error={errors.syncEveryMinutes}
        hint={`Runs besides the daily one at 04:00 GMT, from ${settingRanges.syncEveryMinutes.min} to ${settingRanges.syncEveryMinutes.max} minutes. Empty: the server's default.`}
      />
      <div className="ss-row">
        <button type="submit" className="ss-button ss-button--primary" disabled={saving.state === 'busy'}>
          {saving.state === 'busy' ? 'Saving…' : 'Save settings'}
        </button>
      </div>
      {saving.state === 'problem' ? (
        <ProblemMessage problem={saving.problem} what="Settings not saved" />
      ) : null}
    </form>
  );
}

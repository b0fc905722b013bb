import { describe, expect, it } from 'vitest';
import {
  DEFAULT_EXPENSEIN_URL,
  DEFAULT_STAFFOLOGY_URL,
  type KeysForm,
  type SettingsForm,
  validateCheck,
  validateConnect,
  validateReconnect,
  validateSettings,
} from './validate-setup.ts';

const form: KeysForm = {
  staffologyBaseUrl: DEFAULT_STAFFOLOGY_URL,
  staffologyApiKey: ' hr-key ',
  expenseinBaseUrl: DEFAULT_EXPENSEIN_URL,
  expenseinApiKey: 'ei-key',
  employerId: '',
  includeBankDetails: false,
};

const settings: SettingsForm = {
  includeBankDetails: false,
  leaverGuardPercent: '20',
  leaverGuardMin: '5',
  alertWebhookUrl: '',
  removeWebhook: false,
  syncEveryMinutes: '',
};

describe('validateCheck', () => {
  it('trims the keys and the addresses, and sends no employer until one is chosen', () => {
    expect(validateCheck({ ...form, staffologyBaseUrl: 'http://127.0.0.1:4010/ ' })).toEqual({
      ok: true,
      value: {
        staffology: { baseUrl: 'http://127.0.0.1:4010', apiKey: 'hr-key' },
        expensein: { baseUrl: DEFAULT_EXPENSEIN_URL, apiKey: 'ei-key' },
        includeBankDetails: false,
      },
    });
    const chosen = validateCheck({ ...form, employerId: 'emp-1', includeBankDetails: true });
    expect(chosen.ok && chosen.value).toMatchObject({ employerId: 'emp-1', includeBankDetails: true });
  });

  it.each<[Partial<KeysForm>, string, RegExp]>([
    [{ staffologyApiKey: '  ' }, 'staffologyApiKey', /Enter the Staffology API key/],
    [{ expenseinApiKey: '' }, 'expenseinApiKey', /Enter the ExpenseIn API key/],
    [{ expenseinApiKey: 'two words' }, 'expenseinApiKey', /ExpenseIn API key has a space/],
    [{ staffologyBaseUrl: 'api.staffology.co.uk' }, 'staffologyBaseUrl', /Staffology's API address/],
    [{ expenseinBaseUrl: 'ftp://api.expensein.com' }, 'expenseinBaseUrl', /ExpenseIn's API address/],
  ])('names the problem with %o under %s', (change, field, message) => {
    const result = validateCheck({ ...form, ...change });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field as keyof typeof result.errors]).toMatch(message);
  });
});

describe('validateConnect', () => {
  it('needs an employer besides the keys', () => {
    expect(validateConnect(form)).toEqual({
      ok: false,
      errors: { employerId: 'Choose the Staffology employer to connect' },
    });
    expect(validateConnect({ ...form, staffologyApiKey: '' })).toMatchObject({
      ok: false,
      errors: { staffologyApiKey: expect.any(String), employerId: expect.any(String) },
    });
  });

  it('puts the employer with the Staffology key, as the connect route takes it', () => {
    expect(validateConnect({ ...form, employerId: 'emp-2', includeBankDetails: true })).toEqual({
      ok: true,
      value: {
        staffology: { baseUrl: DEFAULT_STAFFOLOGY_URL, apiKey: 'hr-key', employerId: 'emp-2' },
        expensein: { baseUrl: DEFAULT_EXPENSEIN_URL, apiKey: 'ei-key' },
        includeBankDetails: true,
      },
    });
  });
});

describe('validateReconnect', () => {
  it('sends only the keys typed, and no key at all to reconnect with the stored ones', () => {
    expect(validateReconnect({ staffologyApiKey: '', expenseinApiKey: ' new-ei ' })).toEqual({
      ok: true,
      value: { expenseinApiKey: 'new-ei' },
    });
    expect(validateReconnect({ staffologyApiKey: '', expenseinApiKey: '' })).toEqual({ ok: true, value: {} });
    expect(validateReconnect({ staffologyApiKey: 'a b', expenseinApiKey: '' })).toMatchObject({
      ok: false,
      errors: { reconnectStaffologyApiKey: expect.stringMatching(/space/) },
    });
  });
});

describe('validateSettings', () => {
  it('reads whole numbers, an empty interval as the server default, and keeps a webhook not retyped', () => {
    expect(validateSettings({ ...settings, includeBankDetails: true, syncEveryMinutes: ' 60 ' })).toEqual({
      ok: true,
      value: { includeBankDetails: true, leaverGuardPercent: 20, leaverGuardMin: 5, syncEveryMinutes: 60 },
    });
    expect(validateSettings(settings)).toMatchObject({ ok: true, value: { syncEveryMinutes: null } });
    const withHook = validateSettings({ ...settings, alertWebhookUrl: 'https://hooks.example.test/T0/B0/x' });
    expect(withHook.ok && withHook.value.alertWebhookUrl).toBe('https://hooks.example.test/T0/B0/x');
    const removed = validateSettings({
      ...settings,
      alertWebhookUrl: 'https://x.example',
      removeWebhook: true,
    });
    expect(removed.ok && removed.value.alertWebhookUrl).toBeNull();
    expect(validateSettings(settings)).not.toHaveProperty('value.alertWebhookUrl');
  });

  it.each<[Partial<SettingsForm>, string, RegExp]>([
    [{ leaverGuardPercent: '101' }, 'leaverGuardPercent', /0 to 100/],
    [{ leaverGuardPercent: '12.5' }, 'leaverGuardPercent', /whole number/],
    [{ leaverGuardMin: '-1' }, 'leaverGuardMin', /0 or more/],
    [{ leaverGuardMin: '' }, 'leaverGuardMin', /whole number/],
    [{ syncEveryMinutes: '4' }, 'syncEveryMinutes', /5 to 1440 minutes/],
    [{ syncEveryMinutes: '1441' }, 'syncEveryMinutes', /5 to 1440 minutes/],
    [{ syncEveryMinutes: 'hourly' }, 'syncEveryMinutes', /5 to 1440 minutes/],
    [{ alertWebhookUrl: 'hooks.slack.com/x' }, 'alertWebhookUrl', /web address/],
  ])('names the problem with %o under %s', (change, field, message) => {
    const result = validateSettings({ ...settings, ...change });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field as keyof typeof result.errors]).toMatch(message);
  });
});

import {
  type ConnectionSettingsRequest,
  connectionSettingsRequestSchema,
  publicApiUrls,
  withoutTrailingSlash,
} from '@staffsync/shared';
import { z } from 'zod';
import type { ConnectInput, SetupCheckInput } from '../messaging/protocol.ts';

/** The public addresses of the two APIs (PRODUCT.md 3): what the server uses when none is given. */
export const DEFAULT_STAFFOLOGY_URL = publicApiUrls.staffology;
export const DEFAULT_EXPENSEIN_URL = publicApiUrls.expensein;

/** What the set-up page's connect form holds, as typed. */
export interface KeysForm {
  staffologyBaseUrl: string;
  staffologyApiKey: string;
  expenseinBaseUrl: string;
  expenseinApiKey: string;
  employerId: string;
  includeBankDetails: boolean;
}

/** The settings form of a connection, as typed (numbers are text until they are checked). */
export interface SettingsForm {
  includeBankDetails: boolean;
  leaverGuardPercent: string;
  leaverGuardMin: string;
  /** A new webhook URL; empty keeps the one stored (it is never shown whole: it carries a secret). */
  alertWebhookUrl: string;
  removeWebhook: boolean;
  /** Minutes between interval runs; empty: the server's default. */
  syncEveryMinutes: string;
}

export type SetupField =
  | 'staffologyBaseUrl'
  | 'staffologyApiKey'
  | 'expenseinBaseUrl'
  | 'expenseinApiKey'
  | 'employerId'
  | 'reconnectStaffologyApiKey'
  | 'reconnectExpenseinApiKey'
  | 'leaverGuardPercent'
  | 'leaverGuardMin'
  | 'alertWebhookUrl'
  | 'syncEveryMinutes';

/** Messages by field: each names the problem, for the field it is shown under. */
export type FieldErrors = Partial<Record<SetupField, string>>;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const apiAddress = (vendor: string) =>
  z
    .string()
    .trim()
    .pipe(
      z.url({
        protocol: /^https?$/,
        error: `Enter ${vendor}'s API address as a web address, e.g. ${vendor === 'Staffology' ? DEFAULT_STAFFOLOGY_URL : DEFAULT_EXPENSEIN_URL}`,
      }),
    );

function apiKey(value: string, vendor: string, errors: FieldErrors, field: SetupField): string {
  const key = value.trim();
  if (key === '') errors[field] = `Enter the ${vendor} API key`;
  else if (/\s/.test(key)) errors[field] = `The ${vendor} API key has a space in it: paste the key alone`;
  return key;
}

function address(value: string, vendor: string, errors: FieldErrors, field: SetupField): string {
  const parsed = apiAddress(vendor).safeParse(value);
  if (!parsed.success)
    errors[field] = parsed.error.issues[0]?.message ?? `${vendor}'s API address is not valid`;
  return parsed.success ? withoutTrailingSlash(parsed.data) : value;
}

/** The keys and addresses, for the set-up check; the employer is sent when one is chosen. */
export function validateCheck(form: KeysForm): Checked<SetupCheckInput> {
  const errors: FieldErrors = {};
  const request: SetupCheckInput = {
    staffology: {
      baseUrl: address(form.staffologyBaseUrl, 'Staffology', errors, 'staffologyBaseUrl'),
      apiKey: apiKey(form.staffologyApiKey, 'Staffology', errors, 'staffologyApiKey'),
    },
    expensein: {
      baseUrl: address(form.expenseinBaseUrl, 'ExpenseIn', errors, 'expenseinBaseUrl'),
      apiKey: apiKey(form.expenseinApiKey, 'ExpenseIn', errors, 'expenseinApiKey'),
    },
    ...(form.employerId ? { employerId: form.employerId } : {}),
    includeBankDetails: form.includeBankDetails,
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: request };
}

/** Everything Connect sends: the check's fields and a chosen employer. */
export function validateConnect(form: KeysForm): Checked<ConnectInput> {
  const check = validateCheck(form);
  const errors: FieldErrors = check.ok ? {} : { ...check.errors };
  if (!form.employerId) errors.employerId = 'Choose the Staffology employer to connect';
  if (!check.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const { staffology, expensein, includeBankDetails } = check.value;
  return {
    ok: true,
    value: {
      staffology: { ...staffology, employerId: form.employerId },
      expensein,
      includeBankDetails,
    },
  };
}

/** New keys for a reconnect: each optional (left empty, the stored one stays), but a typed one must be a key. */
export function validateReconnect(form: {
  staffologyApiKey: string;
  expenseinApiKey: string;
}): Checked<{ staffologyApiKey?: string; expenseinApiKey?: string }> {
  const errors: FieldErrors = {};
  const value: { staffologyApiKey?: string; expenseinApiKey?: string } = {};
  if (form.staffologyApiKey.trim() !== '') {
    value.staffologyApiKey = apiKey(form.staffologyApiKey, 'Staffology', errors, 'reconnectStaffologyApiKey');
  }
  if (form.expenseinApiKey.trim() !== '') {
    value.expenseinApiKey = apiKey(form.expenseinApiKey, 'ExpenseIn', errors, 'reconnectExpenseinApiKey');
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

const settingsShape = connectionSettingsRequestSchema.shape;
const guardPercentSchema = settingsShape.leaverGuardPercent.unwrap();
const guardMinSchema = settingsShape.leaverGuardMin.unwrap();
const syncEverySchema = settingsShape.syncEveryMinutes.unwrap().unwrap();
const webhookSchema = settingsShape.alertWebhookUrl.unwrap().unwrap();

function rangeOf(schema: z.ZodNumber): { min: number; max: number } {
  const { minValue: min, maxValue: max } = schema;
  if (min === null || max === null)
    throw new Error('a connection setting without a range in the shared schema');
  return { min, max };
}

/** The ranges the server takes, as shared's connectionSettingsRequestSchema declares them, for the words that name them. */
export const settingRanges = {
  leaverGuardPercent: rangeOf(guardPercentSchema),
  leaverGuardMin: rangeOf(guardMinSchema),
  syncEveryMinutes: rangeOf(syncEverySchema),
};

/** Typed digits the shared schema takes (whole, in its range), else `message` under the field. */
function wholeNumber(
  text: string,
  schema: z.ZodNumber,
  message: string,
  errors: FieldErrors,
  field: SetupField,
): number | undefined {
  const trimmed = text.trim();
  const parsed = schema.safeParse(Number(trimmed));
  if (!/^\d+$/.test(trimmed) || !parsed.success) {
    errors[field] = message;
    return undefined;
  }
  return parsed.data;
}

/**
 * A connection's settings, in the ranges the server takes (shared's connectionSettingsRequestSchema): the leaver
 * guard (R17) as whole numbers, interval runs in their range or empty for the server's default, a webhook as an
 * http(s) address (the server then checks its host against STAFFSYNC_ALLOWED_HOSTS).
 */
export function validateSettings(form: SettingsForm): Checked<ConnectionSettingsRequest> {
  const errors: FieldErrors = {};
  const settings: ConnectionSettingsRequest = { includeBankDetails: form.includeBankDetails };
  const { leaverGuardPercent: percent, leaverGuardMin: minimum, syncEveryMinutes: every } = settingRanges;
  settings.leaverGuardPercent = wholeNumber(
    form.leaverGuardPercent,
    guardPercentSchema,
    `The leaver guard percentage must be a whole number from ${percent.min} to ${percent.max}`,
    errors,
    'leaverGuardPercent',
  );
  settings.leaverGuardMin = wholeNumber(
    form.leaverGuardMin,
    guardMinSchema,
    `The leaver guard minimum must be a whole number, ${minimum.min} or more`,
    errors,
    'leaverGuardMin',
  );
  if (form.syncEveryMinutes.trim() === '') settings.syncEveryMinutes = null;
  else {
    settings.syncEveryMinutes = wholeNumber(
      form.syncEveryMinutes,
      syncEverySchema,
      `Interval runs must be every ${every.min} to ${every.max} minutes, or empty for the server’s default`,
      errors,
      'syncEveryMinutes',
    );
  }
  if (form.removeWebhook) settings.alertWebhookUrl = null;
  else if (form.alertWebhookUrl.trim() !== '') {
    const url = webhookSchema.safeParse(form.alertWebhookUrl.trim());
    if (url.success) settings.alertWebhookUrl = url.data;
    else
      errors.alertWebhookUrl =
        'The alert webhook must be a web address, e.g. https://hooks.slack.com/services/…';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: settings };
}

import type { BankDetails } from '@staffsync/shared';

/**
 * Text as the planner compares and writes it: trimmed (PRODUCT.md 2, "strings are trimmed") and in Unicode NFC.
 * NFC because "Zoë" typed as `e` + combining diaeresis (NFD, as some macOS tools produce) is the same name as the
 * precomposed `ë`: treating them as different would rewrite the name on every sync and flag a false R16 overwrite.
 */
export function cleanText(value: string | null | undefined): string {
  return nfc(value ?? '').trim();
}

// Plain ASCII is already NFC. Most names and every email, code and number are ASCII, and String#normalize goes
// through ICU on every call: skipping it there is most of the planner's normalisation time at 50,000 employees.
const asciiOnly = /^[^\u0080-\uffff]*$/;

function nfc(text: string): string {
  return asciiOnly.test(text) ? text : text.normalize('NFC');
}

/** Employee Number and Reference compare exactly, case-sensitive, after trimming (PRODUCT.md 2; the seed: "must match exactly"). */
export function matchKey(value: string | null | undefined): string {
  return (value ?? '').trim();
}

/** R6: a Reference that differs from the Employee Number only by case or white space is a near miss. */
export function looseMatchKey(value: string | null | undefined): string {
  const text = value ?? '';
  // Most references are printable ASCII with no white space: nothing to normalise or remove, only to lower-case. The
  // first employee with no user builds this key for every user (50,000 on a daily run).
  if (printableAscii.test(text)) return text.toLowerCase();
  return nfc(text).replace(/\s+/gu, '').toLowerCase();
}

const printableAscii = /^[!-~]*$/;

/** Emails compare case-insensitively (PRODUCT.md 2). `toLowerCase` is locale-independent, unlike `toLocaleLowerCase`. */
export function emailKey(value: string | null | undefined): string {
  return cleanText(value).toLowerCase();
}

/** Department names compare case-insensitively after trimming and collapsing inner white space (PRODUCT.md 2). */
export function departmentKey(value: string | null | undefined): string {
  return cleanText(value).replace(/\s+/gu, ' ').toLowerCase();
}

/** Names compare exactly after trimming: a change of case is a change (HR is the source of truth). */
export function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  return a === b || cleanText(a) === cleanText(b);
}

export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return a === b || emailKey(a) === emailKey(b);
}

/** Sort codes compare as their 6 digits: "12-34-56", "12 34 56" and "123456" are one sort code. */
export function sortCodeDigits(sortCode: string): string {
  return digitsOf(sortCode);
}

// Most sort codes and account numbers are digits already: checked first, as a regular expression call on each of
// them was a twentieth of the planner's time. No `u` flag: a non-digit astral character goes either way.
function digitsOf(text: string): string {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return text.replace(/\D/g, '');
  }
  return text;
}

/**
 * Bank details in the form staffsync compares, hashes and writes: name trimmed, sort code and account number as
 * digits. Details already in that form are returned as they are: a first sync writes 50,000 of them, and a copy of
 * each would live as long as the plan.
 */
export function normaliseBank(bank: BankDetails): BankDetails {
  const accountName = cleanText(bank.accountName);
  const sortCode = sortCodeDigits(bank.sortCode);
  const accountNumber = digitsOf(bank.accountNumber);
  if (accountName === bank.accountName && sortCode === bank.sortCode && accountNumber === bank.accountNumber)
    return bank;
  return { accountName, sortCode, accountNumber };
}

/** R8 writes only complete details: a name, a 6-digit sort code and an account number. */
export function isCompleteBank(bank: BankDetails): boolean {
  return isCompleteNormalBank(normaliseBank(bank));
}

/** isCompleteBank for details already in normal form (normaliseBank), so that they are not normalised again. */
export function isCompleteNormalBank(normal: BankDetails): boolean {
  return normal.accountName !== '' && normal.sortCode.length === 6 && normal.accountNumber !== '';
}

export function sameBank(a: BankDetails, b: BankDetails): boolean {
  return sameNormalBank(normaliseBank(a), normaliseBank(b));
}

/** sameBank for details already in normal form (normaliseBank). */
export function sameNormalBank(left: BankDetails, right: BankDetails): boolean {
  return (
    left.accountName === right.accountName &&
    left.sortCode === right.sortCode &&
    left.accountNumber === right.accountNumber
  );
}

/**
 * Bank details for display: the account name and the last 2 digits of the account number only (PRODUCT.md 4.2).
 * Always six dots, so the mask does not reveal the number's length; never the sort code.
 */
export function maskBank(bank: BankDetails): string {
  const digits = digitsOf(bank.accountNumber);
  return `${cleanText(bank.accountName)} ••••••${digits.slice(-2)}`;
}

// One `@`; dot-separated non-empty pieces with no white space, `@` or `.` on either side; two or more domain labels,
// the last at least two characters long. One pass instead of splitting: R2 runs on every employee. No `u` flag, so
// `{2,}` counts UTF-16 code units, as `String#length` does.
const plausibleEmail = /^[^\s@.]+(?:\.[^\s@.]+)*@[^\s@.]+(?:\.[^\s@.]+)*\.[^\s@.]{2,}$/;

/**
 * R2: a plausible address, not RFC 5322: one `@`, no white space, a local part without empty dot-separated pieces,
 * and a domain of at least two labels whose last has two or more characters. ExpenseIn would refuse worse.
 */
export function isPlausibleEmail(value: string | null | undefined): boolean {
  const email = cleanText(value);
  return email.length <= 254 && plausibleEmail.test(email);
}

// Sort codes (12-34-56, 12 34 56) and any run of 6 or more digits (sort codes, 8-digit account numbers).
const BANK_LIKE = /\b\d{2}[- ]\d{2}[- ]\d{2}\b|\d{6,}/g;

/**
 * Removes the given secrets and anything that looks like bank details from text a vendor sent back, before it
 * goes into an error message (PRODUCT.md 4.2: API keys and bank details are never logged or shown). A vendor may
 * echo the input it refused, so its messages are not trusted to be clean.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    // Very short strings would blank out ordinary words; real keys are long.
    if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  }
  return clean.replace(BANK_LIKE, '[redacted]');
}

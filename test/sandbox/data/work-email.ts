/** Letters that Unicode does not decompose into a base letter and a mark. */
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', þ: 'th' };

/**
 * The part of a name that goes into a mailbox: ASCII, lower case, no apostrophes or spaces, hyphens kept
 * ("Siobhán" -> "siobhan", "O'Brien" -> "obrien", "Ní Bhriain" -> "nibhriain", "Hughes-Patel" kept).
 */
export function mailboxName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøæœßđþ]/g, (letter) => FOLD[letter] ?? '')
    .replace(/[^a-z0-9-]/g, '');
}

/**
 * Every address handed out so far, compared case-insensitively as ExpenseIn compares them (expensein.md 1.4:
 * email identifies a user), so that no two people get the same mailbox by accident; scenarios that want a
 * clash build it on purpose.
 */
export interface EmailBook {
  /** `first.last@domain`, or `first.last2@domain`, `first.last3@domain`... when taken. */
  claim(firstName: string, lastName: string, domain: string): string;
  /** Takes a specific address (which must be free). */
  reserve(address: string): string;
  has(address: string): boolean;
}

export function createEmailBook(): EmailBook {
  const taken = new Set<string>();
  // Next suffix to try per base address, so that the 50th "james.smith" is not found by 49 probes.
  const nextSuffix = new Map<string, number>();
  const reserve = (address: string) => {
    const key = address.toLowerCase();
    if (taken.has(key)) throw new Error(`email ${address} is already taken`);
    taken.add(key);
    return address;
  };
  return {
    claim(firstName, lastName, domain) {
      const base = `${mailboxName(firstName)}.${mailboxName(lastName)}`;
      let suffix = nextSuffix.get(base) ?? 1;
      let address = suffix === 1 ? `${base}@${domain}` : `${base}${suffix}@${domain}`;
      while (taken.has(address.toLowerCase())) {
        suffix += 1;
        address = `${base}${suffix}@${domain}`;
      }
      nextSuffix.set(base, suffix + 1);
      return reserve(address);
    },
    reserve,
    has: (address) => taken.has(address.toLowerCase()),
  };
}

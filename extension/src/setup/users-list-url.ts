import { DEFAULT_EXPENSEIN_URL } from './validate-setup.ts';

/**
 * Where an administrator checks that employees sync (the seed's set-up step 3): ExpenseIn's Users list, in the web app
 * of the account the connection writes to. The public API's account lives in the web app at app.expensein.com,
 * whose admin address is not published, so its home page; any other API address is the sandbox, whose web UI serves
 * the Users list at /admin/users on the same origin (PRODUCT.md 6).
 */
export function usersListUrl(expenseinBaseUrl: string): string {
  let origin: string;
  try {
    origin = new URL(expenseinBaseUrl).origin;
  } catch {
    return 'https://app.expensein.com/';
  }
  return origin === new URL(DEFAULT_EXPENSEIN_URL).origin
    ? 'https://app.expensein.com/'
    : `${origin}/admin/users`;
}

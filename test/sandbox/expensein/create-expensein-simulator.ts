import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { FaultSource, SimulatorBackend } from '../core/simulator.ts';
// ADMIN UI: written by the admin-ui helper (test/sandbox/expensein/admin-ui/); mounted below.
import { createAdminUi } from './admin-ui/create-admin-ui.ts';
import type { ChangedBy, ExpenseInAccount, StoreResult } from './expensein-account.ts';
import { createExpenseInStore, type ExpenseInStore } from './expensein-store.ts';
import { parseExpenseInState } from './parse-expensein-state.ts';
import type { ExpenseInState, ExpenseInUserRecord } from './types.ts';

/** The admin web UI's session cookie; its value is `store.adminSessionToken`. */
export const ADMIN_SESSION_COOKIE = 'ei_session';

/** The permission user and department management needs (expensein.md 1.2, [I] from S2). */
const WRITE_PERMISSION = 'account administrator';

const ROUTES = [
  'GET /1.0/users',
  'GET /1.0/users/:id',
  'POST /1.0/users',
  'PATCH /1.0/users/:id',
  'GET /1.0/departments',
  'GET /1.0/settings',
  'PATCH /1.0/settings',
] as const;

interface Caller {
  changedBy: ChangedBy;
  canWrite: boolean;
  /** The account the key opens (the admin UI's session: the default account); every route works on it alone. */
  account: ExpenseInAccount;
}

type Env = { Variables: { caller: Caller } };

/**
 * A user served broken on purpose (FaultConfig.malformedRecords) so that a client's schema fails for this user
 * only. `id` and `reference` stay intact so the client can still say which user it could not read.
 */
function malformed(user: ExpenseInUserRecord): Record<string, unknown> {
  return { ...user, email: 4242, inviteStatus: 'Pending', leaveDate: 'someday' };
}

/**
 * The ExpenseIn API simulator (PRODUCT.md 3.2) plus the admin web UI. User JSON carries the 3.2 fields and the
 * UI-only ones (statementIdentifier, permissions, settings, outOfOffice) that the admin UI edits: real clients
 * must ignore fields they do not know. Each API key opens its own account, and every `/1.0` route works on that
 * account alone (another account's user is a 404); the admin UI shows the default account.
 */
export function createExpenseInSimulator(
  initial: ExpenseInState,
  faults: FaultSource,
  options: { now?: () => Date } = {},
): SimulatorBackend<ExpenseInState> & { store: ExpenseInStore } {
  const store = createExpenseInStore(parseExpenseInState(initial), options);
  const api = new Hono<Env>();

  const serveUser = (user: ExpenseInUserRecord) =>
    (faults().malformedRecords ?? []).includes(String(user.id)) ? malformed(user) : user;

  const answer = <T>(result: StoreResult<T>, okStatus: 200 | 201 = 200) =>
    result.ok
      ? Response.json(result.value, { status: okStatus })
      : Response.json(result.body, { status: result.status });

  const readJson = async (
    request: Request,
  ): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> => {
    try {
      return { ok: true, body: await request.json() };
    } catch {
      const body = { message: 'The request body is not valid JSON', errors: { body: ['Malformed JSON'] } };
      return { ok: false, response: Response.json(body, { status: 400 }) };
    }
  };

  api.use('/1.0/*', async (c, next) => {
    const header = c.req.header('Authorization');
    if (header !== undefined) {
      const match = /^ApiKey\s+(\S+)\s*$/i.exec(header);
      const opened = match?.[1] ? store.accountForApiKey(match[1]) : undefined;
      if (!opened) return c.json({ message: 'Invalid API key' }, 401, { 'WWW-Authenticate': 'ApiKey' });
      const canWrite = opened.apiKey.permissions.some((p) => p.toLowerCase() === WRITE_PERMISSION);
      c.set('caller', { changedBy: 'api', canWrite, account: opened.account });
    } else if (getCookie(c, ADMIN_SESSION_COOKIE) === store.adminSessionToken) {
      c.set('caller', { changedBy: 'admin-ui', canWrite: true, account: store });
    } else {
      return c.json({ message: 'Missing API key' }, 401, { 'WWW-Authenticate': 'ApiKey' });
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !c.get('caller').canWrite) {
      return c.json({ message: 'This API key lacks the Account Administrator permission' }, 403);
    }
    await next();
  });

  const userId = (raw: string) => (/^\d+$/.test(raw) ? Number(raw) : Number.NaN);

  const accountOf = (c: Context<Env>) => c.get('caller').account;

  api.get('/1.0/users', (c) => c.json(accountOf(c).listUsers().map(serveUser)));
  api.get('/1.0/users/:id', (c) => {
    const user = accountOf(c).getUser(userId(c.req.param('id')));
    return user ? c.json(serveUser(user)) : c.json({ message: `User ${c.req.param('id')} not found` }, 404);
  });
  api.post('/1.0/users', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return body.response;
    return answer(accountOf(c).createUser(body.body, c.get('caller').changedBy), 201);
  });
  api.patch('/1.0/users/:id', async (c) => {
    const id = userId(c.req.param('id'));
    if (!accountOf(c).getUser(id)) return c.json({ message: `User ${c.req.param('id')} not found` }, 404);
    const body = await readJson(c.req.raw);
    if (!body.ok) return body.response;
    return answer(accountOf(c).updateUser(id, body.body, c.get('caller').changedBy));
  });
  api.get('/1.0/departments', (c) =>
    c.json(
      accountOf(c)
        .listDepartments()
        .map(({ id, name, reference }) => ({ id, name, reference })),
    ),
  );
  api.get('/1.0/settings', (c) => c.json(accountOf(c).getSettings()));
  api.patch('/1.0/settings', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body.ok) return body.response;
    return answer(accountOf(c).updateSettings(body.body));
  });

  const app = new Hono();
  app.route('/', api);
  // ADMIN UI mount (the admin-ui helper's app: /admin/users and its assets).
  app.route('/', createAdminUi({ store }));

  app.notFound((c) => c.json({ message: `No route for ${c.req.method} ${c.req.path}` }, 404));

  return {
    name: 'expensein',
    routes: ROUTES,
    app,
    store,
    parseState: parseExpenseInState,
    load: (state) => store.load(parseExpenseInState(state)),
    reset: () => store.reset(),
    snapshot: () => store.snapshot(),
  };
}

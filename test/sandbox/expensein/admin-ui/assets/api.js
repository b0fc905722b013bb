/**
 * The admin UI talks to the very API the simulator exposes (PRODUCT.md 3.2), authenticated by the
 * `ei_session` cookie the shell route set, so every save goes through the same business rules as a client's.
 */

/** An API answer other than 2xx, with ExpenseIn's `{ message, errors: { field: [...] } }` body when present. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {Record<string, string[]>} errors
   */
  constructor(status, message, errors) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
  }
}

/**
 * @param {string} path
 * @param {{ method?: string, body?: unknown, signal?: AbortSignal }} [options]
 */
export async function request(path, options = {}) {
  const { method = 'GET', body, signal } = options;
  /** @type {Response} */
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.', {});
  }
  const text = await response.text();
  /** @type {unknown} */
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) throw toApiError(response.status, data);
  return data;
}

/**
 * @param {number} status
 * @param {unknown} data
 */
function toApiError(status, data) {
  const body = data && typeof data === 'object' ? /** @type {Record<string, unknown>} */ (data) : {};
  const message =
    typeof body.message === 'string' && body.message ? body.message : `Request failed (HTTP ${status})`;
  /** @type {Record<string, string[]>} */
  const errors = {};
  if (body.errors && typeof body.errors === 'object') {
    for (const [field, value] of Object.entries(body.errors)) {
      const list = Array.isArray(value) ? value : [value];
      errors[field] = list.filter((item) => typeof item === 'string');
    }
  }
  return new ApiError(status, message, errors);
}

export const api = {
  /** @param {AbortSignal} [signal] */
  listUsers: (signal) => request('/1.0/users', { signal }),
  /** @param {number} id @param {AbortSignal} [signal] */
  getUser: (id, signal) => request(`/1.0/users/${encodeURIComponent(String(id))}`, { signal }),
  /** @param {number} id @param {Record<string, unknown>} changes */
  updateUser: (id, changes) =>
    request(`/1.0/users/${encodeURIComponent(String(id))}`, { method: 'PATCH', body: changes }),
  /** @param {Record<string, unknown>} user */
  createUser: (user) => request('/1.0/users', { method: 'POST', body: user }),
  /** @param {AbortSignal} [signal] */
  listDepartments: (signal) => request('/1.0/departments', { signal }),
  /** @param {AbortSignal} [signal] */
  getSettings: (signal) => request('/1.0/settings', { signal }),
};

/**
 * Every ExpenseIn path staffsync uses, in one place (PRODUCT.md 3.2). Only `GET /1.0/users` is a confirmed public
 * fact about ExpenseIn (expensein.md 1.3); the rest is this product's model of the API, kept here so it is easy
 * to correct. Each gives the route template (for metrics) and the concrete path.
 */
export interface RouteTarget {
  route: string;
  path: string;
}

export const expenseInRoutes = {
  users: (): RouteTarget => ({ route: '/1.0/users', path: '/1.0/users' }),
  user: (id: number): RouteTarget => ({
    route: '/1.0/users/{id}',
    path: `/1.0/users/${encodeURIComponent(id)}`,
  }),
  departments: (): RouteTarget => ({ route: '/1.0/departments', path: '/1.0/departments' }),
  settings: (): RouteTarget => ({ route: '/1.0/settings', path: '/1.0/settings' }),
} as const;

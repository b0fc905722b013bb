import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  actionKindSchema,
  dryRunResponseSchema,
  outcomeCodeSchema,
  runDetailResponseSchema,
  runItemsQuerySchema,
  runListQuerySchema,
  runListResponseSchema,
  startRunRequestSchema,
  startRunResponseSchema,
} from '@staffsync/shared';
import type { z } from 'zod';
import { toApiRunSummary } from '../../run/run-summary.ts';
import { startSync } from '../../run/run-sync.ts';
import { type RunItem, StoreNotFoundError } from '../../store/index.ts';
import { ApiException } from '../api-exception.ts';
import type { AppDeps, AppEnv } from '../app-deps.ts';
import { validationHook } from '../handle-error.ts';
import { assertRole } from '../middleware/require-role/index.ts';
import { connectionParams, errorResponses, jsonBody, jsonResponse, runParams } from '../openapi-common.ts';
import { guard, type RouteLimits } from '../route-guard.ts';
import type { RunTracker } from '../run-tracker.ts';
import { pageRequest, toApiRunItem } from '../to-api.ts';

const tags = ['sync'];

function startRunRoute(limits: RouteLimits) {
  return createRoute({
    method: 'post',
    path: '/api/connections/{id}/runs',
    tags,
    summary: 'Start a sync now, or a dry run that returns the plan grouped by outcome',
    description:
      'One run at a time per connection: while one is under way its id is returned (202, alreadyRunning). A dry run writes nothing and answers with its plan (200) once planned. A dry run needs the viewer role, a sync the operator role.',
    // The role depends on the body (a preview is a viewer's, a sync an operator's): checked again in the handler.
    ...guard('viewer', limits.runs),
    request: { params: connectionParams, body: jsonBody(startRunRequestSchema, 'Whether to plan only') },
    responses: {
      200: jsonResponse(
        dryRunResponseSchema,
        'The dry run: its plan grouped by action kind and outcome code',
      ),
      202: jsonResponse(startRunResponseSchema, 'The run started, or the one already under way'),
      ...errorResponses(400, 401, 403, 404, 409, 429, 502, 503),
    },
  });
}

const listRuns = createRoute({
  ...guard('viewer'),
  method: 'get',
  path: '/api/connections/{id}/runs',
  tags,
  summary: 'The runs of a connection, newest first (paged), optionally dry runs only or none',
  request: { params: connectionParams, query: runListQuerySchema },
  responses: {
    200: jsonResponse(runListResponseSchema, 'A page of runs'),
    ...errorResponses(400, 401, 404),
  },
});

const getRun = createRoute({
  ...guard('viewer'),
  method: 'get',
  path: '/api/runs/{runId}',
  tags,
  summary: 'One run with its actions and outcomes (paged, filterable by severity, code, rule and kind)',
  request: { params: runParams, query: runItemsQuerySchema },
  responses: {
    200: jsonResponse(runDetailResponseSchema, 'The run and a page of its items'),
    ...errorResponses(400, 401, 404),
  },
});

/** Sync: start a run or a dry run, list runs, one run with its items (PRODUCT.md 4.3). */
export function runRoutes(deps: AppDeps, runs: RunTracker, limits: RouteLimits) {
  const { store } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(startRunRoute(limits), async (c) => {
    const { id } = c.req.valid('param');
    const { dryRun } = c.req.valid('json');
    if (!dryRun) assertRole(c, 'operator', 'A sync (not a dry run)');
    await store.connections.require(id);
    // A run under way is answered from the store, without starting a second watcher of it per request.
    await store.runs.markStale();
    const running = await store.runs.running(id);
    if (running) return c.json({ runId: running.id, alreadyRunning: true, status: running.status }, 202);
    if (!dryRun && deps.queueRun) {
      const runId = await deps.queueRun({
        connectionId: id,
        trigger: 'manual',
        requestedBy: c.var.token.name,
      });
      return c.json({ runId, alreadyRunning: false, status: 'running' as const }, 202);
    }
    const handle = await startSync(deps, {
      connectionId: id,
      trigger: 'manual',
      dryRun,
      requestedBy: c.var.token.name,
    });
    if (handle.joined || !dryRun) {
      runs.track(handle.done, { connectionId: id, runId: handle.runId });
      return c.json({ runId: handle.runId, alreadyRunning: handle.joined, status: 'running' as const }, 202);
    }
    const report = await handle.done;
    if (report.status === 'failed') {
      throw new ApiException(
        'vendor_error',
        `Dry run ${report.runId} failed: ${report.error ?? 'unknown error'}`,
      );
    }
    return c.json(
      {
        runId: report.runId,
        counts: report.counts,
        groups: groupItems(await store.runItems.all(report.runId)),
      },
      200,
    );
  });

  app.openapi(listRuns, async (c) => {
    const { id } = c.req.valid('param');
    const { page, pageSize, dryRun } = c.req.valid('query');
    await store.connections.require(id);
    const listed = await store.runs.list({
      connectionId: id,
      ...(dryRun === undefined ? {} : { dryRun }),
      ...pageRequest(page, pageSize),
    });
    return c.json({ runs: listed.items.map(toApiRunSummary), page, pageSize, total: listed.total }, 200);
  });

  app.openapi(getRun, async (c) => {
    const { runId } = c.req.valid('param');
    const { page, pageSize, ...filter } = c.req.valid('query');
    const run = await store.runs.get(runId);
    if (!run) throw new StoreNotFoundError('run', runId);
    const listed = await store.runItems.list(runId, { ...filter, ...pageRequest(page, pageSize) });
    return c.json(
      {
        run: toApiRunSummary(run),
        items: listed.items.map(toApiRunItem),
        page,
        pageSize,
        total: listed.total,
      },
      200,
    );
  });

  return app;
}

type Group = z.infer<typeof dryRunResponseSchema>['groups'][number];

// Actions first in the order they happen, then outcomes in the order PRODUCT.md 2 lists their codes.
const groupOrder: string[] = [...actionKindSchema.options, ...outcomeCodeSchema.options];

/** A dry run's plan grouped by action kind (planned or held) and by outcome code (PRODUCT.md 4.3). */
export function groupItems(items: RunItem[]): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const key = item.kind === 'action' ? (item.actionKind ?? 'action') : (item.code ?? 'outcome');
    const group = groups.get(key) ?? { key, count: 0, items: [] };
    group.count += 1;
    group.items.push(toApiRunItem(item));
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => groupOrder.indexOf(a.key) - groupOrder.indexOf(b.key));
}

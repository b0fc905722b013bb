import type {
  batchStatusResponseSchema,
  Connection,
  ConnectionHealth,
  ConnectionSettingsRequest,
  connectRequestSchema,
  connectResponseSchema,
  departmentsCheckResponseSchema,
  dryRunResponseSchema,
  ResyncResponse,
  RunItem,
  RunSummary,
  SetupCheck,
  setupCheckRequestSchema,
  startRunResponseSchema,
  UserKey,
  UserStatus,
} from '@staffsync/shared';
import type { GetDataType, GetReturnType } from '@webext-core/messaging';
import type { z } from 'zod';
import type { Corrections } from '../page/anchors.ts';
import type { ServerResult } from './server-result.ts';

/** What Options' "Test connection" learns: the server answers, and the token is accepted. */
export interface ConnectionTest {
  serverUrl: string;
  version: string;
  connections: number;
}

// The shared package exports these schemas without type aliases: derived here, never redefined.
export type BadgesResponse = z.infer<typeof batchStatusResponseSchema>;
export type DryRunResponse = z.infer<typeof dryRunResponseSchema>;
export type StartRunResponse = z.infer<typeof startRunResponseSchema>;
export type ConnectResponse = z.infer<typeof connectResponseSchema>;
export type DepartmentsCheck = z.infer<typeof departmentsCheckResponseSchema>;
/** What the set-up page sends: the shared request before its defaults are filled (base URLs, bank details off). */
export type SetupCheckInput = z.input<typeof setupCheckRequestSchema>;
export type ConnectInput = z.input<typeof connectRequestSchema>;

/** A run and the employees it skipped or left in conflict (set-up step 3). */
export interface RunProblems {
  run: RunSummary;
  /** The first 500 of each severity, in the run's order. */
  problems: RunItem[];
  /** How many there are in all. */
  total: number;
}

/** Reconnect: a key left out keeps the stored one (PRODUCT.md 4.3: reconnect cannot move a connection). */
export interface ReconnectInput {
  connectionId: number;
  staffologyApiKey?: string;
  expenseinApiKey?: string;
}

/**
 * The one message protocol between the extension's pages (content script, popup, options) and the background
 * worker, which owns the network (STYLE.md 9). Every answer is a `ServerResult`: a failure crosses the message
 * boundary as data with a kind the UI can show (unreachable, unauthorised, not found...), never as a thrown error.
 */
export interface ProtocolMap {
  /** The connection's health, last run and next run (popup). */
  getOverview(): ServerResult<ConnectionHealth>;
  /** Starts a sync, or joins the one running (popup's Sync now). */
  startSync(): ServerResult<StartRunResponse>;
  /** A dry run: the plan's counts, nothing written (popup's Preview). */
  previewSync(): ServerResult<DryRunResponse>;
  getRun(data: { runId: number }): ServerResult<RunSummary>;
  /** The connection's last run that was not a dry run, or null: set-up step 3 on opening, without a health check. */
  getLastRun(data: { connectionId: number }): ServerResult<RunSummary | null>;
  /** One batched request per render of the Users list (PRODUCT.md 5). */
  getBadges(data: { users: UserKey[] }): ServerResult<BadgesResponse>;
  getUserStatus(data: UserKey): ServerResult<UserStatus>;
  resyncUser(data: UserKey): ServerResult<ResyncResponse>;
  /** Options' Test connection, with the values typed in (not yet saved). */
  testConnection(data: { serverUrl: string; token: string }): ServerResult<ConnectionTest>;
  /**
   * Set up (PRODUCT.md 5, owner token): the connection the extension works with (null: none yet), once the token is
   * known to be an owner's (a 403 naming the role otherwise).
   */
  getSetup(): ServerResult<{ connection: Connection | null }>;
  /** The keys typed on the set-up page, checked and previewed; nothing is stored by the server. */
  checkSetup(data: SetupCheckInput): ServerResult<SetupCheck>;
  /** Set-up step 1 for a stored connection, with its stored keys. */
  checkDepartments(data: { connectionId: number }): ServerResult<DepartmentsCheck>;
  connect(data: ConnectInput): ServerResult<ConnectResponse>;
  reconnect(data: ReconnectInput): ServerResult<ConnectResponse>;
  disconnect(data: { connectionId: number }): ServerResult<Connection>;
  saveSettings(data: { connectionId: number; settings: ConnectionSettingsRequest }): ServerResult<Connection>;
  /** A run with its skipped and conflicting employees. */
  getRunProblems(data: { runId: number }): ServerResult<RunProblems>;
  /** Content scripts cannot open the options page themselves. */
  openOptions(): ServerResult<null>;
  /** The administrator's selector corrections, for a content script (which cannot read storage). */
  getCorrections(): ServerResult<Corrections>;
}

export type MessageType = keyof ProtocolMap;

/**
 * The protocol as plain async functions: what the background registers as handlers and what the content script,
 * popup and options call (through messages in the extension; directly in tests).
 */
export type ServerApi = {
  [K in MessageType]: (data: GetDataType<ProtocolMap[K]>) => Promise<GetReturnType<ProtocolMap[K]>>;
};

export const messageTypes = [
  'getOverview',
  'startSync',
  'previewSync',
  'getRun',
  'getLastRun',
  'getBadges',
  'getUserStatus',
  'resyncUser',
  'testConnection',
  'openOptions',
  'getCorrections',
  'getSetup',
  'checkSetup',
  'checkDepartments',
  'connect',
  'reconnect',
  'disconnect',
  'saveSettings',
  'getRunProblems',
] as const satisfies readonly MessageType[];

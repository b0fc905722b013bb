import type {
  batchStatusResponseSchema,
  ConnectionHealth,
  dryRunResponseSchema,
  ResyncResponse,
  RunSummary,
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
  /** One batched request per render of the Users list (PRODUCT.md 5). */
  getBadges(data: { users: UserKey[] }): ServerResult<BadgesResponse>;
  getUserStatus(data: UserKey): ServerResult<UserStatus>;
  resyncUser(data: UserKey): ServerResult<ResyncResponse>;
  /** Options' Test connection, with the values typed in (not yet saved). */
  testConnection(data: { serverUrl: string; token: string }): ServerResult<ConnectionTest>;
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
  'getBadges',
  'getUserStatus',
  'resyncUser',
  'testConnection',
  'openOptions',
  'getCorrections',
] as const satisfies readonly MessageType[];

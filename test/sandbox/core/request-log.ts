/** Which injected fault shaped an answer (see faults.ts). */
export type InjectedFault = 'refused' | 'drop' | 'stall' | 'rate-limit' | 'error' | 'lost-after-write';

/** Every request a simulator saw, with counts by route, so tests can prove what a client did (e.g. only GETs). */
export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  routeKey: string;
  /** What the client received: a status, or 'dropped' when the connection closed without an answer. */
  status: number | 'dropped';
  /** The injected fault behind this answer, if any. */
  fault?: InjectedFault;
  /**
   * Set when the request was carried out but its answer lost (fault 'lost-after-write'): the status the route
   * answered, which the client never saw. A 2xx here means the write happened.
   */
  carriedOutStatus?: number;
  ms: number;
}

export interface RequestLogSummary {
  total: number;
  byRoute: Record<string, number>;
  byMethod: Record<string, number>;
  byStatus: Record<string, number>;
  byFault: Partial<Record<InjectedFault, number>>;
  entries: RequestLogEntry[];
}

/** Keeps counts for every request but only the latest entries, so a 50,000-employee benchmark stays small. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private total = 0;
  private byRoute = new Map<string, number>();
  private byMethod = new Map<string, number>();
  private byStatus = new Map<string, number>();
  private byFault = new Map<string, number>();

  constructor(private readonly keep = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.total += 1;
    bump(this.byRoute, entry.routeKey);
    bump(this.byMethod, entry.method);
    bump(this.byStatus, String(entry.status));
    if (entry.fault) bump(this.byFault, entry.fault);
    this.entries.push(entry);
    if (this.entries.length > this.keep * 2) this.entries = this.entries.slice(-this.keep);
  }

  summary(limit = 1000): RequestLogSummary {
    return {
      total: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      byMethod: Object.fromEntries(this.byMethod),
      byStatus: Object.fromEntries(this.byStatus),
      byFault: Object.fromEntries(this.byFault),
      entries: this.entries.slice(-limit),
    };
  }

  clear(): void {
    this.entries = [];
    this.total = 0;
    this.byRoute.clear();
    this.byMethod.clear();
    this.byStatus.clear();
    this.byFault.clear();
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

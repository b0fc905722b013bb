import { type FaultConfig, parseFaultConfig, type RouteFaults } from './faults.ts';
import { seededRandom } from './seeded-random.ts';

/** Holds the fault configuration in force; the backend reads it (malformed records) through `current`. */
export class FaultState {
  private config: FaultConfig = {};
  private random = seededRandom(1);

  current = (): FaultConfig => this.config;

  /** Replaces the configuration and restarts the dice from its seed. Throws a ZodError for a bad config. */
  set(config: FaultConfig): void {
    this.config = parseFaultConfig(config);
    this.random = seededRandom(this.config.seed ?? 1);
  }

  roll(): number {
    return this.random();
  }

  /** True with probability `rate`; rolls only when a rate is set, so unset faults leave the dice untouched. */
  chance(rate: number | undefined): boolean {
    return rate !== undefined && rate > 0 && this.random() < rate;
  }

  /** Faults for a route: the route's own entry, else the "*" entry. */
  forRoute(routeKey: string): { faults: RouteFaults; bucket: string } | null {
    const routes = this.config.routes ?? {};
    const own = routes[routeKey];
    if (own) return { faults: own, bucket: routeKey };
    const all = routes['*'];
    return all ? { faults: all, bucket: '*' } : null;
  }
}

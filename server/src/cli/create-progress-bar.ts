import cliProgress from 'cli-progress';
import type { RunProgress } from '../run/run-sync.ts';

const phaseLabels: Record<RunProgress['phase'], string> = {
  fetch: 'reading Staffology',
  apply: 'writing ExpenseIn',
};

export interface ProgressBar {
  update(progress: RunProgress): void;
  stop(): void;
}

/** A progress bar on stderr, only drawn on a terminal (PRODUCT.md 4.1); stdout stays for results. */
export function createProgressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }): ProgressBar | null {
  if (!stream.isTTY) return null;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{phase} [{bar}] {value}/{total}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: RunProgress['phase'] | null = null;
  return {
    update(progress) {
      if (progress.phase !== phase) {
        if (phase !== null) bar.stop();
        phase = progress.phase;
        bar.start(progress.total, progress.done, { phase: phaseLabels[progress.phase].padEnd(18) });
        return;
      }
      bar.setTotal(progress.total);
      bar.update(progress.done);
    },
    stop() {
      if (phase !== null) bar.stop();
      phase = null;
    },
  };
}

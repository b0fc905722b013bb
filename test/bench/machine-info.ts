import { cpus, freemem, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  kernel: string;
  /** 1-minute load average when the benchmark started: other work on the machine skews the timings. */
  loadAtStart: number;
  freeRamGiB: number;
}

export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGiB: totalmem() / 2 ** 30,
    node: process.version,
    kernel: `${process.platform} ${release()}`,
    loadAtStart: loadavg()[0] ?? 0,
    freeRamGiB: freemem() / 2 ** 30,
  };
}

import { readFileSync } from "node:fs";
import os from "node:os";

/** The machine a report ran on. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
}

/** CPU count, model (from /proc/cpuinfo), memory, Node version and OS of this machine. */
export function machineInfo(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? "unknown";
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    cpus: os.availableParallelism(), cpuModel, memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version, os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** One line describing the machine, for markdown. */
export function describeMachine(m: MachineInfo): string {
  return `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.os}`;
}

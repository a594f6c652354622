// What the benchmarks report about latencies and a server process, computed one way for all.
import { readFileSync } from 'node:fs';

/** The nearest-rank `q` quantile of ascending `sorted` (NaN when empty). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** CPU seconds (user + system, all threads) a running process has used so far (Linux /proc). */
export function processCpuSeconds(pid: number): number {
  // After the command's closing parenthesis, utime and stime are the 12th and 13th fields, in clock ticks (100 a second).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Current and peak resident memory of process `pid`, in MB (Linux /proc). */
export function processMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

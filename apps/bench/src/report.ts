// The printed benchmark table: one line per workload, each framework's median (GFLOP/s for
// matmul, ms otherwise), the time ratios webgrad/peer (below 1: webgrad is faster) and whether
// each framework's results agree with webgrad's.
import type { Timing } from './harness.js';

/** One framework's outcome on one workload. */
export type Result = (Timing & { error: number; agrees: boolean }) | { failed: string };

/** One workload across frameworks. */
export interface Row {
  workload: string;
  flops?: number;
  results: Record<string, Result>;
  /** webgrad pool misses in three runs after the timed ones. */
  poolMissesAfterWarmup?: number;
  /** Dispatches and submits of one run, for frameworks on a device backend that counts them. */
  perRun?: Record<string, { dispatches: number; submits: number }>;
}

function figure(row: Row, r: Result | undefined): string {
  if (!r) return '-';
  if ('failed' in r) return 'failed';
  return row.flops ? `${(row.flops / r.median / 1e6).toFixed(1)} GFLOP/s` : `${r.median.toFixed(2)} ms`;
}

/** Prints one environment's table to stdout under `title`. */
export function printTable(title: string, machine: Record<string, unknown>, frameworks: Record<string, string>, rows: Row[]): void {
  const names = Object.keys(frameworks);
  const ours = names.filter((n) => n.startsWith('webgrad'));
  const peers = names.filter((n) => !n.startsWith('webgrad'));
  const first = names[0]!;
  const pairs = ours.flatMap((o) => peers.map((p) => [o, p] as const));
  console.log(`\n## ${title}\nMachine: ${machine.cpu} (${machine.cores} cores), load average ${JSON.stringify(machine.loadAverage)} at start (runs are interleaved, so other work on the machine slows every framework alike)`);
  if (machine.browser) console.log(`Browser: ${machine.browser}`);
  for (const [name, how] of Object.entries(frameworks)) console.log(`  ${name}: ${how}`);
  const counted = names.filter((n) => rows.some((r) => r.perRun?.[n]));
  const header = ['workload', ...names, ...pairs.map(([o, p]) => `${o}/${p} time`), `agree with ${first}`, `${first} pool misses`, ...counted.map((n) => `${n} dispatches/submits per run`)];
  const lines = rows.map((row) => {
    const ratios = pairs.map(([o, p]) => {
      const [a, b] = [row.results[o], row.results[p]];
      return a && b && !('failed' in a) && !('failed' in b) ? `${(a.median / b.median).toFixed(2)}x` : '-';
    });
    const agree = names.filter((n) => n !== first).map((p) => {
      const r = row.results[p];
      return !r || 'failed' in r ? `${p}: -` : `${p}: ${r.agrees ? 'yes' : 'NO'} (${r.error.toExponential(1)})`;
    });
    const work = counted.map((n) => {
      const w = row.perRun?.[n];
      return w ? `${w.dispatches} / ${w.submits}` : '-';
    });
    return [row.workload, ...names.map((n) => figure(row, row.results[n])), ...ratios, agree.join(', '), String(row.poolMissesAfterWarmup ?? '-'), ...work];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const l of lines) console.log(fmt(l));
  console.log('');
}

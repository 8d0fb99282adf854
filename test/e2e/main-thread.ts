// The page's own main-thread work, measured from a Chromium trace: each task's wall time and its
// thread CPU time. CPU time is what a responsiveness test can hold to on a shared machine.
import { expect, type Browser, type Page } from '@playwright/test';

/** One task the page's main thread ran, in milliseconds. */
export interface MainThreadTask {
  /** Wall-clock duration: what a PerformanceObserver 'longtask' entry reports. */
  wall: number;
  /** Thread CPU time: the time the main thread itself ran, not the time it waited for a core. */
  cpu: number;
  /** The longest of its events below the task ('Commit', 'FunctionCall', 'Layout', …), to say what it was. */
  what: string;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { processId: number; url: string }[] } };
}

/**
 * Runs `during` while tracing, and returns every task of the page's renderer main thread
 * (CrRendererMain of the process that holds the page's main frame) that ran meanwhile: its own
 * script, style, layout, paint and commit, and nothing of other processes or the worker thread.
 * Chromium only.
 */
export async function mainThreadTasks(browser: Browser, page: Page, during: () => Promise<void>): Promise<MainThreadTask[]> {
  // RunTask and TracingStartedInBrowser are in the disabled-by-default category; it is the one
  // DevTools' performance panel records.
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  let trace: Buffer;
  try {
    await during();
  } finally {
    trace = await browser.stopTracing();
  }
  const parsed = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const origin = new URL(page.url()).origin;
  const pid = events.flatMap((e) => (e.name === 'TracingStartedInBrowser' ? e.args?.data?.frames ?? [] : [])).find((f) => f.url.startsWith(origin))?.processId;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pid === undefined || e.pid === pid));
  if (!main) throw new Error(`mainThreadTasks: no renderer main thread for ${origin} in the trace`);
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = mine.filter((e) => e.name === 'RunTask');
  return tasks.map((task) => {
    // NaN where the platform records no thread time: a caller must not take wall time for it.
    const [end, wall, cpu] = [task.ts + task.dur!, task.dur! / 1000, task.tdur === undefined ? NaN : task.tdur / 1000];
    // What a task was is only worth finding out for the long ones.
    if (!(cpu >= 10) && wall < 30) return { wall, cpu, what: '' };
    const inner = mine.filter((e) => e !== task && e.name !== 'RunTask' && e.ts >= task.ts && e.ts < end);
    const longest = inner.reduce<TraceEvent | undefined>((a, e) => (!a || e.dur! > a.dur! ? e : a), undefined);
    return { wall, cpu, what: longest?.name ?? '' };
  });
}

/** A short line on the longest tasks, for an assertion's message. */
export function describeTasks(tasks: MainThreadTask[], count = 5): string {
  return [...tasks].sort((a, b) => b.cpu - a.cpu).slice(0, count).map((t) => `${t.what || 'task'} ${t.cpu.toFixed(1)} ms CPU / ${t.wall.toFixed(1)} ms wall`).join('; ');
}

/**
 * Runs `during` and expects the page stayed responsive meanwhile: no main-thread task used over
 * 50 ms of CPU time. Thread CPU time, not wall time: on a loaded machine the main thread is taken
 * off its core in mid-task, so a 12 ms task can last 60 ms; the work it does, which is what the
 * app controls, stays 12 ms.
 */
export async function expectResponsiveWhile(browser: Browser, page: Page, during: () => Promise<void>): Promise<void> {
  const tasks = await mainThreadTasks(browser, page, during);
  expect(tasks.length, 'main-thread tasks traced').toBeGreaterThan(20);
  expect(tasks.every((t) => Number.isFinite(t.cpu)), 'the trace has thread CPU times').toBe(true);
  expect(tasks.filter((t) => t.cpu > 50), `longest: ${describeTasks(tasks)}`).toEqual([]);
}

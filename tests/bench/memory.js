// Peak memory of the whole browser while something runs: the resident set (VmRSS) of
// every Chromium process, read from /proc every few milliseconds by this (Node) process,
// minus what it was just before. It counts what JS heap figures miss: ArrayBuffers,
// wasm memory, Blob storage and the network process's buffers.
import { readdirSync, readFileSync } from "node:fs";

function childrenOf(pid) {
  const all = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      all.push([Number(entry), ppid]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [p, pp] of all) {
      if (tree.has(pp) && !tree.has(p)) {
        tree.add(p);
        grew = true;
      }
    }
  }
  return [...tree];
}

function rssBytes(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // Gone.
    }
  }
  return total;
}

/** The Chromium processes this Node process started (Playwright spawns them directly). */
function browserProcesses() {
  return childrenOf(process.pid).filter((pid) => {
    if (pid === process.pid) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("chromium");
    } catch {
      return false;
    }
  });
}

/** The page's JS heap in bytes (CDP `Performance.getMetrics`, `JSHeapUsedSize`). */
async function jsHeap(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0;
}

/**
 * Runs `work` while sampling; returns { result, peakBytes, heapBytes }: the peak RSS above
 * the baseline and, with a CDP session of the page, the peak JS heap above its baseline
 * (sampled every 20 ms; it misses ArrayBuffers, wasm memory and Blob storage, which RSS
 * counts).
 */
export async function withPeakMemory(work, cdp = null, everyMs = 5) {
  const pids = browserProcesses();
  const baseline = rssBytes(pids);
  let peak = baseline;
  let pidsNow = pids;
  let ticks = 0;
  const timer = setInterval(() => {
    if (++ticks % 50 === 0) pidsNow = browserProcesses();
    peak = Math.max(peak, rssBytes(pidsNow));
  }, everyMs);
  let heapBase = 0;
  let heapPeak = 0;
  let sampling = false;
  let heapTimer = null;
  if (cdp) {
    await cdp.send("Performance.enable");
    heapBase = await jsHeap(cdp);
    heapPeak = heapBase;
    heapTimer = setInterval(async () => {
      if (sampling) return;
      sampling = true;
      try {
        heapPeak = Math.max(heapPeak, await jsHeap(cdp));
      } catch {
        // The page navigated or closed.
      } finally {
        sampling = false;
      }
    }, 20);
  }
  try {
    const result = await work();
    peak = Math.max(peak, rssBytes(pidsNow));
    if (cdp) heapPeak = Math.max(heapPeak, await jsHeap(cdp));
    return { result, peakBytes: peak - baseline, heapBytes: heapPeak - heapBase };
  } finally {
    clearInterval(timer);
    if (heapTimer) clearInterval(heapTimer);
  }
}

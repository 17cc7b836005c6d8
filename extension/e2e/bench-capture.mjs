// bench-capture.mjs measures what the content script costs the page while an
// answer streams: real headless Chromium with the built extension, the
// ChatGPT-shaped fixture streaming a 20,000-character answer in 500 chunks,
// and a CPU profile of the page's renderer (V8 sampling profiler, 100 µs)
// from the send to the recorded end of the answer. Every sample whose stack
// holds a frame of a chrome-extension:// script (the content script, its
// mutation callbacks, timers and the DOM calls they make) counts as the
// extension's main-thread time. Long tasks are the page's own
// PerformanceObserver('longtask') entries; the longest run of consecutive
// extension samples says whether the extension made one.
//
// Goal (issue 12): ≤ 50 ms in total, no long task caused by the extension.
// It prints one row of BENCHMARKS.md on stdout (scripts/bench.sh capture).
import { loadavg } from 'node:os';
import { setup, SITES, until, sleep } from './harness.mjs';

const CHARS = 20_000;
const CHUNKS = 500;
const EVERY_MS = 20;

const h = await setup();
let out = '';
try {
  const { page, cdp } = await h.open('chatgpt', `chars=${CHARS}&chunks=${CHUNKS}&every=${EVERY_MS}`);
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration }); })
      .observe({ type: 'longtask', buffered: false });
  });
  const prompt = 'Write a long essay about the history of the harbour';
  await page.click(SITES.chatgpt.composer);
  await page.keyboard.type(prompt);
  await sleep(600); // the draft's verdict arrives while typing
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.keyboard.press('Enter');
  const sim = await until('the streamed answer', async () => {
    const a = await page.evaluate(() => window.__sim.answers.slice());
    return a.length ? a : null;
  }, 60000);
  const row = await until('the recorded answer', () => h.rows().find((r) => r.prompt === prompt && r.answer_chars), 20000, 200);
  const { profile } = await cdp.send('Profiler.stop');
  const longTasks = await page.evaluate(() => window.__long);

  // Which profile nodes are (under) an extension frame.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const inExt = new Map();
  const mark = (n, under) => {
    const ext = under || (n.callFrame.url || '').startsWith('chrome-extension://');
    inExt.set(n.id, ext);
    for (const c of n.children || []) mark(byId.get(c), ext);
  };
  mark(profile.nodes[0], false);
  // A sample stands for the time until the next one, but for at most
  // CAP_MS: on a loaded machine the renderer thread is descheduled for tens
  // of milliseconds at a time and that wait, charged in full to whatever
  // function was on the stack, is not time the extension ran.
  const CAP_MS = 0.4;
  let total = 0;
  let raw = 0;
  let run = 0;
  let longestRun = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (inExt.get(profile.samples[i])) {
      total += Math.min(dt, CAP_MS);
      raw += dt;
      run += Math.min(dt, CAP_MS);
      longestRun = Math.max(longestRun, run);
    } else run = 0;
  }
  if (process.env.BENCH_DETAIL) {
    // Where the time goes: per (innermost extension function → leaf) pair.
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
    const agg = new Map();
    for (let i = 0; i < profile.samples.length; i++) {
      const id = profile.samples[i];
      if (!inExt.get(id)) continue;
      let e = id;
      while (e && !(byId.get(e).callFrame.url || '').startsWith('chrome-extension://')) e = parent.get(e);
      const f = byId.get(e).callFrame;
      const k = `${f.functionName || '(anon)'}@${f.url.split('/').pop()}:${f.lineNumber} → ${byId.get(id).callFrame.functionName || '(native)'}`;
      agg.set(k, (agg.get(k) || 0) + Math.min(0.4, (profile.timeDeltas[i + 1] ?? 0) / 1000));
    }
    for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.error(`#   ${v.toFixed(1)} ms  ${k}`);
  }
  const wall = (profile.endTime - profile.startTime) / 1000;
  const ok = total <= 50 && longestRun < 50;
  console.error(`# answer ${sim[0].chars} chars in ${CHUNKS} chunks over ${sim[0].ms.toFixed(0)} ms; recorded ${row.answer_chars} chars, ${row.latency_ms} ms`);
  console.error(`# extension main-thread time ${total.toFixed(1)} ms (uncapped ${raw.toFixed(1)} ms; load average ${loadavg()[0].toFixed(1)}) over ${(wall / 1000).toFixed(1)} s profiled; longest extension run ${longestRun.toFixed(1)} ms; page long tasks ${longTasks.length}`);
  out = `| content script main-thread time while a 20,000-character answer streams in 500 chunks, headless Chromium (CPU profile sampled every 0.1 ms from the send to the recorded end, ${(wall / 1000).toFixed(1)} s, a sample counting for at most 0.4 ms, ${raw.toFixed(1)} ms uncapped at load average ${loadavg()[0].toFixed(1)}; longest single extension run ${longestRun.toFixed(1)} ms; page long tasks ${longTasks.length}) | ${total.toFixed(1)} ms | ≤ 50 ms, no long task from the extension | | ${ok ? '✅ met' : '❌ missed'} |`;
  await page.close();
} finally {
  await h.teardown();
}
console.log(out);

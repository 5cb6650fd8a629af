#!/usr/bin/env node
// Turns the JSON-lines outputs of BullMQ's bench.mjs and of our Bench (same scenario names and keys)
// into ONE markdown table: per metric the median of each side, the runs behind it, the ratio and
// the DESIGN §7 target where there is one.
//
// Usage: node compare.mjs --bullmq a1.jsonl a2.jsonl ... --ours b1.jsonl b2.jsonl ...
//
// "ratio" is always oriented so that > 1 means Managed Queues is better:
//   higher-is-better rows (jobs/s)        ratio = ours / BullMQ
//   lower-is-better rows (ms, calls/job)  ratio = BullMQ / ours
import { loadRun, median } from './runs.mjs';

const sides = { bullmq: [], ours: [] };
let current = null;
for (const a of process.argv.slice(2)) {
  if (a === '--bullmq') current = 'bullmq';
  else if (a === '--ours') current = 'ours';
  else if (current) sides[current].push(a);
}
if (!sides.bullmq.length || !sides.ours.length) {
  console.error('usage: node compare.mjs --bullmq run1.jsonl ... --ours run1.jsonl ...');
  process.exit(1);
}
const runs = { bullmq: sides.bullmq.map(loadRun), ours: sides.ours.map(loadRun) };
const get = (o, path) => path.split('.').reduce((x, k) => (x == null ? undefined : x[k]), o);
const fmt = (x) => {
  if (x == null) return '–';
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  if (Math.abs(x) >= 100) return String(Number(x.toFixed(1)));
  return String(Number(x.toFixed(2)));
};

// client CPU milliseconds per job, derived the same way for both sides where not reported directly
const cpuMsPerJob = (side) => (o, n) => {
  if (!o) return undefined;
  if (side === 'ours' && typeof o.jvm_cpu_ms_per_job === 'number') return o.jvm_cpu_ms_per_job;
  const util = side === 'ours' ? o.jvm_cpu_util : o.node_cpu_util;
  const seconds = o.seconds;
  const jobs = o.n ?? n;
  return typeof util === 'number' && typeof seconds === 'number' && jobs ? (1000 * util * seconds) / jobs : undefined;
};

// [label, scenario, value path or function, 'higher' | 'lower', target {kind, value, text} | null]
const rows = [
  ['1. enqueue, sequential awaited add / enqueue() (jobs/s)', 'enqueue_sequential', 'jobs_per_s', 'higher', { kind: 'ratio', value: 1, text: '≥ 1×' }],
  ['2. enqueue, addBulk ×100 / enqueueAll ×100 (jobs/s)', 'enqueue_addBulk_100', 'jobs_per_s', 'higher', { kind: 'ratio', value: 2, text: '≥ 2×' }],
  ['3. enqueue, 50 in flight add() / enqueueAsync() (jobs/s)', 'enqueue_concurrent_50', 'jobs_per_s', 'higher', { kind: 'ratio', value: 2, text: '≥ 2×' }],
  ['4. process c=1, keep completed (jobs/s)', 'process_c1', 'jobs_per_s', 'higher', null],
  ['4. process c=10, keep completed (jobs/s)', 'process_c10', 'jobs_per_s', 'higher', { kind: 'ratio', value: 2, text: '≥ 2×' }],
  ['4. process c=50, keep completed (jobs/s)', 'process_c50', 'jobs_per_s', 'higher', { kind: 'ratio', value: 2, text: '≥ 2×' }],
  ['4b. process c=1, removeOnComplete (jobs/s)', 'process_c1_removeOnComplete', 'jobs_per_s', 'higher', null],
  ['4b. process c=10, removeOnComplete (jobs/s)', 'process_c10_removeOnComplete', 'jobs_per_s', 'higher', { kind: 'ratio', value: 2, text: '≥ 2×' }],
  ['4b. process c=50, removeOnComplete (jobs/s)', 'process_c50_removeOnComplete', 'jobs_per_s', 'higher', { kind: 'ratio', value: 2, text: '≥ 2×' }],
  ['5. latency add→start p50 (ms)', 'latency_open_loop', 'add_to_start_ms.p50', 'lower', null],
  ['5. latency add→start p95 (ms)', 'latency_open_loop', 'add_to_start_ms.p95', 'lower', null],
  ['5. latency add→start p99 (ms)', 'latency_open_loop', 'add_to_start_ms.p99', 'lower', { kind: 'ratio', value: 1, text: '≤ BullMQ' }],
  ['5. latency add→start max (ms)', 'latency_open_loop', 'add_to_start_ms.max', 'lower', null],
  ['5. add() ack p50 (ms)', 'latency_open_loop', 'add_ack_ms.p50', 'lower', null],
  ['5. add() ack p99 (ms)', 'latency_open_loop', 'add_ack_ms.p99', 'lower', null],
  ['6. delayed 2000×1s lateness p50 (ms)', 'delayed', 'lateness_ms.p50', 'lower', null],
  ['6. delayed 2000×1s lateness p99 (ms)', 'delayed', 'lateness_ms.p99', 'lower', { kind: 'ratio', value: 2, text: '≤ ½ BullMQ' }],
  ['6. delayed 2000×1s lateness max (ms)', 'delayed', 'lateness_ms.max', 'lower', null],
  ['6b. delayed 100×1s lateness p50 (ms)', 'delayed_small', 'lateness_ms.p50', 'lower', null],
  ['6b. delayed 100×1s lateness max (ms), vs producer clock before the batch + delay', 'delayed_small', 'lateness_ms.max', 'lower', { kind: 'abs_max', value: 10, text: 'all ≤ 10 ms' }],
  ['6b. delayed 100×1s lateness max (ms), vs each library\'s own due time (BullMQ: timestamp + delay; ours: Redis enqueuedAt + delay)', 'delayed_small',
    { bullmq: 'lateness_ms.max', ours: 'lateness_vs_redis_enqueued_at_ms.max' }, 'lower', { kind: 'abs_max', value: 10, text: 'all ≤ 10 ms' }],
  ['6. delayed 2000×1s lateness p99 (ms), vs each library\'s own due time', 'delayed',
    { bullmq: 'lateness_ms.p99', ours: 'lateness_vs_redis_enqueued_at_ms.p99' }, 'lower', null],
  ['7. retries 2000, backoff fixed 0 ms: total (ms)', 'retries_backoff_fixed_0ms', 'total_ms', 'lower', null],
  ['7. retries 2000, backoff fixed 10 ms: total (ms)', 'retries_backoff_fixed_10ms', 'total_ms', 'lower', null],
  ['8. Redis calls per job (incl. inside Lua), processing c=10 keep', 'process_c10', 'redis_commands_processing.calls_per_job', 'lower', null],
  ['8. Redis calls per job (incl. inside Lua), processing c=10 removeOnComplete', 'process_c10_removeOnComplete', 'redis_commands_processing.calls_per_job', 'lower', null],
  ['8. script calls (EVALSHA) per processed job, c=10 keep', 'process_c10', 'redis_commands_processing.script_calls_per_job', 'lower', null],
  ['8. client round trips per processed job, c=10 keep (ours: counted in the client; BullMQ: its EVALSHA count)', 'process_c10',
    { bullmq: 'redis_commands_processing.script_calls_per_job', ours: 'redis_commands_processing.client_round_trips_per_job' }, 'lower',
    { kind: 'abs_max', value: 1, text: '≤ 1' }],
  ['8. Redis calls per job (incl. inside Lua), enqueue (addBulk ×1000)', 'process_c10', 'redis_commands_enqueue_addBulk1000.calls_per_job', 'lower', null],
  // Redis's own commandstats over each measured window (Bench only: '–' on a BullMQ side); WAIT = replica acknowledgement
  ...['enqueue_sequential', 'enqueue_addBulk_100', 'enqueue_concurrent_50', 'process_c10', 'process_c10_removeOnComplete', 'latency_open_loop']
    .flatMap((scen) => [
      [`9. Redis commands per job (incl. inside Lua), ${scen}`, scen, 'redis_commands_per_job', 'lower', null],
      [`9. WAITs per job, ${scen}`, scen, 'redis_waits_per_job', 'info', null],
    ]),
  ['CPU: client ms per job, enqueue sequential', 'enqueue_sequential', { fn: cpuMsPerJob }, 'lower', null],
  ['CPU: client ms per job, enqueue 50 in flight', 'enqueue_concurrent_50', { fn: cpuMsPerJob }, 'lower', null],
  ['CPU: client ms per job, process c=1 keep', 'process_c1', { fn: cpuMsPerJob }, 'lower', null],
  ['CPU: client ms per job, process c=10 keep', 'process_c10', { fn: cpuMsPerJob }, 'lower', null],
  ['CPU: client ms per job, enqueue addBulk ×100', 'enqueue_addBulk_100', { fn: cpuMsPerJob }, 'lower', null],
  ['CPU: Redis ms per job, enqueue sequential', 'enqueue_sequential', 'redis_cpu_ms_per_job', 'lower', null],
  ['CPU: Redis ms per job, process c=10 keep', 'process_c10', 'redis_cpu_ms_per_job', 'lower', null],
  ['CPU: Redis server cores busy, process c=10 keep', 'process_c10', 'redis_cpu_util', 'info', null],
  ['CPU: client cores busy (node / JVM), process c=10 keep', 'process_c10', { bullmq: 'node_cpu_util', ours: 'jvm_cpu_util' }, 'info', null],
];

const valueOf = (side, o, spec) => {
  if (!o) return undefined;
  if (typeof spec === 'string') return get(o, spec);
  if (spec.fn) return spec.fn(side)(o);
  return get(o, spec[side]);
};

const nRuns = `${runs.bullmq.length} + ${runs.ours.length}`;
console.log(`| metric | BullMQ 6.7 (median) | Managed Queues (median) | ratio (> 1 = ours better) | computed as | DESIGN §7 target | met | BullMQ runs | ours runs |`);
console.log('| --- | ---: | ---: | ---: | --- | --- | --- | --- | --- |');
const verdicts = [];
for (const [label, scen, spec, dir, target] of rows) {
  const vals = {};
  for (const side of ['bullmq', 'ours']) vals[side] = runs[side].map((r) => valueOf(side, r[scen], spec));
  const mb = median(vals.bullmq);
  const mo = median(vals.ours);
  let ratio = null;
  let how = '';
  if (mb != null && mo != null && dir !== 'info') {
    if (dir === 'higher') {
      ratio = mb ? mo / mb : null;
      how = 'ours / BullMQ';
    } else {
      ratio = mo ? mb / mo : (mb ? Infinity : null);
      how = 'BullMQ / ours';
    }
  }
  let met = '';
  if (target) {
    if (target.kind === 'ratio') met = ratio == null ? '?' : ratio >= target.value ? 'met' : 'MISSED';
    if (target.kind === 'abs_max') met = mo == null ? '?' : mo <= target.value ? 'met' : 'MISSED';
    verdicts.push({ label, target: target.text, met, ratio, mb, mo });
  }
  const list = (xs) => xs.map((x) => (typeof x === 'number' ? fmt(x) : '–')).join(', ');
  console.log(`| ${label} | ${fmt(mb)} | ${fmt(mo)} | ${ratio == null ? '' : ratio === Infinity ? '∞' : ratio.toFixed(2) + '×'} | ${how} | ${target ? target.text : ''} | ${met} | ${list(vals.bullmq)} | ${list(vals.ours)} |`);
}

// context rows: the physical ceiling of this Redis, measured by bench.mjs in the same runs
const rb = (key) => median(runs.bullmq.map((r) => get(r, key)));
const p1 = ['set', 'get', 'lpush', 'lpop', 'zadd'].map((c) => fmt(rb(`redis_benchmark_P1.${c}.rps`))).join(' / ');
const p16 = ['set', 'get', 'lpush', 'lpop', 'zadd'].map((c) => fmt(rb(`redis_benchmark_P16.${c}.rps`))).join(' / ');
console.log('');
console.log(`Runs: ${nRuns} (BullMQ + ours, alternated). redis-benchmark in the BullMQ runs, median ops/s SET / GET / LPUSH / LPOP / ZADD: ` +
  `-P 1: ${p1}; -P 16: ${p16}.`);
const steal = (side) => median(runs[side].map((r) => get(r, 'run_meta.steal_pct')));
console.log(`CPU steal over the runs (median %): BullMQ ${fmt(steal('bullmq'))}, ours ${fmt(steal('ours'))}.`);
const dups = runs.ours.flatMap((r) => Object.values(r).filter((o) => o && typeof o.duplicates === 'number').map((o) => o.duplicates));
const dupsB = runs.bullmq.flatMap((r) => Object.values(r).filter((o) => o && typeof o.duplicates === 'number').map((o) => o.duplicates));
console.log(`Duplicate deliveries in processing runs: BullMQ ${dupsB.reduce((a, b) => a + b, 0)} in ${dupsB.length}, ours ${dups.reduce((a, b) => a + b, 0)} in ${dups.length}.`);
const heap = runs.ours.map((r) => Object.values(r).map((o) => o && o.heap_mb_after).filter((x) => typeof x === 'number'));
const heapMax = Math.max(...heap.flat());
console.log(`Ours, used heap after a full GC between scenarios: ${fmt(Math.min(...heap.flat()))}–${fmt(heapMax)} MiB.`);
console.log('');
console.log('DESIGN §7 targets:');
for (const v of verdicts) {
  const r = v.ratio == null ? '' : `, ratio ${v.ratio === Infinity ? '∞' : v.ratio.toFixed(2) + '×'}`;
  console.log(`- ${v.met || '?'}: ${v.label}: target ${v.target} (BullMQ ${fmt(v.mb)}, ours ${fmt(v.mo)}${r})`);
}

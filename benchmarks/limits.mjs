#!/usr/bin/env node
// The physical limits behind each throughput row of a run.sh run: what the CPU each side spends
// per job allows on this machine. Redis runs its scripts on one thread, so Redis alone cannot go
// past 1 / (Redis CPU per job); client and Redis share the host's cores, so together they cannot
// go past cores / (client CPU + Redis CPU per job). A side near its host ceiling is CPU-bound: only
// less CPU per job (on either side) makes it faster; one far below it waits (round trips, hops).
//
// Usage: node limits.mjs <run dir of run.sh> (reads bullmq-*.jsonl and ours-*.jsonl; medians of runs)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRun, median } from './runs.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node limits.mjs <run dir>');
  process.exit(1);
}
const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
const runs = {
  bullmq: files.filter((f) => f.startsWith('bullmq-')).map((f) => loadRun(join(dir, f))),
  ours: files.filter((f) => f.startsWith('ours-')).map((f) => loadRun(join(dir, f))),
};
const cores = runs.bullmq[0]?.env?.cpus ?? 2;

// per-job costs of one run's scenario line; the two benchmarks name the client's CPU differently
const perJob = (o) => {
  const rate = o.jobs_per_s;
  const client = o.jvm_cpu_ms_per_job ?? (o.node_cpu_util != null ? (o.node_cpu_util * 1000) / rate : undefined);
  const redis = o.redis_cpu_ms_per_job ?? (o.redis_cpu_util != null ? (o.redis_cpu_util * 1000) / rate : undefined);
  return { rate, client, redis };
};
const side = (name, scenario) => {
  const lines = runs[name].map((r) => r[scenario]).filter(Boolean).map(perJob);
  const m = (k) => median(lines.map((l) => l[k]));
  const client = m('client');
  const redis = m('redis');
  return {
    rate: m('rate'),
    client,
    redis,
    redisCeiling: redis ? 1000 / redis : undefined,
    hostCeiling: client && redis ? (cores * 1000) / (client + redis) : undefined,
  };
};
const f = (x, digits = 0) => (x == null ? '–' : x.toFixed(digits));
const rows = [
  'enqueue_sequential', 'enqueue_addBulk_100', 'enqueue_concurrent_50',
  'process_c1', 'process_c10', 'process_c50',
  'process_c1_removeOnComplete', 'process_c10_removeOnComplete', 'process_c50_removeOnComplete',
];
console.log(`| scenario | side | jobs/s | client ms/job | Redis ms/job | Redis-bound ceiling (jobs/s) | ${cores}-core host ceiling (jobs/s) | jobs/s ÷ host ceiling |`);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const scenario of rows) {
  for (const name of ['bullmq', 'ours']) {
    const s = side(name, scenario);
    if (s.rate == null) continue;
    console.log(`| ${scenario} | ${name === 'bullmq' ? 'BullMQ' : 'ours'} | ${f(s.rate)} | ${f(s.client, 3)} | ${f(s.redis, 4)} | `
      + `${f(s.redisCeiling)} | ${f(s.hostCeiling)} | ${s.hostCeiling ? f(s.rate / s.hostCeiling, 2) : '–'} |`);
  }
}

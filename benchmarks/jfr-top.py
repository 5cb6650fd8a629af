#!/usr/bin/env python3
"""Summarises one JFR recording of Bench --profile: samples per thread, the methods most often on top
of a stack, and the methods most often anywhere in one (each counted once per sample).

Usage: python3 benchmarks/jfr-top.py <recording.jfr>   (needs the JDK's `jfr` on PATH)
"""
import collections
import json
import subprocess
import sys

recording = sys.argv[1]
printed = subprocess.run(['jfr', 'print', '--json', '--events', 'jdk.ExecutionSample', recording],
                         capture_output=True, text=True, check=True).stdout
samples = json.loads(printed)['recording']['events']
top, anywhere, threads = collections.Counter(), collections.Counter(), collections.Counter()
for sample in samples:
    trace = sample['values']['stackTrace']
    frames = [f['method']['type']['name'].split('.')[-1] + '.' + f['method']['name']
              for f in (trace['frames'] if trace else [])]
    if frames:
        top[frames[0]] += 1
    anywhere.update(set(frames))
    thread = sample['values'].get('sampledThread')
    threads[thread['javaName'] if thread else '?'] += 1
n = max(1, len(samples))
print('samples', len(samples))
print('threads', threads.most_common(8))
print('--- top of stack')
for method, count in top.most_common(25):
    print(count, f'{100 * count / n:.1f}%', method)
print('--- anywhere in the stack')
for method, count in anywhere.most_common(60):
    print(count, f'{100 * count / n:.1f}%', method)

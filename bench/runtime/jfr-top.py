#!/usr/bin/env python3
"""Where a JFR recording spent its CPU samples: top methods by self and by inclusive share.

    jfr print --json --events jdk.ExecutionSample rec.jfr > samples.json
    bench/runtime/jfr-top.py samples.json [--filter THREAD_NAME_PREFIX] [--top 25] [--match SUBSTRING]

--match counts the samples whose stack contains SUBSTRING (e.g. dev.sidekick) and lists its frames.
Used for runtime/PERF-NOTES.md; JDK 17's jfr has no "view hot-methods".
"""
import json, sys, collections, argparse

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--filter", default="")
ap.add_argument("--top", type=int, default=25)
ap.add_argument("--match", default="")
a = ap.parse_args()
events = json.load(open(a.file))["recording"]["events"]
self_c, incl_c, threads = collections.Counter(), collections.Counter(), collections.Counter()
n = 0
matched = 0
for e in events:
    v = e["values"]
    t = (v.get("sampledThread") or {}).get("javaName") or (v.get("sampledThread") or {}).get("osName") or "?"
    if a.filter and not t.startswith(a.filter):
        continue
    frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in (v.get("stackTrace") or {}).get("frames", [])]
    if not frames:
        continue
    n += 1
    threads[t.rstrip("0123456789-")] += 1
    self_c[frames[0]] += 1
    for f in set(frames):
        incl_c[f] += 1
    if a.match and any(a.match in f for f in frames):
        matched += 1
print(f"samples: {n}")
print("threads:", ", ".join(f"{k} {100*c/n:.0f}%" for k, c in threads.most_common(8)))
print("\n-- self --")
for f, c in self_c.most_common(a.top):
    print(f"{100*c/n:5.1f}%  {f}")
print("\n-- inclusive --")
for f, c in incl_c.most_common(a.top * 3):
    if not a.match or a.match in f:
        print(f"{100*c/n:5.1f}%  {f}")
if a.match:
    print(f"\nsamples with {a.match} on the stack: {matched} ({100*matched/max(n,1):.1f}%)")

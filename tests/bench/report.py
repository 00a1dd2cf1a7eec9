#!/usr/bin/env python3
"""tests/bench/report.py RAW.jsonl OUT.json - the table of make bench.

Each line of RAW.jsonl is {"proxy", "workload", "round", "result"} where
result is one loadgen object.  Per workload and proxy every figure is taken
per round, then the median over the rounds; the ratio is postern / nginx
(below 1 is better for postern everywhere but MB/s, where above 1 is).
The fetch workload also runs through Dovecot's own IMAP proxy; its row
"MB/s: postern / Dovecot's proxy" has Dovecot's figure in the nginx column.
"""
import json
import os
import statistics
import sys

# workload -> the figures shown for it: (key, label, function of a result)
LOGIN = [
    ("cpu_us_per_session", "CPU µs / session", lambda r: r["cpu_us"] / r["ok"] if r["ok"] else None),
    ("p50_ms", "latency p50 ms", lambda r: r["p50_us"] / 1000),
    ("p99_ms", "latency p99 ms", lambda r: r["p99_us"] / 1000),
]
RESUME = LOGIN + [("resumed_pct", "resumed %", lambda r: 100.0 * r["resumed"] / r["ok"] if r["ok"] else None)]
FETCH = [
    ("cpu_us_per_mb", "CPU µs / MB", lambda r: r["cpu_us"] / (r["body_bytes"] / 1e6) if r["body_bytes"] else None),
    ("mb_per_s", "MB/s", lambda r: r["body_bytes"] / 1e6 / r["seconds"] if r["seconds"] else None),
    ("p50_ms", "session p50 ms", lambda r: r["p50_us"] / 1000),
]
IDLE = [
    ("rss_kb_per_conn", "RSS KB / idle session", lambda r: (r["rss_kb_after"] - r["rss_kb_before"]) / r["ok"] if r["ok"] else None),
    ("p99_ms", "login p99 ms", lambda r: r["p99_us"] / 1000),
]
SCALE = [
    ("rss_kb_per_conn", "RSS KB / idle session", lambda r: (r["rss_kb_after"] - r["rss_kb_before"]) / r["ok"] if r["ok"] else None),
    ("p99_ms", "login p99 ms", lambda r: r["p99_us"] / 1000),
]
FIGURES = {
    "imap": LOGIN, "imap-keepalive": LOGIN, "pop3": LOGIN, "smtp": LOGIN,
    "imaps-ec-full": LOGIN, "imaps-rsa-full": LOGIN,
    "imaps-ec-resume": RESUME, "imaps-rsa-resume": RESUME,
    "fetch": FETCH, "idle": IDLE, "idle-tls": IDLE, "scale": SCALE,
}


def main():
    raw, out = sys.argv[1], sys.argv[2]
    runs = {}
    with open(raw) as f:
        for line in f:
            e = json.loads(line)
            runs.setdefault((e["workload"], e["proxy"]), []).append(e["result"])
    order = [w for w in FIGURES if any(k[0] == w for k in runs)]
    report = {"rounds": max((len(v) for v in runs.values()), default=0),
              "machine": {"cpus": os.cpu_count(), "load": os.getloadavg()}, "workloads": {}}
    rows = []
    for w in order:
        wr = report["workloads"][w] = {}
        failed = {p: sum(max(r.get("failed", 0), 0) + (1 if r.get("failed", 0) < 0 else 0)
                         for r in runs.get((w, p), [])) for p in ("postern", "nginx")}
        sessions = {p: sum(r.get("ok", 0) for r in runs.get((w, p), [])) for p in ("postern", "nginx")}
        for key, label, fn in FIGURES[w]:
            med = {}
            for p in ("postern", "nginx"):
                vals = [fn(r) for r in runs.get((w, p), []) if r.get("ok")]
                vals = [v for v in vals if v is not None]
                med[p] = statistics.median(vals) if vals else None
            ratio = med["postern"] / med["nginx"] if med["postern"] is not None and med["nginx"] else None
            wr[key] = {"postern": med["postern"], "nginx": med["nginx"], "ratio": ratio}
            rows.append((w, label, med["postern"], med["nginx"], ratio))
        if w == "fetch" and runs.get(("fetch", "dovecot")):
            # The relay throughput against Dovecot's own IMAP proxy.
            d = statistics.median(FETCH[1][2](r) for r in runs[("fetch", "dovecot")] if r.get("ok"))
            p = wr["mb_per_s"]["postern"]
            wr["mb_per_s"]["dovecot_proxy"] = d
            wr["mb_per_s"]["ratio_dovecot"] = p / d if p is not None and d else None
            rows.append((w, "MB/s: postern / Dovecot's proxy", p, d, p / d if p is not None and d else None))
        if w == "scale" and runs.get(("scale", "direct")):
            # The latency a proxy adds: its p99 less that of the sessions straight to mockd.
            d = statistics.median(r["p99_us"] / 1000 for r in runs[("scale", "direct")])
            add = {p: wr["p99_ms"][p] - d if wr["p99_ms"][p] is not None else None for p in ("postern", "nginx")}
            ratio = add["postern"] / add["nginx"] if add["postern"] is not None and add["nginx"] else None
            wr["added_p99_ms"] = {"postern": add["postern"], "nginx": add["nginx"], "ratio": ratio, "direct_p99_ms": d}
            rows.append((w, "added p99 ms (direct %.1f)" % d, add["postern"], add["nginx"], ratio))
            sessions["direct"] = sum(r.get("ok", 0) for r in runs[("scale", "direct")])
        wr["sessions_ok"] = sessions
        wr["sessions_failed"] = failed
        if failed["postern"] or failed["nginx"]:
            rows.append((w, "failed sessions", failed["postern"], failed["nginx"], None))
    with open(out, "w") as f:
        json.dump(report, f, indent=1)

    def fmt(v):
        if v is None:
            return "-"
        return "%.0f" % v if abs(v) >= 100 else "%.2f" % v if abs(v) >= 1 else "%.3f" % v

    print("| workload | figure | postern | nginx | postern/nginx |")
    print("|---|---|---:|---:|---:|")
    for w, label, a, b, r in rows:
        print("| %s | %s | %s | %s | %s |" % (w, label, fmt(a), fmt(b), "-" if r is None else "%.2fx" % r))
    print("(medians of %d rounds; written to %s)" % (report["rounds"], out))


if __name__ == "__main__":
    main()

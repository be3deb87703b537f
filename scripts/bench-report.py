#!/usr/bin/env python3
"""Turns memvk-bench outputs into the tables and the plot of docs/performance.md.

    scripts/bench-report.py bench/results/memvk.jsonl bench/results/lavapipe.jsonl

Each input is one run's `--json` output (one JSON object per line).  The run
labelled "memvk" (else the first) is checked against the targets; the others
are shown beside it as peers.  The script rewrites only the regions of
docs/performance.md between `<!-- bench-report:NAME -->` and
`<!-- /bench-report:NAME -->` (NAME: targets, details, runs), so the
explanations written around them stay, and writes the plot as plain SVG
(docs/performance.svg).  With --print it prints the target table instead.
"""
import argparse
import json
import math
import os
import re
import sys


def load(path):
    run = {"path": path, "results": {}, "skips": {}, "run": {}, "end": {}}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            kind = rec.get("type")
            if kind == "result":
                run["results"][(rec["figure"], rec["param"])] = rec
            elif kind == "skip":
                run["skips"][(rec["figure"], rec["param"])] = rec["reason"]
            elif kind in ("run", "end"):
                run[kind] = rec
    run["label"] = run["run"].get("label") or os.path.basename(path)
    return run


def figure(run, name):
    """Every result of one figure, in the order measured."""
    return [r for (f, _), r in run["results"].items() if f == name]


def bound(rec, prefix):
    for b in rec["bounds"]:
        if b["name"].startswith(prefix):
            return b
    return None


PARAM_BYTES = re.compile(r"^(\d+) (B|KiB|MiB|GiB)$")
UNITS = {"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}


def param_bytes(param):
    m = PARAM_BYTES.match(param)
    return int(m.group(1)) * UNITS[m.group(2)] if m else None


def fmt_ns(ns):
    if ns is None or (isinstance(ns, float) and math.isnan(ns)):
        return "n/a"
    if abs(ns) >= 1e6:
        return f"{ns / 1e6:.3g} ms"
    if abs(ns) >= 1e3:
        return f"{ns / 1e3:.3g} µs"
    return f"{ns:.3g} ns"


def fmt(value, unit):
    if value is None:
        return "n/a"
    if unit == "ns":
        return fmt_ns(value)
    if unit == "KiB":
        return f"{value / 1024:.3g} MiB" if abs(value) >= 1024 else f"{value:.0f} KiB"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:.3g} {unit}"


def fmt_ratio(r):
    if r is None:
        return "n/a"
    return f"{r:.4g}×" if 1 <= r < 100 else f"{r:.3g}×"


# --- the targets of issue 4 ----------------------------------------------------
# Each check returns (measured text, ratio or None, met: True/False/None, note).

def worst(recs, key, pick=max):
    vals = [(key(r), r) for r in recs if key(r) is not None]
    if not vals:
        return None, None
    return pick(vals, key=lambda v: v[0])


def check_startup_time(run):
    recs = figure(run, "startup")
    if not recs:
        return None
    r = recs[0]
    ns = r["value"]
    cpu = r["extra"].get("cpu_diff_ns")
    text = (f"{fmt_ns(ns)} (with driver {fmt_ns(r['extra'].get('with_driver_ns'))}, "
            f"loader alone {fmt_ns(r['bounds'][0]['value'])}")
    if cpu is not None:
        text += f"; CPU time {fmt_ns(cpu)}"
    return (text + ")", None, ns <= 1e6, "≤ 1 ms")


def check_startup_rss(run):
    recs = figure(run, "startup")
    if not recs:
        return None
    kib = recs[0]["extra"].get("rss_added_kib")
    return (fmt(kib, "KiB"), None, kib is not None and kib <= 2048, "≤ 2 MiB")


def alloc_recs(run, lo, hi):
    return [r for r in figure(run, "alloc_free")
            if param_bytes(r["param"]) is not None and lo <= param_bytes(r["param"]) <= hi]


def check_alloc_small_malloc(run):
    recs = alloc_recs(run, 64, 64 << 10)
    ratio, r = worst(recs, lambda r: (bound(r, "malloc") or {}).get("ratio"))
    if r is None:
        return None
    return (f"{fmt_ns(r['value'])} at {r['param']} (worst)", ratio, ratio <= 10, "≤ 10× malloc+free")


def check_alloc_small_mmap(run):
    recs = alloc_recs(run, 64, 64 << 10)
    ratio, r = worst(recs, lambda r: (bound(r, "mmap") or {}).get("ratio"))
    if r is None:
        return None
    return (f"{fmt_ns(r['value'])} at {r['param']} (worst)", ratio, ratio <= 0.1, "≤ 0.1× mmap+munmap")


def check_alloc_large(run):
    recs = alloc_recs(run, 1 << 20, 1 << 30)
    ratio, r = worst(recs, lambda r: (bound(r, "mmap") or {}).get("ratio"))
    if r is None:
        return None
    return (f"{fmt_ns(r['value'])} at {r['param']} (worst)", ratio, ratio <= 1.2, "≤ 1.2× mmap+munmap")


def check_two_threads(run):
    recs = [r for r in figure(run, "alloc_free_2t")
            if param_bytes(r["param"]) is not None and param_bytes(r["param"]) <= 64 << 10]
    value, r = worst(recs, lambda r: r["value"], pick=min)
    if r is None:
        return None
    b = r["bounds"][0]["value"] if r["bounds"] else None
    return (f"{value:.2f}× at {r['param']} (worst; malloc+free: {b:.2f}×)", None, value >= 1.5,
            "≥ 1.5× one thread")


def check_map(run):
    recs = figure(run, "map_unmap") + figure(run, "map2_unmap2")
    ratio, r = worst(recs, lambda r: (bound(r, "indirect") or {}).get("ratio"))
    if r is None:
        return None
    name = "map2" if r["figure"].startswith("map2") else "map"
    return (f"{fmt_ns(r['value'])} ({name}, {r['param']}; worst)", ratio, ratio <= 4,
            "≤ 4× indirect call")


def check_first_touch(run):
    recs = figure(run, "first_touch")
    if not recs:
        return None
    r = recs[0]
    b = bound(r, "mmap+MADV")
    return (fmt(r["value"], r["unit"]), b["ratio"], b["ratio"] >= 0.7, "≥ 0.7× mmap+MADV_HUGEPAGE")


def check_memcpy(run):
    recs = figure(run, "memcpy_into") + figure(run, "memcpy_out")
    ratio, r = worst(recs, lambda r: r["bounds"][0]["ratio"], pick=min)
    if r is None:
        return None
    way = "into" if r["figure"] == "memcpy_into" else "out of"
    return (f"{fmt(r['value'], r['unit'])} ({way} mapped; worst)", ratio, ratio >= 0.95,
            "≥ 0.95× memcpy")


def check_flush(run):
    recs = figure(run, "flush") + figure(run, "invalidate")
    ratio, r = worst(recs, lambda r: r["bounds"][0]["ratio"])
    if r is None:
        return None
    return (f"{fmt_ns(r['value'])} ({r['figure']}; worst)", ratio, ratio <= 4, "≤ 4× indirect call")


def check_returned(run):
    recs = figure(run, "memory_returned")
    if not recs:
        return None
    kib = recs[0]["value"]
    return (f"{fmt(kib, 'KiB')} held", None, kib <= 2048, "≤ 2 MiB")


def check_live(run):
    recs = figure(run, "live_small")
    if not recs:
        return None
    r = recs[0]
    made = r["extra"].get("made", 0)
    ok = made >= 200000 and r["value"] <= 256
    text = f"{r['value']:.0f} B each"
    if made < 200000:
        text += f", failed after {made:.0f} (VkResult {r['extra'].get('result', 0):.0f})"
    return (text, None, ok, "all succeed, ≤ 256 B each")


def check_placed(run):
    recs = figure(run, "placed_map")
    if not recs:
        return None
    r = recs[0]
    ratio = r["bounds"][0]["ratio"]
    return (fmt_ns(r["value"]), ratio, ratio <= 1.5, "≤ 1.5× the mmap pair")


def check_copy(run):
    recs = figure(run, "copy_buffer")
    if not recs:
        return None
    r = recs[0]
    ratio = r["bounds"][0]["ratio"]
    return (fmt(r["value"], r["unit"]), ratio, ratio >= 0.8, "≥ 0.8× memcpy")


def check_empty_submit(run):
    value, r = worst(figure(run, "empty_submit"), lambda r: r["value"])
    if r is None:
        return None
    return (f"{fmt_ns(value)} ({r['param']}; worst)", r["bounds"][0]["ratio"], value <= 20000,
            "≤ 20 µs")


TARGETS = [
    ("start-up, memvk's share of create instance … destroy (fresh process): time", "startup",
     check_startup_time),
    ("start-up: added RSS", "startup", check_startup_rss),
    ("`vkAllocateMemory`+`vkFreeMemory` 64 B – 64 KiB vs malloc+free", "alloc_free",
     check_alloc_small_malloc),
    ("the same vs mmap+munmap", "alloc_free", check_alloc_small_mmap),
    ("the same, 1 MiB – 1 GiB vs mmap+munmap", "alloc_free", check_alloc_large),
    ("the same from 2 threads, ≤ 64 KiB: aggregate throughput", "alloc_free_2t", check_two_threads),
    ("map+unmap and map2+unmap2, any size and offset", "map_unmap", check_map),
    ("first touch: allocate + map + write a fresh 256 MiB", "first_touch", check_first_touch),
    ("steady-state memcpy into / out of mapped memory, 64 MiB", "memcpy_into", check_memcpy),
    ("flush / invalidate on coherent memory", "flush", check_flush),
    ("memory given back: allocate, touch, free 256 MiB", "memory_returned", check_returned),
    ("live small allocations: 200,000 × 256 B", "live_small", check_live),
    ("placed map + reserve-unmap of 1 MiB", "placed_map", check_placed),
    ("`vkCmdCopyBuffer` 64 MiB, submit to fence signalled", "copy_buffer", check_copy),
    ("empty submission to fence signalled and waited", "empty_submit", check_empty_submit),
]


def skip_reason(run, fig):
    for (f, _), reason in run["skips"].items():
        if f == fig:
            return reason
    return None


def evaluate(run):
    rows = []
    for what, fig, check in TARGETS:
        res = check(run)
        if res is None:
            reason = skip_reason(run, fig) or "not measured"
            rows.append((what, None, None, None, None, reason))
        else:
            text, ratio, met, target = res
            rows.append((what, target, text, ratio, met, None))
    return rows


def verdict(met):
    return {True: "met", False: "**missed**", None: "skipped"}[met]


def targets_table(subject, peers):
    lines = []
    head = f"| what | target | {subject['label']} | ratio | |"
    sep = "|---|---|---|---|---|"
    for p in peers:
        head += f" {p['label']} | ratio |"
        sep += "---|---|"
    lines += [head, sep]
    peer_rows = [evaluate(p) for p in peers]
    for i, (what, target, text, ratio, met, reason) in enumerate(evaluate(subject)):
        target = target or next((r[i][1] for r in peer_rows if r[i][1]), "")
        row = f"| {what} | {target} | {text or 'skipped: ' + reason} | {fmt_ratio(ratio)} | {verdict(met)} |"
        for rows in peer_rows:
            _, _, ptext, pratio, pmet, preason = rows[i]
            row += f" {ptext or 'skipped: ' + preason} | {fmt_ratio(pratio)} |"
        lines.append(row)
    return "\n".join(lines)


def details_table(runs):
    """Every figure, every parameter: driver value, bounds, ratio with quartiles."""
    lines = []
    figures = []
    for run in runs:
        for (f, p) in run["results"]:
            if (f, p) not in figures:
                figures.append((f, p))
    lines.append("| figure | parameter | driver | value | bound | bound value | ratio (p25–p75) |")
    lines.append("|---|---|---|---|---|---|---|")
    for f, p in figures:
        for run in runs:
            r = run["results"].get((f, p))
            if r is None:
                reason = run["skips"].get((f, p))
                if reason:
                    lines.append(f"| {f} | {p} | {run['label']} | skipped: {reason} | | | |")
                continue
            bounds = r["bounds"] or [None]
            for k, b in enumerate(bounds):
                value = fmt(r["value"], r["unit"]) if k == 0 else "″"
                if b is None:
                    lines.append(f"| {f} | {p} | {run['label']} | {value} | | | |")
                    continue
                ratio = fmt_ratio(b.get("ratio"))
                if b.get("ratio_p25") is not None:
                    ratio += f" ({b['ratio_p25']:.3g}–{b['ratio_p75']:.3g})"
                bunit = r["unit"] if r["unit"] != "x" else "x"
                lines.append(f"| {f} | {p} | {run['label']} | {value} | {b['name']} | "
                             f"{fmt(b.get('value'), bunit)} | {ratio} |")
        extras = [(run["label"], run["results"][(f, p)]["extra"]) for run in runs
                  if (f, p) in run["results"] and run["results"][(f, p)]["extra"]]
        for label, extra in extras:
            text = ", ".join(f"{k}={v:.4g}" if isinstance(v, (int, float)) else f"{k}={v}"
                             for k, v in extra.items())
            lines.append(f"| {f} | {p} | {label} | *{text}* | | | |")
    return "\n".join(lines)


def runs_table(runs):
    lines = ["| run | device | driver info | mode | load average (start → end) | took |",
             "|---|---|---|---|---|---|"]
    for run in runs:
        r, e = run["run"], run["end"]
        load_start = " ".join(r.get("loadavg", "").split()[:3])
        load_end = " ".join(e.get("loadavg", "").split()[:3])
        mode = "--quick" if r.get("quick") else "full"
        lines.append(f"| {run['label']} | {r.get('device', '')} | {r.get('driver_info', '')} | "
                     f"{mode} | {load_start} → {load_end} | {e.get('elapsed_s', 0):.0f} s |")
    if runs:
        r = runs[0]["run"]
        lines.append("")
        lines.append(f"Machine: {r.get('cpus')} CPUs, kernel {r.get('kernel')}, "
                     f"transparent huge pages `{r.get('thp')}`.")
    return "\n".join(lines)


# --- the plot: allocate+free latency against size, log-log, as plain SVG -------

def svg_plot(subject, peers):
    series = []  # (name, colour, dash, [(bytes, ns)])
    colours = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b"]
    for i, run in enumerate([subject] + peers):
        pts = [(param_bytes(r["param"]), r["value"]) for r in figure(run, "alloc_free")
               if param_bytes(r["param"])]
        series.append((f"{run['label']}: vkAllocateMemory+vkFreeMemory", colours[i % len(colours)],
                       "", sorted(pts)))
    for name, colour, dash in (("malloc+free", "#7f7f7f", "6,4"), ("mmap+munmap", "#000000", "6,4"),
                               ("mmap+madvise", "#000000", "2,3")):
        pts = []
        label = None
        for r in figure(subject, "alloc_free"):
            b = bound(r, name)
            if b and param_bytes(r["param"]):
                pts.append((param_bytes(r["param"]), b["value"]))
                label = b["name"]
        if pts:
            series.append((f"{label} (bound)", colour, dash, sorted(pts)))
    allpts = [p for s in series for p in s[3] if p[1] and p[1] > 0]
    if not allpts:
        return None
    W, H, L, R, T, B = 760, 470, 80, 30, 40, 120
    # x: powers of two, a tick every 16x; y: powers of ten.
    xmin = math.floor(math.log2(min(p[0] for p in allpts)) / 4) * 4
    xmax = math.ceil(math.log2(max(p[0] for p in allpts)) / 4) * 4
    ymin = math.floor(math.log10(min(p[1] for p in allpts)))
    ymax = math.ceil(math.log10(max(p[1] for p in allpts)))

    def X(v):
        return L + (math.log2(v) - xmin) / (xmax - xmin) * (W - L - R)

    def Y(v):
        return H - B - (math.log10(v) - ymin) / (ymax - ymin) * (H - T - B)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
           f'viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W / 2}" y="22" text-anchor="middle" font-size="15">'
           f'vkAllocateMemory + vkFreeMemory against allocation size (log-log, medians)</text>']
    for e in range(xmin, xmax + 1, 4):
        x = X(2 ** e)
        out.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{H - B + 16}" text-anchor="middle">'
                   f'{size_label(2 ** e)}</text>')
    for e in range(ymin, ymax + 1):
        y = Y(10 ** e)
        out.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{L - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt_ns(10 ** e)}</text>')
    out.append(f'<rect x="{L}" y="{T}" width="{W - L - R}" height="{H - T - B}" fill="none" '
               f'stroke="#444"/>')
    out.append(f'<text x="{(L + W - R) / 2}" y="{H - B + 34}" text-anchor="middle">'
               f'allocation size</text>')
    out.append(f'<text transform="translate(18,{(T + H - B) / 2}) rotate(-90)" '
               f'text-anchor="middle">time per allocate + free</text>')
    for i, (name, colour, dash, pts) in enumerate(series):
        pts = [p for p in pts if p[1] and p[1] > 0]
        if not pts:
            continue
        path = " ".join(f"{X(a):.1f},{Y(b):.1f}" for a, b in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                   f'stroke-width="2"{dash_attr}/>')
        for a, b in pts:
            out.append(f'<circle cx="{X(a):.1f}" cy="{Y(b):.1f}" r="3" fill="{colour}"/>')
        lx = L + (i % 2) * 330
        ly = H - B + 52 + (i // 2) * 18
        out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 28}" y2="{ly - 4}" stroke="{colour}" '
                   f'stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="{lx + 34}" y="{ly}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def size_label(b):
    for unit, n in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if b >= n:
            return f"{b / n:.3g} {unit}"
    return f"{b:.0f} B"


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def replace_region(text, name, body):
    start, end = f"<!-- bench-report:{name} -->", f"<!-- /bench-report:{name} -->"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        return text + f"\n{start}\n{body}\n{end}\n"
    return pattern.sub(lambda _: f"{start}\n{body}\n{end}", text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", nargs="+", help="memvk-bench --json outputs")
    ap.add_argument("--docs", default=os.path.join(os.path.dirname(__file__), "..", "docs",
                                                    "performance.md"))
    ap.add_argument("--svg", default=None, help="default: next to --docs, performance.svg")
    ap.add_argument("--subject", default="memvk", help="label of the run checked against the targets")
    ap.add_argument("--print", action="store_true", help="print the target table only")
    args = ap.parse_args()

    runs = [load(p) for p in args.runs]
    subject = next((r for r in runs if r["label"] == args.subject), runs[0])
    peers = [r for r in runs if r is not subject]
    table = targets_table(subject, peers)
    if args.print:
        print(table)
        return 0

    svg = svg_plot(subject, peers)
    svg_path = args.svg or os.path.join(os.path.dirname(args.docs), "performance.svg")
    if svg:
        with open(svg_path, "w") as f:
            f.write(svg)
    text = open(args.docs).read() if os.path.exists(args.docs) else "# Performance\n"
    text = replace_region(text, "targets", table)
    text = replace_region(text, "details", details_table([subject] + peers))
    text = replace_region(text, "runs", runs_table([subject] + peers))
    with open(args.docs, "w") as f:
        f.write(text)
    print(table)
    print(f"wrote {args.docs}" + (f" and {svg_path}" if svg else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

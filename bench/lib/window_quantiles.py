"""Percentiles of Prometheus histograms over the window between two scrapes.

Usage: window_quantiles.py BEFORE AFTER METRIC LABEL
Prints one line per value of LABEL: "<value> <count> <p50 ms> <p99 ms>", where the percentiles
are read from the differences of the cumulative buckets (the upper bound of the bucket that holds
the percentile, so they are exact to the bucket width).
"""
import re
import sys

before_path, after_path, metric, label = sys.argv[1:5]
LINE = re.compile(r'^' + re.escape(metric) + r'_bucket\{(.*)\} (\S+)$')


def buckets(path):
    out = {}
    with open(path) as f:
        for line in f:
            m = LINE.match(line.strip())
            if not m:
                continue
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
            le = float('inf') if labels['le'] == '+Inf' else float(labels['le'])
            out.setdefault(labels.get(label, ''), {})[le] = float(m.group(2))
    return out


def quantile(cumulative, q):
    total = cumulative[-1][1]
    for le, count in cumulative:
        if count >= q * total:
            return le
    return float('inf')


before, after = buckets(before_path), buckets(after_path)
for key in sorted(after):
    cumulative = sorted((le, n - before.get(key, {}).get(le, 0.0)) for le, n in after[key].items())
    total = cumulative[-1][1] if cumulative else 0
    if total <= 0:
        continue
    print(key, int(total), '%.3f' % (1000 * quantile(cumulative, 0.5)),
          '%.3f' % (1000 * quantile(cumulative, 0.99)))

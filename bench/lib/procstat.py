"""Reads /proc for the harness: CPU ticks of processes, resident memory, machine-wide CPU.

  snap PID...                 -> "time total_ticks idle_ticks pid:ticks ..."
  delta SNAP0 SNAP1 OWN_PID...-> "seconds own_cpu_s other_cpu_s machine_busy_pct"
      own = the listed pids (runtime JVMs or pgbench); other = every other pid of the snapshots
      (the Postgres backends), counted from SNAP0 or from zero if it appeared later.
  rss PID                     -> resident set size in KiB
"""
import os
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def machine():
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    return sum(cpu[:8]), cpu[3] + cpu[4]


def snap(pids):
    total, idle = machine()
    parts = [f"{time.time():.6f}", str(total), str(idle)]
    for pid in dict.fromkeys(pids):
        t = ticks(pid)
        if t is not None:
            parts.append(f"{pid}:{t}")
    return " ".join(parts)


def parse(s):
    t, total, idle, *rest = s.split()
    return float(t), int(total), int(idle), dict(p.split(":") for p in rest)


def delta(s0, s1, own):
    t0, tot0, idle0, p0 = parse(s0)
    t1, tot1, idle1, p1 = parse(s1)
    # A process gone by the second snapshot cannot be accounted for: nan rather than a wrong 0.
    own_s = sum(int(p1[p]) - int(p0.get(p, 0)) for p in own if p in p1) / HZ
    other = [p for p in p1 if p not in own]
    other_s = sum(int(p1[p]) - int(p0.get(p, 0)) for p in other) / HZ
    busy = 100.0 * (1 - (idle1 - idle0) / max(tot1 - tot0, 1))
    own_txt = f"{own_s:.3f}" if all(p in p1 for p in own) else "nan"
    other_txt = f"{other_s:.3f}" if other else "nan"
    return f"{t1 - t0:.3f} {own_txt} {other_txt} {busy:.1f}"


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "snap":
        print(snap(args))
    elif cmd == "delta":
        print(delta(args[0], args[1], set(args[2:])))
    elif cmd == "rss":
        print(rss_kib(args[0]))
    else:
        sys.exit(f"unknown command {cmd}")

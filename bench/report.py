#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the "bench: KEY VALUE" lines of each profile's run into the
benchmark report: report.md and report.json, growth.dat and growth.png
(gnuplot) in the output directory.

  report.py OUTDIR PROFILE...

OUTDIR/PROFILE.txt holds a profile's lines, OUTDIR/PROFILE.cmd the
command that made them.  A profile without results is left out.
"""
import json
import os
import shutil
import subprocess
import sys

I2C_KHZ = 1000
SONIC_DOM_S = 60.0	# xcvrd DOM period
SONIC_PASS_S = 109.0	# one measured 64-port pass
FBOSS_DOM_S = 10.0	# qsfp_service period


def num(v):
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def load(outdir, profile):
    path = os.path.join(outdir, profile + ".txt")
    if not os.path.exists(path):
        return None
    res = {}
    with open(path) as f:
        for ln in f:
            parts = ln.split()
            if len(parts) >= 3 and parts[0] == "bench:":
                res[parts[1]] = num(parts[2])
    cmd = os.path.join(outdir, profile + ".cmd")
    res["_command"] = open(cmd).read().strip() if os.path.exists(cmd) else ""
    st = os.path.join(outdir, "vm-" + profile, "result")
    res["_result"] = open(st).read().strip() if os.path.exists(st) else ""
    return res


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def fit(xs, ys):
    """Least squares y = a + b x: (a, b, r2)."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if not sxx:
        return None
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    ss = sum((y - my) ** 2 for y in ys)
    res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys))
    return a, b, (1 - res / ss) if ss else 1.0


def ms(us):
    return "%.2f" % (us / 1000.0) if isinstance(us, (int, float)) else "-"


def first_with(runs, key):
    """(profile, results) of the first profile that measured KEY."""
    return next(((p, r) for p, r in runs.items() if key in r), (None, None))


def verdict(ok):
    return "met" if ok else "NOT met"


def i2c_page_ms(length=128, khz=I2C_KHZ):
    """What the model charges one CMIS read: (LEN + 3) bytes of 9 bits."""
    return (length + 3) * 9 / khz


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    outdir = argv[1]
    runs = {p: r for p in argv[2:] for r in [load(outdir, p)] if r}
    md = []
    js = {"profiles": {p: {k: v for k, v in r.items()} for p, r in runs.items()},
          "figures": {}}
    fig = js["figures"]
    make_cmd = "make bench PROFILES=\"%s\"" % " ".join(runs)
    md.append("# cpo benchmark report\n")
    md.append("Made by `%s` (one guest per profile, TCG on this machine).  "
              "Every figure is a count or a ratio of two paths in one guest "
              "run; guest times are shown only to make the ratios readable "
              "and are inflated by the emulated CPU.  Each section names the "
              "command that reproduces it.\n" % make_cmd)

    late = [p for p, r in runs.items() if "status=0 " not in r["_result"] + " "]
    md.append("Guest runs: " + "; ".join("%s: %s" % (p, r["_result"] or "?") for p, r in runs.items()) +
              (" (%s did not finish: status 124 is a timeout; its later figures are missing)" %
               ", ".join(late) if late else "") + ".\n")

    try:
        loadavg = open("/proc/loadavg").read().split()[:3]
        md.append("Host load average when the report was made: %s (1, 5, 15 min) on %d CPUs; "
                  "latency tails and kernel times follow it.\n" % (", ".join(loadavg), os.cpu_count() or 0))
    except OSError:
        pass

    # 1. latency
    p, lat = first_with(runs, "latency_msix_events")
    if lat:
        md.append("## 1. Event latency: fault in the model to `cpoctl monitor` and to the netlink notification\n")
        md.append("Profile %s, command: `%s`.  The model fails (then repairs) "
                  "laser 0 when the guest next rings its mailbox doorbell "
                  "(`cpo-sim ctl on-mbox`, the doorbell of a sysfs write to "
                  "another laser); the clock starts when the driver rang it "
                  "(its `cpo_mbox_cmd` tracepoint less the wait it reports, on "
                  "CLOCK_MONOTONIC).  Paths: the driver's `cpo_event` tracepoint, "
                  "the line `cpoctl monitor` prints, the netlink notification "
                  "read by a listener of the monitor group.  Polling fallback: "
                  "`force_poll=1` reloaded in the same guest, its default period "
                  "%s ms.\n" %
                  (p, lat["_command"], lat.get("latency_poll_period_ms", "?")))
        md.append("| path | mode | events | missed | p50 ms | p99 ms | max ms |")
        md.append("|---|---|---|---|---|---|---|")
        f = fig["latency"] = {}
        for path in ("driver", "monitor", "netlink"):
            for mode in ("msix", "poll"):
                k = "latency_%s_%s_" % (mode, path)
                md.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                    {"driver": "driver (cpo_event tracepoint)", "monitor": "cpoctl monitor line",
                     "netlink": "netlink notification"}[path],
                    "MSI-X" if mode == "msix" else "polling",
                    lat.get("latency_%s_events" % mode, "-"),
                    lat.get("latency_%s_missed" % mode, "-"),
                    ms(lat.get(k + "p50_us")), ms(lat.get(k + "p99_us")),
                    ms(lat.get(k + "max_us"))))
                f["%s_%s" % (mode, path)] = {q: lat.get(k + q + "_us") for q in ("p50", "p99", "max")}
        md.append("")
        md.append("| ratio polling / MSI-X | p50 | p99 | target | |")
        md.append("|---|---|---|---|---|")
        for path in ("driver", "monitor", "netlink"):
            r50 = ratio(lat.get("latency_poll_%s_p50_us" % path), lat.get("latency_msix_%s_p50_us" % path))
            r99 = ratio(lat.get("latency_poll_%s_p99_us" % path), lat.get("latency_msix_%s_p99_us" % path))
            f["ratio_%s" % path] = {"p50": r50, "p99": r99}
            md.append("| %s | %s | %s | p99 >= 10 | %s |" % (
                path, r50, r99, verdict(r99 is not None and r99 >= 10)))
        md.append("\nDevice side during the MSI-X run: %s events, %s mailbox commands "
                  "(one per measured event: the doorbell that triggers the fault), "
                  "%s telemetry copies.\n" % (
                      lat.get("latency_msix_device_events"), lat.get("latency_msix_mbox_cmds"),
                      lat.get("latency_msix_snapshots")))

    # 2. CPU
    p, cpu = first_with(runs, "cpu_idle_kernel_ms_per_min")
    if cpu:
        md.append("## 2. Driver cost: guest kernel CPU time and device accesses per minute\n")
        md.append("Profile %s, command: `%s`.  Kernel time is system + irq + "
                  "softirq of both guest CPUs from /proc/stat over %s s windows, "
                  "scaled to a minute; the driver's share is a window minus the "
                  "same window with the device unbound (the guest's own noise).  "
                  "Device accesses are the driver's debugfs counters.  The reader "
                  "reads all %s readable telemetry attributes (every readable file "
                  "but the CMIS images `eeprom`, section 4's path) once a second in "
                  "one process, or back to back when a pass takes longer (%s passes "
                  "in the window); "
                  "the storm asks the model for %s events a second.\n" % (
                      p, cpu["_command"], cpu.get("cpu_window_s"),
                      cpu.get("reader_attributes", "?"), cpu.get("reader_passes", "?"),
                      int(cpu.get("storm_events_asked", 0) * 60 / 60 / max(1, cpu.get("cpu_window_s", 1)))))
        base = cpu.get("cpu_unbound_kernel_ms_per_min", 0)
        md.append("| window | kernel ms/min | above unbound, ms/min (the driver, and the reader's or storm's own syscalls) | % of one CPU | telemetry copies/min | mailbox cmds/min | events/min | watchdog runs/min |")
        md.append("|---|---|---|---|---|---|---|---|")
        f = fig["cpu"] = {}
        for w in ("unbound", "idle", "reader", "storm"):
            k = "cpu_%s_" % w
            kern = cpu.get(k + "kernel_ms_per_min")
            drv = None if w == "unbound" or kern is None else max(0, kern - base)
            f[w] = {"kernel_ms_per_min": kern, "driver_ms_per_min": drv,
                    "snapshots_per_min": cpu.get(k + "snapshots_per_min"),
                    "mbox_cmds_per_min": cpu.get(k + "mbox_cmds_per_min"),
                    "events_per_min": cpu.get(k + "events_per_min"),
                    "watchdog_runs_per_min": cpu.get(k + "watchdog_runs_per_min")}
            md.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                w, kern, "-" if drv is None else drv,
                "-" if drv is None else "%.2f" % (drv / 600.0),
                *(cpu.get(k + x, "-") for x in ("snapshots_per_min", "mbox_cmds_per_min",
                                                 "events_per_min", "watchdog_runs_per_min"))))
        idle = f["idle"]
        rd = f["reader"]
        st = f["storm"]
        passes = max(1, cpu.get("reader_passes", 1))
        per_pass = (rd["snapshots_per_min"] or 0) * cpu.get("cpu_window_s", 60) / 60.0 / passes
        md.append("")
        md.append("| figure | value | target | |")
        md.append("|---|---|---|---|")
        idle_runs = idle["watchdog_runs_per_min"] or 0
        md.append("| telemetry copies per minute at idle | %s | at most one per watchdog run (%s): the watchdog's own copy for the alarm history and the 10 s statistics | %s |" % (
            idle["snapshots_per_min"], idle_runs,
            verdict(idle["snapshots_per_min"] is not None and idle["snapshots_per_min"] <= idle_runs * 1.02 + 1)))
        md.append("| mailbox commands per minute at idle | %s | 0 | %s |" % (
            idle["mbox_cmds_per_min"], verdict(idle["mbox_cmds_per_min"] == 0)))
        md.append("| watchdog runs per minute at idle | %s | 600, one per 100 ms update period (within 10 %%; the guest's timer runs fast under TCG: its boot log reports APIC calibration 127 ms for 100 ms) | %s |" % (
            idle["watchdog_runs_per_min"], verdict(abs((idle["watchdog_runs_per_min"] or 0) - 600) <= 60)))
        md.append("| telemetry copies per minute with the reader (%s attributes, %.1f copies per pass) | %s | at most one per update period, however many attributes are read: <= the watchdog's runs in the same window (%s) | %s |" % (
            cpu.get("reader_attributes", "?"), per_pass, rd["snapshots_per_min"], rd["watchdog_runs_per_min"],
            verdict(rd["snapshots_per_min"] is not None and rd["watchdog_runs_per_min"] is not None and
                    rd["snapshots_per_min"] <= rd["watchdog_runs_per_min"] * 1.02 + 1)))
        md.append("| mailbox commands with the reader | %s | 0 | %s |" % (
            rd["mbox_cmds_per_min"], verdict(rd["mbox_cmds_per_min"] == 0)))
        md.append("| driver CPU at idle, %% of one CPU | %s | < 1 | %s |" % (
            "%.2f" % (idle["driver_ms_per_min"] / 600.0) if idle["driver_ms_per_min"] is not None else "-",
            verdict(idle["driver_ms_per_min"] is not None and idle["driver_ms_per_min"] < 600)))
        asked = cpu.get("storm_events_asked", 0) * 60.0 / max(1, cpu.get("cpu_window_s", 1))
        md.append("| events handled per minute under the storm | %s of %.0f asked (ring overflows: %s, each a resync) | every event asked handled, or an overflow counted and turned into a resync: none lost silently | %s |" % (
            st["events_per_min"], asked, cpu.get("cpu_storm_overflows"),
            verdict(bool(st["events_per_min"]) and
                    (st["events_per_min"] >= 0.98 * asked or (cpu.get("cpu_storm_overflows") or 0) > 0))))
        md.append("\nTCG inflates kernel time (timer and interrupt emulation); the unbound "
                  "window measures that floor in the same run, and the driver's share is "
                  "what remains.\n")

    # 3. growth
    prof = [p for p, r in runs.items() if "snapshot_device_snapshots" in r]
    if prof:
        prof.sort(key=lambda p: runs[p].get("lanes", 0))
        md.append("## 3. Growth: the whole switch in one netlink pass\n")
        md.append("All OEs, lanes, ELSFP slots and lasers through their netlink dumps "
                  "(one pass).  Time is the pass's median in units of a one-message "
                  "get measured in the same run, then relative to tiny.  Memory: the "
                  "module's core size plus the slab one bound device holds.  "
                  "Commands: %s.\n" % "; ".join("%s: `%s`" % (p, runs[p]["_command"]) for p in prof))
        md.append("| profile | lanes | ports | OEs | ELSFPs | lasers | telemetry copies / pass | mailbox cmds / pass | netlink messages | netlink bytes | time (gets) | time vs tiny | module KiB | device slab KiB |")
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        ref = runs.get("tiny", runs[prof[0]]).get("snapshot_time_in_gets")
        rows = []
        f = fig["growth"] = {}
        for p in prof:
            r = runs[p]
            rel = ratio(r.get("snapshot_time_in_gets"), ref)
            mod_kib = r["module_coresize_bytes"] / 1024.0 if "module_coresize_bytes" in r else None
            rows.append((r.get("lanes"), rel, r.get("device_slab_kib"), r.get("snapshot_netlink_bytes")))
            f[p] = {"lanes": r.get("lanes"), "device_accesses": (r.get("snapshot_device_snapshots"), r.get("snapshot_mbox_cmds")),
                    "netlink_messages": r.get("snapshot_netlink_messages"),
                    "netlink_bytes": r.get("snapshot_netlink_bytes"),
                    "time_in_gets": r.get("snapshot_time_in_gets"), "time_vs_tiny": rel,
                    "module_kib": None if mod_kib is None else round(mod_kib, 1),
                    "device_slab_kib": r.get("device_slab_kib")}
            md.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                p, r.get("lanes"), r.get("ports"), r.get("oes"), r.get("elsfps"), r.get("lasers"),
                r.get("snapshot_device_snapshots"), r.get("snapshot_mbox_cmds"),
                r.get("snapshot_netlink_messages"), r.get("snapshot_netlink_bytes"),
                r.get("snapshot_time_in_gets"), rel, "-" if mod_kib is None else "%.0f" % mod_kib,
                r.get("device_slab_kib", "-")))
        acc = {(runs[p].get("snapshot_device_snapshots"), runs[p].get("snapshot_mbox_cmds")) for p in prof}
        md.append("")
        md.append("| figure | value | target | |")
        md.append("|---|---|---|---|")
        ndumps = 4
        md.append("| device accesses per pass across profiles | %s | constant in the lanes: at most one telemetry copy per dump (%d dumps, a copy lives one update period), no mailbox command | %s |" % (
            ", ".join("%s copies, %s mbox" % a for a in sorted(acc, key=str)), ndumps,
            verdict(all(isinstance(a[0], int) and a[0] <= ndumps and a[1] == 0 for a in acc))))
        for name, idx, unit in (("time vs tiny", 1, "x tiny per lane"),
                                ("device slab", 2, "KiB per lane"),
                                ("netlink bytes", 3, "bytes per lane")):
            pts = [(x[0], x[idx]) for x in rows if x[0] is not None and isinstance(x[idx], (int, float))]
            ft = fit([a for a, _ in pts], [b for _, b in pts])
            if ft:
                f["slope_" + name.replace(" ", "_")] = {"per_lane": ft[1], "intercept": ft[0], "r2": ft[2]}
                md.append("| %s: fitted slope | %.4g %s (intercept %.4g, R^2 %.3f) | linear in lanes (R^2 near 1), no worse | %s |" % (
                    name, ft[1], unit, ft[0], ft[2], verdict(ft[2] >= 0.9)))
        with open(os.path.join(outdir, "growth.dat"), "w") as g:
            g.write("# profile lanes time_vs_tiny device_slab_kib netlink_bytes\n")
            for p, x in zip(prof, rows):
                g.write("%s %s %s %s %s\n" % (p, x[0], *("?" if v is None else v for v in x[1:])))
        nmem = len({x[0] for x in rows if isinstance(x[2], (int, float))})
        png = plot(outdir, nmem >= 2) if len({x[0] for x in rows}) >= 2 else None
        if png:
            md.append("\n![time and memory against lanes](growth.png)\n")
            js["plot"] = png
        else:
            md.append("\n(no plot: it needs two lane counts or more, and gnuplot, which `make deps` installs)\n")

    # 4. I2C
    ip = [p for p, r in runs.items() if "i2c_dom_pass_cmis_reads" in r]
    if ip:
        ip.sort(key=lambda p: runs[p].get("lanes", runs[p].get("i2c_ports", 0)))
        pg = i2c_page_ms()
        md.append("## 4. The switch-OS path: one DOM pass over CMIS pages against netlink\n")
        md.append("`ethtool -m` on every port (the CMIS pages a switch OS reads for one "
                  "DOM pass) with the model charging each read an I2C transfer at %d kHz "
                  "(`cpo-sim --i2c-khz`/`i2c-khz`: %.3f ms per 128-byte page), against "
                  "the netlink dumps of the same values (OEs, lanes, lasers: `cpoctl -j "
                  "oe|lane|laser show`).  Commands: %s.\n" % (
                      I2C_KHZ, pg, "; ".join("%s: `%s`" % (p, runs[p]["_command"]) for p in ip)))
        md.append("| profile | ports | CMIS reads / pass | reads / port | mailbox cmds of the netlink pass | time ratio ethtool -m / cpoctl | ethtool -m pass (guest, TCG) | I2C bus time of one pass | cpoctl pass, three processes (guest, TCG) | whole-switch netlink dump in one process (guest, TCG) | passes in SONiC's 60 s | passes in FBOSS's 10 s | I2C pass vs a 100 ms period |")
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        f = fig["i2c"] = {}
        for p in ip:
            r = runs[p]
            reads = r["i2c_dom_pass_cmis_reads"]
            ports = r.get("i2c_ports", 1) or 1
            bus_s = reads * pg / 1000.0
            nl_ms = r.get("i2c_dom_pass_guest_ms_netlink")
            f[p] = {"ports": ports, "cmis_reads": reads, "ratio_i2c_over_netlink": r.get("i2c_dom_pass_time_ratio_i2c_over_netlink"),
                    "i2c_bus_s": round(bus_s, 3), "netlink_guest_ms": nl_ms,
                    "netlink_dom_mbox_cmds": r.get("i2c_netlink_dom_mbox_cmds")}
            f[p]["ethtool_guest_ms"] = r.get("i2c_dom_pass_guest_ms_ethtool")
            f[p]["snapshot_guest_ms"] = r.get("snapshot_guest_ms")
            md.append("| %s | %s | %s | %.1f | %s | %s | %s ms | %.2f s | %s ms | %s ms | %.0f | %.0f | %.0fx |" % (
                p, ports, reads, reads / ports, r.get("i2c_netlink_dom_mbox_cmds"),
                r.get("i2c_dom_pass_time_ratio_i2c_over_netlink"),
                r.get("i2c_dom_pass_guest_ms_ethtool", "-"), bus_s, nl_ms,
                r.get("snapshot_guest_ms", "-"),
                SONIC_DOM_S / bus_s, FBOSS_DOM_S / bus_s, bus_s / 0.1))
        md.append("")
        md.append("| figure | value | target | |")
        md.append("|---|---|---|---|")
        for p in ip:
            r = runs[p]
            rr = r.get("i2c_dom_pass_time_ratio_i2c_over_netlink") or 0
            md.append("| %s: DOM pass, ethtool -m with the I2C clock / cpoctl over netlink | %sx | > 1: the netlink pass beats the bus | %s |" % (p, rr, verdict(rr > 1)))
            sg = r.get("snapshot_guest_ms")
            md.append("| %s: whole-switch netlink dump, one process | %s ms | < 100 ms: the whole switch within one update period, even emulated | %s |" % (
                p, sg if sg is not None else "-", verdict(sg is not None and float(sg) < 100)))
            md.append("| %s: device accesses of the netlink pass | %s mailbox commands | 0: served from the telemetry region | %s |" % (
                p, r.get("i2c_netlink_dom_mbox_cmds"), verdict(r.get("i2c_netlink_dom_mbox_cmds") == 0)))
        md.append("| freshness (arithmetic on the periods, not a measurement): 100 ms telemetry against SONiC's 60 s DOM period | %.0fx fresher | >= 100x | %s |" % (SONIC_DOM_S / 0.1, verdict(True)))
        md.append("| against SONiC's measured 64-port pass (109 s) | %.0fx | >= 100x | %s |" % (SONIC_PASS_S / 0.1, verdict(True)))
        md.append("| against FBOSS's 10 s | %.0fx fresher | >= 10x | %s |" % (FBOSS_DOM_S / 0.1, verdict(True)))
        md.append("\nThe I2C column is the bus time alone (no OS, no CMIS page selects, "
                  "one bus per module in parallel would divide it by the buses); SONiC "
                  "measured 109 s for one 64-port pass.  The netlink pass is the guest's "
                  "time under TCG, an upper bound.\n")

    # existing figures
    md.append("## Other figures (per profile)\n")
    keys = ["sysfs_attributes_per_snapshot", "sysfs_mailbox_commands", "lanes_time_ratio_sysfs_over_netlink",
            "lanes_syscalls_sysfs", "lanes_syscalls_netlink", "netlink_lane_dump_snapshots",
            "cmis_mailbox_commands_per_port", "netlink_port_dump_mailbox_commands",
            "ports_time_ratio_ethtool_over_netlink", "module_coresize_bytes", "device_slab_kib",
            "device_slab_per_port_kib", "device_slab_share_of_port_netdevs"]
    plist = sorted(runs, key=lambda p: runs[p].get("lanes", 0))
    md.append("| figure | " + " | ".join(plist) + " |")
    md.append("|---|" + "---|" * len(plist))
    for k in keys:
        md.append("| %s | %s |" % (k, " | ".join(str(runs[p].get(k, "-")) for p in plist)))
    md.append("\nSection run times in the guest (s): " + "; ".join(
        "%s: %s" % (p, ", ".join("%s %s" % (k[8:-2], v) for k, v in runs[p].items()
                                 if k.startswith("section_")))
        for p in plist) + "\n")

    js["command"] = make_cmd
    with open(os.path.join(outdir, "report.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    with open(os.path.join(outdir, "report.json"), "w") as f:
        json.dump(js, f, indent=1, sort_keys=True)
        f.write("\n")
    return 0


def plot(outdir, mem):
    gp = shutil.which("gnuplot")
    if not gp:
        return None
    script = """
set fit quiet
set datafile missing '?'
set fit logfile '/dev/null'
set terminal pngcairo size 900,540 noenhanced
set output '%(o)s/growth.png'
set title 'whole-switch netlink pass against lanes'
set xlabel 'lanes'
set ylabel 'dump time relative to tiny'
set y2label 'device slab (KiB)'
set ytics nomirror
set y2tics
set key left top
set grid
f(x) = a + b * x
g(x) = c + d * x
a = 1; b = 0.001; c = 1; d = 1
fit f(x) '%(o)s/growth.dat' using 2:3 via a, b
%(memfit)s
plot '%(o)s/growth.dat' using 2:3 with points pt 7 title 'time', \\
     f(x) title sprintf('time fit: %%.3g per lane', b)%(memplot)s
"""
    memfit = "fit g(x) '%s/growth.dat' using 2:4 via c, d" % outdir if mem else ""
    memplot = (", \\\n     '%(o)s/growth.dat' using 2:4 axes x1y2 with points pt 5 title 'memory', \\\n"
               "     g(x) axes x1y2 title sprintf('memory fit: %%.3g KiB per lane', d)" % {"o": outdir}) if mem else ""
    script = script % {"o": outdir, "memfit": memfit, "memplot": memplot}
    r = subprocess.run([gp], input=script, text=True, capture_output=True)
    if r.returncode or not os.path.exists(os.path.join(outdir, "growth.png")):
        sys.stderr.write("report: gnuplot failed: %s\n" % r.stderr.strip().splitlines()[-1:])
        return None
    return "growth.png"


if __name__ == "__main__":
    sys.exit(main(sys.argv))

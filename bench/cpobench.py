#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Guest-side measurements of make bench that need a netlink socket or a
tight loop: event latency, the whole-switch netlink snapshot, a reader
polling every attribute, an event storm.  Prints "bench: KEY VALUE" lines,
as guest-bench.sh does.

  cpobench.py latency MODE EVENTS      MODE names the keys (msix, poll)
  cpobench.py snapshot REPS
  cpobench.py reader SECONDS LISTFILE
  cpobench.py storm SECONDS RATE
"""
import os
import re
import select
import socket
import struct
import subprocess
import sys
import threading
import time

TOP = os.environ.get("CPO_TOP") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), ".."))
DBG = "/sys/kernel/debug/cpo/cpo0"
SYS = "/sys/class/cpo/cpo0"
CTL_PORT = "/dev/virtio-ports/cpo.ctl"

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
NLM_F_REQUEST = 1
NLM_F_DUMP = 0x300
NLMSG_ERROR = 2
NLMSG_DONE = 3
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_MCAST_GROUPS = 7


def out(key, value):
    print("bench: %s %s" % (key, value), flush=True)


def uapi_enum(name, prefix):
    """enum NAME of include/uapi/linux/cpo.h as {SUFFIX: value}."""
    with open(os.path.join(TOP, "include/uapi/linux/cpo.h")) as f:
        text = f.read()
    body = re.search(r"enum %s \{(.*?)\};" % name, text, re.S).group(1)
    vals, n = {}, 0
    for m in re.finditer(r"\b%s(\w+)(?:\s*=\s*(\d+))?\s*," % prefix, body):
        if m.group(2) is not None:
            n = int(m.group(2))
        vals[m.group(1)] = n
        n += 1
    return vals


A = uapi_enum("cpo_a", "CPO_A_")
CMD = uapi_enum("cpo_cmd", "CPO_CMD_")
EV = uapi_enum("cpo_event_type", "CPO_EVENT_")
OBJ = uapi_enum("cpo_obj_type", "CPO_OBJ_")
LASER_ST = uapi_enum("cpo_laser_state", "CPO_LASER_STATE_")


def attrs(buf):
    """Top-level netlink attributes as {type: payload}."""
    res, off = {}, 0
    while off + 4 <= len(buf):
        ln, ty = struct.unpack_from("HH", buf, off)
        if ln < 4:
            break
        res[ty & 0x3fff] = buf[off + 4:off + ln]
        off += (ln + 3) & ~3
    return res


def uint(b):
    return int.from_bytes(b, "little") if b else None


class Genl:
    def __init__(self):
        self.s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.s.bind((0, 0))
        self.seq = 0
        fam = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0,
                           self.attr_str(CTRL_ATTR_FAMILY_NAME, "cpo"))[0][0]
        a = attrs(fam)
        self.family = uint(a[CTRL_ATTR_FAMILY_ID])
        self.groups = {}
        grps = a.get(CTRL_ATTR_MCAST_GROUPS, b"")
        for g in attrs(grps).values():
            ga = attrs(g)
            self.groups[ga[1].rstrip(b"\0").decode()] = uint(ga[2])

    @staticmethod
    def attr_str(ty, s):
        p = s.encode() + b"\0"
        return struct.pack("HH", 4 + len(p), ty) + p + b"\0" * (-len(p) % 4)

    def request(self, family, cmd, flags, payload=b""):
        """Send one request; returns ([genl payloads], messages, bytes)."""
        self.seq += 1
        body = struct.pack("BBH", cmd, 1, 0) + payload
        hdr = struct.pack("IHHII", 16 + len(body), family, NLM_F_REQUEST | flags,
                          self.seq, 0)
        self.s.send(hdr + body)
        msgs, nbytes, res = 0, 0, []
        while True:
            data = self.s.recv(1 << 20)
            nbytes += len(data)
            off = 0
            while off + 16 <= len(data):
                ln, ty, fl, seq, pid = struct.unpack_from("IHHII", data, off)
                if ty == NLMSG_DONE:
                    return res, msgs, nbytes
                if ty == NLMSG_ERROR:
                    err = struct.unpack_from("i", data, off + 16)[0]
                    if err:
                        raise OSError(-err, "netlink request %d failed" % cmd)
                    return res, msgs, nbytes
                msgs += 1
                res.append(data[off + 20:off + ln])
                off += (ln + 3) & ~3
            if not flags & NLM_F_DUMP:
                return res, msgs, nbytes

    def join(self, group):
        self.s.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, self.groups[group])


def dbg(name):
    with open(os.path.join(DBG, name)) as f:
        return int(f.read())


def pct(v, p):
    """Nearest-rank percentile of a sorted list."""
    k = max(0, min(len(v) - 1, int(round(p / 100.0 * len(v) + 0.5)) - 1))
    return v[k]


class Ctl:
    """The model's control channel, written directly (no client process)."""

    def __init__(self):
        self.fd = os.open(CTL_PORT, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        self.n = 0
        self.buf = b""

    def send(self, cmd):
        self.n += 1
        os.write(self.fd, ("b%d %s\n" % (self.n, cmd)).encode())
        return "b%d" % self.n

    def drain(self):
        try:
            self.buf += os.read(self.fd, 65536)
        except BlockingIOError:
            pass
        lines = self.buf.split(b"\n")
        self.buf = lines.pop()
        return [x.decode(errors="replace") for x in lines]

    def call(self, cmd, timeout=10.0):
        """Send CMD and wait for its answer; the text, or None."""
        self.drain()
        tag = self.send(cmd)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            select.select([self.fd], [], [], 0.2)
            for ln in self.drain():
                if ln.startswith(tag + " ok"):
                    return ln[len(tag) + 4:]
                if ln.startswith(tag + " "):
                    return None
        return None

    def close(self):
        os.close(self.fd)


class Watch(threading.Thread):
    """Timestamps of laser-state events as `cpoctl monitor` prints them
    and as the netlink notification arrives, taken by a thread of its own
    so that a blocking write elsewhere does not delay them."""

    def __init__(self, laser):
        super().__init__(daemon=True)
        self.nl = Genl()
        self.nl.join("monitor")
        self.mon = subprocess.Popen(["cpoctl", "monitor"], stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, bufsize=0)
        self.mfd = self.mon.stdout.fileno()
        self.laser = laser
        self.pat = re.compile(rb"laser-state laser %d: state (\w+)" % laser)
        self.names = {v: k.lower().replace("_", "-") for k, v in LASER_ST.items()}
        self.seen = []		# (time, "monitor"|"netlink", state name)
        self.cv = threading.Condition()
        self.stop = False

    def note(self, t, kind, state):
        with self.cv:
            self.seen.append((t, kind, state))
            self.cv.notify_all()

    def run(self):
        buf = b""
        while not self.stop:
            r, _, _ = select.select([self.mfd, self.nl.s], [], [], 0.2)
            now = time.monotonic()
            if self.mfd in r:
                chunk = os.read(self.mfd, 65536)
                if not chunk:
                    return
                buf += chunk
                *lines, buf = buf.split(b"\n")
                for ln in lines:
                    m = self.pat.search(ln)
                    if m:
                        self.note(now, "monitor", m.group(1).decode())
            while self.nl.s in r:
                try:
                    data = self.nl.s.recv(1 << 20, socket.MSG_DONTWAIT)
                except OSError:		# drained, or ENOBUFS
                    break
                now = time.monotonic()
                off = 0
                while off + 16 <= len(data):
                    ln = struct.unpack_from("I", data, off)[0]
                    if ln < 16:
                        break
                    a = attrs(data[off + 20:off + ln])
                    if (uint(a.get(A["EVENT_TYPE"])) == EV["LASER_STATE"] and
                            uint(a.get(A["OBJ_TYPE"])) == OBJ["LASER"] and
                            uint(a.get(A["OBJ_INDEX"])) == self.laser):
                        self.note(now, "netlink", self.names.get(uint(a.get(A["VALUE"])), "?"))
                    off += (ln + 3) & ~3

    def wait(self, t0, state, timeout):
        """Times of the first monitor line and notification of STATE after t0."""
        end = time.monotonic() + timeout
        with self.cv:
            while True:
                got = {}
                for t, kind, st in self.seen:
                    if st == state and kind not in got:
                        got[kind] = t
                if len(got) == 2 or time.monotonic() >= end:
                    early = any(t < t0 for t in got.values())
                    return got.get("monitor"), got.get("netlink"), early
                self.cv.wait(0.1)

    def clear(self):
        with self.cv:
            self.seen = []

    def close(self):
        self.stop = True
        self.mon.terminate()
        self.mon.wait()
        self.join(1)


def hw_const(name):
    with open(os.path.join(TOP, "include/cpo_hw.h")) as f:
        return int(re.search(r"\b%s\s*=\s*(\d+)" % name, f.read()).group(1))


TRACE = "/sys/kernel/tracing"
TRACE_MBOX = re.compile(r"\s(\d+\.\d+): cpo_mbox_cmd: \S+ opcode=(\d+) .*latency_us=(\d+)")
TRACE_EVENT = re.compile(r"\s(\d+\.\d+): cpo_event: \S+ seq=\d+ type=(\d+) obj_type=(\d+) "
                         r"obj=(\d+) .*value=(-?\d+)")


def trace_setup():
    """The driver's tracepoints on CLOCK_MONOTONIC, the clock of time.monotonic()."""
    if not os.path.exists(os.path.join(TRACE, "events")):
        subprocess.run(["mount", "-t", "tracefs", "nodev", TRACE], check=False)
    for f, v in (("tracing_on", "0"), ("trace_clock", "mono"), ("buffer_size_kb", "4096"),
                 ("trace", ""), ("events/cpo/cpo_event/enable", "1"),
                 ("events/cpo/cpo_mbox_cmd/enable", "1"), ("tracing_on", "1")):
        with open(os.path.join(TRACE, f), "w") as fd:
            fd.write(v)


def trace_collect():
    with open(os.path.join(TRACE, "tracing_on"), "w") as fd:
        fd.write("0")
    mbox, evs = [], []
    with open(os.path.join(TRACE, "trace")) as fd:
        for ln in fd:
            m = TRACE_MBOX.search(ln)
            if m:
                mbox.append((float(m.group(1)), int(m.group(2)), int(m.group(3)) / 1e6))
                continue
            m = TRACE_EVENT.search(ln)
            if m:
                evs.append((float(m.group(1)),) + tuple(int(x) for x in m.group(2, 3, 4, 5)))
    for f in ("events/cpo/cpo_event/enable", "events/cpo/cpo_mbox_cmd/enable"):
        with open(os.path.join(TRACE, f), "w") as fd:
            fd.write("0")
    return mbox, evs


def latency(mode, events):
    """Fault in the model to the driver, `cpoctl monitor` and netlink.

    The model fails (then repairs) laser 0 when the guest next rings its
    mailbox doorbell (on-mbox); the guest rings it by enabling laser 1,
    already on, through sysfs.  The clock starts when the driver rang
    that doorbell: the completion's tracepoint less the wait it reports,
    on CLOCK_MONOTONIC like the times taken here."""
    laser, other = 0, 1
    op_enable = hw_const("CPO_HW_CMD_LASER_ENABLE")
    hw_ev = hw_const("CPO_HW_EV_LASER_STATE")
    hw_obj = hw_const("CPO_HW_OBJ_LASER")
    hw_st = {"fault": hw_const("CPO_HW_LASER_ST_FAULT"),
             "ramping": hw_const("CPO_HW_LASER_ST_RAMPING")}
    ctl = Ctl()
    w = Watch(laser)
    w.start()
    time.sleep(2.0)		# the monitor has joined its group
    trace_setup()
    runs, missed = [], 0
    e0, m0, s0 = dbg("events"), dbg("mbox_cmds"), dbg("snapshots")
    fail = True
    enable = os.path.join(SYS, "laser%d" % other, "enable")
    warm = 2
    for i in range(events + warm):
        state = "fault" if fail else "ramping"
        if ctl.call("on-mbox laser-fail %d %s now" % (laser, "on" if fail else "off")) is None:
            missed += 1
            continue
        w.clear()
        t0 = time.monotonic()
        try:
            with open(enable, "w") as f:
                f.write("1")
        except OSError:		# the device failed: count it, go on
            missed += 1
            time.sleep(1.0)
            continue
        t1 = time.monotonic()
        t_mon, t_nl, _ = w.wait(t0, state, 5.0)
        if i >= warm:
            runs.append((t0, t1, state, t_mon, t_nl))
        fail = not fail
        # off the model's update period, and past the cascade of the fault
        time.sleep(0.15 + (i * 0.037) % 0.1)
    ctl.call("on-mbox off")
    ctl.call("laser-fail %d off" % laser)
    ctl.close()
    w.close()
    mbox, evs = trace_collect()
    lat = {"driver": [], "monitor": [], "netlink": []}
    for t0, t1, state, t_mon, t_nl in runs:
        done = [m for m in mbox if m[1] == op_enable and t0 <= m[0] <= t1 + 0.001]
        if not done or t_mon is None or t_nl is None:
            missed += 1
            continue
        t_db = done[0][0] - done[0][2]
        # before the notification it caused: a later fault of the same
        # state is not this one's
        drv = [e[0] for e in evs if t_db <= e[0] <= t_nl and
               e[1:] == (hw_ev, hw_obj, laser, hw_st[state])]
        if not drv:
            missed += 1
            continue
        lat["driver"].append(drv[0] - t_db)
        lat["monitor"].append(t_mon - t_db)
        lat["netlink"].append(t_nl - t_db)
    out("latency_%s_events" % mode, len(lat["driver"]))
    out("latency_%s_missed" % mode, missed)
    for name, v in lat.items():
        v.sort()
        if not v:
            continue
        for p, lab in ((50, "p50"), (99, "p99"), (100, "max")):
            out("latency_%s_%s_%s_us" % (mode, name, lab), int(pct(v, p) * 1e6))
    out("latency_%s_device_events" % mode, dbg("events") - e0)
    out("latency_%s_mbox_cmds" % mode, dbg("mbox_cmds") - m0)
    out("latency_%s_snapshots" % mode, dbg("snapshots") - s0)


SNAPSHOT_DUMPS = ("OE_GET", "LANE_GET", "ELS_GET", "LASER_GET")


def snapshot(reps):
    """All OEs, lanes, ELSFPs and lasers through netlink dumps."""
    nl = Genl()
    dev0 = struct.pack("HHI", 8, A["DEV_INDEX"], 0)

    def dump_all():
        msgs = nbytes = 0
        for c in SNAPSHOT_DUMPS:
            _, m, b = nl.request(nl.family, CMD[c], NLM_F_DUMP)
            msgs += m
            nbytes += b
        return msgs, nbytes

    def one_get():
        nl.request(nl.family, CMD["DEV_GET"], 0, dev0)

    # a cold snapshot's device accesses: wait out the telemetry cache
    time.sleep(0.5)
    s0, m0 = dbg("snapshots"), dbg("mbox_cmds")
    msgs, nbytes = dump_all()
    out("snapshot_device_snapshots", dbg("snapshots") - s0)
    out("snapshot_mbox_cmds", dbg("mbox_cmds") - m0)
    out("snapshot_netlink_messages", msgs)
    out("snapshot_netlink_bytes", nbytes)
    # times: median of REPS, the dump against a one-message get in the
    # same run (the unit that makes runs on different profiles comparable)
    t_dump, t_get = [], []
    for _ in range(reps):
        t0 = time.perf_counter()
        dump_all()
        t1 = time.perf_counter()
        for _ in range(10):
            one_get()
        t2 = time.perf_counter()
        t_dump.append(t1 - t0)
        t_get.append((t2 - t1) / 10)
    t_dump.sort()
    t_get.sort()
    md, mg = t_dump[len(t_dump) // 2], t_get[len(t_get) // 2]
    out("snapshot_time_in_gets", "%.2f" % (md / mg))
    out("snapshot_guest_ms", "%.2f" % (md * 1e3))


def reader(seconds, listfile):
    """One agent reading every attribute in LISTFILE (one path a line:
    guest-bench.sh's readable_attrs) once a second."""
    with open(listfile) as f:
        paths = [line.rstrip("\n") for line in f if line.strip()]
    end = time.monotonic() + seconds
    passes = 0
    while time.monotonic() < end:
        t = time.monotonic()
        for p in paths:
            try:
                with open(p, "rb") as f:
                    f.read()
            except OSError:
                pass
        passes += 1
        time.sleep(max(0.0, 1.0 - (time.monotonic() - t)))
    out("reader_attributes", len(paths))
    out("reader_passes", passes)


def storm(seconds, rate):
    """RATE events a second from the model, in bursts of one period."""
    ctl = Ctl()
    per = max(1, int(rate / 10))
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        ctl.send("event-storm %d" % per)
        n += per
        time.sleep(0.1)
        ctl.drain()
    ctl.close()
    out("storm_events_asked", n)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    cmd = argv[1]
    if cmd == "latency":
        latency(argv[2], int(argv[3]))
    elif cmd == "snapshot":
        snapshot(int(argv[2]))
    elif cmd == "reader":
        reader(float(argv[2]), argv[3])
    elif cmd == "storm":
        storm(float(argv[2]), int(argv[3]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

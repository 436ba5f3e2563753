#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""
A switch OS's reader of CPO CMIS images, written from the register maps
alone (CMIS 5.3 for engines, OIF-ELSFP-CMIS for ELSFPs, the offsets,
scales and codes of /work/shared/DOMAIN.md and host-interface.rst): it
opens only oeN/eeprom and elsN/eeprom for the values, with optoe-style
multi-bank linear addressing, as xcvrd would.  It then checks every field
it decoded against sysfs and `cpoctl -j`, and prints one line per check
("ok DESC" or "not ok DESC: why") for cmis-eeprom.sh.

usage: cmis-reader.py DEVDIR
"""
import json
import os
import subprocess
import sys

C = 299792458.0


class Image:
    """One eeprom file, read with optoe-style linear addressing."""

    def __init__(self, path, ppb):
        self.fd = os.open(path, os.O_RDONLY)
        self.ppb = ppb

    def close(self):
        os.close(self.fd)

    def lower(self):
        return os.pread(self.fd, 128, 0)

    def upper(self, page, bank=0):
        off = (bank * self.ppb + page) * 128 + 128
        b = os.pread(self.fd, 128, off)
        if len(b) != 128:
            raise OSError("short read at %d" % off)
        return b


def u16(b, off):
    """big-endian u16 of an upper page at its CMIS byte offset"""
    return b[off - 128] << 8 | b[off - 127]


def s16(b, off):
    v = u16(b, off)
    return v - 65536 if v >= 32768 else v


def byte(b, off):
    return b[off - 128]


BANKS = {0: 1, 1: 2, 2: 4, 3: 8}


def decode_oe(img):
    lo = img.lower()
    d = {
        "id": lo[0], "rev": lo[1], "state": (lo[3] >> 1) & 7,
        "temp_mc": (((lo[14] << 8 | lo[15]) ^ 0x8000) - 0x8000) * 1000 / 256.0,
        "vcc_mv": (lo[16] << 8 | lo[17]) / 10.0,
        "low_power_sw": bool(lo[26] & 0x10),
    }
    p0 = img.upper(0)
    d["id_upper"] = byte(p0, 128)
    p1 = img.upper(1)
    d["banks"] = BANKS[byte(p1, 142) & 3]
    mult = {0: 1, 1: 2, 2: 4}.get((byte(p1, 160) >> 3) & 3, 4)
    p2 = img.upper(2)
    d["temp_thresh_mc"] = [s16(p2, 128 + 2 * i) * 1000 / 256.0 for i in range(4)]
    lanes = []
    for bank in range(d["banks"]):
        p10 = img.upper(0x10, bank)
        p11 = img.upper(0x11, bank)
        for j in range(8):
            lanes.append({
                "dp_state": (byte(p11, 128 + j // 2) >> (4 * (j % 2))) & 0xf,
                "tx_disabled": bool(byte(p10, 130) & (1 << j)),
                "tx_uw": u16(p11, 154 + 2 * j) / 10.0,
                "bias_ua": u16(p11, 170 + 2 * j) * 2.0 * mult,
                "rx_uw": u16(p11, 186 + 2 * j) / 10.0,
            })
    d["lanes"] = lanes
    return d


def decode_els(img):
    lo = img.lower()
    d = {
        "id": lo[0], "rev": lo[1], "func_type": lo[57],
        "state": (lo[3] >> 1) & 7,
        "temp_mc": (((lo[14] << 8 | lo[15]) ^ 0x8000) - 0x8000) * 1000 / 256.0,
        "vcc_mv": (lo[16] << 8 | lo[17]) / 10.0,
    }
    p1 = img.upper(1)
    d["banks"] = BANKS[byte(p1, 142) & 3]
    lasers = []
    for bank in range(d["banks"]):
        a = img.upper(0x1a, bank)
        b = img.upper(0x1b, bank)
        if bank == 0:
            d["max_power_uw"] = u16(a, 128) * 10
            d["min_power_uw"] = u16(a, 130) * 10
            d["max_bias_ua"] = u16(a, 132) * 100
            d["apc"] = bool(byte(a, 140) & 1)
            d["lanes"] = byte(a, 140) >> 1
            d["bias_thresh_ua"] = [u16(a, 141 + 2 * i) * 100 for i in range(4)]
            d["power_thresh_uw"] = [u16(a, 149 + 2 * i) * 10 for i in range(4)]
            d["fc_power_mw"] = byte(a, 248)
            d["icc_ma"] = u16(b, 240) * 0.2
        for k in range(8):
            lasers.append({
                "fault_flag": bool(byte(a, 166 + k // 8) & (1 << (k % 8))),
                "fault_code": byte(a, 212 + k) & 0xf,
                "enabled": bool(byte(a, 220) & (1 << k)),
                "state": (byte(a, 221 + k // 4) >> (2 * (k % 4))) & 3,
                "fiber_checked": bool(byte(a, 223) & (1 << k)),
                "fiber": byte(a, 224 + k),
                "freq_ghz": u16(a, 232 + 2 * k) * 5,
                "bias_set_ua": u16(b, 128 + 2 * k) * 100,
                "power_set_uw": u16(b, 144 + 2 * k) * 10,
                "bias_ua": u16(b, 184 + 2 * k) * 100,
                "power_uw": u16(b, 200 + 2 * k) * 10,
                "lane_v_mv": byte(b, 232 + k) * 15,
            })
    d["lasers"] = lasers
    return d


# ---- the checks: decoded fields against sysfs and cpoctl ----

results = []


def check(desc, ok, why=""):
    results.append((desc, ok, why))


def near(a, b, rel, absl):
    return abs(a - b) <= max(absl, rel * max(abs(a), abs(b)))


def attr(path):
    with open(path) as f:
        return f.read().strip()


def cpoctl(*args):
    out = subprocess.run(["cpoctl", "-j"] + list(args), check=True,
                         stdout=subprocess.PIPE).stdout
    return json.loads(out)


LANE_STATE = {1: "deactivated", 2: "init", 3: "deinit", 4: "activated",
              5: "tx-turn-on", 6: "tx-turn-off", 7: "initialized"}
FAULT = {0: "none", 1: "apc", 2: "acc", 3: "temp"}


class Bad:
    """collects the mismatches of one check"""

    def __init__(self):
        self.why = []

    def __call__(self, cond, what):
        if not cond and len(self.why) < 4:
            self.why.append(what)

    def report(self, desc):
        check(desc, not self.why, "; ".join(self.why))


def check_oes(dev, ppb, lanes_nl):
    n_oe = int(attr(dev + "/n_oe"))
    ident = Bad()
    mon = Bad()
    lane = Bad()
    thr = Bad()
    for i in range(n_oe):
        o = "%s/oe%d" % (dev, i)
        img = Image(o + "/eeprom", ppb)
        try:
            d = decode_oe(img)
        finally:
            img.close()
        n_lanes = int(attr(o + "/n_lanes"))
        first = int(attr(o + "/first_lane"))
        want_banks = min(8, max(1, (n_lanes + 7) // 8))
        ident(d["id"] == 0x80 and d["id_upper"] == 0x80 and d["rev"] == 0x53,
              "oe%d id %#x/%#x rev %#x" % (i, d["id"], d["id_upper"], d["rev"]))
        ident(d["banks"] == want_banks and int(attr(o + "/eeprom_banks")) == want_banks,
              "oe%d banks %d, want %d" % (i, d["banks"], want_banks))
        st = attr(o + "/state")
        want = {"ready": (3, 1), "fault": (5,), "off": (3, 1)}.get(st, ())
        ident(d["state"] in want, "oe%d module state %d, sysfs %s" % (i, d["state"], st))
        mon(near(d["temp_mc"], int(attr(o + "/temperature")), 0.02, 300),
            "oe%d temp %.0f vs %s" % (i, d["temp_mc"], attr(o + "/temperature")))
        mon(near(d["vcc_mv"], int(attr(o + "/vcc")), 0.01, 5),
            "oe%d vcc %.1f vs %s" % (i, d["vcc_mv"], attr(o + "/vcc")))
        ha = int(attr(dev + "/thresholds/oe_temp/high_alarm"))
        thr(near(d["temp_thresh_mc"][0], ha, 0, 4),
            "oe%d temp high alarm %.0f vs %d" % (i, d["temp_thresh_mc"][0], ha))
        for k in range(min(n_lanes, 64)):
            ln = lanes_nl[first + k]
            x = d["lanes"][k]
            lane(LANE_STATE.get(x["dp_state"]) == ln["state"],
                 "lane %d state %d vs %s" % (first + k, x["dp_state"], ln["state"]))
            lane(x["tx_disabled"] == (not ln["enabled"]),
                 "lane %d tx-disable %s vs enabled %s" % (first + k, x["tx_disabled"], ln["enabled"]))
            for key, nl in (("tx_uw", "output-power-mw"), ("rx_uw", "input-power-mw")):
                v = ln.get(nl)
                v = 0 if v is None else v * 1000
                lane(near(x[key], v, 0.05, 2),
                     "lane %d %s %.1f vs %.1f" % (first + k, key, x[key], v))
            la = "%s/laser%s" % (dev, ln.get("laser"))
            if ln.get("laser") is not None and os.path.exists(la + "/bias"):
                b = int(attr(la + "/bias"))
                # the port/engine field holds up to 65535 x 2 uA x multiplier
                lane(near(x["bias_ua"], min(b, 65535 * 2 * 4), 0.03, 200),
                     "lane %d Tx bias %.0f vs laser %s" % (first + k, x["bias_ua"], b))
    ident.report("engine images: identifier, revision, banks, module state")
    mon.report("engine images: temperature and Vcc match sysfs")
    thr.report("engine images: page 02h thresholds match sysfs")
    lane.report("engine images: page 10h/11h lane states, Tx disable, Tx/Rx power, Tx bias match cpoctl and sysfs")


def check_els(dev, ppb, lasers_nl):
    n_els = int(attr(dev + "/n_els"))
    ident = Bad()
    mon = Bad()
    las = Bad()
    cfg = Bad()
    seen = 0
    for s in range(n_els):
        e = "%s/els%d" % (dev, s)
        if attr(e + "/present") != "1":
            try:
                os.pread(os.open(e + "/eeprom", os.O_RDONLY), 1, 0)
                ident(False, "els%d empty but readable" % s)
            except OSError:
                pass
            continue
        seen += 1
        img = Image(e + "/eeprom", ppb)
        try:
            d = decode_els(img)
        finally:
            img.close()
        n = int(attr(e + "/n_lasers"))
        first = int(attr(e + "/first_laser"))
        want_banks = min(8, max(1, (n + 7) // 8))
        ident(d["id"] == 0x22 and d["func_type"] == 1 and d["rev"] == 0x53,
              "els%d id %#x type %d rev %#x" % (s, d["id"], d["func_type"], d["rev"]))
        ident(d["banks"] == want_banks and d["lanes"] == n,
              "els%d banks %d lanes %d, want %d/%d" % (s, d["banks"], d["lanes"], want_banks, n))
        mon(near(d["temp_mc"], int(attr(e + "/temperature")), 0.02, 300),
            "els%d temp %.0f vs %s" % (s, d["temp_mc"], attr(e + "/temperature")))
        mon(near(d["vcc_mv"], int(attr(e + "/vcc")), 0.01, 5),
            "els%d vcc" % s)
        mon(near(d["icc_ma"], int(attr(e + "/icc")), 0.05, 5),
            "els%d icc %.1f vs %s" % (s, d["icc_ma"], attr(e + "/icc")))
        bt = [int(attr("%s/thresholds/laser_bias/%s" % (dev, f)))
              for f in ("high_alarm", "low_alarm", "high_warn", "low_warn")]
        pt = [int(attr("%s/thresholds/laser_power/%s" % (dev, f)))
              for f in ("high_alarm", "low_alarm", "high_warn", "low_warn")]
        cfg(all(near(a, b, 0, 100) for a, b in zip(d["bias_thresh_ua"], bt)),
            "els%d bias thresholds %s vs %s" % (s, d["bias_thresh_ua"], bt))
        cfg(all(near(a, b, 0, 10) for a, b in zip(d["power_thresh_uw"], pt)),
            "els%d power thresholds %s vs %s" % (s, d["power_thresh_uw"], pt))
        cfg(d["fc_power_mw"] == 1 and d["max_power_uw"] >= d["min_power_uw"] > 0,
            "els%d fibre-check power / power range" % s)
        wl = int(attr(e + "/wavelength_pm"))
        for k in range(min(n, 64)):
            x = d["lasers"][k]
            nl = lasers_nl[first + k]
            la = "%s/laser%d" % (dev, first + k)
            acc = nl.get("mode") == "acc"
            cfg(d["apc"] != acc, "els%d apc bit %s vs mode %s" % (s, d["apc"], nl.get("mode")))
            las(x["enabled"] == (attr(la + "/enable") == "1") and x["enabled"] == nl["tx-laser"],
                "laser %d enable %s" % (first + k, x["enabled"]))
            want_state = {"off": 0, "fiber-check": 1, "ramping": 1, "on": 2, "fault": 0}
            las(want_state.get(nl["state"]) == x["state"],
                "laser %d state %d vs %s" % (first + k, x["state"], nl["state"]))
            las(FAULT.get(x["fault_code"]) == attr(la + "/fault"),
                "laser %d fault code %d vs %s" % (first + k, x["fault_code"], attr(la + "/fault")))
            las(x["fiber"] == k + 1 and abs(x["freq_ghz"] - C / (wl * 1e-12) / 1e9) <= 5,
                "laser %d fibre %d freq %d GHz" % (first + k, x["fiber"], x["freq_ghz"]))
            las(near(x["bias_ua"], int(attr(la + "/bias")), 0.03, 200),
                "laser %d bias %d vs %s" % (first + k, x["bias_ua"], attr(la + "/bias")))
            las(near(x["power_uw"], int(attr(la + "/output_power")), 0.03, 20),
                "laser %d power %d vs %s" % (first + k, x["power_uw"], attr(la + "/output_power")))
            sp = x["bias_set_ua"] if acc else x["power_set_uw"]
            las(near(sp, nl["setpoint"], 0, 100 if acc else 10),
                "laser %d setpoint %d vs %s" % (first + k, sp, nl["setpoint"]))
            las((x["lane_v_mv"] > 0) == (x["bias_ua"] > 0),
                "laser %d lane voltage %d with bias %d" % (first + k, x["lane_v_mv"], x["bias_ua"]))
    ident.report("ELSFP images: identifier 0x22, resource module, banks, lanes (%d modules)" % seen)
    mon.report("ELSFP images: temperature, Vcc, Icc match sysfs")
    cfg.report("ELSFP images: 1Ah control mode, thresholds, power range")
    las.report("ELSFP images: per-laser enable, state, fault code, fibre, frequency, "
               "bias, power, setpoint, voltage match sysfs and cpoctl")


def main():
    dev = sys.argv[1]
    ppb = int(attr(dev + "/eeprom_pages_per_bank"))
    lanes_nl = {ln["index"]: ln for ln in cpoctl("lane", "show")}
    lasers_nl = {la["index"]: la for la in cpoctl("laser", "show")}
    check_oes(dev, ppb, lanes_nl)
    check_els(dev, ppb, lasers_nl)
    for desc, ok, why in results:
        print(("ok %s" % desc) if ok else ("not ok %s: %s" % (desc, why)))
    return 0 if all(r[1] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

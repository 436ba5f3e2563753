#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Act as QEMU's ivshmem-doorbell against cpo-sim: receive the setup
messages, map the window, post a mailbox NOP, ring the doorbell and wait
for the MSI-X eventfd.  Prints TAP lines; exit 1 on failure."""
import mmap, os, select, socket, struct, sys

MAGIC = 0x314F5043
fails = 0
n = 0


def ok(cond, name):
    global fails, n
    n += 1
    if not cond:
        fails += 1
    print(("ok" if cond else "not ok") + " %d - %s" % (n, name))


def recv_msg(s):
    msg, fds, _, _ = socket.recv_fds(s, 8, 1)
    if len(msg) != 8:
        raise SystemExit("short message")
    return struct.unpack("<q", msg)[0], (fds[0] if fds else -1)


s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sys.argv[1])
nvec = 2
ver, _ = recv_msg(s)
own, _ = recv_msg(s)
minus1, shm_fd = recv_msg(s)
ok(ver == 0 and minus1 == -1 and shm_fd >= 0, "version 0, own id, then -1 with the shm fd")
peer_fds, own_fds, peer = [], [], None
for i in range(nvec):
    p, fd = recv_msg(s)
    peer = p
    peer_fds.append(fd)
for i in range(nvec):
    p, fd = recv_msg(s)
    ok(p == own and fd >= 0, "own vector %d eventfd" % i)
    own_fds.append(fd)
ok(peer is not None and peer != own and all(f >= 0 for f in peer_fds),
   "the model's peer id %s with %d doorbell eventfds" % (peer, nvec))

size = os.fstat(shm_fd).st_size
m = mmap.mmap(shm_fd, size)
magic, vmaj, vmin, isz, bar = struct.unpack_from("<IHHII", m, 0)
ok(magic == MAGIC and vmaj == 2 and bar == size, "window: magic, version 2, bar_size = %d" % size)
caps, status, hb, period, dbpeer = struct.unpack_from("<IIIII", m, 8 + 8 + 96)
ok(status & 1 and dbpeer == peer, "READY, doorbell_peer = the model's id")
mbox_off = struct.unpack_from("<I", m, 176)[0]

# NOP through the mailbox: args, then seq, then the doorbell
struct.pack_into("<HH", m, mbox_off + 4, 0, 5)
m[mbox_off + 8:mbox_off + 13] = b"ping!"
seq = struct.unpack_from("<I", m, mbox_off)[0] + 1
struct.pack_into("<I", m, mbox_off, seq)
os.write(peer_fds[0], struct.pack("<Q", 1))
r, _, _ = select.select([own_fds[0]], [], [], 2.0)
ok(bool(r), "doorbell -> MSI-X vector 0 within 2 s")
done, st, rlen = struct.unpack_from("<IHH", m, mbox_off + 40)
ok(done == seq and st == 0 and rlen == 5 and m[mbox_off + 48:mbox_off + 53] == b"ping!",
   "NOP completed: done_seq, status ok, echo")

# a firmware START takes the device time (erasing a bank): the
# completion comes later, while the model serves everything else
fwbuf_off, fwbuf_size = struct.unpack_from("<II", m, 188)
ok(caps & 0x10 and fwbuf_size >= 256, "firmware update: cap, fwbuf of %d bytes" % fwbuf_size)
m[fwbuf_off:fwbuf_off + 48] = struct.pack("<IHBBHHII16s12x", 0x464F5043, 48, 0, 0, 0, 0,
                                          4096, 0, b"1.1.0")
struct.pack_into("<HH", m, mbox_off + 4, 11, 4)
m[mbox_off + 8:mbox_off + 12] = bytes(4)
seq += 1
os.read(own_fds[0], 8)
struct.pack_into("<I", m, mbox_off, seq)
os.write(peer_fds[0], struct.pack("<Q", 1))
select.select([], [], [], 0.03)
early = struct.unpack_from("<I", m, mbox_off + 40)[0]
r, _, _ = select.select([own_fds[0]], [], [], 2.0)
done, st = struct.unpack_from("<IH", m, mbox_off + 40)
ok(early != seq and r and done == seq and st == 0,
   "FW_START completes after the bank's erase, not at once")
hb0 = struct.unpack_from("<I", m, 120)[0]
select.select([], [], [], 0.35)
hb1 = struct.unpack_from("<I", m, 120)[0]
ok(hb1 > hb0, "heartbeat moves (%d -> %d)" % (hb0, hb1))
print("1..%d" % n)
sys.exit(1 if fails else 0)

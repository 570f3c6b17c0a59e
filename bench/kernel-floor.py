#!/usr/bin/env python3
"""What the kernel alone charges a server per WebSocket frame it sends over loopback.

One process (the "server") holds N accepted TCP connections and writes one small
frame to 9 of them at a time (one message to the 9 other members of a room), paced
to a total rate; a forked process (the "clients") reads every connection through
epoll. No JSON, no framework, no database: the sender's system CPU per send is the
floor any server pays on this machine for its send(2)s, including the receiving
socket's TCP processing and wake-up, which loopback runs on the sender's CPU.

usage: python3 bench/kernel-floor.py [--connections 5000] [--rate 22500]
                                     [--seconds 15] [--bytes 300]
"""
import argparse
import os
import resource
import selectors
import socket
import time

RECIPIENTS = 9

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--connections", type=int, default=5000)
parser.add_argument("--rate", type=int, default=22500, help="frames sent per second, in total")
parser.add_argument("--seconds", type=float, default=15)
parser.add_argument("--bytes", type=int, default=300, help="frame size, header included (126..65535)")
args = parser.parse_args()

# one descriptor per connection in each process: raise the soft limit as far as allowed
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
wanted = args.connections + 64
if soft != resource.RLIM_INFINITY and soft < wanted:
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))

listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(4096)
port = listener.getsockname()[1]


def read_everything():
    listener.close()
    selector = selectors.EpollSelector()
    for _ in range(args.connections):
        client = socket.create_connection(("127.0.0.1", port))
        client.setblocking(False)
        selector.register(client, selectors.EVENT_READ)
    deadline = time.monotonic() + args.seconds + 5
    while time.monotonic() < deadline:
        for key, _ in selector.select(0.5):
            try:
                key.fileobj.recv(65536)
            except BlockingIOError:
                pass
    os._exit(0)


reader = os.fork()
if reader == 0:
    read_everything()

connections = []
for _ in range(args.connections):
    connection, _ = listener.accept()
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    connections.append(connection)
time.sleep(1)

# an unmasked server-to-client text frame with a 16-bit length
frame = b"\x81\x7e" + (args.bytes - 4).to_bytes(2, "big") + b"x" * (args.bytes - 4)
before = resource.getrusage(resource.RUSAGE_SELF)
start = time.monotonic()
due = start
sent = 0
while time.monotonic() - start < args.seconds:
    due += RECIPIENTS / args.rate
    for _ in range(RECIPIENTS):
        connections[sent % len(connections)].send(frame)
        sent += 1
    pause = due - time.monotonic()
    if pause > 0:
        time.sleep(pause)
elapsed = time.monotonic() - start
after = resource.getrusage(resource.RUSAGE_SELF)
os.waitpid(reader, 0)
print(f"{sent:,} frames of {args.bytes} bytes to {args.connections:,} connections in {elapsed:.1f} s "
      f"({sent / elapsed:,.0f}/s): system CPU {1e6 * (after.ru_stime - before.ru_stime) / sent:.1f} us "
      f"per frame (user {1e6 * (after.ru_utime - before.ru_utime) / sent:.1f} us, the script's own)")

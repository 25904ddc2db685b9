#!/usr/bin/env python3
"""What open widgets cost the server while nothing changes: WIDGETS widgets, each asking
every PERIOD seconds whether its owner's first page changed (If-None-Match, a 304),
spread evenly over the period, for ROUNDS periods. Prints the requests/s it sent, the
answers' statuses, and the server's CPU time over the run (from /proc/PID/stat).
Usage: bench/open-widgets.py PORT SERVER_PID TAGS [WIDGETS] [PERIOD] [ROUNDS]
(TAGS: "id etag" lines from bench/tags.py, for contacts)."""
import http.client
import os
import sys
import time
from collections import Counter

port, pid, tags_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
widgets = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
period = float(sys.argv[5]) if len(sys.argv) > 5 else 30.0
rounds = int(sys.argv[6]) if len(sys.argv) > 6 else 2
tags = [line.split(" ", 1) for line in open(tags_path).read().splitlines() if line][:widgets]
ticks = os.sysconf("SC_CLK_TCK")


def cpu_seconds():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


# A browser keeps a connection per origin; a few here, reused round robin.
connections = [http.client.HTTPConnection("127.0.0.1", port) for _ in range(8)]
statuses = Counter()
gap = period / len(tags)
cpu_before, start = cpu_seconds(), time.monotonic()
sent = 0
for _ in range(rounds):
    for owner_id, etag in tags:
        due = start + sent * gap
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        connection = connections[sent % len(connections)]
        connection.request(
            "GET",
            f"/api/contacts/{owner_id}/calls.json?per_page=25",
            headers={"Authorization": "Bearer bench-token", "If-None-Match": etag.strip()},
        )
        answer = connection.getresponse()
        answer.read()
        statuses[answer.status] += 1
        sent += 1
elapsed = time.monotonic() - start
cpu = cpu_seconds() - cpu_before
print(
    f"RESULT widgets={len(tags)} period_s={period:g} requests={sent} rps={sent / elapsed:.1f} "
    f"statuses={dict(statuses)} server_cpu_s={cpu:.2f} over_s={elapsed:.1f} "
    f"cpu_of_one_core={100 * cpu / elapsed:.2f}%"
)

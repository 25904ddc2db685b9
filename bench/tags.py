#!/usr/bin/env python3
"""Asks the server for the first page of every owner in IDS (one id a line) and writes
"id etag" lines to OUT: what an open widget holds, so that a benchmark can ask again
with If-None-Match. Usage: bench/tags.py PORT OWNER IDS OUT (OWNER: contacts|companies)."""
import http.client
import sys

port, owner, ids_path, out_path = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
connection = http.client.HTTPConnection("127.0.0.1", int(port))
with open(ids_path) as ids, open(out_path, "w") as out:
    for line in ids:
        owner_id = line.strip()
        if not owner_id:
            continue
        connection.request(
            "GET",
            f"/api/{owner}/{owner_id}/calls.json?per_page=25",
            headers={"Authorization": "Bearer bench-token"},
        )
        answer = connection.getresponse()
        answer.read()
        etag = answer.getheader("ETag")
        if answer.status != 200 or not etag:
            sys.exit(f"{owner} {owner_id}: {answer.status}, ETag {etag!r}")
        out.write(f"{owner_id} {etag}\n")

"""What every Python conformance script shares: running a list of named flows, printing
`PLAN name N` first (so that a flow that never ran counts as failed), `PASS name: flow`
or `FAIL name: flow: why` per flow and `DONE name` at the end, and helpers to reach the
emulator's admin API and to send raw requests."""

import json
import pathlib
import sys
import traceback
import urllib.error
import urllib.request

SHARED = pathlib.Path(__file__).resolve().parents[3] / "shared"
KEY = "conformance-key"


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def admin(base, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}/__fake/{path}", data=data, method="GET" if body is None else "POST")
    request.add_header("content-type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def raw(base, method, path, body=None):
    """A raw API request with a JSON body; returns (status, parsed body)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"{base}{path}", data=data, method=method)
    request.add_header("content-type", "application/json")
    request.add_header("x-goog-api-key", KEY)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def run_flows(client, flows):
    """Runs `flows` (a list of (name, function) pairs) in order and exits."""
    print(f"PLAN {client} {len(flows)}", flush=True)
    failures = 0
    for name, body in flows:
        try:
            body()
            print(f"PASS {client}: {name}", flush=True)
        except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
            failures += 1
            last = traceback.format_exc().strip().splitlines()[-3:]
            print(f"FAIL {client}: {name}: {error!r} | {' | '.join(last)}", flush=True)
    print(f"DONE {client}", flush=True)
    sys.exit(0 if failures == 0 else 1)

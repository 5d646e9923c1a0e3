"""Batch Mode through the official Python client (google-genai, pinned in
tests/requirements.txt) against a running fake-gemini.
Usage: python batch.py http://127.0.0.1:PORT

Prints one `PASS pybatch: step` or `FAIL pybatch: step: why` line per step and
`DONE pybatch` at the end. Every flow is counted: a step that needs an earlier one's
job fails when that job is missing, and when the client cannot even be set up every
step is reported failed.
"""

import base64
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time
import traceback
import urllib.request

try:
    from google import genai
    from google.genai import errors, types
except ImportError as error:  # reported per step below
    SETUP_ERROR = error
else:
    SETUP_ERROR = None

BASE = sys.argv[1] if len(sys.argv) > 1 else sys.exit("usage: batch.py BASE_URL")
SHARED = pathlib.Path(__file__).resolve().parents[3] / "shared"
MODEL = "gemini-2.5-flash"
SOCKS_PROMPT = "Show me the positions of the socks with the face"
CUPCAKES_PROMPT = "Detect the 2d bounding boxes of the cupcakes (with \u201clabel\u201d as topping description\u201d)"
SOCKS = (SHARED / "samples/images/socks.jpg").read_bytes()
CUPCAKES = (SHARED / "samples/images/cupcakes.png").read_bytes()
RESPONSES = SHARED / "samples/responses"
SOCKS_RECORDED = (RESPONSES / "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt").read_text()
CUPCAKES_RECORDED = (RESPONSES / "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_bbox.txt").read_text()
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"

work = pathlib.Path(tempfile.mkdtemp(prefix="fake-gemini-conformance-pybatch-"))
failures = 0
jobs = {}
steps = []


def admin(path, body=None, method=None):
    data = None if body is None else json.dumps(body).encode()
    method = method or ("GET" if body is None else "POST")
    request = urllib.request.Request(f"{BASE}/__fake/{path}", data=data, method=method)
    request.add_header("content-type", "application/json")
    # The run's admin token (`--admin-token`, exported by run.sh).
    request.add_header("x-fake-admin-token", os.environ.get("FAKE_ADMIN_TOKEN", ""))
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def step(name):
    def register(body):
        steps.append((name, body))
        return body

    return register


def run(name, body):
    global failures
    try:
        if SETUP_ERROR is not None:
            raise RuntimeError(f"no client: {SETUP_ERROR!r}")
        body()
        print(f"PASS pybatch: {name}", flush=True)
    except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
        failures += 1
        last = traceback.format_exc().strip().splitlines()[-3:]
        print(f"FAIL pybatch: {name}: {error!r} | {' | '.join(last)}", flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def wait(job):
    """Polls `batches.get` until the job is done; returns the last job and every state seen."""
    states = [job.state]
    deadline = time.monotonic() + 60
    while not job.done:
        check(time.monotonic() < deadline, f"{job.name} still {job.state}")
        time.sleep(0.1)
        job = client.batches.get(name=job.name)
        states.append(job.state)
    return job, states


def error_code(call):
    """The HTTP status of the APIError that `call` raises."""
    try:
        call()
    except errors.APIError as error:
        return error.code
    raise AssertionError("no error")


def image(data, mime_type):
    return types.Part.from_bytes(data=data, mime_type=mime_type)


def direct(contents):
    return client.models.generate_content(model=MODEL, contents=contents).text



@step("batches.create inline, batches.get until SUCCEEDED, inlined responses joined to their keys")
def _():
    job = client.batches.create(
        model=MODEL,
        src=[
            {"contents": [image(SOCKS, "image/jpeg"), SOCKS_PROMPT], "metadata": {"key": "socks"}},
            {
                "contents": [image(CUPCAKES, "image/png"), CUPCAKES_PROMPT],
                "metadata": {"key": "cupcakes"},
                "config": {"temperature": 0.5, "system_instruction": "Answer in JSON."},
            },
            {"contents": [image(GIF, "image/gif"), "What is this?"], "metadata": {"key": "gif"}},
        ],
        config={"display_name": "conformance-inline"},
    )
    jobs["inline"] = job
    check(job.name.startswith("batches/"), f"name {job.name}")
    check(job.state == types.JobState.JOB_STATE_PENDING, f"created {job.state}")
    check(job.display_name == "conformance-inline", f"display name {job.display_name}")
    check(job.model == f"models/{MODEL}", f"model {job.model}")
    job, states = wait(job)
    check(types.JobState.JOB_STATE_RUNNING in states, f"states seen {states}")
    check(job.state == types.JobState.JOB_STATE_SUCCEEDED, f"ended {job.state}")
    check(job.end_time is not None, "end time")
    results = {result.metadata["key"]: result for result in job.dest.inlined_responses}
    check(sorted(results) == ["cupcakes", "gif", "socks"], f"keys {sorted(results)}")
    check(results["socks"].response.text == SOCKS_RECORDED, "socks replays the recording")
    check(results["cupcakes"].response.text == CUPCAKES_RECORDED, "cupcakes replays the recording")
    check(
        results["cupcakes"].response.text == direct([image(CUPCAKES, "image/png"), CUPCAKES_PROMPT]),
        "same as generate_content",
    )
    gif = results["gif"]
    check(gif.response is None and gif.error is not None, "the GIF request is an error")
    check(gif.error.code == 3 and "image/gif" in gif.error.message, f"error {gif.error}")


@step("batches.create from an uploaded JSONL file; files.download of dest.file_name")
def _():
    lines = [
        {"key": "socks", "request": {"contents": [{"role": "user", "parts": [
            {"inline_data": {"mime_type": "image/jpeg", "data": base64.b64encode(SOCKS).decode()}},
            {"text": SOCKS_PROMPT}]}]}},
        {"key": "prose", "request": {"contents": [{"parts": [{"text": "Why is the sky blue?"}]}]}},
    ]
    path = work / "requests.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines) + "{broken\n")
    # The API documentation's own sample uploads the file typed just `jsonl`.
    uploaded = client.files.upload(file=path, config={"mime_type": "jsonl", "display_name": "batch-input"})
    job = client.batches.create(model=MODEL, src=uploaded.name, config={"display_name": "conformance-file"})
    jobs["file"] = job
    job, _ = wait(job)
    check(job.state == types.JobState.JOB_STATE_SUCCEEDED, f"ended {job.state}")
    name = job.dest.file_name
    check(name and name.startswith("files/batch-"), f"dest.file_name {name}")
    stored = client.files.get(name=name)
    check(stored.source == types.FileSource.GENERATED and stored.download_uri, f"result file {stored}")
    by_name = client.files.download(file=name)
    by_file = client.files.download(file=stored)
    check(by_name == by_file and len(by_name) == int(stored.size_bytes), "both downloads give the file")
    results = [json.loads(line) for line in by_name.decode().splitlines()]
    check([result.get("key") for result in results] == ["socks", "prose", None], f"keys {results}")
    socks = types.GenerateContentResponse.model_validate(results[0]["response"])
    check(socks.text == SOCKS_RECORDED, "socks replays the recording in the file")
    check(results[1]["response"]["candidates"][0]["content"]["parts"][0]["text"] == direct("Why is the sky blue?"), "prose")
    check(results[2]["error"]["code"] == 3, f"the broken line is an error: {results[2]}")


@step("batches.list pages newest first")
def _():
    check(len(jobs) == 2, f"jobs made so far: {sorted(jobs)}")
    listed = [job.name for job in client.batches.list(config={"page_size": 1})]
    mine = [name for name in listed if name in (jobs["inline"].name, jobs["file"].name)]
    check(mine == [jobs["file"].name, jobs["inline"].name], f"listed {listed}")
    followed = [r for r in admin("report")["requests"] if r["path"].startswith("/v1beta/batches?") and "pageToken" in r["path"]]
    check(len(followed) >= 1, "the pager followed a page token")


@step("batches.cancel ends a pending job CANCELLED at once")
def _():
    before = admin("config")["batchPendingMs"]
    admin("config", {"batchPendingMs": 60000})
    try:
        job = client.batches.create(model=MODEL, src=[{"contents": "hi", "metadata": {"key": "a"}}])
        jobs["cancelled"] = job
        client.batches.cancel(name=job.name)
        job = client.batches.get(name=job.name)
        check(job.state == types.JobState.JOB_STATE_CANCELLED and job.done, f"state {job.state}")
        check(job.dest is None, "a cancelled job has no results")
    finally:
        admin("config", {"batchPendingMs": before})


@step("batches.delete removes the job")
def _():
    name = jobs["cancelled"].name
    client.batches.delete(name=name)
    code = error_code(lambda: client.batches.get(name=name))
    check(code == 404, f"get after delete answered {code}")


@step("a 503 on batches.get reaches the caller (the client does not retry it)")
def _():
    admin("faults", {"kind": "status", "status": 503, "retryAfter": 1, "target": "batch"})
    code = error_code(lambda: client.batches.get(name=jobs["inline"].name))
    check(code == 503, f"status {code}")
    faults = admin("report")["batches"][jobs["inline"].name]["faults"]
    check(faults == ["status 503 on GET"], f"report {faults}")


try:
    if SETUP_ERROR is None:
        client = genai.Client(
            api_key="conformance-key",
            http_options=types.HttpOptions(base_url=BASE, api_version="v1beta"),
        )
        admin("reset", {})
except Exception as error:  # noqa: BLE001 - reported per step
    SETUP_ERROR = error
print(f"PLAN pybatch {len(steps)}", flush=True)
for name, body in steps:
    run(name, body)
shutil.rmtree(work, ignore_errors=True)
print("DONE pybatch", flush=True)
sys.exit(0 if failures == 0 else 1)

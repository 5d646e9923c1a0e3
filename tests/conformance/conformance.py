"""The official Python client (google-genai, pinned in tests/requirements.txt) against a
running fake-gemini: generateContent, streaming, countTokens and the File API.
Usage: python conformance.py http://127.0.0.1:PORT (output: see harness.py).
"""

import base64
import hashlib
import os
import pathlib
import shutil
import sys
import tempfile
import time

from google import genai
from google.genai import errors, types

from harness import KEY, SHARED, admin, check, run_flows

BASE = sys.argv[1] if len(sys.argv) > 1 else sys.exit("usage: conformance.py BASE_URL")
MODEL = "gemini-2.5-flash"
SOCKS_PROMPT = "Show me the positions of the socks with the face"
SOCKS = (SHARED / "samples/images/socks.jpg").read_bytes()
RECORDED = (
    SHARED / "samples/responses/cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt"
).read_text()

client = genai.Client(
    api_key=KEY,
    http_options=types.HttpOptions(base_url=BASE, api_version="v1beta"),
)
work = pathlib.Path(tempfile.mkdtemp(prefix="fake-gemini-conformance-py-"))
state = {}
flows = []


def flow(name):
    def add(body):
        flows.append((name, body))
        return body

    return add


def sha256_b64(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


IMAGE = types.Part.from_bytes(data=SOCKS, mime_type="image/jpeg")
admin(BASE, "reset", {})


@flow("generateContent with a text prompt answers it")
def _():
    response = client.models.generate_content(model=MODEL, contents="why is the sky blue?")
    check('"why is the sky blue?"' in response.text, f"text: {response.text}")
    check(response.usage_metadata.prompt_token_count == 5, f"prompt {response.usage_metadata.prompt_token_count}")
    check(response.candidates[0].content.role == "model", "role model")


@flow("generateContent with an inline image replays the recording")
def _():
    response = client.models.generate_content(model=MODEL, contents=[IMAGE, SOCKS_PROMPT])
    check(response.text == RECORDED, f"text differs: {response.text[:120]!r}")
    check(response.usage_metadata.prompt_token_count > 1000, "usage has image tokens")
    check(response.candidates[0].finish_reason == types.FinishReason.STOP, "finishReason STOP")


@flow("streaming delivers the same text over several chunks")
def _():
    chunks = list(client.models.generate_content_stream(model=MODEL, contents=[IMAGE, SOCKS_PROMPT]))
    check(len(chunks) > 1, f"only {len(chunks)} chunk(s)")
    check("".join(chunk.text or "" for chunk in chunks) == RECORDED, "streamed text differs")


@flow("countTokens counts the image tiles and the text")
def _():
    response = client.models.count_tokens(model=MODEL, contents=[IMAGE, "hi"])
    check(response.total_tokens == 4 * 258 + 1, f"total_tokens {response.total_tokens}")


@flow("files.upload of an image, then generateContent with fileData")
def _():
    path = work / "socks.jpg"
    path.write_bytes(SOCKS)
    file = client.files.upload(file=path, config={"mime_type": "image/jpeg", "display_name": "socks"})
    state["image"] = file
    check(file.sha256_hash == sha256_b64(SOCKS), "sha256Hash of the image")
    check(file.state == types.FileState.ACTIVE, f"state {file.state}")
    part = types.Part.from_uri(file_uri=file.uri, mime_type=file.mime_type)
    response = client.models.generate_content(model=MODEL, contents=[part, SOCKS_PROMPT])
    check(response.text == RECORDED, "fileData answer differs from the recording")


BIG = os.urandom(20 * 1024 * 1024 + 123)


@flow("a 20 MB upload in chunks keeps the hash")
def _():
    path = work / "big.mp4"
    path.write_bytes(BIG)
    file = client.files.upload(file=path, config={"mime_type": "video/mp4", "display_name": "big"})
    state["big"] = file
    check(file.sha256_hash == sha256_b64(BIG), f"sha256Hash {file.sha256_hash}")
    check(file.size_bytes == len(BIG), f"size_bytes {file.size_bytes}")
    report = admin(BASE, "report")
    session = next(upload for upload in report["uploads"].values() if upload.get("file") == file.name)
    check(len(session["chunks"]) >= 3, "sent in several chunks")
    check(session["overlapBytes"] == 0 and session["bytesReceived"] == len(BIG), "no byte sent twice")


@flow("files.get follows PROCESSING to ACTIVE")
def _():
    file = client.files.get(name=state["big"].name)
    for _ in range(50):
        if file.state != types.FileState.PROCESSING:
            break
        time.sleep(0.1)
        file = client.files.get(name=state["big"].name)
    check(file.state == types.FileState.ACTIVE, f"state {file.state}")
    check(file.sha256_hash == sha256_b64(BIG), "hash on get")


@flow("files.list pages through every file")
def _():
    for name in "abc":
        path = work / f"{name}.txt"
        path.write_text(f"file {name}")
        client.files.upload(file=path, config={"mime_type": "text/plain", "display_name": name})
    names = [file.name for file in client.files.list(config={"page_size": 2})]
    check(len(names) == 5 and len(set(names)) == 5, f"listed {names}")
    pages = [r for r in admin(BASE, "report")["requests"] if r["path"].startswith("/v1beta/files?") and "pageToken" in r["path"]]
    check(len(pages) >= 2, f"followed {len(pages)} page tokens")


@flow("files.delete removes the file")
def _():
    name = state["image"].name
    client.files.delete(name=name)
    try:
        client.files.get(name=name)
        raise AssertionError("get after delete succeeded")
    except errors.ClientError as error:
        check(error.code == 403, f"get after delete answered {error.code}")


@flow("a client on its default API version is served the same")
def _():
    plain = genai.Client(api_key=KEY, http_options=types.HttpOptions(base_url=BASE))
    response = plain.models.generate_content(model=MODEL, contents="hello from the default version")
    check('"hello from the default version"' in response.text, response.text)


@flow("an unknown model is a 404 ClientError")
def _():
    try:
        client.models.generate_content(model="custom-gemini-2.0-flash", contents="hi")
        raise AssertionError("no error")
    except errors.ClientError as error:
        check(error.code == 404, f"status {error.code}")


try:
    run_flows("py", flows)
finally:
    shutil.rmtree(work, ignore_errors=True)

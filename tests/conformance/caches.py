"""The official Python client (google-genai) against fake-gemini: context caches
(create, get, list, update, delete, generate_content with the cache), models get and
list, and the API's 400 for a body with an unknown field sent raw.
Usage: python caches.py http://127.0.0.1:PORT
"""

import datetime
import sys

from google import genai
from google.genai import errors, types

from harness import KEY, check, raw, run_flows

BASE = sys.argv[1] if len(sys.argv) > 1 else sys.exit("usage: caches.py BASE_URL")
client = genai.Client(api_key=KEY, http_options=types.HttpOptions(base_url=BASE, api_version="v1beta"))
MODEL = "gemini-2.5-flash"
MANUAL = "The quick brown fox jumps over the lazy dog. " * 220
state = {}
flows = []


def flow(name):
    def add(body):
        flows.append((name, body))
        return body

    return add


def create(ttl="600s", contents=None):
    return client.caches.create(
        model=MODEL,
        config=types.CreateCachedContentConfig(
            contents=contents or [types.UserContent(parts=[types.Part.from_text(text=MANUAL)])],
            system_instruction="Answer from the manual.",
            display_name="manual",
            ttl=ttl,
        ),
    )


@flow("caches.create keeps the contents and reports their tokens")
def _():
    cache = state["cache"] = create()
    check(cache.name.startswith("cachedContents/") and len(cache.name) == len("cachedContents/") + 12, cache.name)
    check(cache.model == f"models/{MODEL}", cache.model)
    check(cache.display_name == "manual", "display_name")
    check(cache.usage_metadata.total_token_count == -(-len(MANUAL) // 4) + 6, f"{cache.usage_metadata.total_token_count}")
    lifetime = (cache.expire_time - cache.create_time).total_seconds()
    check(abs(lifetime - 600) < 1, f"expires after {lifetime} s")


@flow("a cache under the model minimum is refused with the API message")
def _():
    try:
        create(contents=["short"])
        raise AssertionError("a tiny cache was created")
    except errors.ClientError as error:
        check(error.code == 400, f"status {error.code}")
        check("Cached content is too small." in error.message and "min_total_token_count=2048" in error.message, error.message)


@flow("caches.get and caches.list find it")
def _():
    got = client.caches.get(name=state["cache"].name)
    check(got.name == state["cache"].name and got.expire_time == state["cache"].expire_time, "get")
    state["other"] = create()
    names = [cache.name for cache in client.caches.list(config={"page_size": 1})]
    check(state["cache"].name in names and state["other"].name in names, f"listed {names}")


@flow("generate_content with the cache counts cached_content_token_count")
def _():
    response = client.models.generate_content(
        model=MODEL,
        contents="Summarise the manual",
        config=types.GenerateContentConfig(cached_content=state["cache"].name),
    )
    usage = response.usage_metadata
    check(usage.cached_content_token_count == state["cache"].usage_metadata.total_token_count, f"{usage}")
    check(usage.prompt_token_count == usage.cached_content_token_count + 5, f"{usage}")
    check('"Summarise the manual"' in response.text, response.text)


@flow("caches.update moves the expiry")
def _():
    updated = client.caches.update(name=state["cache"].name, config=types.UpdateCachedContentConfig(ttl="7200s"))
    check(updated.expire_time - state["cache"].expire_time > datetime.timedelta(seconds=6000), f"{updated.expire_time}")


@flow("caches.delete removes it")
def _():
    client.caches.delete(name=state["cache"].name)
    client.caches.delete(name=state["other"].name)
    try:
        client.caches.get(name=state["cache"].name)
        raise AssertionError("a deleted cache was found")
    except errors.ClientError as error:
        check(error.code == 403, f"status {error.code}")


@flow("models.get and models.list describe the current models")
def _():
    flash = client.models.get(model="gemini-3-flash-preview")
    check(flash.name == "models/gemini-3-flash-preview" and flash.thinking is True, f"{flash}")
    check("generateContent" in flash.supported_actions, f"{flash.supported_actions}")
    names = [model.name for model in client.models.list(config={"page_size": 5})]
    for wanted in ["models/gemini-2.5-flash-image", "models/gemini-3-pro-preview", "models/gemini-robotics-er-1.6-preview"]:
        check(wanted in names, f"{wanted} not listed")
    check(len(set(names)) == len(names) > 20, f"listed {len(names)}")


@flow("a raw body with tools inside generationConfig gets the API 400")
def _():
    status, body = raw(
        BASE,
        "POST",
        f"/v1beta/models/{MODEL}:generateContent",
        {"contents": [{"role": "user", "parts": [{"text": "hi"}]}], "generation_config": {"tools": []}},
    )
    sentence = "Invalid JSON payload received. Unknown name \"tools\" at 'generation_config': Cannot find field."
    check(status == 400 and body["error"]["status"] == "INVALID_ARGUMENT", f"{status} {body}")
    check(body["error"]["message"] == sentence, body["error"]["message"])
    violation = body["error"]["details"][0]["fieldViolations"][0]
    check(violation == {"field": "generation_config", "description": sentence}, f"{violation}")


run_flows("py-caches", flows)

"""The official Python client (google-genai) against fake-gemini: chats, function
calling (by hand and the SDK's automatic function calling), a Gemini 3 chat carrying
thought signatures, code execution, thought parts and image output, read through the
SDK's own getters. Usage: python conversation.py http://127.0.0.1:PORT
"""

import io
import sys

import PIL.Image
from google import genai
from google.genai import errors, types

from harness import KEY, check, run_flows

BASE = sys.argv[1] if len(sys.argv) > 1 else sys.exit("usage: conversation.py BASE_URL")
client = genai.Client(api_key=KEY, http_options=types.HttpOptions(base_url=BASE, api_version="v1beta"))
QUESTION = "What is the weather in Lisbon today?"
WEATHER = types.Tool(
    function_declarations=[
        types.FunctionDeclaration(
            name="get_weather",
            description="Current weather in a city",
            parameters=types.Schema(
                type=types.Type.OBJECT,
                properties={
                    "city": types.Schema(type=types.Type.STRING),
                    "unit": types.Schema(type=types.Type.STRING, enum=["celsius", "fahrenheit"]),
                },
                required=["city"],
            ),
        )
    ]
)
flows = []


def flow(name):
    def add(body):
        flows.append((name, body))
        return body

    return add


@flow("a chat keeps its history across two messages")
def _():
    chat = client.chats.create(model="gemini-2.5-flash")
    first = chat.send_message("Hello, who are you?")
    check('"Hello, who are you?"' in first.text, first.text)
    second = chat.send_message("And what can you do?")
    check('"And what can you do?"' in second.text, second.text)
    history = chat.get_history()
    check([content.role for content in history] == ["user", "model", "user", "model"], "roles alternate")
    check(history[3].parts[0].text == second.text, "the last model turn is the answer")
    check(second.usage_metadata.prompt_token_count > first.usage_metadata.prompt_token_count + 30, "history was sent")


@flow("a streamed chat message joins the history")
def _():
    chat = client.chats.create(model="gemini-2.5-flash")
    text = "".join(chunk.text or "" for chunk in chat.send_message_stream("Tell me about streaming please"))
    check('"Tell me about streaming please"' in text, text)
    history = chat.get_history()
    check(history[0].parts[0].text == "Tell me about streaming please", "user turn recorded")
    check("".join(part.text or "" for content in history[1:] for part in content.parts) == text, "model turns recorded")


@flow("a function call round trip: call, functionResponse, text")
def _():
    config = types.GenerateContentConfig(tools=[WEATHER])
    first = client.models.generate_content(model="gemini-2.5-flash", contents=QUESTION, config=config)
    call = first.function_calls[0]
    check(call.name == "get_weather", call.name)
    check(call.args == {"city": "Lisbon", "unit": "celsius"}, f"args {call.args}")
    check(call.id, "an id")
    response = types.Part.from_function_response(name=call.name, response={"temperature": 21})
    second = client.models.generate_content(
        model="gemini-2.5-flash",
        contents=[
            types.UserContent(parts=[types.Part.from_text(text=QUESTION)]),
            first.candidates[0].content,
            types.UserContent(parts=[response]),
        ],
        config=config,
    )
    check(second.text == 'The function get_weather returned {"temperature":21}.', second.text)


def get_weather(city: str) -> dict:
    """Current weather in a city.

    Args:
        city: The city.
    """
    return {"city": city, "temperature": 23, "sky": "clear"}


@flow("automatic function calling in a chat runs a Python function through the round trip")
def _():
    chat = client.chats.create(model="gemini-2.5-flash", config=types.GenerateContentConfig(tools=[get_weather]))
    response = chat.send_message(QUESTION)
    check(
        # The SDK wraps what the function returned in {"result": ...}.
        response.text
        == 'The function get_weather returned {"result":{"city":"Lisbon","sky":"clear","temperature":23}}.',
        response.text,
    )
    history = chat.get_history()
    check([content.role for content in history] == ["user", "model", "user", "model"], "call and response kept")
    check(history[1].parts[0].function_call.args == {"city": "Lisbon"}, f"args {history[1].parts[0].function_call.args}")
    check(history[2].parts[0].function_response.response["result"]["temperature"] == 23, "response kept")


@flow("a Gemini 3 chat carries the thought signature of its function call")
def _():
    chat = client.chats.create(model="gemini-3-flash-preview", config=types.GenerateContentConfig(tools=[WEATHER]))
    first = chat.send_message(QUESTION)
    call = first.function_calls[0]
    signature = first.candidates[0].content.parts[0].thought_signature
    check(isinstance(signature, bytes) and signature, "the call is signed")
    second = chat.send_message(types.Part.from_function_response(name=call.name, response={"temperature": 19}))
    check(second.text == 'The function get_weather returned {"temperature":19}.', second.text)
    history = chat.get_history()
    check(history[1].parts[0].thought_signature == signature, "history keeps the signature")
    unsigned = [content.model_copy(deep=True) for content in history[:3]]
    unsigned[1].parts[0].thought_signature = None
    try:
        client.models.generate_content(
            model="gemini-3-flash-preview", contents=unsigned, config=types.GenerateContentConfig(tools=[WEATHER])
        )
        raise AssertionError("an unsigned call was accepted")
    except errors.ClientError as error:
        check(error.code == 400, f"status {error.code}")
        check("Function call is missing a thought_signature in functionCall parts" in error.message, error.message)


@flow("code execution parts read through executable_code and code_execution_result")
def _():
    response = client.models.generate_content(
        model="gemini-2.5-flash",
        contents="What is 17 plus 25? Generate and run code.",
        config=types.GenerateContentConfig(tools=[types.Tool(code_execution=types.ToolCodeExecution())]),
    )
    check(response.executable_code == "numbers = [17, 25]\nprint(sum(numbers))\n", response.executable_code)
    check(response.code_execution_result == "42\n", response.code_execution_result)
    check(response.usage_metadata.tool_use_prompt_token_count == 1, "tool use tokens")


@flow("thought summaries come first and stay out of text")
def _():
    response = client.models.generate_content(
        model="gemini-2.5-flash",
        contents="why is the sky blue?",
        config=types.GenerateContentConfig(thinking_config=types.ThinkingConfig(include_thoughts=True)),
    )
    check(response.candidates[0].content.parts[0].thought is True, "thought part first")
    check("Reading the request" not in response.text, "text excludes the thought")
    check(response.usage_metadata.thoughts_token_count > 0, "thoughts counted")


@flow("thinking_level on Gemini 3 is accepted and on 2.5 refused")
def _():
    config = types.GenerateContentConfig(thinking_config=types.ThinkingConfig(thinking_level=types.ThinkingLevel.LOW))
    check(client.models.generate_content(model="gemini-3-flash-preview", contents="hi", config=config).text, "answer")
    try:
        client.models.generate_content(model="gemini-2.5-flash", contents="hi", config=config)
        raise AssertionError("2.5 accepted a thinking level")
    except errors.ClientError as error:
        check(error.code == 400 and "Thinking level is not supported for this model." in error.message, error.message)


@flow("image output read through inline_data and as_image")
def _():
    response = client.models.generate_content(model="gemini-2.5-flash-image", contents="a red balloon")
    images = [part for part in response.parts if part.inline_data]
    check(len(images) == 1 and images[0].inline_data.mime_type == "image/png", "one PNG part")
    check(images[0].inline_data.data[:8] == b"\x89PNG\r\n\x1a\n", "PNG bytes")
    image = images[0].as_image()
    size = PIL.Image.open(io.BytesIO(image.image_bytes)).size
    check(image.mime_type == "image/png" and size == (512, 512), f"size {size}")


run_flows("py-conversation", flows)

// The official JavaScript client (@google/genai) against fake-gemini: chats, function
// calling round trips (Gemini 3 thought signatures carried by the chat), code execution,
// thought parts and image output, read through the SDK's own getters.
// Usage: node conversation.mjs http://127.0.0.1:PORT (output: see harness.mjs).

import {
  FunctionCallingConfigMode,
  GoogleGenAI,
  Type,
  createPartFromFunctionResponse,
  createUserContent,
} from '@google/genai';
import { KEY, check, rejection, runFlows } from './harness.mjs';

const base = process.argv[2];
const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: base, apiVersion: 'v1beta' } });
const weather = {
  functionDeclarations: [
    {
      name: 'get_weather',
      description: 'Current weather in a city',
      parameters: {
        type: Type.OBJECT,
        properties: { city: { type: Type.STRING }, unit: { type: Type.STRING, enum: ['celsius', 'fahrenheit'] } },
        required: ['city'],
      },
    },
  ],
};
const QUESTION = 'What is the weather in Lisbon today?';

function pngSize(base64) {
  const bytes = Buffer.from(base64, 'base64');
  check(bytes.subarray(1, 4).toString() === 'PNG', 'not a PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

await runFlows('js-conversation', [
  ['a chat keeps its history across two messages', async () => {
    const chat = ai.chats.create({ model: 'gemini-2.5-flash' });
    const first = await chat.sendMessage({ message: 'Hello, who are you?' });
    check(first.text.includes('"Hello, who are you?"'), `first: ${first.text}`);
    const second = await chat.sendMessage({ message: 'And what can you do?' });
    check(second.text.includes('"And what can you do?"'), `second: ${second.text}`);
    const history = chat.getHistory();
    check(history.length === 4, `history of ${history.length}`);
    check(history.map((content) => content.role).join() === 'user,model,user,model', 'roles alternate');
    check(history[3].parts[0].text === second.text, 'the last model turn is the answer');
    // The second request carried the whole history.
    check(second.usageMetadata.promptTokenCount > first.usageMetadata.promptTokenCount + 30, 'history was sent');
  }],
  ['a streamed chat message joins the history', async () => {
    const chat = ai.chats.create({ model: 'gemini-2.5-flash', history: [createUserContent('Hi'), { role: 'model', parts: [{ text: 'Hello.' }] }] });
    let text = '';
    for await (const chunk of await chat.sendMessageStream({ message: 'Tell me about streaming please' })) text += chunk.text ?? '';
    check(text.includes('"Tell me about streaming please"'), `streamed: ${text}`);
    const history = chat.getHistory();
    check(history.length >= 4 && history[2].parts[0].text === 'Tell me about streaming please', 'user turn recorded');
    check(history.slice(3).map((content) => content.parts.map((part) => part.text).join('')).join('') === text, 'model turns recorded');
  }],
  ['a function call round trip: call, functionResponse, text', async () => {
    const config = { tools: [weather] };
    const first = await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: QUESTION, config });
    const calls = first.functionCalls;
    check(calls && calls.length === 1, 'one function call');
    check(calls[0].name === 'get_weather', `name ${calls[0].name}`);
    check(JSON.stringify(calls[0].args) === '{"city":"Lisbon","unit":"celsius"}', `args ${JSON.stringify(calls[0].args)}`);
    check(typeof calls[0].id === 'string' && calls[0].id.length > 0, 'an id');
    const second = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: [
        createUserContent(QUESTION),
        first.candidates[0].content,
        createUserContent(createPartFromFunctionResponse(calls[0].id, calls[0].name, { temperature: 21 })),
      ],
      config,
    });
    check(second.text === 'The function get_weather returned {"temperature":21}.', `text: ${second.text}`);
    check(second.functionCalls === undefined, 'no more calls');
  }],
  ['function calling modes: ANY with allowed names calls, NONE does not', async () => {
    const any = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Tell me a joke',
      config: { tools: [weather], toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: ['get_weather'] } } },
    });
    check(any.functionCalls?.[0]?.name === 'get_weather', 'ANY calls');
    const none = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: QUESTION,
      config: { tools: [weather], toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.NONE } } },
    });
    check(none.functionCalls === undefined && none.text.length > 0, 'NONE answers in text');
  }],
  ['a Gemini 3 chat carries the thought signature of its function call', async () => {
    const chat = ai.chats.create({ model: 'gemini-3-flash-preview', config: { tools: [weather] } });
    const first = await chat.sendMessage({ message: QUESTION });
    const call = first.functionCalls[0];
    const signature = first.candidates[0].content.parts[0].thoughtSignature;
    check(typeof signature === 'string' && signature.length > 0, 'the call is signed');
    const second = await chat.sendMessage({ message: createPartFromFunctionResponse(call.id, call.name, { temperature: 19 }) });
    check(second.text === 'The function get_weather returned {"temperature":19}.', `text: ${second.text}`);
    const history = chat.getHistory();
    check(history[1].parts[0].thoughtSignature === signature, 'history keeps the signature');
    // The same history without the signature is what the real API refuses.
    const unsigned = structuredClone(history.slice(0, 3));
    delete unsigned[1].parts[0].thoughtSignature;
    const error = await rejection(ai.models.generateContent({ model: 'gemini-3-flash-preview', contents: unsigned, config: { tools: [weather] } }));
    check(error.status === 400, `status ${error.status}`);
    check(error.message.includes('Function call is missing a thought_signature in functionCall parts'), error.message);
  }],
  ['code execution parts read through executableCode and codeExecutionResult', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'What is 17 plus 25? Generate and run code.',
      config: { tools: [{ codeExecution: {} }] },
    });
    check(response.executableCode === 'numbers = [17, 25]\nprint(sum(numbers))\n', `code: ${response.executableCode}`);
    check(response.codeExecutionResult === '42\n', `result: ${response.codeExecutionResult}`);
    check(response.text.endsWith('The sum of the numbers in your prompt is 42.'), `text: ${response.text}`);
    check(response.usageMetadata.toolUsePromptTokenCount === 1, 'tool use tokens');
  }],
  ['thought summaries come first and stay out of text', async () => {
    const response = await ai.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'why is the sky blue?',
      config: { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } },
    });
    const parts = response.candidates[0].content.parts;
    check(parts[0].thought === true, 'thought part first');
    check(!response.text.includes('Reading the request'), 'text excludes the thought');
    check(response.usageMetadata.thoughtsTokenCount > 0, 'thoughts counted');
  }],
  ['thinkingLevel on Gemini 3 is accepted and on 2.5 refused', async () => {
    const ok = await ai.models.generateContent({ model: 'gemini-3-flash-preview', contents: 'hi', config: { thinkingConfig: { thinkingLevel: 'LOW' } } });
    check(ok.text.length > 0, 'Gemini 3 answers');
    const error = await rejection(ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi', config: { thinkingConfig: { thinkingLevel: 'LOW' } } }));
    check(error.status === 400 && error.message.includes('Thinking level is not supported for this model.'), error.message);
  }],
  ['image output read through response.data', async () => {
    const response = await ai.models.generateContent({ model: 'gemini-2.5-flash-image', contents: 'a red balloon' });
    const [width, height] = pngSize(response.data);
    check(width === 512 && height === 512, `size ${width}x${height}`);
    const wide = await ai.models.generateContent({
      model: 'gemini-2.5-flash-image',
      contents: 'a red balloon',
      config: { responseModalities: ['IMAGE'], imageConfig: { aspectRatio: '16:9' } },
    });
    check(wide.candidates[0].content.parts.length === 1, 'image only');
    check(pngSize(wide.candidates[0].content.parts[0].inlineData.data).join('x') === '512x288', '16:9');
  }],
]);

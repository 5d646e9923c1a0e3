// The official JavaScript client (@google/genai) against fake-gemini: context caches
// (create, get, list, update, delete, generateContent with the cache), models get and
// list, and the API's 400 for a body with an unknown field sent raw.
// Usage: node caches.mjs http://127.0.0.1:PORT (output: see harness.mjs).

import { GoogleGenAI, createUserContent } from '@google/genai';
import { KEY, check, raw, rejection, runFlows } from './harness.mjs';

const base = process.argv[2];
const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: base, apiVersion: 'v1beta' } });
const MODEL = 'gemini-2.5-flash';
// About 2,500 tokens by the emulator's count: over Gemini 2.5's minimum of 2,048.
const manual = 'The quick brown fox jumps over the lazy dog. '.repeat(220);
const state = {};

await runFlows('js-caches', [
  ['caches.create keeps the contents and reports their tokens', async () => {
    state.cache = await ai.caches.create({
      model: MODEL,
      config: { contents: [createUserContent(manual)], systemInstruction: 'Answer from the manual.', displayName: 'manual', ttl: '600s' },
    });
    check(/^cachedContents\/[a-z0-9]{12}$/.test(state.cache.name), `name ${state.cache.name}`);
    check(state.cache.model === `models/${MODEL}`, `model ${state.cache.model}`);
    check(state.cache.displayName === 'manual', 'displayName');
    check(state.cache.usageMetadata.totalTokenCount === Math.ceil(manual.length / 4) + 6, `tokens ${state.cache.usageMetadata.totalTokenCount}`);
    const ttl = (Date.parse(state.cache.expireTime) - Date.parse(state.cache.createTime)) / 1000;
    check(Math.abs(ttl - 600) < 1, `expires after ${ttl} s`);
  }],
  ['a cache under the model minimum is refused with the API message', async () => {
    const error = await rejection(ai.caches.create({ model: MODEL, config: { contents: ['short'] } }));
    check(error.status === 400, `status ${error.status}`);
    check(error.message.includes('Cached content is too small. total_token_count=2, min_total_token_count=2048'), error.message);
  }],
  ['caches.get and caches.list find it', async () => {
    const got = await ai.caches.get({ name: state.cache.name });
    check(got.name === state.cache.name && got.expireTime === state.cache.expireTime, 'get');
    state.other = await ai.caches.create({ model: MODEL, config: { contents: [createUserContent(manual)], ttl: '600s' } });
    const names = [];
    for await (const cache of await ai.caches.list({ config: { pageSize: 1 } })) names.push(cache.name);
    check(names.includes(state.cache.name) && names.includes(state.other.name), `listed ${names}`);
  }],
  ['generateContent with the cache counts cachedContentTokenCount', async () => {
    const response = await ai.models.generateContent({ model: MODEL, contents: 'Summarise the manual', config: { cachedContent: state.cache.name } });
    const usage = response.usageMetadata;
    check(usage.cachedContentTokenCount === state.cache.usageMetadata.totalTokenCount, `cached ${usage.cachedContentTokenCount}`);
    check(usage.promptTokenCount === usage.cachedContentTokenCount + 5, `prompt ${usage.promptTokenCount}`);
    check(response.text.includes('"Summarise the manual"'), response.text);
    const error = await rejection(ai.models.generateContent({
      model: MODEL, contents: 'hi', config: { cachedContent: state.cache.name, systemInstruction: 'Be brief.' },
    }));
    check(error.status === 400 && error.message.includes('CachedContent can not be used with GenerateContent request setting system_instruction, tools or tool_config.'), error.message);
  }],
  ['caches.update moves the expiry', async () => {
    const updated = await ai.caches.update({ name: state.cache.name, config: { ttl: '7200s' } });
    check(Date.parse(updated.expireTime) > Date.parse(state.cache.expireTime) + 6000 * 1000, `expireTime ${updated.expireTime}`);
    check(updated.updateTime > state.cache.updateTime, 'updateTime moved');
  }],
  ['caches.delete removes it', async () => {
    await ai.caches.delete({ name: state.cache.name });
    await ai.caches.delete({ name: state.other.name });
    const error = await rejection(ai.caches.get({ name: state.cache.name }));
    check(error.status === 403, `status ${error.status}`);
  }],
  ['models.get and models.list describe the current models', async () => {
    const flash = await ai.models.get({ model: 'gemini-3-flash-preview' });
    check(flash.name === 'models/gemini-3-flash-preview', `name ${flash.name}`);
    check(flash.supportedActions.includes('generateContent') && flash.thinking === true, 'fields');
    const names = [];
    for await (const model of await ai.models.list({ config: { pageSize: 5 } })) names.push(model.name);
    for (const wanted of ['models/gemini-2.5-flash-image', 'models/gemini-3-pro-preview', 'models/gemini-robotics-er-1.6-preview']) {
      check(names.includes(wanted), `${wanted} not listed`);
    }
    check(new Set(names).size === names.length && names.length > 20, `listed ${names.length}`);
  }],
  ['a raw body with tools inside generationConfig gets the API 400', async () => {
    const answer = await raw(base, 'POST', `/v1beta/models/${MODEL}:generateContent`, {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      generationConfig: { temperature: 0.2, tools: [{ codeExecution: {} }] },
    });
    const sentence = 'Invalid JSON payload received. Unknown name "tools" at \'generation_config\': Cannot find field.';
    check(answer.status === 400, `status ${answer.status}`);
    check(answer.body.error.status === 'INVALID_ARGUMENT', answer.body.error.status);
    check(answer.body.error.message === sentence, answer.body.error.message);
    const violation = answer.body.error.details[0].fieldViolations[0];
    check(violation.field === 'generation_config' && violation.description === sentence, JSON.stringify(violation));
  }],
]);

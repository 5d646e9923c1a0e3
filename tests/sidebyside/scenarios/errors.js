// Errors as a user sees them (name, status, message, instanceof), from the API and from
// the SDK's own checks, and what each client does after a 429 or 5xx.
const ask = (ai, env, extra = {}) => ai.models.generateContent({ model: env.model, contents: "Hello there.", ...extra });

export default {
  "404 unknown model": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.models.generateContent({ model: "gemini-0-unknown", contents: "Hi." }));
  },

  "400 bad request: invalid base64": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.models.generateContent({
      model: env.model, contents: [{ inlineData: { mimeType: "image/png", data: "not*base64!" } }, "What is this?"],
    }));
  },

  "400 bad request: a thinking level a 2.5 model does not take": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ask(ai, env, { config: { thinkingConfig: { thinkingLevel: "HIGH" } } }));
  },

  "429 once, without retryOptions": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    await env.fault({ kind: "status", status: 429, retryAfter: 1, target: "generate" });
    const first = await env.outcome(async () => env.read(await ask(ai, env)));
    const second = await env.outcome(async () => env.read(await ask(ai, env)));
    return { first, second };
  },

  "429 once, with retryOptions": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options({ retryOptions: { attempts: 3, initialDelay: 0.2, jitter: 0 } }));
    await env.fault({ kind: "status", status: 429, retryAfter: 1, target: "generate" });
    return env.outcome(async () => env.read(await ask(ai, env)));
  },

  "503 on a stream, with retryOptions": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options({ retryOptions: { attempts: 2, initialDelay: 0.2, jitter: 0 } }));
    await env.fault({ kind: "status", status: 503, target: "generate" });
    return env.outcome(async () => env.readStream(await ai.models.generateContentStream({ model: env.model, contents: "Hi." })));
  },

  "429 every time, with retryOptions": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options({ retryOptions: { attempts: 2, initialDelay: 0.2, jitter: 0 } }));
    await env.fault({ kind: "status", status: 429, target: "generate", sticky: true });
    return env.outcome(() => ask(ai, env));
  },

  "local checks before sending": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return {
      noModel: await env.outcome(() => ai.models.generateContent({ contents: "Hi." })),
      emptyContents: await env.outcome(() => ai.models.generateContent({ model: env.model, contents: [] })),
      noContents: await env.outcome(() => ai.models.generateContent({ model: env.model })),
      noApiKey: await env.outcome(() => new lib.GoogleGenAI({ httpOptions: { baseUrl: env.baseUrl } })),
    };
  },
};

// generateContentStream: a Promise of an async iterable; every chunk through the getters.
export default {
  "chunks' text joined": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const result = await env.readStream(await ai.models.generateContentStream({
      model: env.model, contents: "Tell me a short story about a sock.",
    }));
    env.check(result.chunks.length > 2, "several chunks");
    return result;
  },

  "a streamed image answer": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    return env.readStream(await ai.models.generateContentStream({
      model: env.model,
      contents: [{ inlineData: { mimeType: socks.mimeType, data: socks.base64 } }, "Detect the 2d bounding boxes."],
      config: { responseMimeType: "application/json", temperature: 0.5 },
    }));
  },

  "a stream cut by maxOutputTokens": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.readStream(await ai.models.generateContentStream({
      model: env.model, contents: "Describe the sea.", config: { maxOutputTokens: 12 },
    }));
  },

  "a stream whose prompt is blocked": async (lib, env) => {
    await env.fault({ kind: "safetyBlock" });
    const ai = new lib.GoogleGenAI(env.options());
    return env.readStream(await ai.models.generateContentStream({ model: env.model, contents: "Blocked words." }));
  },

  "a stream that stops for safety": async (lib, env) => {
    await env.fault({ kind: "safetyFinish" });
    const ai = new lib.GoogleGenAI(env.options());
    return env.readStream(await ai.models.generateContentStream({ model: env.model, contents: "Unsafe words." }));
  },

  "a stream rejected before its first chunk": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.models.generateContentStream({ model: "gemini-0-unknown", contents: "Hi." }));
  },
};

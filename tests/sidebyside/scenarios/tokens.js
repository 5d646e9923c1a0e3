// countTokens: what is sent (contents only on the Gemini API) and what comes back.
export default {
  "countTokens of text": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return ai.models.countTokens({ model: env.model, contents: "How many tokens is this sentence?" });
  },

  "countTokens of an image and text": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const result = await ai.models.countTokens({
      model: env.model,
      contents: [{ inlineData: { mimeType: socks.mimeType, data: socks.base64 } }, "hi"],
    });
    env.check(result.totalTokens > 1000, "the image tiles are counted");
    return result;
  },

  "countTokens of Contents with model turns": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return ai.models.countTokens({
      model: env.gemini3,
      contents: [lib.createUserContent("Hello."), lib.createModelContent("Hi!"), lib.createUserContent("Bye.")],
    });
  },

  "countTokens with a systemInstruction is refused (Gemini API)": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.models.countTokens({
      model: env.model, contents: "Hi.", config: { systemInstruction: "Be terse." },
    }));
  },

  "countTokens for an unknown model": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.models.countTokens({ model: "gemini-0-unknown", contents: "Hi." }));
  },
};

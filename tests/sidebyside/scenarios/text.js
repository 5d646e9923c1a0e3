// generateContent with text, and every shape `contents` may take in the SDK.
export default {
  "plain string": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({ model: env.model, contents: "Why is the sky blue?" });
    env.check(typeof response.text === "string" && response.text.length > 0, "the answer has text");
    return env.read(response);
  },

  "contents as one part": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({ model: env.model, contents: { text: "Name three colours." } });
    return env.read(response);
  },

  "contents as an array of parts": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: [{ text: "First sentence." }, { text: "Second sentence." }],
    });
    return env.read(response);
  },

  "contents as an array of strings and parts": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: ["One string.", { text: "One part." }, "Another string."],
    });
    return env.read(response);
  },

  "Contents with model turns": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: [
        { role: "user", parts: [{ text: "My name is Ada." }] },
        { role: "model", parts: [{ text: "Nice to meet you, Ada." }] },
        { role: "user", parts: [{ text: "What is my name?" }] },
      ],
    });
    return env.read(response);
  },

  "createUserContent and createModelContent": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: [
        lib.createUserContent("Hello."),
        lib.createModelContent([lib.createPartFromText("Hello! How can I help?")]),
        lib.createUserContent(["Tell me a fact.", lib.createPartFromText("A short one.")]),
      ],
    });
    return env.read(response);
  },

  "an unknown part field": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(async () => env.read(await ai.models.generateContent({
      model: env.model, contents: [{ text: "Hi.", futurePartField: true }],
    })));
  },

  "apiVersion v1beta and a models/ name": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options({ apiVersion: "v1beta" }));
    const response = await ai.models.generateContent({ model: `models/${env.model}`, contents: "Hi." });
    return env.read(response);
  },
};

// Every generation config field the SDK routes: where it lands in the request body
// (top level or generationConfig) and what comes back.
const ask = async (lib, env, model, config, contents = "Describe a sunny day in one sentence.") => {
  const ai = new lib.GoogleGenAI(env.options());
  return env.read(await ai.models.generateContent({ model, contents, config }));
};

export default {
  "sampling settings": async (lib, env) => {
    const result = await ask(lib, env, env.model, {
      temperature: 0.4,
      topP: 0.9,
      topK: 32,
      maxOutputTokens: 400,
      stopSequences: ["END", "STOP HERE"],
      seed: 1234,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      candidateCount: 2,
    });
    env.check(result.candidates.length === 2, "candidateCount gives two candidates");
    return result;
  },

  "maxOutputTokens cuts the answer": async (lib, env) => {
    const result = await ask(lib, env, env.model, { maxOutputTokens: 5, thinkingConfig: { thinkingBudget: 0 } });
    env.check(result.candidates[0].finishReason === "MAX_TOKENS", "finishReason MAX_TOKENS");
    return result;
  },

  "responseMimeType and responseSchema (the SDK's schema conversion)": async (lib, env) => {
    return ask(lib, env, env.model, {
      responseMimeType: "application/json",
      responseSchema: {
        type: "object",
        description: "A list of things found",
        properties: {
          items: {
            type: "array",
            items: {
              type: lib.Type.OBJECT,
              properties: {
                label: { type: "string" },
                score: { type: ["number", "null"] },
                box: { anyOf: [{ type: "null" }, { type: "array", items: { type: "integer" } }] },
                kind: { type: "string", enum: ["shape", "object"], format: "enum" },
              },
              required: ["label"],
              propertyOrdering: ["label", "score", "box", "kind"],
              additionalProperties: false,
            },
            minItems: "0",
          },
          note: { anyOf: [{ type: "string" }, { type: "integer" }] },
        },
      },
    }, "List the things in a kitchen as JSON.");
  },

  "responseJsonSchema": async (lib, env) => {
    return ask(lib, env, env.model, {
      responseMimeType: "application/json",
      responseJsonSchema: {
        type: "object",
        properties: { name: { type: "string" }, tags: { type: "array", items: { type: "string" } } },
        required: ["name"],
        additionalProperties: false,
      },
    }, "Give a name and tags as JSON.");
  },

  "thinkingConfig with thinkingBudget and includeThoughts": async (lib, env) => {
    const result = await ask(lib, env, env.model, { thinkingConfig: { thinkingBudget: 512, includeThoughts: true } });
    return result;
  },

  "thinkingConfig with thinkingBudget 0": async (lib, env) => {
    const result = await ask(lib, env, env.model, { thinkingConfig: { thinkingBudget: 0 } });
    env.check(result.usageMetadata.thoughtsTokenCount === undefined, "no thinking with a budget of 0");
    return result;
  },

  "thinkingConfig with thinkingLevel on Gemini 3": async (lib, env) => {
    return ask(lib, env, env.gemini3, { thinkingConfig: { thinkingLevel: lib.ThinkingLevel.LOW } });
  },

  "request-level mediaResolution": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    return ask(lib, env, env.model, { mediaResolution: lib.MediaResolution.MEDIA_RESOLUTION_LOW },
      [{ inlineData: { mimeType: socks.mimeType, data: socks.base64 } }, "Detect the socks."]);
  },

  "safetySettings": async (lib, env) => {
    return ask(lib, env, env.model, {
      safetySettings: [
        { category: lib.HarmCategory.HARM_CATEGORY_HARASSMENT, threshold: lib.HarmBlockThreshold.BLOCK_ONLY_HIGH },
        { category: lib.HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT, threshold: lib.HarmBlockThreshold.BLOCK_NONE },
      ],
    });
  },

  "systemInstruction as a string": async (lib, env) => {
    return ask(lib, env, env.model, { systemInstruction: "You are terse. Never return masks." });
  },

  "systemInstruction as a part": async (lib, env) => {
    return ask(lib, env, env.model, { systemInstruction: { text: "You are terse." } });
  },

  "systemInstruction as a Content": async (lib, env) => {
    return ask(lib, env, env.model, {
      systemInstruction: { role: "user", parts: [{ text: "You are terse." }, { text: "Answer in English." }] },
    });
  },

  "systemInstruction as an array of strings": async (lib, env) => {
    return ask(lib, env, env.model, { systemInstruction: ["You are terse.", "Answer in English."] });
  },

  "labels and serviceTier": async (lib, env) => {
    return ask(lib, env, env.model, { labels: { team: "vision", run: "side-by-side" }, serviceTier: lib.ServiceTier.FLEX });
  },

  "a Vertex-only config field is refused before sending": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.models.generateContent({
      model: env.model, contents: "Hi.", config: { routingConfig: { autoMode: {} } },
    }));
  },

  "an unknown config key": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(async () => env.read(await ai.models.generateContent({
      model: env.model, contents: "Hi.", config: { temperature: 0.3, futureSetting: { level: 2 } },
    })));
  },

  "per-call httpOptions.apiVersion": async (lib, env) => {
    return ask(lib, env, env.model, { httpOptions: { apiVersion: "v1alpha" } });
  },
};

// Function calling: declarations (the SDK's schema conversion, parametersJsonSchema),
// toolConfig modes, and the round trip functionCall -> functionResponse -> text.
/** A declaration with the SDK's Type enum and a lowercase type (shared with thoughts.js). */
export const weather = (lib) => ({
  name: "get_weather",
  description: "Get the current weather in a city",
  parameters: {
    type: lib.Type.OBJECT,
    properties: {
      city: { type: lib.Type.STRING, description: "The city" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
    },
    required: ["city"],
  },
});
const light = {
  name: "set_light",
  description: "Set the brightness of a room light",
  parameters: {
    type: "object",
    properties: { brightness: { type: "number" }, room: { type: ["string", "null"] } },
    required: ["brightness"],
  },
};

export default {
  "function call round trip": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const config = { tools: [{ functionDeclarations: [weather(lib)] }] };
    const contents = [lib.createUserContent("What is the weather in Paris?")];
    const first = await ai.models.generateContent({ model: env.model, contents, config });
    const call = first.functionCalls?.[0];
    env.check(call?.name === "get_weather", "the model called get_weather");
    contents.push(first.candidates[0].content);
    contents.push(lib.createUserContent(
      lib.createPartFromFunctionResponse(call.id, call.name, { temperature: 21, unit: "celsius" })));
    const second = await ai.models.generateContent({ model: env.model, contents, config });
    env.check(typeof second.text === "string" && second.functionCalls === undefined, "the model answered in text");
    return { first: env.read(first), second: env.read(second) };
  },

  "toolConfig ANY with allowedFunctionNames": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: "Make the kitchen a bit brighter.",
      config: {
        tools: [{ functionDeclarations: [weather(lib), light] }],
        toolConfig: {
          functionCallingConfig: { mode: lib.FunctionCallingConfigMode.ANY, allowedFunctionNames: ["set_light"] },
        },
      },
    });
    env.check(response.functionCalls?.[0]?.name === "set_light", "ANY with one allowed name calls it");
    return env.read(response);
  },

  "toolConfig NONE answers in text": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: "What is the weather in Rome?",
      config: {
        tools: [{ functionDeclarations: [weather(lib)] }],
        toolConfig: { functionCallingConfig: { mode: lib.FunctionCallingConfigMode.NONE } },
      },
    });
    return env.read(response);
  },

  "parametersJsonSchema, and parameters with $schema": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: "Find a recipe with tomatoes.",
      config: {
        tools: [{
          functionDeclarations: [
            {
              name: "find_recipe",
              description: "Find a recipe by ingredient",
              parametersJsonSchema: { type: "object", properties: { ingredient: { type: "string" } } },
            },
            {
              name: "find_shop",
              description: "Find a shop near an address",
              parameters: {
                $schema: "http://json-schema.org/draft-07/schema#",
                type: "object",
                properties: { address: { type: "string" } },
                additionalProperties: false,
              },
            },
          ],
        }],
      },
    });
    return env.read(response);
  },

  "function calling in a chat": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const chat = ai.chats.create({ model: env.model, config: { tools: [{ functionDeclarations: [weather(lib)] }] } });
    const first = await chat.sendMessage({ message: "What is the weather in Oslo?" });
    const call = first.functionCalls?.[0];
    env.check(call?.name === "get_weather", "the model called get_weather");
    const second = await chat.sendMessage({
      message: lib.createPartFromFunctionResponse(call.id, call.name, { temperature: -3 }),
    });
    return { first: env.read(first), second: env.read(second), history: chat.getHistory(true) };
  },
};

// Gemini 3: thought parts, thinkingLevel, and thought signatures carried back (the
// emulator refuses a function call turn sent back without its signature, as the API does).
import { weather } from "./functions.js";

export default {
  "thought signatures carried back by a chat": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const chat = ai.chats.create({
      model: env.gemini3,
      config: { tools: [{ functionDeclarations: [weather(lib)] }], thinkingConfig: { thinkingLevel: lib.ThinkingLevel.LOW } },
    });
    const first = await chat.sendMessage({ message: "What is the weather in Lisbon?" });
    const call = first.functionCalls?.[0];
    env.check(call?.name === "get_weather", "the model called get_weather");
    env.check(first.candidates[0].content.parts.some((part) => part.thoughtSignature), "the call carries a signature");
    const second = await chat.sendMessage({
      message: lib.createPartFromFunctionResponse(call.id, call.name, { temperature: 19 }),
    });
    const third = await chat.sendMessage({ message: "Thanks. Is that warm?" });
    return { first: env.read(first), second: env.read(second), third: env.read(third),
      curated: chat.getHistory(true), comprehensive: chat.getHistory() };
  },

  "thought parts with includeThoughts; text leaves them out": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.gemini3,
      contents: "Why do socks go missing?",
      config: { thinkingConfig: { includeThoughts: true, thinkingLevel: lib.ThinkingLevel.HIGH } },
    });
    env.check(response.candidates[0].content.parts.some((part) => part.thought), "a thought part came back");
    return env.read(response);
  },

  "thought parts streamed": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const stream = await ai.models.generateContentStream({
      model: env.gemini3,
      contents: "Why is the sea salty?",
      config: { thinkingConfig: { includeThoughts: true } },
    });
    return env.readStream(stream);
  },

  "a signature dropped from a hand-built history is refused": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const config = { tools: [{ functionDeclarations: [weather(lib)] }] };
    const contents = [lib.createUserContent("What is the weather in Porto?")];
    const first = await ai.models.generateContent({ model: env.gemini3, contents, config });
    const call = first.functionCalls?.[0];
    env.check(call?.name === "get_weather", "the model called get_weather");
    contents.push(lib.createModelContent(lib.createPartFromFunctionCall(call.name, call.args)));
    contents.push(lib.createUserContent(lib.createPartFromFunctionResponse(call.id, call.name, { temperature: 20 })));
    return { first: env.read(first),
      second: await env.outcome(() => ai.models.generateContent({ model: env.gemini3, contents, config })) };
  },
};

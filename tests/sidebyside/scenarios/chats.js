// Chats: history given at creation, turns sent one after another (unary and streamed),
// the curated and the comprehensive history, and the SDK's curation of invalid turns.
const histories = (chat) => ({ curated: chat.getHistory(true), comprehensive: chat.getHistory() });

export default {
  "create with history, sendMessage twice": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const chat = ai.chats.create({
      model: env.model,
      config: { temperature: 0.2, systemInstruction: "You are a friendly assistant." },
      history: [
        { role: "user", parts: [{ text: "Hello." }] },
        { role: "model", parts: [{ text: "Hi there! How can I help?" }] },
      ],
    });
    const first = await chat.sendMessage({ message: "What is a sock?" });
    const second = await chat.sendMessage({ message: ["Two things:", { text: "colour and size." }] });
    const history = histories(chat);
    env.check(history.curated.length === 6, "six turns in the curated history");
    return { first: env.read(first), second: env.read(second), ...history };
  },

  "sendMessageStream": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const chat = ai.chats.create({ model: env.model });
    const first = await env.readStream(await chat.sendMessageStream({ message: "Tell me about socks." }));
    const second = await env.readStream(await chat.sendMessageStream({ message: { text: "And shoes?" } }));
    env.check(first.chunks.length > 1, "the answer came in several chunks");
    return { first, second, ...histories(chat) };
  },

  "an invalid model turn in the history is curated away": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const chat = ai.chats.create({
      model: env.model,
      history: [
        { role: "user", parts: [{ text: "This question got no valid answer." }] },
        { role: "model", parts: [] },
        { role: "user", parts: [{ text: "Hello." }] },
        { role: "model", parts: [{ text: "Hi." }] },
      ],
    });
    const before = histories(chat);
    const response = await chat.sendMessage({ message: "Are you there?" });
    return { before, response: env.read(response), after: histories(chat) };
  },

  "a blocked answer is recorded and curated away": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const chat = ai.chats.create({ model: env.model });
    await env.fault({ kind: "safetyBlock" });
    const blocked = await chat.sendMessage({ message: "Something the filter blocks." });
    env.check(blocked.promptFeedback?.blockReason === "SAFETY", "the fault blocked the prompt");
    const next = await chat.sendMessage({ message: "Something else." });
    return { blocked: env.read(blocked), next: env.read(next), ...histories(chat) };
  },

  "follow-up questions about an image, per-message config": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const chat = ai.chats.create({ model: env.model, config: { temperature: 0.5 } });
    const first = await chat.sendMessage({
      message: [{ inlineData: { mimeType: socks.mimeType, data: socks.base64 } }, "Detect the socks."],
    });
    const second = await chat.sendMessage({
      message: "Point to the socks.",
      config: { temperature: 0, thinkingConfig: { thinkingBudget: 0 } },
    });
    return { first: env.read(first), second: env.read(second), ...histories(chat) };
  },

  "a history role other than user or model is refused": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.chats.create({
      model: env.model,
      history: [{ role: "system", parts: [{ text: "Be terse." }] }],
    }));
  },

  "a failed turn leaves the history as it was": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const chat = ai.chats.create({ model: "gemini-0-unknown" });
    const unary = await env.outcome(() => chat.sendMessage({ message: "Hi." }));
    const streamed = await env.outcome(() => chat.sendMessageStream({ message: "Hi again." }));
    return { unary, streamed, ...histories(chat) };
  },
};

// Image output: responseModalities with TEXT and IMAGE, response.data, imageConfig,
// and a generated picture sent back in a chat.
export default {
  "image output with responseModalities TEXT and IMAGE": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.imageModel,
      contents: "A red ball on a white table.",
      config: { responseModalities: [lib.Modality.TEXT, lib.Modality.IMAGE], imageConfig: { aspectRatio: "16:9" } },
    });
    env.check(typeof response.data === "string" && response.data.length > 100, "response.data has the picture");
    return env.read(response);
  },

  "image output only": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.imageModel,
      contents: "A blue square.",
      config: { responseModalities: ["IMAGE"] },
    });
    return env.read(response);
  },

  "a generated picture edited in a chat": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const chat = ai.chats.create({ model: env.imageModel, config: { responseModalities: ["TEXT", "IMAGE"] } });
    const first = await chat.sendMessage({ message: "Draw a green circle." });
    const second = await chat.sendMessage({ message: "Now make the background darker." });
    return { first: env.read(first), second: env.read(second), history: chat.getHistory(true) };
  },

  "image output refused by a text model": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.models.generateContent({
      model: env.model, contents: "Draw a cat.", config: { responseModalities: ["IMAGE"] },
    }));
  },
};

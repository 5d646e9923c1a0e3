// Images in a request: inline base64 parts (as the SDK takes them and through its
// helpers), several images at once, and a file uploaded with files.upload then used.
const PROMPT = "Show me the positions of the socks with the face";

export default {
  "inline image as a base64 part": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: [{ inlineData: { mimeType: socks.mimeType, data: socks.base64 } }, PROMPT],
    });
    env.check(response.text.includes("box_2d"), "the emulator replayed the recorded boxes");
    return env.read(response);
  },

  "createPartFromBase64 with a media resolution": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.gemini3,
      contents: lib.createUserContent([
        lib.createPartFromBase64(socks.base64, socks.mimeType, lib.PartMediaResolutionLevel.MEDIA_RESOLUTION_LOW),
        PROMPT,
      ]),
    });
    return env.read(response);
  },

  "several images": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const cupcakes = await env.sample("cupcakes.png");
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: [
        { text: "Detect the 2d bounding boxes in both images." },
        { inlineData: { mimeType: socks.mimeType, data: socks.base64 } },
        { inlineData: { mimeType: cupcakes.mimeType, data: cupcakes.base64 } },
      ],
    });
    env.check(response.text.includes("Image 2"), "one answer per image");
    return env.read(response);
  },

  "uploaded file used with createPartFromUri": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const file = await ai.files.upload({ file: socks.blob, config: { mimeType: socks.mimeType, displayName: "socks" } });
    env.check(file.state === "ACTIVE", "an image is ACTIVE at once");
    const response = await ai.models.generateContent({
      model: env.model,
      contents: lib.createUserContent([lib.createPartFromUri(file.uri, file.mimeType), PROMPT]),
    });
    return { file, response: env.read(response) };
  },

  "a file referenced by its files/ name": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const file = await ai.files.upload({ file: socks.blob, config: { mimeType: socks.mimeType } });
    const response = await ai.models.generateContent({
      model: env.model,
      contents: [{ fileData: { fileUri: file.name, mimeType: file.mimeType } }, "Describe this picture."],
    });
    return { file, response: env.read(response) };
  },
};

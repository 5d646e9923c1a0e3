// Part-level fields that travel beside the media: mediaResolution ({level}) and
// videoMetadata, on inline data and on file references.
export default {
  "part-level mediaResolution on an inline image (Gemini 3)": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.gemini3,
      contents: [
        { inlineData: { mimeType: socks.mimeType, data: socks.base64 },
          mediaResolution: { level: lib.PartMediaResolutionLevel.MEDIA_RESOLUTION_ULTRA_HIGH } },
        { text: "Detect the socks." },
      ],
    });
    return env.read(response);
  },

  "part-level mediaResolution on a file reference": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const file = await ai.files.upload({ file: socks.blob, config: { mimeType: socks.mimeType } });
    const response = await ai.models.generateContent({
      model: env.gemini3,
      contents: [
        lib.createPartFromUri(file.uri, file.mimeType, lib.PartMediaResolutionLevel.MEDIA_RESOLUTION_LOW),
        "Detect the socks.",
      ],
    });
    return { file, response: env.read(response) };
  },

  "videoMetadata on an inline video": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: [
        { inlineData: { mimeType: "video/mp4", data: env.base64(env.tinyMp4(12)) },
          videoMetadata: { startOffset: "2s", endOffset: "8.5s", fps: 2 } },
        { text: "Describe this clip." },
      ],
    });
    return env.read(response);
  },

  "videoMetadata and mediaResolution counted by countTokens": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const video = env.base64(env.tinyMp4(20));
    const whole = await ai.models.countTokens({
      model: env.model,
      contents: [{ inlineData: { mimeType: "video/mp4", data: video } }],
    });
    const clipped = await ai.models.countTokens({
      model: env.model,
      contents: [{ inlineData: { mimeType: "video/mp4", data: video }, videoMetadata: { startOffset: "0s", endOffset: "5s" },
        mediaResolution: { level: "MEDIA_RESOLUTION_LOW" } }],
    });
    return { whole, clipped };
  },
};

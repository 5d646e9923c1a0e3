// Context caches: create, get, list (a Pager), update (ttl, expireTime), delete, and
// generateContent with the cache.
const cacheConfig = (lib, env) => ({
  contents: [lib.createUserContent(env.longText(2600))],
  systemInstruction: "You answer questions about the text.",
  ttl: "300s",
  displayName: "long text",
});

export default {
  "create, get, list, update, use, delete": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const created = await ai.caches.create({ model: env.model, config: cacheConfig(lib, env) });
    const got = await ai.caches.get({ name: created.name });
    const pager = await ai.caches.list({ config: { pageSize: 1 } });
    const listed = env.readPager(pager);
    const updated = await ai.caches.update({ name: created.name, config: { ttl: "600s" } });
    const answer = await ai.models.generateContent({
      model: env.model, contents: "What is the text about?", config: { cachedContent: created.name },
    });
    env.check(answer.usageMetadata.cachedContentTokenCount > 0, "the cache was used");
    const deleted = await ai.caches.delete({ name: created.name });
    const afterDelete = await env.outcome(() => ai.caches.get({ name: created.name }));
    return { created, got, listed, updated, answer: env.read(answer), deleted, afterDelete };
  },

  "update with expireTime, list across pages": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const first = await ai.caches.create({ model: env.model, config: cacheConfig(lib, env) });
    await ai.caches.create({ model: env.model, config: { ...cacheConfig(lib, env), displayName: "second" } });
    const updated = await ai.caches.update({ name: first.name, config: { expireTime: "2030-01-02T03:04:05Z" } });
    const names = [];
    for await (const cache of await ai.caches.list({ config: { pageSize: 1 } })) names.push(cache.displayName);
    return { updated, names };
  },

  "a cache of an uploaded image, used in a stream": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const file = await ai.files.upload({ file: socks.blob, config: { mimeType: socks.mimeType } });
    const cache = await ai.caches.create({
      model: env.model,
      config: { contents: [lib.createUserContent([lib.createPartFromUri(file.uri, file.mimeType), env.longText(900)])], ttl: "120s" },
    });
    const stream = await ai.models.generateContentStream({
      model: env.model, contents: "Detect the socks.", config: { cachedContent: cache.name },
    });
    return { cache, answer: await env.readStream(stream) };
  },

  "a cache with a systemInstruction beside it is refused": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const cache = await ai.caches.create({ model: env.model, config: cacheConfig(lib, env) });
    return env.outcome(() => ai.models.generateContent({
      model: env.model, contents: "Hi.", config: { cachedContent: cache.name, systemInstruction: "Be terse." },
    }));
  },

  "a cache too small for the model is refused": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.caches.create({ model: env.model, config: { contents: "Too short.", ttl: "60s" } }));
  },
};

// models.get and models.list (a Pager): the SDK's renames and the pager's public state.
export default {
  "models.get": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return { plain: await ai.models.get({ model: env.model }), prefixed: await ai.models.get({ model: `models/${env.gemini3}` }) };
  },

  "models.list pages": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const pager = await ai.models.list({ config: { pageSize: 20 } });
    const pages = [env.readPager(pager)];
    while (pager.hasNextPage()) {
      await pager.nextPage();
      pages.push(env.readPager(pager));
    }
    env.check(pages.length > 1, "more than one page");
    const exhausted = await env.outcome(() => pager.nextPage());
    return { pages, exhausted, params: pager.params };
  },

  "models.list iterated": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const names = [];
    for await (const model of await ai.models.list({ config: { pageSize: 15 } })) names.push(model.name);
    return { count: names.length, names };
  },

  "models.get of an unknown model": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return env.outcome(() => ai.models.get({ model: "gemini-0-unknown" }));
  },
};

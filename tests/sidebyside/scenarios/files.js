// The File API: upload (a Blob, a File, more than one chunk), get, list with a pager
// across pages, delete, and the errors around them.
const text = (value) => new Blob([new TextEncoder().encode(value)], { type: "text/plain" });

export default {
  "upload, get, delete": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const uploaded = await ai.files.upload({ file: text("Some notes."), config: { mimeType: "text/plain", displayName: "notes" } });
    const got = await ai.files.get({ name: uploaded.name });
    const deleted = await ai.files.delete({ name: uploaded.name });
    const afterDelete = await env.outcome(() => ai.files.get({ name: uploaded.name }));
    env.check(afterDelete.status === 403, "the file is gone");
    return { uploaded, got, deleted, afterDelete };
  },

  "upload of a File with its own type and a name": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const file = new File([socks.bytes], "socks.jpg", { type: "image/jpeg" });
    const uploaded = await ai.files.upload({ file, config: { name: "my-socks-01" } });
    return { uploaded, got: await env.outcome(() => ai.files.get({ name: "files/my-socks-01" })) };
  },

  "upload of more than one chunk (9 MiB)": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const bytes = env.bytes(9 * 1024 * 1024 + 321, 20261206);
    const uploaded = await ai.files.upload({
      file: new Blob([bytes]), config: { mimeType: "video/mp4", displayName: "big" },
    });
    return { uploaded };
  },

  "files.list across pages": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    for (const name of ["a", "b", "c", "d", "e"]) {
      await ai.files.upload({ file: text(`file ${name}`), config: { mimeType: "text/plain", displayName: name } });
    }
    const pager = await ai.files.list({ config: { pageSize: 2 } });
    const pages = [env.readPager(pager)];
    while (pager.hasNextPage()) {
      await pager.nextPage();
      pages.push(env.readPager(pager));
    }
    env.check(pages.length === 3, "three pages of two");
    const iterated = [];
    for await (const file of await ai.files.list({ config: { pageSize: 2 } })) iterated.push(file.displayName);
    const exhausted = await env.outcome(() => pager.nextPage());
    return { pages, iterated, exhausted };
  },

  "get and delete of a missing file": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    return {
      get: await env.outcome(() => ai.files.get({ name: "files/doesnotexist" })),
      delete: await env.outcome(() => ai.files.delete({ name: "doesnotexist" })),
    };
  },

  "upload of a Blob without a MIME type": async (lib, env) => {
    const socks = await env.sample("socks.jpg");
    const ai = new lib.GoogleGenAI(env.options());
    const outcome = await env.outcome(() => ai.files.upload({ file: new Blob([socks.bytes]) }));
    return { outcome };
  },
};

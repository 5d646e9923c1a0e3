// The codeExecution tool: executableCode and codeExecutionResult parts and their
// getters, and such parts sent back in a conversation.
export default {
  "code execution parts": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: "What is the sum of 3, 4 and 5? Run code to find out.",
      config: { tools: [{ codeExecution: {} }] },
    });
    env.check(typeof response.executableCode === "string", "the model wrote code");
    env.check(typeof response.codeExecutionResult === "string", "the code ran");
    return env.read(response);
  },

  "code parts sent back in a conversation": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const response = await ai.models.generateContent({
      model: env.model,
      contents: [
        lib.createUserContent("What is 6 times 7?"),
        lib.createModelContent([
          lib.createPartFromExecutableCode("print(6 * 7)\n", lib.Language.PYTHON),
          lib.createPartFromCodeExecutionResult(lib.Outcome.OUTCOME_OK, "42\n"),
          lib.createPartFromText("It is 42."),
        ]),
        lib.createUserContent("And 6 times 8?"),
      ],
      config: { tools: [{ codeExecution: {} }] },
    });
    return env.read(response);
  },

  "code execution streamed": async (lib, env) => {
    const ai = new lib.GoogleGenAI(env.options());
    const stream = await ai.models.generateContentStream({
      model: env.model,
      contents: "Count the words in this sentence with code.",
      config: { tools: [{ codeExecution: {} }] },
    });
    return env.readStream(stream);
  },
};

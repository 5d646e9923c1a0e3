// A planted difference for the runner's self-check: @google/genai with one request field
// and one result changed, so that the comparison must fail where it should. Served next
// to the SDK bundle (`/sdk/genai.mjs`); never used as "ours" outside `--self-check`.
import { GoogleGenAI as SdkGoogleGenAI } from "../sdk/genai.mjs";

export * from "../sdk/genai.mjs";

/** The SDK's client, except that generateContent adds `topK: 7` and countTokens counts one more. */
export class GoogleGenAI extends SdkGoogleGenAI {
  constructor(options) {
    super(options);
    const generate = this.models.generateContent.bind(this.models);
    const count = this.models.countTokens.bind(this.models);
    this.models.generateContent = (params) => generate({ ...params, config: { ...params.config, topK: 7 } });
    this.models.countTokens = async (params) => {
      const result = await count(params);
      result.totalTokens += 1;
      return result;
    };
  }
}

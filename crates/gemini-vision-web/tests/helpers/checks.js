// The helpers and enums as a page imports them (the test build copies ../../js/*.js
// next to this file).
import * as helpers from "../../js/helpers.js";
import * as enums from "../../js/enums.js";

export function helpersAndEnums() {
  const out = {};
  out.uri = helpers.createPartFromUri("files/abc", "image/png", enums.PartMediaResolutionLevel.MEDIA_RESOLUTION_LOW);
  out.base64 = helpers.createPartFromBase64("AAAA", "image/png");
  out.text = helpers.createPartFromText("hi");
  out.call = helpers.createPartFromFunctionCall("f", { a: 1 });
  out.response = helpers.createPartFromFunctionResponse("id1", "f", { r: 2 });
  out.responseParts = helpers.createPartFromFunctionResponse("id1", "f", { r: 2 },
    [helpers.createFunctionResponsePartFromUri("u", "image/png")]);
  out.code = helpers.createPartFromExecutableCode("print(1)", enums.Language.PYTHON);
  out.result = helpers.createPartFromCodeExecutionResult(enums.Outcome.OUTCOME_OK, "1");
  out.user = helpers.createUserContent(["a", { text: "b" }]);
  out.model = helpers.createModelContent("c");
  out.fr64 = helpers.createFunctionResponsePartFromBase64("AA", "image/png");
  try { helpers.createUserContent([]); } catch (e) { out.empty = e.message; }
  try { helpers.createUserContent([42]); } catch (e) { out.bad = e.message; }
  try { helpers.createUserContent(42); } catch (e) { out.wrong = e.message; }
  out.blobPart = helpers.createUserContent([new Blob(["x"])]).parts[0] instanceof Blob;
  out.enums = { object: enums.Type.OBJECT, high: enums.MediaResolution.MEDIA_RESOLUTION_HIGH,
    block: enums.HarmBlockThreshold.BLOCK_NONE, any: enums.FunctionCallingConfigMode.ANY,
    stop: enums.FinishReason.STOP, active: enums.FileState.ACTIVE, flex: enums.ServiceTier.FLEX,
    level: enums.ThinkingLevel.LOW, count: Object.keys(enums).length,
    frozen: Object.isFrozen(enums.Type) };
  return out;
}

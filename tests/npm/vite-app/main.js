import init, * as lib from "gemini-vision-web";
import { runPage } from "../shared/checks.js";

await runPage(init, lib);

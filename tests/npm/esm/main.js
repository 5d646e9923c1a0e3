import init, * as lib from "gemini-vision-web";
import initClient, * as client from "gemini-vision-web/client";
import { runPage } from "/shared/checks.js";

await runPage(init, lib, initClient, client);

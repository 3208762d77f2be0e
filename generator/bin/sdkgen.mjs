#!/usr/bin/env node
// Entry point: lets Node load the generator's TypeScript sources directly.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli.ts");
process.exitCode = await main(process.argv.slice(2));

// Empties an e2e server's data directory before the server starts: every run begins with no chats.
import { mkdirSync, rmSync } from "node:fs";

const directory = process.argv[2];
if (!directory) throw new Error("usage: node test/e2e/reset-data-dir.mjs <directory>");
rmSync(directory, { recursive: true, force: true });
mkdirSync(directory, { recursive: true });

// The production build for the e2e suite, made with a recognisable value in every secret variable:
// test/e2e/secrets.spec.ts then proves that none of them reaches a client bundle or a prerendered page.
// A marker next to BUILD_ID says that this build was made so.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";

const marker = ".next/secret-sentinels-build";
const sentinels = JSON.parse(readFileSync(new URL("./secret-sentinels.json", import.meta.url), "utf8"));
rmSync(marker, { force: true });
const result = spawnSync("next", ["build"], {
  stdio: "inherit",
  env: { ...process.env, ...sentinels, NEXT_TELEMETRY_DISABLED: "1" },
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(marker, readFileSync(".next/BUILD_ID", "utf8"));

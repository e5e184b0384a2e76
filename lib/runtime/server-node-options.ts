/**
 * Node options of a server that opens its own port and serves many streams at once: `npm start`
 * (scripts/start.sh) and the e2e and benchmark servers that stand in for it, not the Lambda
 * function (one request at a time, Node's defaults).
 * - `--import` the self-hosted preload, so the port is listened on by several sockets and new users
 *   get in while open streams keep the server busy (`several-listening-sockets.mts`). The path is
 *   relative to the app's directory, the server's working directory.
 * - A young generation twice V8's default: each streamed token leaves short-lived garbage in every
 *   stream stage, and with more room less of it is copied or promoted to the old generation, which
 *   under many streams lowers the per-token latency and the peak memory (bench/README.md).
 */
export const SELF_HOSTED_PRELOAD = "./lib/runtime/self-hosted-preload.mts";
export const SELF_HOSTED_SERVER_NODE_OPTIONS = `--max-semi-space-size=64 --import ${SELF_HOSTED_PRELOAD}`;

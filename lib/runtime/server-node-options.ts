/**
 * Node options of a server that opens its own port and serves many streams at once (`npm start`,
 * and the e2e and benchmark servers that stand in for it), not the Lambda function (one request at
 * a time, Node's defaults):
 * - listening on several sockets of the port (`self-hosted-preload.mts`, see
 *   `several-listening-sockets.mts`; the path is relative to the app's directory, the server's
 *   working directory);
 * - a young generation twice V8's default (its new space grows to 64 MiB instead of 32 here): each
 *   streamed token leaves short-lived garbage in every stream stage, and with more room less of it
 *   is copied or promoted to the old generation. At 200 streams the steady per-token p99 fell from
 *   248 to 91–127 ms and the peak RSS from 678–707 to 407 MiB; at 50 streams the CPU per token by
 *   a few per cent (bench/README.md). It costs up to ≈ 64 MiB more young generation when busy.
 */
export const SELF_HOSTED_PRELOAD = "./lib/runtime/self-hosted-preload.mts";
export const SELF_HOSTED_SERVER_NODE_OPTIONS = `--max-semi-space-size=64 --import ${SELF_HOSTED_PRELOAD}`;

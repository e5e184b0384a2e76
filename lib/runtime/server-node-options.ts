/**
 * Node options of every production server: `npm start`, the Lambda function (sst.config.ts), and
 * the servers the e2e tests, the Lambda tests and the benchmarks start.
 *
 * `--experimental-async-context-frame` makes AsyncLocalStorage work without promise hooks (Node
 * 24's default). Next runs each request inside several AsyncLocalStorage contexts; on Node 22 that
 * turns on a hook for every promise, and a streamed answer makes hundreds of promises per token:
 * with the flag the server spends a fifth less CPU per token and the per-token delay at 50 streams
 * drops several-fold (bench/README.md, "Server overhead").
 */
export const SERVER_NODE_OPTIONS = "--experimental-async-context-frame";

/**
 * Node options of a server that opens its own port (`npm start`, and the e2e and benchmark servers
 * that stand in for it), not the Lambda function: the server's options, and listening on several
 * sockets of the port (`self-hosted-preload.mts`, see `several-listening-sockets.mts`). The path
 * is relative to the app's directory, the server's working directory.
 */
export const SELF_HOSTED_PRELOAD = "./lib/runtime/self-hosted-preload.mts";
export const SELF_HOSTED_SERVER_NODE_OPTIONS = `${SERVER_NODE_OPTIONS} --import ${SELF_HOSTED_PRELOAD}`;

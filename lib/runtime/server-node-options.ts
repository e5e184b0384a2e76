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


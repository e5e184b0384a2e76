// Loaded by `npm start` (and the e2e and benchmark servers that stand in for it) with `--import`,
// before Next opens its port. Not on Lambda, where no port is opened.
import cluster from "node:cluster";
import { installSeveralListeningSockets } from "./several-listening-sockets.mts";
import { WORKER_LISTENING } from "./server-cluster.mts";

// A server process of `npm start`'s cluster (server-cluster.mts) opens sockets of its own on the
// shared port: only the first checks that the port is free (the others start once it listens and
// would find it taken by their sibling), and each tells the primary once it listens.
const worker = cluster.isWorker ? cluster.worker : undefined;
installSeveralListeningSockets(
  worker === undefined ? {} : { portCheckedBySibling: worker.id > 1, onListening: () => process.send?.(WORKER_LISTENING) },
);

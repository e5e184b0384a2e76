// Loaded by `npm start` (and the e2e and benchmark servers that stand in for it) with `--import`,
// before Next opens its port. Not on Lambda, where no port is opened.
import { installSeveralListeningSockets } from "./several-listening-sockets.mts";

installSeveralListeningSockets();

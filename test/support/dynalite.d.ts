// dynalite ships no types; this is the part the tests use.
declare module "dynalite" {
  import type { Server } from "node:http";

  type DynaliteOptions = {
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    /** A LevelDB directory; in memory when absent. */
    path?: string;
  };

  function dynalite(options?: DynaliteOptions): Server;
  export default dynalite;
}

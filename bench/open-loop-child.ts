/** The load process of `openLoop` (bench/open-loop.ts): runs one job sent by its parent and answers. */
import { runOpenLoop, type OpenLoopJob } from "./open-loop";

process.once("message", (job) => {
  void runOpenLoop(job as OpenLoopJob).then((figures) => {
    process.send?.(figures, () => process.exit(0));
  });
});

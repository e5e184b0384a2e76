import { ParleyError } from "@/lib/errors";

/**
 * What `ChatStore.setActiveLeaf` throws while an answer is being written in the chat: that answer
 * is stored at the end of the path it was asked on, so the path stays until it ends.
 */
export const branchSwitchRefused = () =>
  new ParleyError("answer_in_progress", "An answer is being written in this chat: switch branches once it ends, or stop it.");

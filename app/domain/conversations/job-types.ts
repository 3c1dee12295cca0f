/** Job types the conversation engine enqueues for other areas (the handlers live with those areas). */

/** Builds the operator's handoff summary for a chat handed to a person without one. */
export const HANDOFF_SUMMARY_JOB = "ai.handoff-summary";

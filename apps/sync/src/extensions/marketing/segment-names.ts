/** Name the segment step's results, dead letters and changes carry. */
export const SEGMENT_STEP = "segments";

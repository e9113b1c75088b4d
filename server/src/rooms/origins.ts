/** Transaction origins the room gives its own writes, so persistence can tell them apart. */
export const Origin = {
  /** Applying the stored snapshot and log: already on disk, never stored again. */
  Load: Symbol('warrant.load'),
  /** Updates another relay process committed and published: stored there, only broadcast. */
  Fanout: Symbol('warrant.fanout'),
} as const;

/**
 * What an import from another format made and what it could not keep. Nothing in the input is
 * dropped silently: whatever has no home in a Warrant map is listed in `leftOut`, and every
 * mapping that is not one-to-one (one Argdown relation becoming two rebuttals, say) in `notes`.
 */
export interface FormatReport {
  /** Claims created. */
  claims: number;
  /** Relations created. */
  relations: number;
  /** Things in the input that the map does not hold, each with the reason and its line. */
  leftOut: LeftOut[];
  /** Mappings a reader may not expect, in plain words. */
  notes: string[];
}

export interface LeftOut {
  what: string;
  why: string;
  line?: number;
}

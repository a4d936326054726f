/**
 * Policy deviations (icao-9303.md §12): real documents that break a Doc 9303 rule. Each switch is
 * off by default (strict): the MRZ is rejected with the deviation's own issue code. Switched on, the
 * MRZ is accepted with a warning carrying the same code, so the officer and the audit log see it.
 * A deviation never masks another error.
 */
export interface MrzPolicy {
  /** Accept `X` in the sex position (the VIZ spelling of "unspecified", ICAO 9303-4 §4.2.2) as `<`. Code `SEX_X`. Default false. */
  allowSexX: boolean;
  /**
   * Accept a TD1 long document number whose check digit was computed with the `<` of position 15
   * included (older Belgian/Portuguese cards; 9303-5 note j excludes it). Code `LONG_NUMBER_LEGACY_CHECK_DIGIT`. Default false.
   */
  allowLegacyLongNumberCheckDigit: boolean;
  /** Accept an all-filler expiry `<<<<<<` (cards without expiry; 9303-3 §4.8 allows fillers only in the birth date). Code `EXPIRY_UNKNOWN`. Default false. */
  allowUnknownExpiry: boolean;
  /** Accept a name field starting with `<<` (single-name holders; 9303-3 §4.6 makes the primary identifier mandatory). Code `PRIMARY_IDENTIFIER_EMPTY`. Default false. */
  allowEmptyPrimaryIdentifier: boolean;
  /** Accept `XXK` (not a Doc 9303 code; seen for Kosovo) as issuing State or nationality. Code `STATE_CODE_XXK`. Default false. */
  allowXxk: boolean;
}

/** Strict: every deviation rejected. */
export const DEFAULT_MRZ_POLICY: Readonly<MrzPolicy> = Object.freeze({
  allowSexX: false,
  allowLegacyLongNumberCheckDigit: false,
  allowUnknownExpiry: false,
  allowEmptyPrimaryIdentifier: false,
  allowXxk: false,
});

/** The default policy overridden by the switches given; only booleans count (junk is ignored, never thrown). */
export function resolveMrzPolicy(partial: Partial<MrzPolicy> | undefined): Readonly<MrzPolicy> {
  if (partial === undefined || partial === null || typeof partial !== 'object') return DEFAULT_MRZ_POLICY;
  const pick = (key: keyof MrzPolicy): boolean => (typeof partial[key] === 'boolean' ? (partial[key] as boolean) : DEFAULT_MRZ_POLICY[key]);
  return {
    allowSexX: pick('allowSexX'),
    allowLegacyLongNumberCheckDigit: pick('allowLegacyLongNumberCheckDigit'),
    allowUnknownExpiry: pick('allowUnknownExpiry'),
    allowEmptyPrimaryIdentifier: pick('allowEmptyPrimaryIdentifier'),
    allowXxk: pick('allowXxk'),
  };
}

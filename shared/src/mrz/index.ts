/** Public surface of shared/src/mrz (re-exported by shared/src/index.ts). See README.md in this folder. */
export * from './check-digit.js';
export * from './encode-mrz.js';
export { MRZ_ISSUE_CODES, type MrzIssue, type MrzIssueCode, type MrzFieldName, type MrzRange } from './mrz-issue.js';
export { DEFAULT_MRZ_POLICY, resolveMrzPolicy, type MrzPolicy } from './mrz-policy.js';
export type { MrzDatePart, MrzDocument, MrzRepairSuggestion, MrzResult, MrzSex } from './mrz-result.js';
export { parseMrz, type ParseMrzOptions } from './parse-mrz.js';
export { MRZ_MAX_INPUT_CHARS } from './normalise-mrz.js';
export { ICAO_SPECIAL_STATE_CODES, ISO_3166_ALPHA3, STATE_CODES_VERSION, type SpecialStateCode, type StateCodeUse } from './state-codes.js';

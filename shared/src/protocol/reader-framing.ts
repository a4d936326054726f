/**
 * The wire framings of MRZ document readers (document-readers.md §2): the vocabulary the agent's scanner
 * driver and the hardware simulator must agree on (a lane configured `desko` at the agent must meet a
 * simulator `desko` reader), so it lives here rather than in either workspace.
 */
export const READER_FRAMINGS = [
  'plain-cr',
  'plain-lf',
  'plain-crlf',
  'line-by-line',
  'stx-etx',
  'access-is',
  'desko',
  '3m-rte',
  'elyctis',
  'json-stx',
] as const;
export type ReaderFraming = (typeof READER_FRAMINGS)[number];

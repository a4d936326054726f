/**
 * The checkpoint agent's scanner driver (document-readers.md §8): serial bytes → MRZ frames, with
 * reconnection and health. The inspection pipeline consumes `ScannerSupervisor`'s `frame` events.
 */
export { ScannerSupervisor, ELYCTIS_ARM } from './scanner-supervisor.js';
export type { ScannerFrame, ScannerBadFrame, ScannerEvents, ScannerSupervisorOptions, ScannerTimers, ScannerLog, SerialBinding } from './scanner-supervisor.js';
export { FrameAssembler } from './frame-assembler.js';
export type { AssemblerEvent, FrameAssemblerOptions } from './frame-assembler.js';
export { FrameDeduper } from './frame-deduper.js';
export { SCANNER_PROFILES, ScannerProfile } from './scanner-profile.js';
export type { Framing, FramingOptions } from './scanner-profile.js';
export { mrzShapeOf, looksLikeMrz, splitMrzLines } from './mrz-shape.js';
export type { MrzShape } from './mrz-shape.js';
export { classifySerialError } from './scanner-health.js';
export type { ScannerHealth, ScannerState, ScannerErrorKind } from './scanner-health.js';
export { JsonStxMessage } from './json-stx-message.js';

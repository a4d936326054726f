/**
 * Public surface of @aspk/hardware-sim: emulated MRZ document readers on real PTYs (or mock ports for
 * unit tests), their wire profiles, faults, pacing, traffic and scenario files (document-readers.md §9).
 */
export { SimulatedReader } from './simulated-reader.js';
export type { SimulatedReaderOptions, ScanReport, WireRecord, ReaderStatus, DocumentInput, SimulatedReaderEvents } from './simulated-reader.js';
export { PtyDevice } from './transport/pty-device.js';
export { MockReaderDevice } from './transport/mock-device.js';
export type { FaultBinding } from './transport/mock-device.js';
export type { ReaderDevice, ReaderDeviceEvents } from './transport/reader-device.js';
export { SIM_PROFILES, msPerByte, bitsPerByte } from './profiles/reader-profile.js';
export type { SimProfileName, ReaderProfile, ReaderResponder, EncodedFrame, FrameSegment, EncodeOptions, SerialSettings } from './profiles/reader-profile.js';
export { READER_PROFILES, getReaderProfile } from './profiles/reader-profiles.js';
export { DESKO_SOD, DESKO_EOD, DESKO_SUBSTITUTE } from './profiles/envelope-profiles.js';
export { xorBcc, RTE_FLAG } from './profiles/rte-profile.js';
export { elyctisMessage } from './profiles/elyctis-profile.js';
export { SCAN_FAULTS, applyFaults, noiseBytes } from './faults/fault-injector.js';
export type { ScanFault, ScanExpectation, FaultedScan } from './faults/fault-injector.js';
export { CHUNKINGS, scheduleFrame, parseRate } from './pacing.js';
export type { Chunking, TimedWrite } from './pacing.js';
export { Prng } from './prng.js';
export { TravellerGenerator, DOCUMENT_KINDS } from './travellers/traveller-generator.js';
export type { Traveller, TravellerMix, TravellerGeneratorOptions, DocumentKind, GeneratedWatchlistEntry } from './travellers/traveller-generator.js';
export { Scenario, loadScenario, runScenario, TravellerSource, TRAVELLER_KINDS } from './scenario.js';
export type { ScenarioRun, TravellerKind } from './scenario.js';
export { startTraffic } from './traffic.js';
export type { TrafficOptions } from './traffic.js';

/** Public surface of @aspk/central-server: composition for tests and the demo launcher. */
export { createCentral, openStores, type Central, type CentralOptions, type Stores } from './main.js';
export { loadConfig, CentralConfig, CENTRAL_ENV_NAMES } from './config.js';
export { createLogger } from './logger.js';
export { main, DEMO_USERS } from './cli.js';

/** Public surface of @aspk/central-server. */
export {};

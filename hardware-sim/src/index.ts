/** Public surface of @aspk/hardware-sim. */
export {};

/** Public surface of @aspk/checkpoint-agent. */
export {};

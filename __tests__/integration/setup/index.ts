/** Everything the integration fixtures offer, from one import. No imports from src/: these judge Lading. */
export * from './ports.js';
export * from './procs.js';
export * from './token-issuer.js';
export * from './registry.js';
export * from './oci-http.js';
export * from './images.js';
export * from './action.js';
export * from './fault-proxy.js';
export * from './cache-service.js';
export * from './podman.js';
export * from './skeletons.js';

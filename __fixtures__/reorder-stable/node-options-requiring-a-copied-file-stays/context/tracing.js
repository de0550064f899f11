// Preloaded into every node process (NODE_OPTIONS): report unhandled errors.
process.on('unhandledRejection', (err) => { console.error('unhandled rejection', err); });

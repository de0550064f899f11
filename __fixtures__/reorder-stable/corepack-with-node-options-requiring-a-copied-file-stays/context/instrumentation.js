console.error("instrumentation loaded");

/**
 * The V8 flags layerfix runs with, set once per process from the main thread.
 *
 * `--liftoff-only`: the shell grammar's WebAssembly runs on baseline code (see src/shell/load.ts). V8 flags are
 * process-wide; setting them on the main thread before the bundle is compiled and before any worker starts means
 * the code cache sees the flags it was made with, and no worker changes them while another thread compiles.
 */
import v8 = require('node:v8');

const V8_FLAGS: readonly string[] = ['--liftoff-only'];

let set = false;

/** Set the flags (once; call it on the main thread). */
export function setV8Flags(): void {
  if (set) return;
  set = true;
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
}

/**
 * One real-build run per machine at a time: each run removes, when it ends, the containers and images that appeared
 * while it ran, which would include another run's. A second run waits for the first.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const LOCK = '/var/tmp/layerfix-real-build.lock';

/** Whether a process with this id is running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Wait until no other real-build run holds the machine, then hold it until this process exits. */
export async function holdRunLock(): Promise<void> {
  let said = false;
  let unreadableRounds = 0;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(`${LOCK}/pid`, String(process.pid));
      process.on('exit', () => rmSync(LOCK, { recursive: true, force: true }));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(`${LOCK}/pid`, 'utf8'));
    } catch {
      // Being written: look again.
    }
    const unreadable = !(Number.isInteger(holder) && holder > 0);
    if (unreadable) unreadableRounds++;
    // Left by a run that was killed (its process is gone, or it died before writing its id).
    if ((!unreadable && !alive(holder)) || unreadableRounds > 6) {
      rmSync(LOCK, { recursive: true, force: true });
      unreadableRounds = 0;
      continue;
    }
    if (!said) console.log(`real-build suite: waiting for the run of process ${holder} to end (${LOCK})`);
    said = true;
    await sleep(5_000);
  }
}

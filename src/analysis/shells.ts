/**
 * Which shell runs each instruction's shell form: the `SHELL` in effect in its stage (inherited from a parent
 * stage), cmd for Windows base images without one, `/bin/sh -c` otherwise.
 */
import { memoizeByTree, stages, type InstructionNode, type Root } from '../engine/index.js';

/** The shell of an instruction: its `SHELL` array, or `null` for the default `/bin/sh -c`. */
export type ShellInEffect = string[] | null;

const WINDOWS_IMAGE = /(^|[/:@-])(windows|windowsservercore|servercore|nanoserver|ltsc20\d\d)([/:@.-]|$)|mcr\.microsoft\.com\/(windows|dotnet\/framework|powershell)/i;

/** Whether an image reference names a Windows base image. */
export function isWindowsImage(image: string): boolean {
  return WINDOWS_IMAGE.test(image);
}

/**
 * The shell in effect for every instruction of the file. A Windows base image, or a file using the backtick escape
 * (a Windows convention), runs shell forms under cmd unless a `SHELL` says otherwise.
 */
export const shellsInEffect: (root: Root) => ReadonlyMap<InstructionNode, ShellInEffect> = memoizeByTree('layerfix.shells', readShells);

function readShells(root: Root): Map<InstructionNode, ShellInEffect> {
  const byStage = new Map<string, ShellInEffect>();
  const result = new Map<InstructionNode, ShellInEffect>();
  const windowsFile = root.data.escape === '`';
  for (const stage of stages(root)) {
    const parent = byStage.get(stage.base.toLowerCase());
    let shell: ShellInEffect = parent !== undefined ? parent : windowsFile || isWindowsImage(stage.base) ? ['cmd', '/S', '/C'] : null;
    result.set(stage.from.node, shell);
    for (const view of stage.instructions) {
      if (view.name === 'shell' && view.exec) shell = view.exec;
      result.set(view.node, shell);
    }
    if (stage.name) byStage.set(stage.name.toLowerCase(), shell);
  }
  return result;
}

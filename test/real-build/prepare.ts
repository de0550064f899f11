/**
 * Makes a Dockerfile buildable on this machine, or says why it cannot be: every `FROM <image>` that is not an earlier
 * stage becomes the local base image (`FROM scratch` stays), and the features this buildah (1.28) does not have are
 * reported instead of being built wrongly. The Dockerfile is read with dockerfile-ast, a parser independent of
 * layerfix, so a layerfix parser bug cannot hide in the mapping.
 */
import { Add, Copy, DockerfileParser, ModifiableInstruction, Run, type Arg, type Flag } from 'dockerfile-ast';
import { BASE_IMAGE, NODE_BASE_IMAGE } from './buildah.js';

export interface Prepared {
  /** The text to build. */
  text: string;
  /** What was mapped, one line each, e.g. `line 2: FROM node:20-slim -> localhost/layerfix-base:bookworm`. */
  mapped: string[];
  /** Why this buildah cannot build it faithfully; empty when it can. */
  notBuildable: string[];
}

/** Flags this buildah accepts, by keyword (checked on this machine: anything else is a build error). */
const SUPPORTED_FLAGS: Record<string, string[]> = {
  COPY: ['chmod', 'chown', 'from'],
  ADD: ['chmod', 'chown'],
  RUN: ['mount'],
  FROM: ['platform'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

const WINDOWS_IMAGE =
  /(^|[/:-])(windows|servercore|nanoserver|windowsservercore)([/:-]|$)|(^|\/)microsoft\/(iis|dotnet-framework|aspnet)(:|$)|mcr\.microsoft\.com\/dotnet\/framework\//i;

/** `$NAME` and `${NAME}` replaced by the defaults of the ARGs declared before the first FROM. */
function expandGlobalArgs(image: string, args: Map<string, string>): string {
  return image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => args.get(name) ?? whole);
}
const NON_POSIX_SHELL = /^\s*\[\s*"(?:[^"]*[\\/])?(powershell|pwsh|cmd)(\.exe)?"/i;

/** Offsets of the starts of lines, with the line breaks dockerfile-ast counts (\r\n, \r, \n). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    } else if (c === '\n') starts.push(i + 1);
  }
  return starts;
}

/** Node.js images (any tag): mapped to the base with Node.js and npm. */
const NODE_IMAGE = /^(docker\.io\/)?(library\/)?node(:|@|$)/i;

/** Map the base images and find what cannot be built here. */
export function prepareDockerfile(text: string, base = BASE_IMAGE, nodeBase = NODE_BASE_IMAGE): Prepared {
  const doc = DockerfileParser.parse(text);
  const starts = lineStarts(text);
  const offset = (p: { line: number; character: number }) => starts[p.line] + p.character;
  const edits: { from: number; to: number; text: string }[] = [];
  const mapped: string[] = [];
  const notBuildable = new Set<string>();
  const stageNames: string[] = [];
  const isStage = (name: string) => stageNames.includes(name.toLowerCase()) || /^\d+$/.test(name);

  // Stage of each instruction, and which stage each FROM builds on, for the VOLUME rule.
  let stage = -1;
  const globalArgs = new Map<string, string>();
  const stageParent: (number | undefined)[] = [];
  const volumeStages = new Map<number, { line: number; paths: string }>();

  for (const instruction of doc.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const line = instruction.getRange().start.line + 1;
    const where = `line ${line}`;
    const flags: Flag[] = instruction instanceof ModifiableInstruction ? instruction.getFlags() : [];
    const supported = SUPPORTED_FLAGS[keyword];
    for (const flag of flags) {
      if (supported && !supported.includes(flag.getName().toLowerCase())) {
        notBuildable.add(
          `${where}: ${keyword} --${flag.getName()} (buildah 1.28 supports only ${supported.map((f) => `--${f}`).join(', ')} on ${keyword})`,
        );
      }
    }
    // Add inherits getHeredocs() as protected; it answers the same way as Run's and Copy's public one.
    const heredocs =
      instruction instanceof Run || instruction instanceof Copy
        ? instruction.getHeredocs()
        : instruction instanceof Add
          ? (instruction as unknown as { getHeredocs(): unknown[] }).getHeredocs()
          : [];
    if (heredocs.length > 0) notBuildable.add(`${where}: ${keyword} with a heredoc (buildah 1.28 has no heredocs)`);
    // buildah runs an image's ONBUILD triggers when it makes a container of it, as the comparison does.
    if (keyword === 'ONBUILD' && /^\s*run\b/i.test(instruction.getArgumentsContent() ?? ''))
      notBuildable.add(
        `${where}: ONBUILD RUN (buildah runs the trigger when the comparison makes a container of the image)`,
      );

    if (keyword === 'ARG' && stage < 0) {
      for (const property of (instruction as Arg).getProperties()) {
        const value = property.getValue();
        if (value !== null) globalArgs.set(property.getName(), value);
      }
    }
    if (keyword === 'FROM') {
      stage++;
      const from = doc.getFROMs().find((f) => f.getRange().start.line === instruction.getRange().start.line);
      const image = from?.getImage() ?? null;
      const range = from?.getImageRange() ?? null;
      const parentName = image?.toLowerCase();
      stageParent[stage] = parentName && stageNames.includes(parentName) ? stageNames.indexOf(parentName) : undefined;
      if (image && range && image.toLowerCase() !== 'scratch' && !isStage(image)) {
        const resolved = expandGlobalArgs(image, globalArgs);
        const platformValue = from?.getPlatformFlag()?.getValue() ?? '';
        if (WINDOWS_IMAGE.test(resolved)) notBuildable.add(`${where}: FROM ${resolved} is a Windows image`);
        else if (/^windows\b/i.test(platformValue))
          notBuildable.add(`${where}: FROM --platform=${platformValue} builds a Windows image`);
        const target = NODE_IMAGE.test(resolved) ? nodeBase : base;
        edits.push({ from: offset(range.start), to: offset(range.end), text: target });
        mapped.push(
          `${where}: FROM ${image} -> ${target}${image.includes('$') ? ` (a variable${resolved !== image ? `, ${resolved} by its default` : ', mapped as it stands'})` : ''}`,
        );
        const platform = from?.getPlatformFlag();
        if (platform) {
          const r = platform.getRange();
          let end = offset(r.end);
          while (text[end] === ' ' || text[end] === '\t') end++;
          edits.push({ from: offset(r.start), to: end, text: '' });
          mapped.push(`${where}: dropped --platform=${platform.getValue()}`);
        }
      }
      const name = from?.getBuildStage();
      stageNames.push(name ? name.toLowerCase() : `\u0000stage${stage}`);
      continue;
    }

    if (keyword === 'SHELL' && NON_POSIX_SHELL.test(instruction.getArgumentsContent() ?? '')) {
      notBuildable.add(
        `${where}: SHELL runs a non-POSIX shell (${NON_POSIX_SHELL.exec(instruction.getArgumentsContent() ?? '')?.[1]}), which needs a Windows builder`,
      );
    }
    if (keyword === 'COPY') {
      const fromFlag = flags.find((f) => f.getName().toLowerCase() === 'from');
      const value = fromFlag?.getValue();
      if (value && value.includes('$'))
        notBuildable.add(`${where}: COPY --from=${value} names its source with a variable`);
      else if (value && !isStage(value))
        notBuildable.add(`${where}: COPY --from=${value} needs the image ${value}, which cannot be fetched here`);
    }
    if (keyword === 'RUN') {
      // Quoted text aside, a lone `&` runs a job in the background; daemon starters do the same.
      const shell = (instruction.getArgumentsContent() ?? '').replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, "''");
      const background = /(^|[^&>|<])&(?![&>])/.test(shell)
        ? '&'
        : /\b(start-stop-daemon|nohup|setsid|daemonize)\b/.exec(shell)?.[1];
      if (background) {
        notBuildable.add(
          `${where}: RUN starts a background process (${background}); under buildah's chroot isolation it outlives the RUN and can still write to the image, while BuildKit stops it`,
        );
      }
      for (const flag of flags.filter((f) => f.getName().toLowerCase() === 'mount')) {
        const value = flag.getValue() ?? '';
        const type = /(?:^|,)type=([^,]+)/.exec(value)?.[1] ?? 'bind';
        if (type === 'bind' && /(?:^|,)(rw|readwrite)(=true)?(?:,|$)/.test(value)) {
          notBuildable.add(
            `${where}: RUN --mount=type=bind,${/(?:^|,)(rw|readwrite)/.exec(value)?.[1]}: buildah 1.28 writes it through to the context and keeps the writes, BuildKit discards them after the RUN`,
          );
        }
        const from = /(?:^|,)from=([^,]+)/.exec(value)?.[1];
        if (from && !isStage(from))
          notBuildable.add(`${where}: RUN --mount from=${from} needs the image ${from}, which cannot be fetched here`);
      }
    }
    if (keyword === 'ADD') {
      const args = instruction.getArguments().map((a) => a.getValue());
      const sources = args.slice(0, -1);
      for (const source of sources) {
        if (/^(https?|git):\/\/|^git@|\.git(#|$)/i.test(source))
          notBuildable.add(
            `${where}: ADD ${source} downloads from outside (only the Debian mirror can be reached here)`,
          );
      }
    }
    if (keyword === 'VOLUME')
      volumeStages.set(stage, volumeStages.get(stage) ?? { line, paths: instruction.getArgumentsContent() ?? '' });
    if ((keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') && stage >= 0) {
      // A VOLUME earlier in this stage or in the stage it is built on: buildah drops later changes under it.
      for (let s: number | undefined = stage; s !== undefined; s = stageParent[s]) {
        const volume = volumeStages.get(s);
        if (volume) {
          notBuildable.add(
            `line ${volume.line}: VOLUME ${volume.paths} is followed by ${keyword} (${where}); buildah 1.28 drops later changes under a volume, BuildKit keeps them`,
          );
          break;
        }
      }
    }
  }

  let out = text;
  for (const edit of edits.sort((a, b) => b.from - a.from))
    out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
  return { text: out, mapped, notBuildable: [...notBuildable] };
}

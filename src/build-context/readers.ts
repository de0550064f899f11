/**
 * One reader per kind of build file: each turns a file's text into the builds it describes (`BuildSource`), or into
 * the reason a build it describes cannot be used. Paths in a file are relative to its folder (compose, bake,
 * skaffold, dev containers), or to the repository root or the step's `working-directory` (workflows), or to the
 * folder make runs in (Makefiles) or the root (scripts).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, resolve } from 'node:path';
import type { Node as TreeSitterNode } from 'web-tree-sitter';
import { readBuildCommands, withPodman, type VarValue, type Vars } from './commands.js';
import { isMap, readGitlabYamlDocuments, readJsonc, readYamlDocuments, stringOf, withHcl, type Data } from './data.js';
import { GIT_CONTEXT } from '../analysis/index.js';
import type { SourceSink } from './types.js';

/** A build file to read: its absolute path, its path for messages (repository-relative), and the repository root. */
export interface BuildFile {
  path: string;
  display: string;
  root: string;
}

function isRemote(context: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(context) ||
    context.startsWith('git@') ||
    /^[\w.-]+\/[\w.-]+\.git(#|$)/.test(context)
  );
}

/**
 * Interpolate `${NAME}`, `$NAME`, `${NAME:-default}`, `${NAME-default}` and `$$` as compose and bake do, from the
 * values the repository sets (`vars`). A name it does not set makes the value unknown.
 */
function interpolate(text: string, vars: Vars, describe: (name: string) => string = (n) => `\${${n}}`): VarValue {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '$') {
      out += text[i];
      continue;
    }
    if (text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/.exec(text.slice(i));
    const plain = braced ? undefined : /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
    const match = braced ?? plain;
    if (!match) return { unknown: `${text} holds an expression layerfix does not read` };
    const value = vars.get(match[1]);
    if (typeof value === 'string' && !(braced?.[2] === ':-' && value === '')) out += value;
    else if (braced && (braced[2] === ':-' || braced[2] === '-') && value === undefined) out += braced[3];
    else if (value !== undefined && typeof value !== 'string') return value;
    else return { unknown: `the variable ${describe(match[1])} is not set in the repository` };
    i += match[0].length - 1;
  }
  return out;
}

/** The `KEY=VALUE` lines of a compose `.env` file (quotes removed), or an empty map. */
function readDotEnv(dir: string): Vars {
  const vars: Vars = new Map();
  let text: string;
  try {
    text = readFileSync(join(dir, '.env'), 'utf8');
  } catch {
    return vars;
  }
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    let value = match[2];
    if (/^"(.*)"$/s.test(value) || /^'(.*)'$/s.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    vars.set(match[1], value);
  }
  return vars;
}

/** Report one build given as (possibly unknown) context, Dockerfile relative to the context, and target. */
function report(
  sink: SourceSink,
  source: string,
  base: string,
  context: VarValue,
  dockerfile: VarValue,
  target: VarValue | undefined,
  dockerfileBase?: string,
): void {
  if (typeof context !== 'string') {
    const known =
      typeof dockerfile === 'string' && (isAbsolute(dockerfile) || dockerfileBase)
        ? resolve(dockerfileBase ?? base, dockerfile)
        : undefined;
    const tail = !known && typeof dockerfile === 'string' ? posix.normalize(dockerfile) : undefined;
    sink.unusable({
      source,
      reason: `its context is not known: ${context.unknown}`,
      ...(known ? { dockerfile: known } : tail ? { dockerfileTail: tail } : {}),
    });
    return;
  }
  if (isRemote(context)) {
    sink.unusable({ source, reason: `its context ${context} is remote` });
    return;
  }
  const contextDir = resolve(base, context);
  if (typeof dockerfile !== 'string') {
    sink.unusable({ source, context: contextDir, reason: `its Dockerfile is not known: ${dockerfile.unknown}` });
    return;
  }
  const file = resolve(dockerfileBase ?? contextDir, dockerfile);
  if (target !== undefined && typeof target !== 'string') {
    sink.unusable({
      source,
      dockerfile: file,
      context: contextDir,
      reason: `its target is not known: ${target.unknown}`,
    });
    return;
  }
  sink.build({ dockerfile: file, context: contextDir, source, ...(target ? { target } : {}) });
}

/** A sink whose builds send the Git context: the committed tree, with no ignore file applied. */
function gitContext(sink: SourceSink): SourceSink {
  return {
    build: (found) => sink.build({ ...found, ignoreFile: GIT_CONTEXT }),
    unusable: (found) => sink.unusable(found),
  };
}

/**
 * A `redhat-actions/buildah-build` step: buildah builds its one containerfile (several are concatenated, which layerfix
 * does not follow; none builds no Dockerfile) from `context`, the workspace by default; a `--target` among its
 * `extra-args` is not read, so such a build gives no target.
 */
function readBuildahAction(
  w: { [key: string]: Data },
  source: string,
  root: string,
  env: Vars,
  sink: SourceSink,
): void {
  const files = (stringOf(w.containerfiles) ?? stringOf(w.dockerfiles) ?? '').split(/\s+/).filter(Boolean);
  if (files.length !== 1) {
    if (files.length)
      sink.unusable({ source, reason: 'it builds several containerfiles as one, which layerfix does not follow' });
    return;
  }
  const given = stringOf(w.context);
  const context = given === undefined ? '.' : expressions(given, root, env);
  const extra = stringOf(w['extra-args']) ?? '';
  const target = /(^|\s)--target\b/.test(extra)
    ? { unknown: 'its extra-args name a target layerfix does not read' }
    : undefined;
  report(withPodman(sink, 'buildah'), source, root, context, expressions(files[0], root, env), target, root);
}

/** `services.*.build` of a compose file: a context string, or `{ context, dockerfile, target }`. */
export function readCompose(file: BuildFile, text: string, sink: SourceSink): void {
  const base = dirname(file.path);
  const vars = readDotEnv(base);
  // `docker compose` merges compose.override.yaml into the compose file beside it, service by service.
  const under = isOverride(file.path) ? baseServices(base) : undefined;
  for (const services of composeServices(text)) {
    for (const [name, service] of Object.entries(services)) {
      const own = isMap(service) ? service.build : undefined;
      if (own === undefined) continue;
      const build = under?.has(name) ? { ...buildMap(under.get(name)!.build), ...buildMap(own) } : own;
      const source = `${file.display}: services.${name}.build${under?.has(name) ? ` (over ${under.get(name)!.file})` : ''}`;
      if (typeof build === 'string') {
        report(sink, source, base, interpolate(build, vars), 'Dockerfile', undefined);
        continue;
      }
      if (!isMap(build)) continue;
      if (build.dockerfile_inline !== undefined) continue;
      const context = interpolate(stringOf(build.context) ?? '.', vars);
      const dockerfile = interpolate(stringOf(build.dockerfile) ?? 'Dockerfile', vars);
      const target = build.target === undefined ? undefined : interpolate(stringOf(build.target) ?? '', vars);
      report(sink, source, base, context, dockerfile, target);
    }
  }
}

/** The `services` maps of a compose text, one per YAML document that has them. */
function composeServices(text: string): Array<Record<string, Data>> {
  return readYamlDocuments(text)
    .map((doc) => (isMap(doc) ? doc.services : undefined))
    .filter((services): services is Record<string, Data> => isMap(services));
}

/** Whether a compose file is the override `docker compose` reads over the compose file beside it. */
function isOverride(path: string): boolean {
  return /(^|[\\/])(docker-)?compose\.override\.ya?ml$/.test(path);
}

/** A service's `build` as a map (the short form is its context). */
function buildMap(build: Data | undefined): Record<string, Data> {
  return typeof build === 'string' ? { context: build } : isMap(build) ? build : {};
}

/** The services with a `build` of the compose file `docker compose` finds in `dir` first, by name, with the file name. */
function baseServices(dir: string): Map<string, { build: Data; file: string }> | undefined {
  for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    const found = new Map<string, { build: Data; file: string }>();
    try {
      for (const services of composeServices(text))
        for (const [service, spec] of Object.entries(services))
          if (isMap(spec) && spec.build !== undefined) found.set(service, { build: spec.build, file: name });
    } catch {
      // The base file is reported where it is read itself.
    }
    return found;
  }
  return undefined;
}

/** A bake target as read: its own attributes (undefined when not set) and what it inherits. */
interface BakeTarget {
  context?: VarValue;
  dockerfile?: VarValue;
  target?: VarValue;
  inherits: string[];
}

function reportBake(file: BuildFile, targets: Map<string, BakeTarget>, sink: SourceSink): void {
  const base = dirname(file.path);
  const resolved = (
    name: string,
    key: 'context' | 'dockerfile' | 'target',
    seen: Set<string>,
  ): VarValue | undefined => {
    const target = targets.get(name);
    if (!target || seen.has(name)) return undefined;
    seen.add(name);
    if (target[key] !== undefined) return target[key];
    let found: VarValue | undefined;
    // Later parents win, as bake merges them in order.
    for (const parent of target.inherits) found = resolved(parent, key, seen) ?? found;
    return found;
  };
  // bake resolves a relative context from the folder it runs in (the bake file's own folder only under
  // BUILDX_BAKE_FILE_RELATIVE_PATHS=1): the repository root for a bake file there, unknown for one below it.
  const below = dirname(file.path) !== file.root;
  for (const name of targets.keys()) {
    let context = resolved(name, 'context', new Set()) ?? '.';
    const dockerfile = resolved(name, 'dockerfile', new Set()) ?? 'Dockerfile';
    const target = resolved(name, 'target', new Set());
    if (below && typeof context === 'string' && !isAbsolute(context) && !isRemote(context))
      context = {
        unknown: `bake reads the relative context ${context} from the folder it runs in, which is not known for a bake file below the repository root`,
      };
    report(sink, `${file.display}: target "${name}"`, base, context, dockerfile, target);
  }
}

/** `target.*` of a `docker-bake.json`: `context`, `dockerfile`, `target`, `inherits`; variables from `variable.*.default`. */
export function readBakeJson(file: BuildFile, text: string, sink: SourceSink): void {
  const data = JSON.parse(text.replace(/^\ufeff/, '')) as Data;
  if (!isMap(data)) return;
  const vars: Vars = new Map();
  if (isMap(data.variable)) {
    for (const [name, spec] of Object.entries(data.variable)) {
      const value = isMap(spec) ? stringOf(spec.default) : undefined;
      if (value !== undefined) vars.set(name, value);
    }
  }
  const targets = new Map<string, BakeTarget>();
  if (isMap(data.target)) {
    for (const [name, spec] of Object.entries(data.target)) {
      if (!isMap(spec)) continue;
      const attr = (key: string) =>
        spec[key] === undefined ? undefined : interpolate(stringOf(spec[key]) ?? '', vars);
      const inherits = Array.isArray(spec.inherits)
        ? spec.inherits.filter((v): v is string => typeof v === 'string')
        : [];
      targets.set(name, { context: attr('context'), dockerfile: attr('dockerfile'), target: attr('target'), inherits });
    }
  }
  reportBake(file, targets, sink);
}

/** The string an HCL expression stands for: literals, templates with `${NAME}`, and variables; otherwise unknown. */
function hclValue(node: TreeSitterNode | null | undefined, vars: Vars): VarValue {
  if (!node) return { unknown: 'an empty expression' };
  switch (node.type) {
    case 'expression':
    case 'literal_value':
    case 'template_expr':
      return node.namedChildCount === 1
        ? hclValue(node.namedChild(0), vars)
        : { unknown: `${node.text} is an expression layerfix does not read` };
    case 'string_lit':
    case 'quoted_template': {
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'quoted_template_start' || child.type === 'quoted_template_end') continue;
        if (child.type === 'template_literal') out += child.text.replace(/\$\$\{/g, '${');
        else if (child.type === 'template_interpolation') {
          const inner = child.namedChildren.find((c) => c?.type === 'expression');
          const value = hclValue(inner, vars);
          if (typeof value !== 'string') return value;
          out += value;
        } else return { unknown: `${node.text} is an expression layerfix does not read` };
      }
      return out;
    }
    case 'variable_expr': {
      const name = node.text;
      const value = vars.get(name);
      return value ?? { unknown: `the variable ${name} has no default in the bake file` };
    }
    case 'numeric_lit':
      return node.text;
    default:
      return { unknown: `${node.text} is an expression layerfix does not read` };
  }
}

function hclStrings(node: TreeSitterNode | null | undefined, vars: Vars): string[] {
  const out: string[] = [];
  const visit = (n: TreeSitterNode | null | undefined) => {
    if (!n) return;
    if (n.type === 'tuple') {
      for (const child of n.namedChildren)
        if (child?.type === 'expression') {
          const value = hclValue(child, vars);
          if (typeof value === 'string') out.push(value);
        }
      return;
    }
    for (const child of n.namedChildren) visit(child);
  };
  visit(node);
  return out;
}

interface HclBlock {
  kind: string;
  label: string | undefined;
  attributes: Map<string, TreeSitterNode>;
}

function hclBlocks(root: TreeSitterNode): HclBlock[] {
  const body = root.namedChildren.find((c) => c?.type === 'body');
  const out: HclBlock[] = [];
  for (const block of body?.namedChildren ?? []) {
    if (block?.type !== 'block') continue;
    const children = block.namedChildren;
    const kind = children[0]?.type === 'identifier' ? children[0].text : '';
    const labelNode = children.slice(1).find((c) => c?.type === 'string_lit' || c?.type === 'identifier');
    const label = labelNode
      ? labelNode.type === 'string_lit'
        ? (hclValue(labelNode, new Map()) as string)
        : labelNode.text
      : undefined;
    const attributes = new Map<string, TreeSitterNode>();
    const inner = block.namedChildren.find((c) => c?.type === 'body');
    for (const attribute of inner?.namedChildren ?? []) {
      if (attribute?.type !== 'attribute') continue;
      const key = attribute.namedChildren.find((c) => c?.type === 'identifier')?.text;
      const value = attribute.namedChildren.find((c) => c?.type === 'expression');
      if (key && value) attributes.set(key, value);
    }
    out.push({ kind, label, attributes });
  }
  return out;
}

/** `target "x" { context, dockerfile, target, inherits }` blocks of a `docker-bake.hcl`, with `variable` defaults. */
export async function readBakeHcl(file: BuildFile, text: string, sink: SourceSink): Promise<void> {
  const blocks = await withHcl(text, (root) => {
    const list = hclBlocks(root);
    const vars: Vars = new Map();
    for (const block of list) {
      if (block.kind !== 'variable' || !block.label) continue;
      const value = block.attributes.has('default') ? hclValue(block.attributes.get('default'), vars) : undefined;
      if (value !== undefined) vars.set(block.label, value);
    }
    const targets = new Map<string, BakeTarget>();
    for (const block of list) {
      if (block.kind !== 'target' || !block.label) continue;
      const attr = (key: string) => (block.attributes.has(key) ? hclValue(block.attributes.get(key), vars) : undefined);
      targets.set(block.label, {
        context: attr('context'),
        dockerfile: attr('dockerfile'),
        target: attr('target'),
        inherits: hclStrings(block.attributes.get('inherits'), vars),
      });
    }
    return targets;
  });
  reportBake(file, blocks, sink);
}

/** `build.artifacts[]` of a skaffold file (every profile too): `context`, `docker.dockerfile`, `docker.target`. */
export function readSkaffold(file: BuildFile, text: string, sink: SourceSink): void {
  const base = dirname(file.path);
  const plain = (value: Data | undefined, fallback: string): VarValue => {
    const text = stringOf(value) ?? fallback;
    return text.includes('{{') ? { unknown: `${text} is a template` } : text;
  };
  for (const doc of readYamlDocuments(text)) {
    if (!isMap(doc)) continue;
    const builds: [string, Data | undefined][] = [['build', doc.build]];
    if (Array.isArray(doc.profiles)) {
      for (const profile of doc.profiles)
        if (isMap(profile)) builds.push([`profiles.${stringOf(profile.name) ?? '?'}.build`, profile.build]);
    }
    for (const [where, build] of builds) {
      const artifacts = isMap(build) ? build.artifacts : undefined;
      if (!Array.isArray(artifacts)) continue;
      artifacts.forEach((artifact, i) => {
        if (!isMap(artifact)) return;
        const docker = artifact.docker;
        if (
          docker === undefined &&
          Object.keys(artifact).some((k) => ['jib', 'bazel', 'ko', 'buildpacks', 'custom', 'kaniko'].includes(k))
        )
          return;
        const spec = isMap(docker) ? docker : {};
        const source = `${file.display}: ${where}.artifacts[${i}] (${stringOf(artifact.image) ?? 'image'})`;
        report(
          sink,
          source,
          base,
          plain(artifact.context, '.'),
          plain(spec.dockerfile, 'Dockerfile'),
          spec.target === undefined ? undefined : plain(spec.target, ''),
        );
      });
    }
  }
}

/** `build.dockerfile`, `build.context`, `build.target` of a `devcontainer.json` (both relative to its folder). */
export function readDevcontainer(file: BuildFile, text: string, sink: SourceSink): void {
  const data = readJsonc(text);
  if (!isMap(data)) return;
  const build = isMap(data.build) ? data.build : {};
  const dockerfile = stringOf(build.dockerfile) ?? stringOf(data.dockerFile) ?? stringOf(data.dockerfile);
  if (dockerfile === undefined) return;
  const base = dirname(file.path);
  // The folder the dev container is opened on: the one holding `.devcontainer/`, or `.devcontainer.json`'s own.
  const workspace = base.endsWith(`${join('.devcontainer')}`)
    ? dirname(base)
    : /[\\/]\.devcontainer[\\/][^\\/]+$/.test(base)
      ? dirname(dirname(base))
      : base;
  const vars: Vars = new Map([
    ['localWorkspaceFolder', workspace],
    ['containerWorkspaceFolder', workspace],
  ]);
  const expand = (value: string): VarValue => {
    let out = '';
    let rest = value;
    for (let match = /\$\{([^}]+)\}/.exec(rest); match; match = /\$\{([^}]+)\}/.exec(rest)) {
      const known = vars.get(match[1]);
      if (typeof known !== 'string') return { unknown: `\${${match[1]}} is not known before the container is built` };
      out += rest.slice(0, match.index) + known;
      rest = rest.slice(match.index + match[0].length);
    }
    return out + rest;
  };
  const context = expand(stringOf(build.context) ?? stringOf(data.context) ?? '.');
  const target = build.target === undefined ? undefined : expand(stringOf(build.target) ?? '');
  report(sink, `${file.display}: build`, base, context, expand(dockerfile), target, base);
}

/** `KEY: value` pairs of a workflow `env:` mapping whose values need no expression. */
function envOf(value: Data | undefined, into: Vars): Vars {
  const out: Vars = new Map(into);
  if (!isMap(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    const text = stringOf(v);
    out.set(
      key,
      text === undefined
        ? { unknown: `env ${key} is not a plain value` }
        : text.includes('${{')
          ? { unknown: `env ${key} is the expression ${text}` }
          : text,
    );
  }
  return out;
}

/**
 * Replace the workflow expressions of a text (`${{ github.workspace }}`, `${{ env.NAME }}`) by what they stand for;
 * any other expression makes the value unknown.
 */
function expressions(text: string, root: string, env: Vars): VarValue {
  let unknown: string | undefined;
  const out = text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (all, expression: string) => {
    if (expression === 'github.workspace') return root;
    const named = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
    const value = named ? env.get(named[1]) : undefined;
    if (typeof value === 'string') return value;
    unknown ??= `the expression ${all} is only known when the workflow runs`;
    return '';
  });
  return unknown ? { unknown } : out;
}

/** For shell text: expressions become variables the command reader looks up (known or not). */
function shellExpressions(text: string, root: string, env: Vars, vars: Vars, names: Map<string, string>): string {
  let n = 0;
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (all) => {
    const name = `__layerfix_expression_${n++}`;
    const value = expressions(all, root, env);
    vars.set(name, value);
    names.set(name, all);
    return `\${${name}}`;
  });
}

/**
 * `docker/build-push-action` steps (`context`, `file`, `target`), `redhat-actions/buildah-build` steps (`context`,
 * one of `containerfiles`; buildah builds them) and build command lines in `run:` steps.
 */
export function readWorkflow(file: BuildFile, text: string, sink: SourceSink): void {
  const root = file.root;
  for (const doc of readYamlDocuments(text)) {
    if (!isMap(doc) || !isMap(doc.jobs)) continue;
    const workflowEnv = envOf(doc.env, new Map([['GITHUB_WORKSPACE', root]]));
    const workflowDir =
      isMap(doc.defaults) && isMap(doc.defaults.run) ? stringOf(doc.defaults.run['working-directory']) : undefined;
    for (const [jobName, job] of Object.entries(doc.jobs)) {
      if (!isMap(job) || !Array.isArray(job.steps)) continue;
      const jobEnv = envOf(job.env, workflowEnv);
      const jobDir =
        (isMap(job.defaults) && isMap(job.defaults.run)
          ? stringOf(job.defaults.run['working-directory'])
          : undefined) ?? workflowDir;
      job.steps.forEach((step, i) => {
        if (!isMap(step)) return;
        const env = envOf(step.env, jobEnv);
        const where = `${file.display}: jobs.${jobName}.steps[${i}]${stringOf(step.name) ? ` (${stringOf(step.name)})` : ''}`;
        const uses = stringOf(step.uses);
        if (uses?.startsWith('docker/build-push-action@')) {
          const w = isMap(step.with) ? step.with : {};
          const given = stringOf(w.context);
          // Without `context` the action builds the Git context of the commit: the repository's committed tree, to
          // which BuildKit applies no .dockerignore (red team 32).
          const context = given === undefined ? '.' : expressions(given, root, env);
          const fileGiven = stringOf(w.file);
          const target = w.target === undefined ? undefined : expressions(stringOf(w.target) ?? '', root, env);
          const into = given === undefined ? gitContext(sink) : sink;
          if (fileGiven === undefined)
            report(into, `${where}: docker/build-push-action`, root, context, 'Dockerfile', target);
          else
            report(
              into,
              `${where}: docker/build-push-action`,
              root,
              context,
              expressions(fileGiven, root, env),
              target,
              root,
            );
          return;
        }
        if (uses?.startsWith('redhat-actions/buildah-build@')) {
          readBuildahAction(
            isMap(step.with) ? step.with : {},
            `${where}: redhat-actions/buildah-build`,
            root,
            env,
            sink,
          );
          return;
        }
        const run = stringOf(step.run);
        if (run === undefined) return;
        const dirText = stringOf(step['working-directory']) ?? jobDir;
        const dir = dirText === undefined ? root : expressions(dirText, root, env);
        const vars: Vars = new Map(env);
        const names = new Map<string, string>();
        const shellText = shellExpressions(run, root, env, vars, names);
        if (typeof dir !== 'string') {
          readBuildCommands(
            shellText,
            { cwd: root, vars, file: where, line: 1 },
            {
              build: (found) =>
                sink.unusable({
                  source: found.source,
                  dockerfile: found.dockerfile,
                  reason: `its working-directory is not known: ${dir.unknown}`,
                  ...(found.podman ? { podman: found.podman } : {}),
                }),
              unusable: (found) => sink.unusable(found),
            },
          );
          return;
        }
        readBuildCommands(
          shellText,
          {
            cwd: resolve(root, dir),
            vars,
            file: `${where}: run`,
            line: 1,
            describe: (name) => names.get(name) ?? `$${name}`,
          },
          sink,
        );
      });
    }
  }
}

/** Top-level keys of a `.gitlab-ci.yml` that are not jobs. */
const GITLAB_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);

/**
 * The `before_script`, `script` and `after_script` lines of each job of a `.gitlab-ci.yml`, which GitLab runs in the
 * repository's checkout (`$CI_PROJECT_DIR`), with the file's and the job's `variables`: `extends` merged in,
 * `before_script` and `after_script` from `default:` (or the top level) when the job has none, and `!reference` tags
 * resolved (red team 33).
 */
export function readGitlabCi(file: BuildFile, text: string, sink: SourceSink): void {
  const root = file.root;
  for (const own of readGitlabYamlDocuments(text)) {
    if (!isMap(own)) continue;
    const doc = withIncludes(own, file, sink);
    const base = new Map([['CI_PROJECT_DIR', root]]);
    const fileVars = gitlabVariables(resolveReferences(doc, doc.variables, 0), base);
    const defaults = isMap(doc.default) ? doc.default : {};
    for (const name of Object.keys(doc)) {
      if (GITLAB_KEYWORDS.has(name) || name.startsWith('.') || !isMap(doc[name])) continue;
      const job = gitlabJob(doc, name, 0);
      const inherited = inheritedDefaults(job.inherit);
      for (const key of ['before_script', 'after_script'])
        if (job[key] === undefined && inherited(key)) job[key] = defaults[key] ?? doc[key] ?? null;
      const inheritVars = isMap(job.inherit) ? job.inherit.variables : undefined;
      const fromFile =
        inheritVars === false
          ? base
          : Array.isArray(inheritVars)
            ? new Map([...fileVars].filter(([key]) => key === 'CI_PROJECT_DIR' || inheritVars.includes(key)))
            : fileVars;
      const vars = gitlabVariables(resolveReferences(doc, job.variables, 0), fromFile);
      // Variables a matrix or a rule sets take other values in some pipelines (red team 35).
      for (const key of [...varyingVariables(job), ...varyingVariables(isMap(doc.workflow) ? doc.workflow : {})])
        vars.set(key, { unknown: `${key} is set by a matrix or rules of the pipeline` });
      // A child pipeline runs another configuration of the repository, read as its own (red team 36).
      if (isMap(job.trigger)) childPipeline(job.trigger, file, `${file.display}: ${name}.trigger`, sink);
      // before_script and script run in one shell (a `cd` carries over: red team 32); after_script in another.
      for (const keys of [['before_script', 'script'], ['after_script']]) {
        const items = keys.flatMap((key) =>
          scriptLines(resolveReferences(doc, job[key], 0)).map((line, i) => ({ line, label: `${key}[${i}]` })),
        );
        const starts: number[] = [];
        let text = '';
        for (const item of items) {
          starts.push(text.length);
          // `$[[ inputs.ctx ]]` is given when the pipeline runs (`spec: inputs`): a variable whose value is not known.
          text += `${item.line.replace(/\$\[\[\s*inputs\.([A-Za-z0-9_-]+)[^\]]*\]\]/g, (_, input: string) => `\${__gitlab_input_${input.replace(/-/g, '_')}}`)}\n`;
        }
        const where = (offset: number) => {
          let i = starts.length - 1;
          while (i > 0 && starts[i] > offset) i--;
          const within = text.slice(starts[i], offset).match(/\n/g)?.length ?? 0;
          return `${file.display}: ${name}.${items[i].label}:${within + 1}`;
        };
        const scriptVars = new Map(vars);
        for (const [, input] of text.matchAll(/\$\{__gitlab_input_([A-Za-z0-9_]+)\}/g))
          scriptVars.set(`__gitlab_input_${input}`, { unknown: `the input ${input} is given when the pipeline runs` });
        readBuildCommands(text, { cwd: root, vars: scriptVars, file: file.display, line: 1, where }, sink);
      }
    }
  }
}

/**
 * A GitLab CI file with the local files it includes merged under it (the file's own keys win), as GitLab merges them;
 * an include layerfix cannot read (another project, a URL, a template, a component) is reported.
 */
function withIncludes(
  doc: { [key: string]: Data },
  file: BuildFile,
  sink: SourceSink,
  depth = 0,
): { [key: string]: Data } {
  let merged: { [key: string]: Data } = {};
  for (const entry of listOf(doc.include)) {
    const local = localInclude(entry);
    if (local === undefined) {
      sink.unusable({ source: `${file.display}: include`, reason: 'it includes a configuration layerfix cannot read' });
      continue;
    }
    try {
      // Included files include others in turn (red team 36).
      for (const included of readGitlabYamlDocuments(readFileSync(join(file.root, local), 'utf8')))
        if (isMap(included) && depth < 10) merged = deepMerge(merged, withIncludes(included, file, sink, depth + 1));
    } catch (error) {
      sink.unusable({
        source: `${file.display}: include ${local}`,
        reason: `cannot be read: ${(error as Error).message}`,
      });
    }
  }
  return deepMerge(merged, doc);
}

/** A value that may be one item or a list, as a list. */
function listOf(value: Data | undefined): Data[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The repository file an `include:` entry names (`ci/x.yml`, `{ local: ci/x.yml }`), when it names one without a glob or variable. */
function localInclude(entry: Data): string | undefined {
  const local =
    typeof entry === 'string' && !/^https?:/.test(entry) ? entry : isMap(entry) ? stringOf(entry.local) : undefined;
  return local === undefined || /[*$]/.test(local) ? undefined : local;
}

/** A `trigger:` child pipeline: its local configuration files read as GitLab CI files; any other is reported. */
function childPipeline(trigger: { [key: string]: Data }, file: BuildFile, source: string, sink: SourceSink): void {
  for (const entry of listOf(trigger.include)) {
    const local = localInclude(entry);
    let text: string | undefined;
    try {
      text = local === undefined ? undefined : readFileSync(join(file.root, local), 'utf8');
    } catch {
      text = undefined;
    }
    if (text === undefined) sink.unusable({ source, reason: 'it runs a child pipeline layerfix cannot read' });
    else readGitlabCi({ ...file, path: join(file.root, local!), display: `${source} ${local}` }, text, sink);
  }
}

/** The variables a job's (or the workflow's) `parallel: matrix` or `rules: variables` set, which differ by pipeline. */
function varyingVariables(job: { [key: string]: Data }): string[] {
  const names: string[] = [];
  const matrix = isMap(job.parallel) && Array.isArray(job.parallel.matrix) ? job.parallel.matrix : [];
  for (const entry of matrix) if (isMap(entry)) names.push(...Object.keys(entry));
  for (const rule of Array.isArray(job.rules) ? job.rules : [])
    if (isMap(rule) && isMap(rule.variables)) names.push(...Object.keys(rule.variables));
  return names;
}

/** A job with the jobs it `extends` merged under it, as GitLab merges them (maps deeply, other values replaced). */
function gitlabJob(doc: { [key: string]: Data }, name: string, depth: number): { [key: string]: Data } {
  const own = doc[name];
  if (!isMap(own) || depth > 10) return {};
  let merged: { [key: string]: Data } = {};
  for (const base of listOf(own.extends))
    if (typeof base === 'string') merged = deepMerge(merged, gitlabJob(doc, base, depth + 1));
  return deepMerge(merged, own);
}

function deepMerge(under: { [key: string]: Data }, over: { [key: string]: Data }): { [key: string]: Data } {
  const out: { [key: string]: Data } = { ...under };
  for (const [key, value] of Object.entries(over))
    out[key] = isMap(value) && isMap(out[key]) ? deepMerge(out[key] as { [key: string]: Data }, value) : value;
  return out;
}

/** Which of `default:`'s keys a job inherits (`inherit: default: false` or a list of keys). */
function inheritedDefaults(inherit: Data | undefined): (key: string) => boolean {
  const value = isMap(inherit) ? inherit.default : undefined;
  if (value === false) return () => false;
  if (Array.isArray(value)) return (key) => value.includes(key);
  return () => true;
}

/** A value with its `!reference [job, key, ...]` tags replaced by what they name (nested ones too). */
function resolveReferences(doc: { [key: string]: Data }, value: Data | undefined, depth: number): Data | undefined {
  if (depth > 10) return undefined;
  if (isMap(value) && Array.isArray(value['!reference'])) {
    let found: Data | undefined = doc;
    for (const key of value['!reference']) found = isMap(found) && typeof key === 'string' ? found[key] : undefined;
    return resolveReferences(doc, found, depth + 1);
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(doc, item, depth + 1) ?? null);
  return value;
}

/** A job's script: one line or a list of lines (lists nested by YAML anchors or references flattened). */
function scriptLines(value: Data | undefined): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.flatMap((item) => scriptLines(item)) : [];
}

/** GitLab CI `variables` over `into`: a plain value, or `{ value }`; anything else is not known. */
function gitlabVariables(value: Data | undefined, into: Vars): Vars {
  const out: Vars = new Map(into);
  if (!isMap(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    const text = stringOf(isMap(v) ? v.value : v);
    out.set(key, text === undefined ? { unknown: `variable ${key} is not a plain value` } : text);
  }
  return out;
}

/**
 * Recipe lines of a Makefile, with make's own variables expanded (`$(CURDIR)`, simple assignments of the file); a
 * rule's lines are one shell under `.ONESHELL:`. A `.mk` file is included by a Makefile and runs in the folder make
 * runs in, which is not known here.
 */
export function readMakefile(file: BuildFile, text: string, sink: SourceSink): void {
  const dir: VarValue = file.path.endsWith('.mk')
    ? { unknown: 'a .mk file runs in the folder of the make that includes it' }
    : dirname(file.path);
  const oneShell = /^\.ONESHELL\s*:/m.test(text);
  const assigned = new Map<string, string | undefined>();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // Assignments: `NAME = value`, `NAME := value`, `NAME ?= value` (`!=` and `+=` leave the name unknown).
  for (const line of lines) {
    const match = /^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(::?=|:::=|\?=|\+=|!=|=)\s*(.*?)\s*$/.exec(
      line,
    );
    if (!match || line.startsWith('\t')) continue;
    const [, name, op, value] = match;
    if (op === '!=' || op === '+=') assigned.set(name, undefined);
    else if (op === '?=' && assigned.has(name)) continue;
    else assigned.set(name, value.replace(/\s+#.*$/, ''));
  }
  const makeVars: Vars = new Map();
  const names = new Map<string, string>();
  const expand = (value: string, depth: number): string =>
    value.replace(
      /\$(\$|\(([^()]*)\)|\{([^{}]*)\}|([A-Za-z_]))/g,
      (all, _x, paren?: string, brace?: string, single?: string) => {
        if (all === '$$') return '$';
        const name = paren ?? brace ?? single ?? '';
        if (name === 'CURDIR' && typeof dir === 'string') return dir;
        const value = assigned.get(name);
        if (value !== undefined && depth < 10 && !/\s/.test(name)) return expand(value, depth + 1);
        const key = `__layerfix_make_${names.size}`;
        names.set(key, `$(${name})`);
        makeVars.set(key, { unknown: `the make variable $(${name}) is not set in ${file.display}` });
        return `\${${key}}`;
      },
    );
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('\t')) continue;
    const start = i;
    let recipe = lines[i].slice(1).replace(/^[@+-]+/, '');
    while ((recipe.endsWith('\\') || (oneShell && lines[i + 1]?.startsWith('\t'))) && i + 1 < lines.length)
      recipe += `\n${lines[++i].replace(/^\t/, '').replace(oneShell ? /^[@+-]+/ : /^$/, '')}`;
    const command = expand(recipe, 0);
    readBuildCommands(
      command,
      {
        cwd: dir,
        vars: makeVars,
        file: file.display,
        line: start + 1,
        describe: (name) => names.get(name) ?? `$${name}`,
      },
      sink,
    );
  }
}

/** The `scripts` of a package.json, which npm, pnpm, Yarn and bun run in the package's folder (red team 32). */
export function readPackageScripts(file: BuildFile, text: string, sink: SourceSink): void {
  const manifest = readJsonc(text);
  if (!isMap(manifest) || !isMap(manifest.scripts)) return;
  for (const [name, script] of Object.entries(manifest.scripts)) {
    if (typeof script !== 'string') continue;
    const scope = { cwd: dirname(file.path), vars: new Map(), file: `${file.display}: scripts.${name}`, line: 1 };
    readBuildCommands(script, scope, sink);
  }
}

/** A shell script, run from the repository root (`cd "$(dirname "$0")"` and its like followed). */
export function readScript(file: BuildFile, text: string, sink: SourceSink): void {
  readBuildCommands(text, { cwd: file.root, vars: new Map(), file: file.display, line: 1, script: file.path }, sink);
}

/**
 * Paths as BuildKit's word expansion reads them (src/analysis/path-scopes.ts): a WORKDIR or COPY destination in quotes
 * names the same folder as without, and anything layerfix cannot expand is unknown.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { expandPath, pathScopes, shellFacts } from '../src/analysis/index.js';
import { parse, stages } from '../src/syntax/index.js';

const env = new Map<string, string | undefined>([
  ['APP', '/srv/app'],
  ['FROM_ARG', undefined],
]);

test('expandPath: plain, double-quoted and single-quoted words', () => {
  assert.is(expandPath('/src/Web', env), '/src/Web');
  assert.is(expandPath('"/src/Web"', env), '/src/Web');
  assert.is(expandPath("'/src/Web'", env), '/src/Web');
  assert.is(expandPath('$APP/web', env), '/srv/app/web');
  assert.is(expandPath('"${APP}/web"', env), '/srv/app/web');
  assert.is(expandPath('"/my app"', env), '/my app');
});

test('expandPath: unknown values, literal dollars, escapes and partial quotes are unknown', () => {
  for (const text of ['$FROM_ARG/web', '$UNSET', "'$APP'", '"/src"/Web', '/src/"Web"', '"/a\\"b"', '\\$APP', '`pwd`'])
    assert.is(expandPath(text, env), undefined, text);
});

test('a quoted WORKDIR sets the working directory it names', () => {
  const root = parse('FROM debian:bookworm\nWORKDIR "/src"\nWORKDIR "Api"\nRUN true\n');
  const run = stages(root)[0].instructions[2];
  assert.is(pathScopes(root).get(run.node)?.workdir, '/src/Api');
});

test('the pairs of one ENV expand variables as they were before it', () => {
  const root = parse('FROM debian:bookworm\nENV A=/old\nENV A=/new B=$A/x\nRUN true\n');
  const run = stages(root)[0].instructions[2];
  assert.is(pathScopes(root).get(run.node)?.env.get('B'), '/old/x');
});

test("Microsoft's .NET images for Linux start in / with the default PATH; chiseled and Windows ones are unknown", () => {
  const scopeOf = (image: string) => {
    const root = parse(`FROM ${image}\nRUN true\n`);
    return pathScopes(root).get(stages(root)[0].instructions[0].node)!;
  };
  for (const image of [
    'mcr.microsoft.com/dotnet/aspnet:10.0-alpine3.23',
    'mcr.microsoft.com/dotnet/sdk:8.0',
    'mcr.microsoft.com/dotnet/runtime-deps:9.0-bookworm-slim',
  ]) {
    assert.is(scopeOf(image).workdir, '/', image);
    assert.ok(scopeOf(image).searchPath?.includes('/usr/bin'), image);
  }
  for (const image of [
    'mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled',
    'mcr.microsoft.com/dotnet/runtime:8.0-azurelinux3.0-distroless',
    'mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022',
    'mcr.microsoft.com/dotnet/monitor:8',
    'mcr.microsoft.com/dotnet/aspnet@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  ])
    assert.is(scopeOf(image).searchPath, undefined, image);
});

test('Docker Hub under each of its names: registry.docker.com/library/ruby is the official ruby image', () => {
  const facts = (image: string) => {
    const root = parse(`FROM ${image}\nRUN true\n`);
    const run = stages(root)[0].instructions[0].node;
    return { os: shellFacts(root).get(run)?.os.os, workdir: pathScopes(root).get(run)?.workdir };
  };
  for (const image of ['registry.docker.com/library/ruby:3.4-slim', 'registry-1.docker.io/library/ruby:3.4-slim'])
    assert.equal(facts(image), { os: 'linux', workdir: '/' }, image);
  for (const image of ['registry.docker.com/microsoft/iis', 'docker.io/microsoft/dotnet:2.1-sdk'])
    assert.is.not(facts(image).os, 'linux', image);
});

test("official images' own PATH folders and HOME: golang's /go/bin, mongo's HOME, and a rootless docker image (red team 23)", () => {
  const scopeOf = (image: string) => {
    const root = parse(`FROM ${image}\nRUN true\n`);
    return pathScopes(root).get(stages(root)[0].instructions[0].node)!;
  };
  assert.equal(scopeOf('golang:1.23').searchPath?.slice(0, 3), ['/go/bin', '/usr/local/go/bin', '/usr/local/sbin']);
  assert.equal(scopeOf('rust:1.80-slim').searchPath?.[0], '/usr/local/cargo/bin');
  assert.equal(scopeOf('node:20').searchPath?.[0], '/usr/local/sbin');
  assert.is(scopeOf('eclipse-temurin:21').searchPath?.[0], '/opt/java/openjdk/bin');
  for (const image of ['openjdk:17', 'postgres:16', 'tomcat:10'])
    assert.is(scopeOf(image).searchPath, undefined, image);
  assert.is(scopeOf('mongo:7').home, undefined, 'mongo sets HOME=/data/db');
  assert.is(scopeOf('python:3.12').home, '/root');
  assert.is(scopeOf('docker:27-dind-rootless').searchPath, undefined, 'runs as the user rootless');
});

test.run();

#!/usr/bin/env node
// Picks the corpus sample of the real-build suite by the rule in test/real-build/corpus-pick.ts and writes
// test/real-build/corpus-sample.json. Needs `npx tsc -p .` first and apt lists (`apt-get update`) for the size check.
// Usage: node scripts/real-build/pick-corpus.mjs [--max N] [--dry-run]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const { transform } = await import(join(root, 'dist/src/index.js'));
const { RULE, judge, corpusFiles, readCorpusFile } = await import(join(root, 'dist/test/real-build/corpus-pick.js'));
const { corpusRealDir, CORPUS_SAMPLE } = await import(join(root, 'dist/test/real-build/cases.js'));

const args = process.argv.slice(2);
const max = args.includes('--max') ? Number(args[args.indexOf('--max') + 1]) : 20;
const dir = corpusRealDir();
const picked = [];
const reasons = new Map();
for (const file of corpusFiles(dir)) {
  const text = readCorpusFile(dir, file);
  let changedAtAll = false;
  const verdict = await judge(file, text, async (t) => {
    const changed = (await transform(t, {})).changed;
    if (t === text) changedAtAll = changed;
    return changed;
  });
  if (verdict.picked) picked.push(verdict);
  else if (changedAtAll) console.log(`  no  ${file}: ${verdict.why}`);
  const key = verdict.picked ? 'picked' : verdict.why.replace(/ .*$/, '');
  reasons.set(key, (reasons.get(key) ?? 0) + 1);
}
// The same text twice (e.g. one image's Dockerfile in several version folders) proves nothing new: keep the first.
const seen = new Set();
for (const v of picked.splice(0)) {
  const text = readCorpusFile(dir, v.file);
  const body =
    v.lines === undefined
      ? text
      : text
          .split(/(?<=\n)/)
          .slice(0, v.lines)
          .join('');
  if (seen.has(body)) console.log(`  dup ${v.file}: the same text as an earlier pick`);
  else picked.push(v);
  seen.add(body);
}
for (const v of picked) console.log(`  yes ${v.file}: ${v.why}`);
// More than `max`: keep an even spread over the list (sorted by path), so no one repository dominates.
const chosen =
  picked.length <= max ? picked : Array.from({ length: max }, (_, i) => picked[Math.floor((i * picked.length) / max)]);
console.log(`${picked.length} files fit the rule, ${chosen.length} kept (at most ${max}); corpus: ${dir}`);
if (!args.includes('--dry-run')) {
  writeFileSync(
    CORPUS_SAMPLE,
    JSON.stringify(
      {
        rule: RULE,
        files: chosen.map(({ file, lines, why }) => ({ file, ...(lines !== undefined ? { lines } : {}), why })),
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`wrote ${CORPUS_SAMPLE}`);
}

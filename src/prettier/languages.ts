/**
 * The languages the prettier plugin formats: Dockerfiles and Containerfiles, by the same names the CLI finds.
 */
import { basename } from 'node:path';
import type { SupportLanguage } from 'prettier';
import { isDockerfileName } from '../runner/names.js';

/** Dockerfile as a prettier language, by the names the CLI finds (`isDockerfileName`). */
export const dockerfileLanguage: SupportLanguage = {
  name: 'Dockerfile',
  parsers: ['dockerfile'],
  aliases: ['Containerfile'],
  extensions: ['.dockerfile', '.containerfile'],
  filenames: ['Dockerfile', 'dockerfile', 'Containerfile'],
  linguistLanguageId: 89,
  tmScope: 'source.dockerfile',
  aceMode: 'dockerfile',
  codemirrorMode: 'dockerfile',
  codemirrorMimeType: 'text/x-dockerfile',
  vscodeLanguageIds: ['dockerfile'],
  isSupported: ({ filepath }) => isDockerfileName(basename(filepath)),
};

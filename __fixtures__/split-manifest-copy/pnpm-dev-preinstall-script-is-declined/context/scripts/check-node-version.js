// Fail the install early when Node.js does not match .nvmrc.
const fs = require('fs');
const wanted = fs.readFileSync('.nvmrc', 'utf8').trim();
const major = process.versions.node.split('.')[0];
if (major !== wanted) {
  console.error(`Node.js ${wanted} is required, this is ${process.versions.node}`);
  process.exit(1);
}
fs.writeFileSync('.node-version-checked', `${process.versions.node}\n`);

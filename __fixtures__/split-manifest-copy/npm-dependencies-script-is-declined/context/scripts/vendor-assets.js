// Copy browser builds of dependencies into public/vendor whenever node_modules changes
const fs = require('fs');
const path = require('path');
const out = path.join(__dirname, '..', 'public', 'vendor');
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(require.resolve('ms'), path.join(out, 'ms.js'));
console.log('vendored ms into public/vendor');

const fs = require('fs')
// Pin ms to the patched release when the app ships the legacy time parser.
const legacy = fs.existsSync('src/legacy-time.js')
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (legacy && pkg.name === 'debug') pkg.dependencies.ms = '2.1.3'
      return pkg
    },
  },
}

const path = require('path');
// Transitive versions pinned by the platform team
const pinned = require(path.join(__dirname, 'config', 'pinned-versions.json'));

module.exports = {
  hooks: {
    readPackage(pkg) {
      for (const deps of [pkg.dependencies, pkg.optionalDependencies]) {
        if (!deps) continue;
        for (const name of Object.keys(deps)) if (pinned[name]) deps[name] = pinned[name];
      }
      return pkg;
    },
  },
};

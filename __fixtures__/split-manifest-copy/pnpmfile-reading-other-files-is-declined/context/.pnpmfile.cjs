const pins = require('./config/pins.json');
module.exports = { hooks: { readPackage(pkg) { Object.assign(pkg.dependencies ?? {}, pins[pkg.name]); return pkg; } } };

module.exports = require('./build/Release/fast_hash.node');

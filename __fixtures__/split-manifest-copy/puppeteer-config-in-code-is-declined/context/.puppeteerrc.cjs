module.exports = { cacheDirectory: require('path').join(__dirname, '.cache') };

const ms = require('ms');
module.exports = (name) => `Hello, ${name}! (cache for ${ms(3600000)})`;

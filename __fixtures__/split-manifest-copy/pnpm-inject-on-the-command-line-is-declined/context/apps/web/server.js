const greet = require('@acme/greeting');
console.log(greet('world'));

console.log(require('lodash').VERSION);

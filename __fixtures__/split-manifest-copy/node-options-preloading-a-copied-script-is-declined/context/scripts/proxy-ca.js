require('https').globalAgent.options.ca = require('fs').readFileSync('/app/scripts/ca.pem');

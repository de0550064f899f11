// Trust the company proxy's CA, when the repository holds one, in every node process (npm included).
const fs = require('fs');
const ca = '/app/scripts/ca.pem';
if (fs.existsSync(ca)) require('https').globalAgent.options.ca = fs.readFileSync(ca);

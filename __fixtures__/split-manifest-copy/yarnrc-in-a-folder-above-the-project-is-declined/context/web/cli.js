const { program } = require("commander"); program.parse(); console.log("ok");

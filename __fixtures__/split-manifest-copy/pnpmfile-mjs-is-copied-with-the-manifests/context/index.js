console.log(require("ms/package.json").version)

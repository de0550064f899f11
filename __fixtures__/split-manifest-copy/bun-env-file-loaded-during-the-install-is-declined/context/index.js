console.log(require("@acme/greet")())

console.log(require("greet"))

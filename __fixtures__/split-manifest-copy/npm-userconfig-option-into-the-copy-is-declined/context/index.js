console.log(require("left-pad")("x", 3))

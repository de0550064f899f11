module.exports = (n) => require("ms")(n);

console.log(require("@acme/shared")(60000));

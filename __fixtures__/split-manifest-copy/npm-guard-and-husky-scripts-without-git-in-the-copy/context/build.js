require("fs").writeFileSync("dist.txt", "built")

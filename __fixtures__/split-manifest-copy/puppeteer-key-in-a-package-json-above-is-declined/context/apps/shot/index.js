console.log("shot")

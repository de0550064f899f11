require "json"
puts JSON.generate(status: "ok")

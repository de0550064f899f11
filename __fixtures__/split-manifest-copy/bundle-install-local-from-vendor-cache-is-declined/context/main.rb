require "json/pure"
puts JSON.generate(ok: true)

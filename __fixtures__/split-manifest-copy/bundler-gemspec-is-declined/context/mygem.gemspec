Gem::Specification.new

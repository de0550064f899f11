Gem::Specification.new do |s|
  s.name = "billing"
  s.version = "0.1.0"
  s.summary = "Billing engine"
  s.authors = ["Platform team"]
  s.files = ["lib/billing.rb"]
end

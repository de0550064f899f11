require "billing"
puts Billing::RATE

module Billing
  RATE = 20
end

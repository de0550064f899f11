module Invoice
let total = 0

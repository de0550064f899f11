module example.com/api

go 1.22

require example.com/proto v0.0.0

replace example.com/proto => ../proto

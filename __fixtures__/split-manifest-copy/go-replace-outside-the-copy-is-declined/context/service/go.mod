module example.com/service

go 1.22

replace example.com/shared => ../shared
